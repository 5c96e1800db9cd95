package io.agentfleet.generate.cicd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.RequiredTools;
import io.agentfleet.generate.TreeValidationException;
import io.agentfleet.generate.TreeWriter;
import io.agentfleet.generate.kit.Shards;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.generate.validate.policy.KustomizationSizeValidator;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.model.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops.subAgentShards} and {@code gitops.agentShards}: the sub-agents or agents shared out among several
 * kustomizations, each one Argo CD Application and one Flux Kustomization, so that none holds more objects than it can
 * record or kustomize can build in time; and a fleet that needs them refused, naming the field and how many.
 */
class ShardsTest {
  /** A fleet of sub-agents {@code w<from>} … {@code w<to>}, and {@code shards} when above 0. */
  private static String fleet(int from, int to, int shards) {
    StringBuilder yaml = new StringBuilder("name: wide\ngitops:\n  repository: https://git.example.org/wide.git\n");
    if (shards > 0) {
      yaml.append("  subAgentShards: ").append(shards).append('\n');
    }
    yaml.append("subAgents:\n");
    for (int i = from; i <= to; i++) {
      yaml.append("  - { id: w").append(i).append(", role: r").append(i % 7)
          .append(", image: ghcr.io/wide/a:1.0.0, replicas: 1..3, requests: { cpu: 1, memory: 1Gi } }\n");
    }
    return yaml.toString();
  }

  private static Map<String, String> generate(String yaml) {
    return FleetGenerator.builder().validators(List.of(new KustomizationSizeValidator())).build()
        .generate(FleetYaml.read(yaml, "fleet.yaml")).tree().files();
  }

