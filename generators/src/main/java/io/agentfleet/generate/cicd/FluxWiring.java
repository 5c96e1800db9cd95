package io.agentfleet.generate.cicd;

import io.agentfleet.generate.inspect.FolderGraph;
import io.agentfleet.generate.inspect.TreeFacts;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.GitOps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ci-cd/flux.yaml}: a GitRepository and one Kustomization per folder (per part of a folder split in parts,
 * {@link TreeFacts#units}), each depending on the folders it needs
 * in {@link FolderGraph}, waiting for its objects to be healthy and pruning what Git no longer has.
 */
final class FluxWiring {
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{40}$");

  private FluxWiring() {}

  /** The Kustomization of a folder or of a part of one ({@link TreeFacts.Unit#name()}). */
  static String kustomizationName(Fleet fleet, String unit) {
    return fleet.name() + "-" + unit;
  }

  static List<Document> documents(Fleet fleet, TreeFacts facts, FolderGraph graph, String path) {
    GitOps g = fleet.gitops();
    List<Document> docs = new ArrayList<>();
    Map<String, Object> repoSpec = new LinkedHashMap<>();
    repoSpec.put("interval", g.flux().interval().toString());
    repoSpec.put("url", g.repository().orElseThrow());
    repoSpec.put("ref", ref(g.revision()));
    repoSpec.put("ignore", ignoreAllBut(path));
    docs.add(Document.of(new GenericKubernetesResourceBuilder().withApiVersion("source.toolkit.fluxcd.io/v1")
        .withKind("GitRepository").withMetadata(meta(fleet, fleet.name()))
        .withAdditionalProperties(Map.of("spec", repoSpec)).build(),
        """
        The repository holding the tree; Flux fetches only the tree's folder (ignore). A private repository
        needs spec.secretRef naming a Secret with its credentials, created outside Git.
        Bootstrap once: `kubectl apply -f ci-cd/flux.yaml` (Flux's controllers must be installed)."""));
    for (FolderGraph.Node n : graph.folders()) {
      List<Map<String, String>> dependsOn = new ArrayList<>();
      graph.folderNeeds(n.name()).stream().sorted((a, b) -> Integer.compare(
              graph.node(a).orElseThrow().wave(), graph.node(b).orElseThrow().wave()))
          .forEach(d -> facts.units(d).forEach(u ->
              dependsOn.add(Map.of("name", kustomizationName(fleet, u.name())))));
      List<String> folders = List.copyOf(graph.folderNeeds(n.name()));
      String needs = dependsOn.isEmpty() ? "needs no other folder"
          : "starts once " + String.join(", ", folders) + (folders.size() == 1 ? " is" : " are") + " Ready";
      List<String> operators = new ArrayList<>(graph.operatorNeeds(n.name()));
      for (TreeFacts.Unit unit : facts.units(n.name())) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", g.flux().interval().toString());
        spec.put("retryInterval", "1m");
        spec.put("timeout", g.flux().timeout().toString());
        spec.put("path", "./" + path + "/" + unit.path());
        spec.put("prune", true);
        spec.put("wait", true);
        spec.put("sourceRef", Map.of("kind", "GitRepository", "name", fleet.name()));
        if (!dependsOn.isEmpty()) {
          spec.put("dependsOn", dependsOn);
        }
        docs.add(Document.of(new GenericKubernetesResourceBuilder()
            .withApiVersion("kustomize.toolkit.fluxcd.io/v1").withKind("Kustomization")
            .withMetadata(meta(fleet, kustomizationName(fleet, unit.name())))
            .withAdditionalProperties(Map.of("spec", spec)).build(),
            "Folder " + unit.path() + "/ (its kustomization.yaml"
                + (unit.part().isEmpty() ? "" : "; one part of " + n.name() + "/") + "): " + needs + ".\n"
                + "wait: every object it applies must be healthy (rollouts complete) within the timeout before the\n"
                + "folders that depend on it start; prune deletes what Git no longer has."
                + (operators.isEmpty() ? "" : "\nNeeds these operators running first: " + String.join(", ", operators)
                    + "\n(Flux does not install operators here; ci-cd/README.md lists the tested charts).")));
      }
    }
    return docs;
  }

  /**
   * A .gitignore-style filter that keeps only the tree's folder: gitignore cannot re-include a file whose parent
   * folder is excluded, so each level is re-included before its siblings are excluded.
   */
  static String ignoreAllBut(String path) {
    StringBuilder sb = new StringBuilder("/*\n");
    String prefix = "/";
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length; i++) {
      prefix += parts[i] + "/";
      sb.append('!').append(prefix).append('\n');
      if (i < parts.length - 1) {
        sb.append(prefix).append("*\n");
      }
    }
    return sb.toString();
  }

  private static Map<String, String> ref(String revision) {
    if (COMMIT.matcher(revision).matches()) {
      return Map.of("commit", revision);
    }
    if (revision.startsWith("refs/")) {
      return Map.of("name", revision);
    }
    return Map.of("branch", revision);
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta meta(Fleet fleet, String name) {
    return Labels.meta(fleet.gitops().flux().namespace(), name, Labels.common(fleet));
  }
}
