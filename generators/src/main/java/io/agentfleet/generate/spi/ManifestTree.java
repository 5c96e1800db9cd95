package io.agentfleet.generate.spi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** The generated tree in memory: relative path → file, sorted by path. */
public final class ManifestTree {
  private final SortedMap<String, ManifestFile> files = new TreeMap<>();

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

  /** Every Kubernetes object of the tree, in path then document order. */
  public List<HasMetadata> resources() {
    List<HasMetadata> all = new ArrayList<>();
    files.values().forEach(f -> f.documents().forEach(d -> all.add(d.resource())));
    return all;
  }

  /** Replaces every object with what {@code change} makes of it, keeping comments and order. */
  public ManifestTree map(UnaryOperator<HasMetadata> change) {
    ManifestTree out = new ManifestTree();
    files.values().forEach(f -> {
      List<Document> docs = new ArrayList<>();
      f.documents().forEach(d -> docs.add(new Document(change.apply(d.resource()), d.comment())));
      out.add(new ManifestFile(f.path(), docs, f.text()));
    });
    return out;
  }
}
