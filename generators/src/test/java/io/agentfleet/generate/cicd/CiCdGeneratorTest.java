package io.agentfleet.generate.cicd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.GitOpsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ci-cd/ folder of the booking example: strict schemas, kustomizations, the workflow, no repository. */
class CiCdGeneratorTest {
  static GenerationResult booking() {
    return FleetGenerator.builder().build().generate(TestFleets.bookingSpec());
  }

  @Test
  void bookingTree_whenGeneratedWithStrictSchemas_holdsArgoCdAndFluxWiring() {
    RenderedTree tree = booking().tree();

    assertThat(tree.files()).containsKeys("ci-cd/argocd.yaml", "ci-cd/argocd-cm.yaml", "ci-cd/flux.yaml",
        "ci-cd/github-actions.yaml", "ci-cd/README.md", "core/kustomization.yaml", "sub-agents/kustomization.yaml");
    List<String> kinds = new ArrayList<>();
    tree.documents().get("ci-cd/argocd.yaml").forEach(d -> kinds.add(d.path("kind").asText()));
    tree.documents().get("ci-cd/flux.yaml").forEach(d -> kinds.add(d.path("kind").asText()));
    assertThat(kinds).contains("AppProject", "Application", "GitRepository", "Kustomization");
  }

  @Test
  void kustomization_whenGenerated_listsExactlyTheFolderYamlAndPassesItsSchema() {
    RenderedTree tree = booking().tree();
    for (String folder : List.of("core", "sub-agents")) {
      String text = tree.files().get(folder + "/kustomization.yaml");
      assertThat(JsonSchemas.problems("kustomization.json", text)).as(folder).isEmpty();
      List<String> listed = new ArrayList<>();
      YamlRenderer.parse(text).get(0).path("resources").forEach(r -> listed.add(r.asText()));
      List<String> files = tree.files().keySet().stream()
          .filter(p -> p.startsWith(folder + "/") && p.endsWith(".yaml") && !p.endsWith("kustomization.yaml"))
          .map(p -> p.substring(folder.length() + 1)).toList();
      assertThat(listed).as(folder).containsExactlyElementsOf(files);
    }
  }

  @Test
  void workflow_whenGenerated_passesTheGithubWorkflowSchemaAndPinsEveryAction() {
    String text = booking().tree().files().get("ci-cd/github-actions.yaml");

    assertThat(JsonSchemas.problems("github-workflow.json", text)).isEmpty();
    JsonNode wf = YamlRenderer.parse(text).get(0);
    assertThat(wf.path("on").fieldNames()).toIterable().containsExactly("pull_request");
    Matcher uses = Pattern.compile("uses: (\\S+)").matcher(text);
    int n = 0;
    while (uses.find()) {
      n++;
      assertThat(uses.group(1)).matches("[a-z-]+/[a-z-]+@v[0-9]+\\.[0-9]+\\.[0-9]+");
    }
    assertThat(n).isEqualTo(3);
    assertThat(text).contains("mvn -B agentfleet:check", "-strict", "-kubernetes-version \"$KUBERNETES_VERSION\"",
        "KUBERNETES_VERSION: 1.34.0", "KUBECONFORM_VERSION: v0.7.0", "CRDs-catalog", "\"$TREE/ci-cd/agents.txt\"");
    assertThat(booking().tree().files().get(Workflow.AGENTS_FILE)).contains("\nA2 booking-agent-a2\n",
        "\nS6 claude-sub-agent-s6\n");
  }

