package io.agentfleet.generate.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.FolderGraph;
import io.agentfleet.generate.inspect.TreeFacts;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The app-of-apps and one Application per folder of the tree (per part of a folder in parts, {@link TreeFacts#units}),
 * in the sync waves of {@link FolderGraph}.
 */
final class FolderApplications {
  /** Kinds whose objects hold data: their folder's Application has no cascading-delete finalizer. */
  private static final SortedSet<String> STATEFUL = new TreeSet<>(List.of("/PersistentVolumeClaim",
      "apps/StatefulSet", "postgresql.cnpg.io/Cluster", "acid.zalan.do/postgresql"));

  private FolderApplications() {}

  /**
   * The app-of-apps: syncs {@code ci-cd/argocd.yaml} itself, and {@code ci-cd/operators.yaml} when it installs them.
   * A directory source's {@code include} is one glob; several are wrapped in {@code {}} and separated by commas.
   * Verified in argoproj/argo-cd@41d4887b4d37596f16180d5ddf9dec51cacbf3f9: docs/user-guide/directory.md ("Including
   * Only Certain Files").
   */
  static Document root(Fleet fleet, String repo, String path, boolean operators) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", fleet.gitops().argocd().project());
    spec.put("source", Map.of("repoURL", repo, "targetRevision", fleet.gitops().revision(), "path", path + "/ci-cd",
        "directory", Map.of("include", operators ? "{argocd.yaml," + ArgoCdWiring.OPERATORS_FILE + "}" : "argocd.yaml")));
    spec.put("destination", Map.of("server", ArgoCdWiring.IN_CLUSTER, "namespace", fleet.gitops().argocd().namespace()));
    spec.put("syncPolicy", ArgoCdWiring.syncPolicy(false, false, false));
    return Document.of(ArgoCdWiring.resource("Application", ArgoCdWiring.meta(fleet, fleet.name(), Map.of()), spec),
        (operators ? """
        The app-of-apps: syncs this file and operators.yaml (ci-cd/ also holds the Flux objects and the workflow),
        so it manages the projects and the Applications below, itself included, and the cluster's operators.
        Bootstrap once (ci-cd/README.md): `kubectl apply -f ci-cd/operators.yaml -f ci-cd/argocd.yaml` after
        merging ci-cd/argocd-cm.yaml; after that, Git is the only way in."""
        : """
        The app-of-apps: syncs this file only (ci-cd/ also holds the Flux objects and the workflow), so it manages
        the project and the Applications below, itself included; the cluster's operators are synced by the
        environment that installs them (ci-cd/README.md). Bootstrap once: `kubectl apply -f ci-cd/argocd.yaml`
        after merging ci-cd/argocd-cm.yaml; after that, Git is the only way in.""") + """
         Its children sync in the order of their sync-wave annotations, each wave waiting for the previous
        one to be Healthy: that needs the Application health check of ci-cd/argocd-cm.yaml.""");
  }

  /**
   * The Application of one folder, or of one part of a folder split in parts (its unit): the folder's wave, its sync
   * options, what it must not reset or delete.
   */
  static Document of(Fleet fleet, TreeFacts.Unit unit, List<TreeFacts.Obj> objs, FolderGraph.Node node,
      String repo, String path) {
    String folder = unit.path();
    boolean serverSide = objs.stream().anyMatch(o -> o.sizeAbove(ArgoCdWiring.SERVER_SIDE_APPLY_ABOVE_BYTES));
    boolean stateful = objs.stream().anyMatch(o -> STATEFUL.contains(o.group() + "/" + o.kind()));
    List<Map<String, Object>> ignore = ignoreReplicas(objs);
    SortedSet<String> ns = new TreeSet<>();
    objs.stream().filter(o -> !o.clusterScoped()).forEach(o -> ns.add(o.namespace()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", fleet.gitops().argocd().project());
    spec.put("source", Map.of("repoURL", repo, "targetRevision", fleet.gitops().revision(), "path", path + "/" + folder));
    spec.put("destination", Map.of("server", ArgoCdWiring.IN_CLUSTER, "namespace", ns.isEmpty() ? fleet.namespace()
        : ns.contains(fleet.namespace()) ? fleet.namespace() : ns.first()));
    spec.put("syncPolicy", ArgoCdWiring.syncPolicy(serverSide, !ignore.isEmpty(), false));
    if (!ignore.isEmpty()) {
      spec.put("ignoreDifferences", ignore);
    }
    ObjectMeta meta = ArgoCdWiring.meta(fleet, ArgoCdWiring.appName(fleet, unit.name()),
        Map.of(ArgoCdWiring.WAVE, Integer.toString(node.wave())));
    if (!stateful) {
      meta.setFinalizers(List.of("resources-finalizer.argocd.argoproj.io"));
    }
    StringBuilder why = new StringBuilder("Folder " + folder + "/, wave " + node.wave());
    if (!unit.part().isEmpty()) {
      why.append(" (one part of ").append(unit.folder()).append("/: its parts share the wave)");
    }
    why.append(node.needs().isEmpty() ? ": needs nothing before it." : ": after " + String.join(", ", node.needs()) + ".");
    why.append("\nAutomated sync prunes what Git no longer has and undoes changes made by hand (selfHeal).");
    if (!ignore.isEmpty()) {
      Optional<Map<String, Object>> whole = ignore.stream().filter(e -> !e.containsKey("name")).findFirst();
      why.append(whole.isPresent()
          ? "\nEvery " + whole.get().get("kind") + " of this folder has an autoscaler, which owns its spec.replicas:"
              + "\nthe manifests omit it, and under ignoreDifferences (one entry for all of them, without a name) Argo CD"
              + "\nneither diffs nor resets it (RespectIgnoreDifferences also applies it on sync)."
          : "\nAn autoscaler owns spec.replicas of the Deployments listed under ignoreDifferences: the manifests"
              + "\nomit it, and Argo CD neither diffs nor resets it (RespectIgnoreDifferences also applies it on sync).");
    }
    if (serverSide) {
      why.append("\nServer-side apply: an object here is too large for client-side apply's last-applied annotation.");
    }
    why.append(stateful
        ? "\nNo resources finalizer: this folder holds data, so deleting the Application leaves its objects in place."
        : "\nThe resources finalizer deletes this folder's objects when the Application is deleted.");
    return Document.of(ArgoCdWiring.resource("Application", meta, spec), why.toString());
  }

  /**
   * {@code /spec/replicas} of every workload an HPA or a KEDA ScaledObject of the folder scales. When every object of
   * a kind in the folder is scaled (the sub-agents' Deployments, as a rule), one entry without a name covers them all:
   * Argo CD applies an entry to every object of its group and kind whose name and namespace match, an empty one
   * matching any (argoproj/argo-cd {@code util/argo/normalizers/diff_normalizer.go}, {@code ignoreNormalizer.Normalize}),
   * so the Application stays the same size however many sub-agents the folder holds. A list of 10 000 names made
   * the sub-agents' Application 1.4 MB, near the 1.5 MiB an object may take in etcd.
   */
  private static List<Map<String, Object>> ignoreReplicas(List<TreeFacts.Obj> objs) {
    // Scaled objects by group and kind, then by namespace/name: hashed, since a folder may hold thousands, and
    // sorted only when each is named.
    SortedMap<String, Map<String, Target>> byKind = new TreeMap<>();
    for (TreeFacts.Obj o : objs) {
      if (o.is("autoscaling", "HorizontalPodAutoscaler") || o.is("keda.sh", "ScaledObject")) {
        JsonNode ref = o.json().path("spec").path("scaleTargetRef");
        Target t = new Target(TreeFacts.groupOf(ref.path("apiVersion").asText("apps/v1")),
            ref.path("kind").asText("Deployment"), o.namespace(), ref.path("name").asText(""));
        byKind.computeIfAbsent(t.group() + "/" + t.kind(), k -> new HashMap<>()).put(t.namespace() + "/" + t.name(), t);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    byKind.values().forEach(scaled -> {
      Target any = scaled.values().iterator().next();
      Set<String> present = new HashSet<>();
      Set<String> namespaces = new HashSet<>();
      for (TreeFacts.Obj o : objs) {
        if (o.is(any.group(), any.kind())) {
          present.add(o.namespace() + "/" + o.name());
          namespaces.add(o.namespace());
        }
      }
      if (scaled.size() > 1 && present.equals(scaled.keySet()) && namespaces.size() == 1) {
        // All in one namespace: the entry names group, kind and that namespace, the same for any of them.
        out.add(any.entry(false));
      } else {
        new TreeMap<>(scaled).values().forEach(t -> out.add(t.entry(true)));
      }
    });
    return out;
  }

  /** The object an autoscaler scales. */
  private record Target(String group, String kind, String namespace, String name) {
    /** Its {@code ignoreDifferences} entry: this object's, or without a name, every one of its kind. */
    Map<String, Object> entry(boolean named) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("group", group);
      entry.put("kind", kind);
      if (named) {
        entry.put("name", name);
      }
      entry.put("namespace", namespace);
      entry.put("jsonPointers", List.of("/spec/replicas"));
      return entry;
    }
  }

}
