package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the wiring needs to know about a generated tree, read from the objects themselves (never from a list of
 * expected folders): which top-level folders hold Kubernetes objects, their files, and every object as the JSON that
 * will be written. Folders the wiring itself makes ({@code ci-cd}, {@code migration}) are not deployable folders.
 */
public final class TreeFacts {
  /** Folders made by the wiring: never applied as part of the fleet. */
  public static final SortedSet<String> WIRING_FOLDERS = new TreeSet<>(List.of("ci-cd", "migration"));

  /**
   * One object of the tree: its folder, file, and JSON as rendered, with its identity (API version and group, kind,
   * name, namespace: empty for a cluster-scoped object, the generators set it on every namespaced one) read once.
   */
  public record Obj(String folder, String path, JsonNode json, String apiVersion, String group, String kind,
      String name, String namespace) {
    public Obj(String folder, String path, JsonNode json) {
      this(folder, path, json, json.path("apiVersion").asText(""), groupOf(json.path("apiVersion").asText("")),
          json.path("kind").asText(""), json.path("metadata").path("name").asText(""),
          json.path("metadata").path("namespace").asText(""));
    }

    public boolean clusterScoped() {
      return namespace.isEmpty();
    }

    public boolean is(String group, String kind) {
      return this.kind.equals(kind) && this.group.equals(group);
    }

    /** The object's JSON size: a stand-in for the {@code last-applied-configuration} annotation client-side apply writes. */
    public int size() {
      return (int) Json.jsonSize(json, false, Integer.MAX_VALUE - 1);
    }

    /** Whether {@link #size()} is above {@code limit}, counting no further than the limit. */
    public boolean sizeAbove(int limit) {
      return Json.jsonSizeAbove(json, false, limit);
    }
  }

  private final SortedMap<String, List<Obj>> byFolder = new TreeMap<>();
  private final SortedMap<String, SortedSet<String>> files = new TreeMap<>();

  private TreeFacts() {}

  /** Reads the tree: every YAML file under a top-level folder that holds at least one object. */
  public static TreeFacts of(ManifestTree tree) {
    TreeFacts facts = new TreeFacts();
    for (ManifestFile f : tree.files().values()) {
      int slash = f.path().indexOf('/');
      if (slash < 0 || !f.isYaml() || f.documents().isEmpty()) {
        continue;
      }
      String folder = f.path().substring(0, slash);
      if (WIRING_FOLDERS.contains(folder)) {
        continue;
      }
      facts.files.computeIfAbsent(folder, k -> new TreeSet<>()).add(f.path().substring(slash + 1));
      List<Obj> objs = facts.byFolder.computeIfAbsent(folder, k -> new ArrayList<>());
      f.documents().forEach(d -> objs.add(new Obj(folder, f.path(), tree.json(d))));
    }
    return facts;
  }

  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The deployable folders, sorted by name (the dependency graph orders them). */
  public SortedSet<String> folders() {
    return new TreeSet<>(byFolder.keySet());
  }

  /** The YAML files of a folder, relative to it, sorted. */
  public SortedSet<String> files(String folder) {
    return files.getOrDefault(folder, new TreeSet<>());
  }

  public List<Obj> objects(String folder) {
    return byFolder.getOrDefault(folder, List.of());
  }

  /**
   * The most objects one unit (one kustomization) may apply. Every way the tree reaches a cluster goes through one
   * kustomization at a time: an Argo CD Application and a Flux Kustomization each apply one, and
   * {@code migration/deploy.sh} applies them one by one. Past about 3 000 objects in one, two things fail:
   * <ul>
   *   <li>Argo CD keeps an entry per managed object in the Application's {@code status.resources}
   *       (argoproj/argo-cd pkg/apis/application/v1alpha1 ApplicationStatus) and another per object of the last sync,
   *       and an object is stored in etcd, which takes at most 1.5 MiB in one request by default (etcd.io/docs
   *       "System limits"): an Application of about 3 000 objects failed to record its sync for that reason
   *       (argoproj/argo-cd#14486, open); deployKF/deployKF#224 measured 367 KB of {@code status.resources} alone for
   *       1 700 objects. A Flux Kustomization's inventory, about 70 bytes an object, holds some 20 000.</li>
   *   <li>{@code kustomize build}, which Argo CD, Flux and {@code kubectl apply -k} all run, takes time that grows with
   *       the square of a kustomization's objects (kubernetes-sigs/kustomize#5084, open: 4 000 objects, 45 s). Measured
   *       here with kubectl 1.32's kustomize on sub-agent files: 1 148 objects 3.3 s, 2 264 objects 13 s; a single
   *       kustomization of 10 000 sub-agents (71 666 objects) had not finished after 11 minutes.</li>
   * </ul>
   */
  public static final int MAX_UNIT_OBJECTS = 3_000;

