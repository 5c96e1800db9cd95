package io.agentfleet.generate.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The generated tree in memory: relative path → file, sorted by path. */
public final class ManifestTree {
  private final SortedMap<String, ManifestFile> files = new TreeMap<>();
  /**
   * The JSON tree of each object not yet frozen, made once: a decorator's notes and the freezing of its file read the
   * same one. Keyed by the object, so a document that keeps its object (new notes, a decorator that changed nothing)
   * keeps its tree.
   */
  private final Map<HasMetadata, ObjectNode> json = new IdentityHashMap<>();
  /** Builds those trees with each repeated key and text held once: a large tree holds them all until it is rendered. */
  private SharingNodeFactory nodes;

  public ManifestTree() {
    this(0);
  }

  /**
   * A tree about to hold about {@code files} files: its index of shared parts is made that large at once (a file of
   * a large fleet adds about 30 parts to it), rather than grown by doubling, each doubling copying every entry.
   */
  public ManifestTree(int files) {
    nodes = new SharingNodeFactory(files * PARTS_PER_FILE);
  }

  /** Distinct parts a file adds to the index: 28.5 for a sub-agent's file (286 181 for 10 036 files), 30 for 46. */
  private static final int PARTS_PER_FILE = 32;

  /** Adds a file; two generators writing the same path is a bug, reported as such. */
  public ManifestTree add(ManifestFile file) {
    ManifestFile previous = files.putIfAbsent(file.path(), file);
    if (previous != null) {
      throw new IllegalStateException("two generators write " + file.path());
    }
    return this;
  }

  public ManifestTree addAll(Collection<ManifestFile> more) {
    more.forEach(this::add);
    return this;
  }

  public SortedMap<String, ManifestFile> files() {
    return Collections.unmodifiableSortedMap(files);
  }

  /**
   * The document as the JSON tree that is written ({@link YamlRenderer#toTree}): a frozen document's own, else made
   * once per object (objects are not changed once they are in a tree; a decorator makes a new one).
   */
  public ObjectNode json(Document document) {
    ObjectNode frozen = document.frozenJson();
    return frozen != null ? frozen : json(document.resource());
  }

  /** {@link #json(Document)} of an object, whether in this tree or about to be (a decorator's result). */
  public ObjectNode json(HasMetadata resource) {
    SharingNodeFactory factory;
    synchronized (this) {
      ObjectNode known = json.get(resource);
      if (known != null) {
        return known;
      }
      factory = nodes;
    }
    // Made outside the lock, so that several threads convert objects at once; the first one made is kept.
    ObjectNode made = YamlRenderer.toTree(resource, factory);
    synchronized (this) {
      ObjectNode raced = json.putIfAbsent(resource, made);
      return raced != null ? raced : made;
    }
  }

  /**
   * The document's JSON tree, then forgotten by this tree: its freezing's read, the last one, so that the tree does not
   * keep the object alive.
   */
  public ObjectNode takeJson(Document document) {
    ObjectNode frozen = document.frozenJson();
    if (frozen != null) {
      return frozen;
    }
    SharingNodeFactory factory;
    synchronized (this) {
      ObjectNode cached = json.remove(document.resource());
      if (cached != null) {
        return cached;
      }
      factory = nodes;
    }
    return YamlRenderer.toTree(document.resource(), factory);
  }

  /**
   * The file with each document as its JSON tree alone ({@link Document#frozen}), made with this tree's node factory
   * (or taken from its cache, which then forgets it). Once a tree is decorated, everything after reads JSON; a large
   * tree held as JSON trees takes about half the memory of its objects, and an object whose file is frozen as soon as
   * it is made is let go young.
   */
  public ManifestFile freeze(ManifestFile file) {
    if (!file.isYaml()) {
      return file;
    }
    List<Document> docs = new ArrayList<>(file.documents().size());
    for (Document d : file.documents()) {
      docs.add(d.frozenJson() != null ? d : d.frozen(takeJson(d)));
    }
    return new ManifestFile(file.path(), docs, file.text());
  }

  /**
   * Forgets the JSON trees made so far and their node factory: once the tree is frozen, nothing is to keep them. The
   * factory's index of shared parts goes too (every frozen node still points at its factory).
   */
  public synchronized void releaseJson() {
    json.clear();
    nodes.forgetShapes();
    nodes = new SharingNodeFactory();
  }

  /**
   * Every Kubernetes object of the tree, in path then document order (a frozen document's read back from its JSON
   * tree, {@link Document#resource()}).
   */
  public List<HasMetadata> resources() {
    List<HasMetadata> all = new ArrayList<>();
    files.values().forEach(f -> f.documents().forEach(d -> all.add(d.resource())));
    return all;
  }
}