  private static int objects(Map<String, String> files, String prefix) {
    return files.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith(".yaml")
        && !e.getKey().endsWith("kustomization.yaml")).mapToInt(e -> YamlRenderer.parse(e.getValue()).size()).sum();
  }

  private static List<String> resources(String kustomization) {
    List<String> out = new ArrayList<>();
    YamlRenderer.parse(kustomization).get(0).path("resources").forEach(r -> out.add(r.asText()));
    return out;
  }

  @Test
  void shard_isTheCrc32OfTheIdModuloTheShards_asZlibComputesIt() {
    // Values from Python's zlib.crc32 (the same polynomial as java.util.zip.CRC32), so any tool can predict a shard.
    assertThat(Shards.of("s1", 30)).isEqualTo((int) (336_935_152L % 30));
    assertThat(Shards.of("s2", 30)).isEqualTo((int) (2_367_449_418L % 30));
    assertThat(Shards.of("triage-7", 30)).isEqualTo((int) (3_441_211_647L % 30));
    assertThat(Shards.of("w600", 3)).isEqualTo((int) (248_895_556L % 3));
    assertThat(Shards.folder(3, 4)).isEqualTo("shard-03");
    assertThat(Shards.folder(7, 120)).isEqualTo("shard-007");
  }

  @Test
  void aFleetTooLargeForOneKustomization_isRefused_namingTheFieldTheLimitAndHowManyShards() {
    TreeValidationException e = catchThrowableOfType(TreeValidationException.class,
        () -> generate(fleet(1, 600, 0)));
    assertThat(e).isNotNull();
    assertThat(e.problems()).hasSize(1);
    Problem p = e.problems().get(0);
    assertThat(p.path()).isEqualTo("sub-agents/kustomization.yaml");
    int objects = Integer.parseInt(p.message().substring(0, p.message().indexOf(' ')));
    assertThat(objects).isGreaterThan(3_000);
    assertThat(p.message()).contains(objects + " objects in one kustomization, more than 3000",
        "argoproj/argo-cd#14486", "kubernetes-sigs/kustomize#5084", "set gitops.subAgentShards in fleet.yaml to 2 or more (now 1;");

    // The number it names is enough: that fleet generates, every kustomization under the limit.
    Map<String, String> files = generate(fleet(1, 600, 2));
    assertThat(files).containsKeys("sub-agents/shard-00/kustomization.yaml", "sub-agents/shard-01/kustomization.yaml");
    assertThat(objects(files, "sub-agents/shard-00/")).isLessThanOrEqualTo(3_000);
    assertThat(objects(files, "sub-agents/shard-01/")).isLessThanOrEqualTo(3_000);
    assertThat(objects(files, "sub-agents/")).isEqualTo(objects);
  }

  @Test
  void shardedFleet_putsEachSubAgentInItsShard_withOneKustomizationApplicationAndFluxKustomizationEach() {
    Map<String, String> files = generate(fleet(1, 600, 3));
    // Each sub-agent's file, in its shard's folder; nothing else directly in sub-agents/ but the kustomization.
    Map<String, Set<String>> byShard = new TreeMap<>();
    for (int i = 1; i <= 600; i++) {
      String shard = Shards.folder(Shards.of("w" + i, 3), 3);
      assertThat(files).containsKey("sub-agents/" + shard + "/claude-sub-agent-w" + i + ".yaml");
      byShard.computeIfAbsent(shard, k -> new TreeSet<>()).add("claude-sub-agent-w" + i + ".yaml");
    }
    assertThat(byShard).containsOnlyKeys("shard-00", "shard-01", "shard-02");
    assertThat(files.keySet().stream().filter(f -> f.startsWith("sub-agents/") && f.indexOf('/', 11) < 0))
        .containsExactly("sub-agents/kustomization.yaml");
    // The folder's kustomization lists its parts; each part's, exactly its files.
    assertThat(resources(files.get("sub-agents/kustomization.yaml"))).containsExactly("shard-00", "shard-01", "shard-02");
    byShard.forEach((shard, names) -> assertThat(resources(files.get("sub-agents/" + shard + "/kustomization.yaml")))
        .containsExactlyElementsOf(names));

    // One Application per part, all in the sub-agents' wave, each ignoring the replicas its HPAs own.
    List<JsonNode> apps = YamlRenderer.parse(files.get("ci-cd/argocd.yaml")).stream()
        .filter(d -> d.path("spec").path("source").path("path").asText().contains("/sub-agents")).toList();
    assertThat(apps).extracting(a -> a.path("metadata").path("name").asText() + " "
            + a.path("spec").path("source").path("path").asText())
        .containsExactly("wide-sub-agents-shard-00 generated/default/sub-agents/shard-00",
            "wide-sub-agents-shard-01 generated/default/sub-agents/shard-01",
            "wide-sub-agents-shard-02 generated/default/sub-agents/shard-02");
    assertThat(apps.stream().map(a -> a.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave")
        .asText()).distinct()).hasSize(1);
    assertThat(apps).allSatisfy(a -> assertThat(a.path("spec").path("ignoreDifferences")).hasSize(1));
    // Flux: one Kustomization per part; what needs the sub-agents waits for every part.
    List<JsonNode> flux = YamlRenderer.parse(files.get("ci-cd/flux.yaml"));
    assertThat(flux).extracting(k -> k.path("spec").path("path").asText())
        .contains("./generated/default/sub-agents/shard-00", "./generated/default/sub-agents/shard-02")
        .doesNotContain("./generated/default/sub-agents");
    JsonNode monitoring = flux.stream().filter(k -> k.path("metadata").path("name").asText().equals("wide-monitoring"))
        .findFirst().orElseThrow();
    assertThat(monitoring.path("spec").path("dependsOn").findValuesAsText("name"))
        .contains("wide-sub-agents-shard-00", "wide-sub-agents-shard-01", "wide-sub-agents-shard-02")
        .doesNotContain("wide-sub-agents");
    // ci-cd/README.md: the parts, with their sub-agents and objects, and one row in the apply order.
    String readme = files.get("ci-cd/README.md");
    for (String shard : byShard.keySet()) {
      assertThat(readme).contains("| `sub-agents/" + shard + "/` | " + byShard.get(shard).size() + " | "
          + objects(files, "sub-agents/" + shard + "/") + " |");
    }
    assertThat(readme).contains("`wide-sub-agents-shard-00` … `wide-sub-agents-shard-02` (3) | `sub-agents/shard-*/`");
    // The tree's README says the folder is in parts, and where to read about them.
    assertThat(files.get("README.md")).contains("NetworkPolicy; in `shard-<n>/` parts (`gitops.subAgentShards`, "
        + "ci-cd/README.md) |");
    assertThat(generate(fleet(1, 20, 0)).get("README.md")).doesNotContain("gitops.subAgentShards");
  }

  @Test
  void shardedFleet_whoseSubAgentsAllFallInOnePart_namesThatPartsApplication() {
    // w1 falls in part 1 of 4 (zlib.crc32("w1") = 1887043060): one part, one Application, named after it.
    Map<String, String> files = generate(fleet(1, 1, 4));
    String part = "shard-0" + (1_887_043_060L % 4);
    assertThat(files).containsKey("sub-agents/" + part + "/claude-sub-agent-w1.yaml");
    assertThat(resources(files.get("sub-agents/kustomization.yaml"))).containsExactly(part);
    assertThat(YamlRenderer.parse(files.get("ci-cd/argocd.yaml"))).extracting(a -> a.path("metadata").path("name")
        .asText()).contains("wide-sub-agents-" + part).doesNotContain("wide-sub-agents");
    assertThat(files.get("ci-cd/README.md")).contains("| `wide-sub-agents-" + part + "` | `sub-agents/shard-*/` |",
        "| `sub-agents/" + part + "/` | 1 | ");
  }

  @Test
  void manyAgents_areRefusedNamingAgentShards_andSharedOutWhenItIsSet() {
    StringBuilder yaml = new StringBuilder("name: wide\ngitops:\n  repository: https://git.example.org/wide.git\n"
        + "  AGENT_SHARDS\nagents:\n");
    for (int i = 1; i <= 200; i++) {
      yaml.append("  - { id: a").append(i).append(", worker: { image: ghcr.io/wide/w:1.0.0, workspace: 5Gi, "
          + "repository: https://git.example.org/app.git }")
          .append(", frontend: { image: ghcr.io/wide/fe:1.0.0 }, backend: { image: ghcr.io/wide/be:1.0.0 } }\n");
    }
    TreeValidationException e = catchThrowableOfType(TreeValidationException.class,
        () -> generate(yaml.toString().replace("  AGENT_SHARDS\n", "")));
    assertThat(e).isNotNull();
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("agents/kustomization.yaml");
      assertThat(p.message()).contains("set gitops.agentShards in fleet.yaml to 2 or more (now 1;");
    });

    Map<String, String> files = generate(yaml.toString().replace("AGENT_SHARDS", "agentShards: 2"));
    for (int i = 1; i <= 200; i++) {
      String dir = "agents/" + Shards.folder(Shards.of("a" + i, 2), 2) + "/";
      String end = "-a" + i + ".yaml";
      assertThat(files.keySet()).as("a" + i).anyMatch(f -> f.startsWith(dir) && f.endsWith(end));
    }
    assertThat(resources(files.get("agents/kustomization.yaml"))).containsExactly("shard-00", "shard-01");
    assertThat(YamlRenderer.parse(files.get("ci-cd/argocd.yaml"))).extracting(a -> a.path("metadata").path("name")
        .asText()).contains("wide-agents-shard-00", "wide-agents-shard-01").doesNotContain("wide-agents");
    assertThat(files.get("ci-cd/README.md")).contains("The agents are shared out among 2 parts (`gitops.agentShards`)",
        "| part | agents | objects |");
  }

  @Test
  void addingAndRemovingSubAgents_movesNoOtherSubAgent() {
    Set<String> before = generate(fleet(1, 600, 3)).keySet();
    Set<String> after = generate(fleet(2, 650, 3)).keySet();
    // w2 … w600 are in both fleets: each keeps its file, and so its Application.
    List<String> moved = IntStream.rangeClosed(2, 600).mapToObj(i -> "claude-sub-agent-w" + i + ".yaml")
        .filter(name -> !pathOf(before, name).equals(pathOf(after, name))).toList();
    assertThat(moved).isEmpty();
    assertThat(pathOf(before, "claude-sub-agent-w1.yaml")).isNotEmpty();
    assertThat(pathOf(after, "claude-sub-agent-w1.yaml")).isEmpty();
  }

  private static String pathOf(Set<String> files, String name) {
    return files.stream().filter(f -> f.endsWith("/" + name)).collect(Collectors.joining());
  }

  @Test
  void kubectlKustomize_buildsEveryPartAndTheWholeFolder(@TempDir Path dir) throws Exception {
    // A kustomize that takes folders under resources: kustomize 2.1 and later (kubernetes-sigs/kustomize
    // docs/v_2.1.0.md, "bases deprecated"), in kubectl from 1.21, which embeds kustomize 4 (kubernetes/website#38815;
    // kubectl 1.18 failing with "must be a file": argoproj-labs/argocd-image-updater#61). deploy.sh asks for 1.25.
    // Debian 12's kubernetes-client is 1.20 (apt-cache policy), so .ci/run installs none: CI machines carry kubectl.
    Path kubectl = RequiredTools.find("kubectl").orElse(null);
    if (kubectl == null) {
      RequiredTools.missing("kubectl is not installed (1.21 or later: https://kubernetes.io/docs/tasks/tools/)");
      return;
    }
    Process version = new ProcessBuilder(kubectl.toString(), "version", "--client", "-o", "json").start();
    String json = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    version.waitFor();
    int minor = Integer.parseInt(YamlRenderer.parse(json).get(0).at("/clientVersion/minor").asText().replaceAll("\\D", ""));
    if (minor < 21) {
      RequiredTools.missing("kubectl 1." + minor + " is too old: its kustomize takes no folders under resources");
      return;
    }
    var result = FleetGenerator.builder().validators(List.of(new KustomizationSizeValidator())).build()
        .generate(FleetYaml.read(fleet(1, 40, 4), "fleet.yaml"));
    TreeWriter.write(dir, result.tree());
    Map<String, String> files = result.tree().files();
    int total = 0;
    for (String shard : List.of("shard-00", "shard-01", "shard-02", "shard-03")) {
      int built = kinds(kubectl, dir.resolve("sub-agents/" + shard));
      assertThat(built).as(shard).isEqualTo(objects(files, "sub-agents/" + shard + "/")).isPositive();
      total += built;
    }
    assertThat(kinds(kubectl, dir.resolve("sub-agents"))).isEqualTo(total).isEqualTo(objects(files, "sub-agents/"));
  }

  /** Objects {@code kubectl kustomize} builds from a folder. */
  private static int kinds(Path kubectl, Path folder) throws Exception {
    Process p = new ProcessBuilder(kubectl.toString(), "kustomize", folder.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return YamlRenderer.parse(out).size();
  }
}
