package io.agentfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeReport;
import io.agentfleet.generate.TreeValidationException;
import io.agentfleet.generate.TreeWriter;
import io.agentfleet.generate.inspect.ConnectionMatrix;
import io.agentfleet.generate.inspect.NetworkModel;
import io.agentfleet.generate.inspect.TreeIndex;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.validate.policy.PolicyValidator;
import io.agentfleet.generate.validate.policy.SizeLimitsValidator;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleets far larger than the example: no parser or Kubernetes limit stops them, objects Kubernetes caps in size are
 * split, and the work per object stays the same as fleets grow (counted, never timed).
 */
class ScaleTest {
  private static GenerationResult generate(int subAgents) {
    return generate(ScaleFleet.yaml(subAgents));
  }

  private static GenerationResult generate(String yaml) {
    return FleetGenerator.builder().profile(Profiles.named("production")).build()
        .generate(FleetYaml.read(yaml, "fleet.yaml"));
  }

  private static int objects(GenerationResult r) {
    return r.tree().documents().values().stream().mapToInt(List::size).sum();
  }

  @Test
  void tenThousandSubAgents_generateAndValidate_withTheLargeObjectsSplitUnderTheirLimits() {
    // Sub-agents repeat the example's six every six ids: objects per six, from fleets below every split.
    int ten = objects(generate(10));
    int perSix = objects(generate(16)) - ten;
    assertThat(perSix).isGreaterThanOrEqualTo(6);

    GenerationResult big = generate(10_000);

    // One scaling dashboard whatever the size (its row repeats in Grafana); 11 PrometheusRules of 5000 model
    // constants (5 per sub-agent and 2 for the namespace: 50 002); 3 discovery files of 4000 sub-agents.
    // The sub-agents shared out among 34 kustomizations (gitops.subAgentShards, as ScaleFleet sets it): an Argo CD
    // Application and a Flux Kustomization each, 33 more of both than one.
    int splits = (11 - 1) + (3 - 1) + 2 * (ScaleFleet.shards(10_000) - 1);
    assertThat(ScaleFleet.shards(10_000)).isEqualTo(34);
    assertThat(objects(big)).isEqualTo(ten + (10_000 - 10) / 6 * perSix + splits);
    assertThat(big.tree().files()).containsKey("sub-agents/shard-" + String.format("%02d",
        io.agentfleet.generate.kit.Shards.of("s10000", 34)) + "/claude-sub-agent-s10000.yaml");
    // No kustomization applies more than 3 000 objects (KustomizationSizeValidator checked it; counted again here).
    Map<String, Integer> perFolder = new TreeMap<>();
    big.tree().documents().forEach((file, docs) -> perFolder.merge(file.substring(0, file.lastIndexOf('/') + 1),
        docs.size(), Integer::sum));
    assertThat(perFolder.keySet().stream().filter(f -> f.startsWith("sub-agents/shard-"))).hasSize(34);
    assertThat(perFolder.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3_000));
    List<JsonNode> configMaps = big.tree().documents().values().stream().flatMap(List::stream)
        .filter(d -> d.path("kind").asText().equals("ConfigMap")).toList();
    assertThat(configMaps.stream().map(d -> d.path("metadata").path("name").asText()))
        .contains("grafana-dashboard-scaling", "agent-discovery-3").doesNotContain("grafana-dashboard-scaling-2");
    for (JsonNode cm : configMaps) {
      int data = 0;
      for (JsonNode v : cm.path("data")) {
        data += v.asText().length();
      }
      assertThat(data).as(cm.path("metadata").path("name").asText()).isLessThanOrEqualTo(SizeLimitsValidator.DATA_LIMIT);
    }
    // The sub-agents' Applications and the scaling dashboard stay the size they are for ten sub-agents.
    List<JsonNode> applications = big.tree().documents().get("ci-cd/argocd.yaml").stream()
        .filter(d -> d.path("spec").path("source").path("path").asText().contains("/sub-agents/shard-")).toList();
    assertThat(applications).hasSize(34).allSatisfy(application -> {
      assertThat(application.path("spec").path("ignoreDifferences")).hasSize(1);
      assertThat(application.path("spec").path("ignoreDifferences").get(0).has("name")).isFalse();
    });
    JsonNode dashboard = configMaps.stream()
        .filter(d -> d.path("metadata").path("name").asText().equals("grafana-dashboard-scaling"))
        .findFirst().orElseThrow();
    assertThat(dashboard.path("data").path("agentfleet-scaling.json").asText().length()).isLessThan(20_000);
    // So does the pull-request workflow, which GitHub would not run over 512 000 bytes; the agents it groups
    // changes by are in ci-cd/agents.txt.
    assertThat(big.tree().files().get("ci-cd/github-actions.yaml"))
        .isEqualTo(generate(10).tree().files().get("ci-cd/github-actions.yaml"));
    assertThat(big.tree().files().get("ci-cd/agents.txt")).contains("\nS10000 claude-sub-agent-s10000\n");
    // The README shows the six kinds of sub-agent once each, with the list of who is alike, and stays under the
    // 512 000 bytes of a README GitHub shows on a folder's page (it was 1.7 MB with a row per sub-agent).
    String readme = big.tree().files().get("README.md");
    assertThat(readme).contains("| S1 … S9997 (1667) each | Senior Developer | 1..8 |",
        "- S1 … S9997 (1667): S1, S7, S13, ", "| s1 … s10000 (5001) each | 1 | 1 core |");
    assertThat(readme.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(512_000);
  }

