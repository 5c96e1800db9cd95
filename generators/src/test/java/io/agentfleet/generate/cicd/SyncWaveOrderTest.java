package io.agentfleet.generate.cicd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.inspect.FolderGraph;
import io.agentfleet.generate.inspect.TreeFacts;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.RenderedTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The apply order against what the objects need, derived here independently of {@link FolderGraph}: an object
 * needs the folder creating its namespace, the folders holding the PriorityClass, ServiceAccount, ConfigMap or
 * Secret its pods name, the operator serving its API group, the metrics adapter for per-pod HPA metrics, and the
 * folders declared before it (core → database → agents → sub-agents → monitoring). Argo CD's waves must put every
 * need in a lower wave; Flux's dependsOn must name every folder needed.
 */
class SyncWaveOrderTest {
  private static final List<String> CHAIN = List.of("core", "database", "agents", "sub-agents", "monitoring");

  @Test
  void argoWaves_whenTreeHoldsEveryFolder_applyNothingBeforeWhatItNeeds() {
    GenerationResult result = FullTree.generate();

    Map<String, Integer> waves = waves(result.tree());
    Map<String, Set<String>> needs = needs(result.manifests());

    assertThat(waves).containsKeys("core", "database", "agents", "sub-agents", "monitoring", "cloudnative-pg",
        "external-secrets", "prometheus-operator", "vertical-pod-autoscaler", "prometheus-adapter");
    needs.forEach((node, needed) -> needed.forEach(n -> assertThat(waves.get(node))
        .as("wave of %s (needs %s, wave %s)", node, n, waves.get(n)).isGreaterThan(waves.get(n))));
    assertThat(CHAIN.stream().map(waves::get)).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void argoWaves_whenBookingTree_applyNothingBeforeWhatItNeedsAndSkipAbsentFolders() {
    GenerationResult result = CiCdGeneratorTest.booking();

    Map<String, Integer> waves = waves(result.tree());
    Map<String, Set<String>> needs = needs(result.manifests());

    needs.forEach((node, needed) -> needed.forEach(n -> assertThat(waves.get(node))
        .as("wave of %s (needs %s)", node, n).isGreaterThan(waves.get(n))));
    // Every node that needs something has a wave; the only extra is cert-manager, which the Barman Cloud plugin
    // (an operator, not an object of the tree) needs, and which must come before it.
    Set<String> extra = new TreeSet<>(waves.keySet());
    extra.removeAll(needs.keySet());
    assertThat(waves.keySet()).containsAll(needs.keySet());
    assertThat(extra).isSubsetOf("cert-manager");
    if (extra.contains("cert-manager")) {
      assertThat(waves.get("cert-manager")).isLessThan(waves.get("plugin-barman-cloud"));
    }
    for (String folder : List.of("core", "database", "agents", "sub-agents", "monitoring")) {
      boolean present = result.tree().files().keySet().stream().anyMatch(p -> p.startsWith(folder + "/"));
      assertThat(waves.containsKey(folder)).as("wave for folder %s, present in the tree: %s", folder, present)
          .isEqualTo(present);
    }
    assertThat(waves.get("external-secrets")).isLessThan(waves.get("core"));
  }

  @Test
  void fluxDependsOn_whenTreeHoldsEveryFolder_namesEveryFolderNeeded() {
    GenerationResult result = FullTree.generate();
    Map<String, Set<String>> needs = needs(result.manifests());

    Map<String, Set<String>> dependsOn = new TreeMap<>();
    for (JsonNode k : result.tree().documents().get("ci-cd/flux.yaml")) {
      if (!k.path("kind").asText().equals("Kustomization")) {
        continue;
      }
      String folder = k.path("spec").path("path").asText().replaceFirst(".*/", "");
      Set<String> deps = new TreeSet<>();
      k.path("spec").path("dependsOn").forEach(d -> deps.add(d.path("name").asText().replaceFirst("^booking-agents-", "")));
      dependsOn.put(folder, deps);
      assertThat(k.path("spec").path("prune").asBoolean()).isTrue();
      assertThat(k.path("spec").path("wait").asBoolean()).isTrue();
    }

    assertThat(dependsOn.keySet()).containsExactlyInAnyOrderElementsOf(CHAIN);
    needs.forEach((node, needed) -> {
      if (CHAIN.contains(node)) {
        Set<String> folders = new TreeSet<>(needed);
        folders.retainAll(CHAIN);
        assertThat(dependsOn.get(node)).as("dependsOn of %s", node).containsAll(folders);
      }
    });
  }

  @Test
  void folderGraph_whenFolderUnknown_placesItAfterCoreAndBeforeMonitoring() {
    ManifestTree tree = new ManifestTree();
    for (String f : List.of("core", "gateway", "monitoring")) {
      tree.add(FullTree.folder(f, f + "/x.yaml",
          FullTree.obj("v1", "ConfigMap", "booking-agents", f, Map.of())).generate(null, null).get(0));
    }

    FolderGraph graph = FolderGraph.of(TreeFacts.of(tree), PlatformPlan.of(TestFleets.booking()), false);

    assertThat(graph.folders()).extracting(FolderGraph.Node::name).containsExactly("core", "gateway", "monitoring");
    assertThat(graph.folders()).extracting(FolderGraph.Node::wave).containsExactly(0, 1, 2);
    assertThat(graph.operators()).isEmpty();
  }

  /** Application → wave: folders by their source path, operators by name. */
  static Map<String, Integer> waves(RenderedTree tree) {
    Map<String, Integer> waves = new TreeMap<>();
    List<JsonNode> docs = new java.util.ArrayList<>(tree.documents().get("ci-cd/argocd.yaml"));
    docs.addAll(tree.documents().getOrDefault("ci-cd/operators.yaml", List.of()));
    for (JsonNode d : docs) {
      if (!d.path("kind").asText().equals("Application") || !d.path("metadata").path("annotations").has(ArgoCdWiring.WAVE)) {
        continue;
      }
      JsonNode source = d.path("spec").path("source");
      String node = source.has("chart") ? d.path("metadata").path("name").asText()
          : source.path("path").asText().replaceFirst(".*/", "");
      waves.put(node, Integer.parseInt(d.path("metadata").path("annotations").path(ArgoCdWiring.WAVE).asText()));
    }
    return waves;
  }

  /** What each folder and operator needs, from the objects themselves. */
  static Map<String, Set<String>> needs(ManifestTree manifests) {
    TreeFacts facts = TreeFacts.of(manifests);
    Map<String, Set<String>> needs = new TreeMap<>();
    for (String folder : facts.folders()) {
      Set<String> n = new TreeSet<>();
      for (TreeFacts.Obj o : facts.objects(folder)) {
        if (!o.clusterScoped()) {
          facts.all().stream().filter(x -> x.is("", "Namespace") && x.name().equals(o.namespace()))
              .forEach(x -> n.add(x.folder()));
        }
        Operator.CATALOG.stream().filter(op -> op.groups().contains(o.group())).findFirst()
            .ifPresent(op -> n.add(op.id()));
        JsonNode pod = o.json().path("spec").path("template").path("spec");
        refs(facts, n, "scheduling.k8s.io", "PriorityClass", "", pod.path("priorityClassName").asText(""));
        refs(facts, n, "", "ServiceAccount", o.namespace(), pod.path("serviceAccountName").asText(""));
        for (JsonNode v : pod.path("volumes")) {
          refs(facts, n, "", "ConfigMap", o.namespace(), v.path("configMap").path("name").asText(""));
          refs(facts, n, "", "Secret", o.namespace(), v.path("secret").path("secretName").asText(""));
        }
        if (o.is("autoscaling", "HorizontalPodAutoscaler")) {
          o.json().path("spec").path("metrics").forEach(m -> {
            if (m.path("type").asText().equals("Pods")) {
              n.add("prometheus-adapter");
            }
          });
        }
      }
      int at = CHAIN.indexOf(folder);
      for (int i = 0; i < at; i++) {
        if (facts.folders().contains(CHAIN.get(i))) {
          n.add(CHAIN.get(i));
        }
      }
      n.remove(folder);
      needs.put(folder, n);
    }
    List<String> operators = new ArrayList<>();
    needs.values().forEach(s -> s.stream().filter(x -> Operator.byId(x).isPresent()).forEach(operators::add));
    operators.forEach(op -> needs.put(op, new TreeSet<>(Operator.byId(op).orElseThrow().needs())));
    return needs;
  }

  private static void refs(TreeFacts facts, Set<String> needs, String group, String kind, String ns, String name) {
    if (!name.isEmpty()) {
      facts.find(group, kind, ns, name).ifPresent(x -> needs.add(x.folder()));
    }
  }
}