  /**
   * What one kustomization, one Argo CD Application and one Flux Kustomization apply: a whole folder, or one
   * subfolder of a folder split in parts ({@code part} empty for a whole folder). {@code path} is relative to the tree.
   */
  public record Unit(String folder, String part, String path) {
    /** The unit's name among the folder's: the folder's own, or {@code folder-part}. */
    public String name() {
      return part.isEmpty() ? folder : folder + "-" + part;
    }
  }

  /**
   * The units of a folder, sorted: its subfolders when every file of the folder sits in one directly beneath it
   * ({@code sub-agents/shard-03/…}, so that no Application holds more objects than it can record), else the folder.
   * Derived from the files, so a folder split by hand is applied the same way.
   */
  public List<Unit> units(String folder) {
    SortedSet<String> parts = new TreeSet<>();
    for (String file : files(folder)) {
      int slash = file.indexOf('/');
      if (slash < 0 || file.indexOf('/', slash + 1) >= 0) {
        return List.of(new Unit(folder, "", folder));
      }
      parts.add(file.substring(0, slash));
    }
    List<Unit> units = new ArrayList<>();
    parts.forEach(part -> units.add(new Unit(folder, part, folder + "/" + part)));
    return units;
  }

  /** The units of a folder in order ({@link #units}) with the objects each applies, in one pass over the folder. */
  public Map<Unit, List<Obj>> unitObjects(String folder) {
    List<Unit> units = units(folder);
    LinkedHashMap<Unit, List<Obj>> out = new LinkedHashMap<>();
    Map<String, List<Obj>> byPath = new HashMap<>();
    units.forEach(u -> {
      List<Obj> objs = new ArrayList<>();
      out.put(u, objs);
      byPath.put(u.path(), objs);
    });
    if (units.size() == 1 && units.get(0).part().isEmpty()) {
      out.put(units.get(0), objects(folder));
      return out;
    }
    for (Obj o : objects(folder)) {
      byPath.get(o.path().substring(0, o.path().lastIndexOf('/'))).add(o);
    }
    return out;
  }

  /** The files of a unit, relative to its own folder, sorted. */
  public SortedSet<String> files(Unit unit) {
    if (unit.part().isEmpty()) {
      return files(unit.folder());
    }
    SortedSet<String> out = new TreeSet<>();
    String prefix = unit.part() + "/";
    files(unit.folder()).forEach(f -> {
      if (f.startsWith(prefix)) {
        out.add(f.substring(prefix.length()));
      }
    });
    return out;
  }

  public List<Obj> all() {
    List<Obj> all = new ArrayList<>();
    byFolder.values().forEach(all::addAll);
    return all;
  }

  /** API groups the folder's objects use. */
  public SortedSet<String> groups(String folder) {
    java.util.Set<String> groups = new java.util.HashSet<>();
    objects(folder).forEach(o -> groups.add(o.group()));
    return new TreeSet<>(groups);
  }

  /** Every namespace objects live in, plus namespaces the tree creates. */
  public SortedSet<String> namespaces() {
    SortedSet<String> ns = new TreeSet<>();
    for (Obj o : all()) {
      if (!o.clusterScoped()) {
        ns.add(o.namespace());
      }
      if (o.is("", "Namespace")) {
        ns.add(o.name());
      }
    }
    return ns;
  }

  /** {@code group/Kind} of every cluster-scoped object (group empty for the core group), sorted. */
  public SortedSet<String> clusterKinds() {
    return kinds(true);
  }

  /** {@code group/Kind} of every namespaced object, sorted. */
  public SortedSet<String> namespacedKinds() {
    return kinds(false);
  }

  /** {@code group/Kind} of the cluster-scoped or the namespaced objects: told apart by pair, named once each. */
  private SortedSet<String> kinds(boolean clusterScoped) {
    record Kind(String group, String kind) {}
    java.util.Set<Kind> kinds = new java.util.HashSet<>();
    byFolder.values().forEach(objs -> objs.forEach(o -> {
      if (o.clusterScoped() == clusterScoped) {
        kinds.add(new Kind(o.group(), o.kind()));
      }
    }));
    SortedSet<String> named = new TreeSet<>();
    kinds.forEach(k -> named.add(k.group() + "/" + k.kind()));
    return named;
  }

  /** The object a reference names, anywhere in the tree. */
  public Optional<Obj> find(String group, String kind, String namespace, String name) {
    return all().stream().filter(o -> o.is(group, kind) && o.namespace().equals(namespace) && o.name().equals(name))
        .findFirst();
  }
}
