package io.agentfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed trees of dev, staging and production and their Argo CD entry point, read as Argo CD reads them:
 * all three run in one cluster under one Argo CD without two Applications ever writing one object.
 */
class EnvironmentsTreeTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Path GENERATED = BookingAgentsTreeTest.root().resolve("generated");

  static List<String> environments() {
    return BookingAgentsTreeTest.environmentNames();
  }

  /** The documents of a YAML file of the repository, comments and empty documents left out. */
  private static List<JsonNode> documents(Path file) {
    List<JsonNode> out = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && d.has("kind")) {
          out.add(d);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  private static String identity(JsonNode d) {
    String apiVersion = d.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    JsonNode ns = d.path("metadata").path("namespace");
    return group + "/" + d.path("kind").asText() + " " + (ns.isMissingNode() ? "" : ns.asText() + "/")
        + d.path("metadata").path("name").asText();
  }

  /** The files of a folder an Application's directory source syncs: YAML, filtered by its include glob if any. */
  private static List<Path> synced(Path folder, String include) throws IOException {
    Pattern glob = include == null ? null : Pattern.compile(include.replace(".", "\\.").replace("{", "(")
        .replace("}", ")").replace(",", "|").replace("*", "[^/]*"));
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))
          .filter(p -> glob == null || glob.matcher(p.getFileName().toString()).matches()).sorted().toList();
    }
  }

  /**
   * What Argo CD applies, from the entry point down: every object by identity, with the Applications that write it
   * (an environment's app-of-apps writes the files it includes, each folder Application its folder; operators'
   * charts are outside the repository and are not followed).
   */
  private static Map<String, Set<String>> appliedFromEntryPoint() throws IOException {
    Map<String, Set<String>> writers = new TreeMap<>();
    JsonNode appSet = documents(GENERATED.resolve("argocd-environments.yaml")).stream()
        .filter(d -> d.path("kind").asText().equals("ApplicationSet")).findFirst().orElseThrow();
    assertThat(appSet.at("/spec/syncPolicy/applicationsSync").asText())
        .as("the entry point creates each app-of-apps and never manages it").isEqualTo("create-only");
    List<JsonNode> queue = new ArrayList<>();
    for (JsonNode element : appSet.at("/spec/generators/0/list/elements")) {
      String env = element.path("environment").asText();
      Path ciCd = BookingAgentsTreeTest.root().resolve(element.path("path").asText());
      JsonNode root = documents(ciCd.resolve("argocd.yaml")).stream()
          .filter(d -> d.path("kind").asText().equals("Application")
              && d.at("/metadata/name").asText().equals(element.path("name").asText())).findFirst()
          .orElseThrow(() -> new AssertionError("no app-of-apps " + element.path("name") + " in " + env));
      assertThat(List.of(root.at("/spec/source/path").asText(), root.at("/spec/source/directory/include").asText(),
          root.at("/spec/source/targetRevision").asText()))
          .as("the entry point creates %s's app-of-apps exactly as its tree declares it", env)
          .containsExactly(element.path("path").asText(), element.path("include").asText(),
              element.path("revision").asText());
      queue.add(root);
    }
    Set<String> seen = new TreeSet<>();
    while (!queue.isEmpty()) {
      JsonNode app = queue.remove(0);
      String appId = identity(app);
      if (!seen.add(appId) || !app.at("/spec/source/chart").isMissingNode()) {
        continue;
      }
      Path folder = BookingAgentsTreeTest.root().resolve(app.at("/spec/source/path").asText());
      JsonNode include = app.at("/spec/source/directory/include");
      for (Path file : synced(folder, include.isMissingNode() ? null : include.asText())) {
        for (JsonNode d : documents(file)) {
          writers.computeIfAbsent(identity(d), k -> new TreeSet<>()).add(appId);
          if (d.path("kind").asText().equals("Application")) {
            queue.add(d);
          }
        }
      }
    }
    return writers;
  }

  @Test
  void entryPoint_whenFollowedAsArgoCdDoes_neverHasTwoApplicationsWriteOneObject() throws IOException {
    Map<String, Set<String>> writers = appliedFromEntryPoint();

    assertThat(writers).as("objects applied from the entry point").hasSizeGreaterThan(300);
    assertThat(writers.entrySet()).filteredOn(e -> e.getValue().size() > 1).as("objects with two managers").isEmpty();
    assertThat(writers.keySet()).as("the operators, installed once")
        .contains("argoproj.io/Application argocd/cert-manager", "argoproj.io/AppProject argocd/booking-agents-operators");
  }

  @Test
  void environments_whenTheirTreesAreAppliedTogether_writeNoObjectTwice() throws IOException {
    Map<String, Set<String>> byIdentity = new TreeMap<>();
    for (String env : environments()) {
      Path tree = GENERATED.resolve(env);
      Set<String> mine = new TreeSet<>();
      try (Stream<Path> files = Files.walk(tree)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
          String rel = tree.relativize(f).toString().replace(File.separatorChar, '/');
          // Bootstrapped by hand, not by Argo CD; and operators.yaml is synced by one environment only (above).
          if (rel.endsWith("kustomization.yaml") || rel.equals("ci-cd/github-actions.yaml")
              || rel.equals("ci-cd/argocd-cm.yaml") || rel.equals("ci-cd/flux.yaml") || rel.equals("ci-cd/operators.yaml")) {
            continue;
          }
          documents(f).forEach(d -> mine.add(identity(d)));
        }
      }
      mine.forEach(id -> byIdentity.computeIfAbsent(id, k -> new TreeSet<>()).add(env));
    }
    assertThat(byIdentity.entrySet()).filteredOn(e -> e.getValue().size() > 1).as("objects of two environments")
        .isEmpty();
    for (String kind : List.of("/Namespace ", "scheduling.k8s.io/PriorityClass ", "rbac.authorization.k8s.io/ClusterRole ")) {
      Map<String, Long> perEnv = new TreeMap<>();
      byIdentity.forEach((id, envs) -> {
        if (id.startsWith(kind)) {
          perEnv.merge(envs.iterator().next(), 1L, Long::sum);
        }
      });
      assertThat(perEnv.keySet()).as(kind + "per environment").containsExactlyInAnyOrderElementsOf(environments());
    }
  }

  @Test
  void sharedFiles_areTheSameBytesInEveryEnvironment() throws IOException {
    String cm = Files.readString(GENERATED.resolve("production/ci-cd/argocd-cm.yaml"));
    for (String env : environments()) {
      assertThat(Files.readString(GENERATED.resolve(env + "/ci-cd/argocd-cm.yaml"))).as(env).isEqualTo(cm);
    }
  }

  @Test
  void workflows_ofTheEnvironments_liveInTheirOwnFilesAndNeverShareACommentOrAConcurrencyGroup() throws IOException {
    Map<String, String> byEnv = new TreeMap<>();
    for (String env : environments()) {
      JsonNode workflow = YAML.readTree(GENERATED.resolve(env + "/ci-cd/github-actions.yaml").toFile());
      String name = workflow.path("name").asText();
      String text = Files.readString(GENERATED.resolve(env + "/ci-cd/github-actions.yaml"));
      assertThat(text).as(env).contains(".github/workflows/" + name + ".yaml")
          .contains("<!-- " + name + "-summary -->").contains("TREE: generated/" + env);
      assertThat(workflow.at("/concurrency/group").asText()).as(env).startsWith(name + "-");
      assertThat(byEnv.put(name, env)).as("workflow name " + name + " of " + env).isNull();
    }
    assertThat(byEnv).containsEntry("agentfleet", "production");
  }

  @Test
  void bootstrap_ofTheEntryPoint_letsTheApplicationSetKeepItsCreateOnlyPolicy() throws IOException {
    // Argo CD ignores an ApplicationSet's own applicationsSync unless its controller allows it: the bootstrap sets
    // that first, or the default policy would reset every app-of-apps to the template and fight its sync.
    String key = "applicationsetcontroller.enable.policy.override";
    assertThat(Files.readString(GENERATED.resolve("argocd-environments.yaml"))).contains(key + ": \"true\"");
    for (String env : environments()) {
      String readme = Files.readString(GENERATED.resolve(env + "/ci-cd/README.md"));
      int patch = readme.indexOf("patch configmap argocd-cmd-params-cm --type merge");
      int restart = readme.indexOf("rollout restart deployment/argocd-applicationset-controller");
      int apply = readme.indexOf("kubectl apply -f ../argocd-environments.yaml");
      assertThat(readme).as(env).contains("{\"data\":{\"" + key + "\":\"true\"}}");
      assertThat(patch).as(env + ": set, restart, then apply").isPositive().isLessThan(restart);
      assertThat(restart).as(env).isLessThan(apply);
    }
  }

  private static List<JsonNode> kinds(String env, String kind) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(GENERATED.resolve(env))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        documents(f).stream().filter(d -> d.path("kind").asText().equals(kind)).forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void dev_runsOneOfEverythingWithoutAutoscalersOrBackupsOfTheObjectStore() throws IOException {
    for (String kind : List.of("HorizontalPodAutoscaler", "VerticalPodAutoscaler", "ScaledObject", "ScheduledBackup",
        "ObjectStore")) {
      assertThat(kinds("dev", kind)).as(kind).isEmpty();
    }
    assertThat(kinds("dev", "Cluster")).singleElement().satisfies(c -> assertThat(c.at("/spec/instances").asInt()).isEqualTo(1));
    assertThat(kinds("dev", "Cluster").get(0).at("/spec/storage/size").asText()).as("dev's own value").isEqualTo("5Gi");
    assertThat(kinds("dev", "Deployment")).allSatisfy(d -> assertThat(d.at("/spec/replicas").asInt(1)).isEqualTo(1));
    assertThat(Files.readString(GENERATED.resolve("dev/ci-cd/operators.yaml"))).doesNotContain("plugin-barman-cloud");
    assertThat(Files.readString(GENERATED.resolve("dev/README.md"))).contains("Environment: **dev**");
  }

  @Test
  void staging_isProductionAtHalfTheMaximaWithTwoDatabaseInstancesAndItsOwnImage() throws IOException {
    Map<String, Integer> production = new TreeMap<>();
    kinds("production", "HorizontalPodAutoscaler").forEach(h -> production.put(h.at("/metadata/name").asText(),
        h.at("/spec/maxReplicas").asInt()));
    Map<String, Integer> staging = new TreeMap<>();
    kinds("staging", "HorizontalPodAutoscaler").forEach(h -> staging.put(h.at("/metadata/name").asText(),
        h.at("/spec/maxReplicas").asInt()));
    assertThat(staging.keySet()).isEqualTo(production.keySet());
    production.forEach((name, max) -> assertThat(staging.get(name)).as(name).isEqualTo((max + 1) / 2));
    assertThat(kinds("staging", "Cluster").get(0).at("/spec/instances").asInt()).isEqualTo(2);
    assertThat(kinds("staging", "ScheduledBackup")).hasSize(1);
    assertThat(Files.readString(GENERATED.resolve("staging/agents/booking-agent-a2.yaml"))).contains("booking-frontend:1.5.0-rc.1");
    assertThat(Files.readString(GENERATED.resolve("staging/agents/booking-agent-a3.yaml"))).contains("booking-frontend:1.4.0")
        .doesNotContain("1.5.0-rc.1");
  }

  // ---- the external tools the production tree is checked with, over every environment's tree ----------------

  private static Path tool(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name);
      }
    }
    if (Boolean.getBoolean("agentfleet.requireTools")) {
      Assertions.fail("REQUIRED TOOL MISSING: " + name + " (agentfleet.requireTools=true)");
    }
    Assumptions.abort(name + " is not installed");
    throw new IllegalStateException();
  }

  private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void scripts_whenCheckedByShellcheck_haveNoWarnings(String env) throws Exception {
    Path sh = tool("shellcheck");
    List<String> cmd = new ArrayList<>(List.of(sh.toString(), "-S", "warning", "-s", "bash"));
    try (Stream<Path> files = Files.walk(GENERATED.resolve(env))) {
      files.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(p -> cmd.add(p.toString()));
    }
    assertThat(cmd).hasSizeGreaterThan(5);
    assertThat(run(GENERATED, cmd.toArray(String[]::new))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void alertRules_whenCheckedByPromtool_areAccepted(String env, @TempDir Path dir) throws Exception {
    Path promtool = tool("promtool");
    JsonNode rule = kinds(env, "PrometheusRule").get(0);
    ObjectNode groups = YAML.createObjectNode();
    groups.set("groups", rule.at("/spec/groups"));
    Files.writeString(dir.resolve("rules.yaml"), YAML.writeValueAsString(groups));
    assertThat(run(dir, promtool.toString(), "check", "rules", "rules.yaml")).contains("SUCCESS");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void everyFolder_whenBuiltByKustomize_builds(String env) throws Exception {
    Path kubectl = tool("kubectl");
    List<Path> folders;
    try (Stream<Path> files = Files.walk(GENERATED.resolve(env))) {
      folders = files.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent)
          .sorted().toList();
    }
    assertThat(folders).hasSizeGreaterThanOrEqualTo(4);
    for (Path folder : folders) {
      assertThat(run(folder, kubectl.toString(), "kustomize", ".")).contains("kind:");
    }
  }
}