  @Test
  void anObjectOverAKubernetesLimit_isRefused_namingTheObjectTheLimitAndTheFleetField() {
    // Standalone Prometheus keeps its rule file in one ConfigMap, about 820 bytes per sub-agent: 1500 exceed 1 MiB.
    TreeValidationException e = catchThrowableOfType(TreeValidationException.class,
        () -> generate(ScaleFleet.yaml(1500).replace("mode: prometheus-operator", "mode: standalone")));
    assertThat(e).isNotNull();
    assertThat(e.problems()).anySatisfy(p -> {
      assertThat(p.path()).contains("ConfigMap/prometheus-rules");
      assertThat(p.message()).contains("1048576-byte (1 MiB) limit", "1500 entries under `subAgents`");
    });
  }

  @Test
  void checkingWork_perObject_staysTheSameAsTheFleetGrows() {
    double[] lookups = new double[2];
    double[] evaluations = new double[2];
    long[] matrixLines = new long[2];
    int[] sizes = {50, 400};
    for (int i = 0; i < sizes.length; i++) {
      RenderedTree tree = generate(sizes[i]).tree();
      TreeIndex index = TreeIndex.of(tree);
      assertThat(new PolicyValidator().validate(index)).isEmpty();
      lookups[i] = (double) index.visited() / index.all().size();

      NetworkModel model = NetworkModel.of(tree.documents());
      String matrix = ConnectionMatrix.markdown(model, "booking-agents", "booking-agent-", "claude-sub-agent-");
      evaluations[i] = (double) model.evaluations() / model.pods().size();
      matrixLines[i] = matrix.lines().filter(l -> l.startsWith("|")).count();
    }
    // Linear: the look-ups and policy evaluations per object do not grow with N (a scan per object would grow 8x).
    assertThat(lookups[1]).isLessThanOrEqualTo(lookups[0] * 1.3);
    assertThat(evaluations[1]).isLessThanOrEqualTo(evaluations[0] * 1.3);
    // The matrix has one row per group of alike pods, however many sub-agents there are.
    assertThat(matrixLines[1]).isEqualTo(matrixLines[0]);
  }

  @Test
  void networkDocs_perPod_stayTheSameAsAgentsGrow() {
    double[] evaluations = new double[2];
    long[] matrixLines = new long[2];
    // 140 agents: about 19 objects each in agents/, under the 3 000 one kustomization may hold.
    int[] agents = {20, 140};
    for (int i = 0; i < agents.length; i++) {
      RenderedTree tree = generate(ScaleFleet.yaml(10, agents[i])).tree();
      NetworkModel model = NetworkModel.of(tree.documents());
      String matrix = ConnectionMatrix.markdown(model, "booking-agents", "booking-agent-", "claude-sub-agent-");
      model.connections("booking-agents");
      evaluations[i] = (double) model.evaluations() / model.pods().size();
      matrixLines[i] = matrix.lines().filter(l -> l.startsWith("|")).count();
      assertThat(matrix).contains("stand for " + agents[i] + " agents whose pods connect alike");
      assertThat(tree.files().get("README.md")).contains(", " + agents[i] + " alike\"]");
    }
    // Each agent's policies name its own pods: finding whom a pod reaches costs the same however many agents there
    // are (trying every pod pair would grow 7x), and the agents, alike, share one row per part.
    assertThat(evaluations[1]).isLessThanOrEqualTo(evaluations[0] * 1.3);
    assertThat(matrixLines[1]).isEqualTo(matrixLines[0]);
  }

  @Test
  void regeneratingAnUnchangedFleet_rewritesNoFile(@TempDir Path dir) throws IOException {
    GenerationResult first = generate(200);
    Path tree = dir.resolve("production");
    TreeWriter.write(tree, first.tree());
    Map<String, Object> before = stamps(tree);

    TreeReport again = TreeWriter.write(tree, generate(200).tree());

    assertThat(again.isUpToDate()).isTrue();
    assertThat(again.unchanged()).containsAll(first.tree().files().keySet());
    assertThat(stamps(tree)).isEqualTo(before);
  }

  /** Every file's inode and modification time: a rewrite changes one of them. */
  private static Map<String, Object> stamps(Path root) throws IOException {
    Map<String, Object> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.put(root.relativize(p).toString(), a.fileKey() + "@" + a.lastModifiedTime().toMillis());
      }
    }
    return out;
  }
}