  @Test
  void workflow_mavenOpts_areOptionsALinuxJvmStartsWith() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"),
        "the workflow runs on Linux, and one of its JVM options exists on Linux only");
    JsonNode wf = YamlRenderer.parse(booking().tree().files().get("ci-cd/github-actions.yaml")).get(0);
    String opts = wf.at("/env/MAVEN_OPTS").asText();
    assertThat(opts.split(" ")).contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1",
        "-XX:+UseTransparentHugePages", "-Xms512m", "-Xmn128m");

    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(java.util.List.of(opts.split(" ")));
    command.add("-version");
    Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(jvm.waitFor()).as(out).isZero();
    assertThat(out).doesNotContain("Unrecognized");
  }

  @ParameterizedTest
  @CsvSource({"1, false", "0, true", "0, false"})
  void workflow_reviewStep_appendsTheDiffToTheSummaryAndFailsWhenTheGoalFails(int goalExit, boolean allowed,
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    JsonNode wf = YamlRenderer.parse(booking().tree().files().get("ci-cd/github-actions.yaml")).get(0);
    JsonNode review = null;
    java.util.List<String> names = new java.util.ArrayList<>();
    for (JsonNode step : wf.path("jobs").path("tree").path("steps")) {
      names.add(step.path("name").asText());
      if (step.path("name").asText().equals("Review changes object by object")) {
        review = step;
      }
    }
    assertThat(review).as("the workflow's review step").isNotNull();
    // The review may fail the job; it runs last so that the per-agent comment is posted either way.
    assertThat(names).endsWith("Post the summary on the pull request", "Review changes object by object");
    assertThat(review.at("/env/ALLOW_STATEFUL_DELETION").asText())
        .isEqualTo("${{ contains(github.event.pull_request.labels.*.name, 'allow-stateful-deletion') }}");
    assertThat(wf.at("/on/pull_request/types").toString()).contains("\"labeled\"", "\"unlabeled\"");
    // A stand-in for mvn: records its arguments, writes the Markdown where it is told, exits as the goal would.
    java.nio.file.Path bin = java.nio.file.Files.createDirectories(dir.resolve("bin"));
    java.nio.file.Path mvn = java.nio.file.Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n"
        + "echo \"$@\" > \"$RUNNER_TEMP/args\"\n"
        + "printf '<!-- agentfleet-diff -->\\n| `spec.maxReplicas` | `6` | `8` |\\n' > \"$RUNNER_TEMP/agentfleet-diff.md\"\n"
        + "exit " + goalExit + "\n");
    mvn.toFile().setExecutable(true);
    java.nio.file.Path summary = java.nio.file.Files.writeString(dir.resolve("summary.md"), "earlier steps\n");
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", review.path("run").asText())
        .redirectErrorStream(true);
    pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("RUNNER_TEMP", dir.toString());
    pb.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
    pb.environment().put("PROFILE", "production");
    pb.environment().put("BASE_SHA", "0123abc");
    pb.environment().put("ALLOW_STATEFUL_DELETION", String.valueOf(allowed));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(p.waitFor()).as(out).isEqualTo(goalExit);
    assertThat(java.nio.file.Files.readString(summary))
        .isEqualTo("earlier steps\n<!-- agentfleet-diff -->\n| `spec.maxReplicas` | `6` | `8` |\n");
    assertThat(java.nio.file.Files.readString(dir.resolve("args")).strip()).isEqualTo("-B agentfleet:diff "
        + "-Dagentfleet.profile=production -Dagentfleet.diff.base=0123abc -Dagentfleet.diff.head=HEAD "
        + "-Dagentfleet.diff.output=" + dir + "/agentfleet-diff.md -Dagentfleet.diff.allowStatefulDeletion=" + allowed);
  }

  /** The run script of the workflow step named {@code name}, as GitHub hands it to bash. */
  private static String stepScript(String workflow, String name) {
    for (JsonNode step : YamlRenderer.parse(workflow).get(0).path("jobs").path("tree").path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return step.path("run").asText();
      }
    }
    throw new AssertionError("no step " + name);
  }

  /**
   * Runs the workflow's summary step as GitHub does, its script from a file, in {@code dir} as the checkout (the
   * tree's {@code ci-cd/agents.txt} written where the workflow's TREE says) with a stand-in git that prints
   * {@code numstat} as `git diff --numstat` would and records its arguments in args.txt; returns the step's log. The
   * job summary goes to step-summary.md.
   */
  private static String runSummaryStep(java.nio.file.Path dir, java.util.Map<String, String> files, String numstat)
      throws Exception {
    String workflow = files.get("ci-cd/github-actions.yaml");
    String treeFolder = YamlRenderer.parse(workflow).get(0).at("/env/TREE").asText();
    java.nio.file.Path agents = dir.resolve(treeFolder).resolve(Workflow.AGENTS_FILE);
    java.nio.file.Files.deleteIfExists(agents);
    if (files.containsKey(Workflow.AGENTS_FILE)) {
      java.nio.file.Files.createDirectories(agents.getParent());
      java.nio.file.Files.writeString(agents, files.get(Workflow.AGENTS_FILE));
    }
    java.nio.file.Path changes = java.nio.file.Files.writeString(dir.resolve("numstat.txt"), numstat);
    java.nio.file.Path bin = java.nio.file.Files.createDirectories(dir.resolve("bin"));
    java.nio.file.Files.writeString(bin.resolve("git"), "#!/bin/sh\necho \"$@\" > args.txt\ncat '" + changes + "'\n")
        .toFile().setExecutable(true);
    java.nio.file.Path script = java.nio.file.Files.writeString(dir.resolve("step.sh"),
        stepScript(workflow, "Summarise changes per agent"));
    java.nio.file.Path summary = java.nio.file.Files.writeString(dir.resolve("step-summary.md"), "");
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", script.toString()).directory(dir.toFile())
        .redirectErrorStream(true);
    pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
    pb.environment().put("BASE_SHA", "0123abc");
    pb.environment().put("TREE", treeFolder);
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(log).isZero();
    return log;
  }

  @Test
  void workflow_summaryStep_groupsEachChangedFileUnderTheAgentItIsNamedAfter(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // Names that nest (s1 is a prefix of s10 and s11), an agent beside them, nothing shared with the example.
    FleetSpec spec = io.agentfleet.model.FleetYaml.read(String.join("\n",
        "name: tally",
        "agents:",
        "  - { id: t1, worker: { image: ghcr.io/tally/worker:2.0.0, repository: https://git.example.org/tally.git } }",
        "subAgents:",
        "  - { id: s1, role: r1, image: ghcr.io/tally/helper:1.0.0, replicas: 1..3, requests: { cpu: 1, memory: 1Gi } }",
        "  - { id: s10, role: r10, image: ghcr.io/tally/helper:1.0.0, replicas: 1..3, requests: { cpu: 1, memory: 1Gi } }",
        "  - { id: s11, role: r11, image: ghcr.io/tally/helper:1.0.0, replicas: 1..3, requests: { cpu: 1, memory: 1Gi } }",
        ""), "fleet.yaml");
    io.agentfleet.model.Fleet fleet = io.agentfleet.model.FleetResolver.resolve(spec);
    String s1 = fleet.subAgents().get(0).name();
    String s10 = fleet.subAgents().get(1).name();
    String t1 = fleet.agents().get(0).name();
    assertThat(s10).startsWith(s1);
    java.util.Map<String, String> files = FleetGenerator.builder().validators(List.of()).build().generate(spec).tree()
        .files();
    String workflow = files.get("ci-cd/github-actions.yaml");
    String treeFolder = YamlRenderer.parse(workflow).get(0).at("/env/TREE").asText();
    String tree = treeFolder + "/";
    String out = runSummaryStep(dir, files, "3\t1\t" + tree + "sub-agents/" + s1 + ".yaml\n"
        + "5\t2\t" + tree + "sub-agents/" + s10 + ".yaml\n"
        + "7\t0\t" + tree + "agents/" + t1 + ".yaml\n"
        + "1\t1\t" + tree + "README.md\n"
        + "0\t40\t" + tree + "sub-agents/" + s1 + "2.yaml\n");
    java.nio.file.Path summary = dir.resolve("step-summary.md");

    assertThat(java.nio.file.Files.readString(dir.resolve("args.txt")).strip())
        .isEqualTo("diff --numstat --no-renames 0123abc HEAD -- " + treeFolder);
    String head = "\n\n| file | + | - |\n|---|---|---|\n";
    String marker = "<!-- " + Workflow.name(fleet) + "-summary -->\n";
    // The agents in the fleet's order; s11, unchanged, has no section; a file of no agent (a removed sub-agent's
    // included) is shared.
    assertThat(java.nio.file.Files.readString(summary)).isEqualTo(marker
        + "## Generated tree " + treeFolder + ": changes per agent\n\n"
        + "### T1 (" + t1 + ")" + head + "| " + tree + "agents/" + t1 + ".yaml | 7 | 0 |\n\n"
        + "### S1 (" + s1 + ")" + head + "| " + tree + "sub-agents/" + s1 + ".yaml | 3 | 1 |\n\n"
        + "### S10 (" + s10 + ")" + head + "| " + tree + "sub-agents/" + s10 + ".yaml | 5 | 2 |\n\n"
        + "### shared" + head + "| " + tree + "README.md | 1 | 1 |\n"
        + "| " + tree + "sub-agents/" + s1 + "2.yaml | 0 | 40 |\n");
    // The comment, the job summary and the log say the same when it all fits.
    assertThat(java.nio.file.Files.readString(dir.resolve("summary.md")))
        .isEqualTo(java.nio.file.Files.readString(summary)).isEqualTo(out);

    // Without the list of agents (deleted by hand), every file is shared and the step still passes.
    java.util.Map<String, String> noList = new java.util.HashMap<>(files);
    noList.remove(Workflow.AGENTS_FILE);
    assertThat(runSummaryStep(dir, noList, "3\t1\t" + tree + "sub-agents/" + s1 + ".yaml\n"))
        .contains("### shared" + head + "| " + tree + "sub-agents/" + s1 + ".yaml | 3 | 1 |\n").doesNotContain("### S1");

    // The same step on a pull request that changes nothing in the tree.
    runSummaryStep(dir, files, "");
    assertThat(java.nio.file.Files.readString(summary)).isEqualTo(marker
        + "## Generated tree " + treeFolder + ": changes per agent\n\nNo change in the generated tree.\n");

    java.nio.file.Path shellcheck = io.agentfleet.generate.RequiredTools.need("shellcheck", "shellcheck");
    Process lint = new ProcessBuilder(shellcheck.toString(), "-S", "warning", "-s", "bash",
        dir.resolve("step.sh").toString())
        .redirectErrorStream(true).start();
    String lintOut = new String(lint.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(lint.waitFor()).as(lintOut).isZero();
  }

  @Test
  void workflow_summaryStep_whenTheChangesOutgrowAComment_keepsItUnderGitHubsLimitAndSaysWhatItLeftOut(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // 600 sub-agents, every one changed (a profile change does that): some 110 000 characters of sections.
    StringBuilder yaml = new StringBuilder("name: wide\ngitops: { repository: https://git.example.org/wide.git }\n"
        + "subAgents:\n");
    for (int i = 1; i <= 600; i++) {
      yaml.append("  - { id: w").append(i).append(", role: r").append(i)
          .append(", image: ghcr.io/wide/a:1.0.0, replicas: 1..3, requests: { cpu: 1, memory: 1Gi } }\n");
    }
    FleetSpec spec = io.agentfleet.model.FleetYaml.read(yaml.toString(), "fleet.yaml");
    io.agentfleet.model.Fleet fleet = io.agentfleet.model.FleetResolver.resolve(spec);
    java.util.Map<String, String> files = FleetGenerator.builder().validators(List.of()).build().generate(spec).tree()
        .files();
    String workflow = files.get("ci-cd/github-actions.yaml");
    String treeFolder = YamlRenderer.parse(workflow).get(0).at("/env/TREE").asText();
    StringBuilder numstat = new StringBuilder();
    for (io.agentfleet.model.SubAgent a : fleet.subAgents()) {
      numstat.append("12\t3\t").append(treeFolder).append("/sub-agents/").append(a.name()).append(".yaml\n");
    }
    numstat.append("1\t1\t").append(treeFolder).append("/README.md\n");
    String log = runSummaryStep(dir, files, numstat.toString());

    String comment = java.nio.file.Files.readString(dir.resolve("summary.md"));
    String jobSummary = java.nio.file.Files.readString(dir.resolve("step-summary.md"));
    // The comment: under GitHub's 65 536 characters, whole sections in the fleet's order, then what it left out.
    assertThat(comment.length()).isLessThanOrEqualTo(65_536);
    java.util.List<String> sections = java.util.Arrays.stream(comment.split("\n"))
        .filter(l -> l.startsWith("### ")).toList();
    assertThat(sections).hasSizeGreaterThan(100);
    for (int i = 0; i < sections.size(); i++) {
      io.agentfleet.model.SubAgent a = fleet.subAgents().get(i);
      assertThat(sections.get(i)).isEqualTo("### " + a.id().toUpperCase(java.util.Locale.ROOT) + " (" + a.name() + ")");
    }
    assertThat(comment).endsWith("|\n\n" + (601 - sections.size()) + " of 601 sections left out here; the log of the "
        + "workflow step \"Summarise changes per agent\" lists them all.\n");
    // The job summary (1 MiB) and the log hold every section: the 600 sub-agents' and the shared one.
    assertThat(jobSummary).isEqualTo(log).doesNotContain("left out")
        .startsWith(comment.substring(0, comment.lastIndexOf("|\n") + 2))
        .endsWith("### shared\n\n| file | + | - |\n|---|---|---|\n| " + treeFolder + "/README.md | 1 | 1 |\n");
    assertThat(jobSummary.lines().filter(l -> l.startsWith("### "))).hasSize(601);

    // The workflow does not grow with the fleet (GitHub starts no run of a workflow file over 512 000 bytes): the
    // same file as for the first sub-agent alone; the agents are listed in ci-cd/agents.txt.
    FleetSpec first = io.agentfleet.model.FleetYaml.read(yaml.substring(0, yaml.indexOf("\n  - { id: w2,") + 1),
        "fleet.yaml");
    assertThat(first.subAgents()).hasSize(1);
    assertThat(workflow).isEqualTo(FleetGenerator.builder().validators(List.of()).build().generate(first).tree()
        .files().get("ci-cd/github-actions.yaml"));
    // The README says how to share the sub-agents out (this generation ran without validators, which would refuse
    // it: ShardsTest).
    String readme = files.get("ci-cd/README.md").replaceAll("\\s+", " ");
    assertThat(readme).contains("more than 3000 objects",
        "The sub-agents are all in one Application and one Kustomization. When they outgrow them, set "
            + "`gitops.subAgentShards`");
    assertThat(files.get(Workflow.AGENTS_FILE).lines().filter(l -> !l.startsWith("#"))).hasSize(600)
        .startsWith("W1 " + fleet.subAgents().get(0).name()).endsWith("W600 " + fleet.subAgents().get(599).name());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.2.0          | 0 | agentfleet-maven-plugin 1.2.0",
      "0.2.0-SNAPSHOT | 1 | ::error file=pom.xml::agentfleet-maven-plugin 0.2.0-SNAPSHOT is a development build; declare a released version",
      "               | 1 | ::error file=pom.xml::pom.xml does not declare io.agentfleet:agentfleet-maven-plugin"})
  void workflow_pluginStep_acceptsOnlyAReleasedPluginFromThePom(String version, int exit, String output,
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String script = stepScript(booking().tree().files().get("ci-cd/github-actions.yaml"),
        "The plugin is declared at a released version");
    // A stand-in for mvn: writes the effective POM a project declaring the plugin at this version would have.
    String plugin = version == null ? "" : "      <plugin>\n        <groupId>io.agentfleet</groupId>\n"
        + "        <artifactId>agentfleet-maven-plugin</artifactId>\n        <version>" + version + "</version>\n";
    java.nio.file.Path bin = java.nio.file.Files.createDirectories(dir.resolve("bin"));
    java.nio.file.Path pom = java.nio.file.Files.writeString(dir.resolve("pom.txt"), "<project>\n" + plugin + "</project>\n");
    java.nio.file.Path mvn = java.nio.file.Files.writeString(bin.resolve("mvn"),
        "#!/bin/sh\ncp '" + pom + "' \"$RUNNER_TEMP/effective-pom.xml\"\n");
    mvn.toFile().setExecutable(true);
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", script).redirectErrorStream(true);
    pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("RUNNER_TEMP", dir.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(p.waitFor()).as(out).isEqualTo(exit);
    assertThat(out).startsWith(output);
  }

  @Test
  void ciCd_whenNoRepository_writesOnlyWorkflowItsAgentsAndReadme() {
    FleetSpec spec = FleetSpec.builder().from(TestFleets.bookingSpec()).gitops(GitOpsSpec.builder().build()).build();

    RenderedTree tree = FleetGenerator.builder().validators(List.of()).build().generate(spec).tree();

    assertThat(tree.files().keySet().stream().filter(p -> p.startsWith("ci-cd/")))
        .containsExactly("ci-cd/README.md", "ci-cd/agents.txt", "ci-cd/github-actions.yaml");
    assertThat(tree.files().get("ci-cd/README.md")).contains("set `gitops.repository`");
  }

  @Test
  void argoCd_whenOperatorsSwitchedOff_hasNoOperatorApplicationsAndCoreStartsAtWaveZero() {
    FleetSpec spec = FleetSpec.builder().from(TestFleets.bookingSpec()).gitops(GitOpsSpec.builder()
        .repository("https://github.com/example/booking-gitops.git")
        .argocd(GitOpsSpec.ArgoCdSpec.builder().installOperators(false).build()).build()).build();

    List<JsonNode> docs = FleetGenerator.builder().validators(List.of()).build().generate(spec).tree()
        .documents().get("ci-cd/argocd.yaml");

    assertThat(docs).noneMatch(d -> d.path("spec").path("source").has("chart"));
    assertThat(docs).filteredOn(d -> d.path("metadata").path("name").asText().equals("booking-agents-core"))
        .singleElement().satisfies(d -> assertThat(
            d.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asText()).isEqualTo("0"));
  }

  @Test
  void wiring_whenTreeHoldsEveryFolder_passesStrictSchemasWithEveryOperator() {
    RenderedTree full = FullTree.generate().tree();
    java.util.SortedMap<String, String> ciCd = new java.util.TreeMap<>();
    full.files().forEach((p, t) -> {
      if (p.startsWith("ci-cd/")) {
        ciCd.put(p, t);
      }
    });

    var problems = new io.agentfleet.generate.validate.schema.SchemaValidator(null, null)
        .validate(new RenderedTree(ciCd), "1.34");

    assertThat(problems).isEmpty();
    List<String> charts = new ArrayList<>();
    full.documents().get("ci-cd/operators.yaml").forEach(d -> {
      JsonNode source = d.path("spec").path("source");
      if (source.has("chart")) {
        charts.add(source.path("chart").asText() + "@" + source.path("targetRevision").asText());
      }
    });
    assertThat(charts).containsExactlyInAnyOrder("cert-manager@v1.18.2", "external-secrets@0.19.2",
        "cloudnative-pg@0.26.0", "plugin-barman-cloud@0.7.0", "kube-prometheus-stack@77.0.0", "vpa@4.7.1",
        "prometheus-adapter@4.11.0");
  }

  @Test
  void folderApplication_whenFolderHoldsData_hasNoCascadingFinalizer() {
    List<JsonNode> apps = FullTree.generate().tree().documents().get("ci-cd/argocd.yaml");

    JsonNode database = apps.stream().filter(d -> d.path("metadata").path("name").asText().equals("booking-agents-database"))
        .findFirst().orElseThrow();
    JsonNode agents = apps.stream().filter(d -> d.path("metadata").path("name").asText().equals("booking-agents-agents"))
        .findFirst().orElseThrow();
    assertThat(database.path("metadata").has("finalizers")).isFalse();
    assertThat(agents.path("metadata").path("finalizers").get(0).asText()).isEqualTo("resources-finalizer.argocd.argoproj.io");
  }

  @Test
  void folderApplication_whenEveryDeploymentIsScaled_ignoresTheirReplicasInOneEntry_elseNamesEach() {
    JsonNode all = agentsApplication(true).path("spec").path("ignoreDifferences");
    assertThat(all).hasSize(1);
    assertThat(all.get(0).toString())
        .isEqualTo("{\"group\":\"apps\",\"jsonPointers\":[\"/spec/replicas\"],\"kind\":\"Deployment\",\"namespace\":\"booking-agents\"}");

    // One Deployment keeps its fixed count: an entry without a name would stop Argo CD from applying a new one.
    JsonNode some = agentsApplication(false).path("spec").path("ignoreDifferences");
    assertThat(some).hasSize(1);
    assertThat(some.get(0).path("name").asText()).isEqualTo("booking-agent-a2");
  }

  /** The agents folder's Application, the folder holding two Deployments and an HPA for one or for both. */
  private static JsonNode agentsApplication(boolean bothScaled) {
    List<io.fabric8.kubernetes.api.model.HasMetadata> objects = new ArrayList<>(List.of(
        FullTree.obj("apps/v1", "Deployment", "booking-agents", "booking-agent-a2", java.util.Map.of()),
        FullTree.obj("apps/v1", "Deployment", "booking-agents", "booking-agent-a2-frontend", java.util.Map.of())));
    for (String target : bothScaled ? List.of("booking-agent-a2", "booking-agent-a2-frontend") : List.of("booking-agent-a2")) {
      objects.add(FullTree.obj("autoscaling/v2", "HorizontalPodAutoscaler", "booking-agents", target, java.util.Map.of(
          "scaleTargetRef", java.util.Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", target))));
    }
    List<io.agentfleet.generate.spi.Generator> generators = new ArrayList<>(FleetGenerator.standardGenerators());
    generators.removeIf(g -> g.folder().equals("agents"));
    generators.add(0, FullTree.folder("agents", "agents/booking-agent-a2.yaml",
        objects.toArray(io.fabric8.kubernetes.api.model.HasMetadata[]::new)));
    return FleetGenerator.builder().generators(generators).validators(List.of()).build()
        .generate(TestFleets.bookingSpec()).tree().documents().get("ci-cd/argocd.yaml").stream()
        .filter(d -> d.path("metadata").path("name").asText().equals("booking-agents-agents")).findFirst().orElseThrow();
  }

  @Test
  void appProject_whenGenerated_allowsOnlyTheTreesRepositoryNamespacesAndClusterKinds() {
    JsonNode project = booking().tree().documents().get("ci-cd/argocd.yaml").get(0);

    assertThat(project.path("kind").asText()).isEqualTo("AppProject");
    assertThat(project.path("spec").path("sourceRepos").toString()).isEqualTo("[\"https://github.com/example/booking-gitops.git\"]");
    List<String> cluster = new ArrayList<>();
    project.path("spec").path("clusterResourceWhitelist").forEach(k -> cluster.add(k.path("kind").asText()));
    // ClusterRole and binding: the fleet's Prometheus reads pods, endpoints and the kubelets' metrics cluster-wide.
    assertThat(cluster).containsExactly("Namespace", "ClusterRole", "ClusterRoleBinding", "PriorityClass");
    List<String> namespaces = new ArrayList<>();
    project.path("spec").path("destinations").forEach(d -> namespaces.add(d.path("namespace").asText()));
    assertThat(namespaces).containsExactly("argocd", "booking-agents", "logging", "monitoring");
  }

  @Test
  void gitRepository_whenTreeIsNested_ignoresEverythingButTheTreeFolder() {
    assertThat(FluxWiring.ignoreAllBut("generated/production"))
        .isEqualTo("/*\n!/generated/\n/generated/*\n!/generated/production/\n");
  }
}
