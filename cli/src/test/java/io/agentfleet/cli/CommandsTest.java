package io.agentfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code agentfleet} commands run in this process: the trees, messages and exit statuses users rely on. */
class CommandsTest {
  @TempDir Path dir;

  /** The project root (the build sets agentfleet.projectRoot; IDE runs start in the module folder). */
  static Path root() {
    String root = System.getProperty("agentfleet.projectRoot");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  /** A fleet that shares nothing with the example: its own name, sub-agents, images and sizes, no agents. */
  static final String DOCS_BOTS = String.join("\n",
      "name: docs-bots",
      "subAgents:",
      "  - { id: lint, role: linter, image: ghcr.io/acme/lint-bot:0.3.1, replicas: 1..3,"
          + " requests: { cpu: 250m, memory: 512Mi } }",
      "  - { id: review, role: reviewer, image: ghcr.io/acme/review-bot:1.0.0, replicas: 2..4,"
          + " requests: { cpu: 500m, memory: 1Gi }, priority: high }",
      "");

  record Run(int status, String out, String err) {}

  static Run run(Path cwd, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Commands.run(List.of(args), cwd, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every file of a tree that Git keeps (the writer's state and lock files are ignored), by relative path. */
  static Map<String, String> files(Path tree) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".agentfleet-state") && !name.endsWith(".agentfleet-lock")) {
          files.put(tree.relativize(p).toString(), Files.readString(p));
        }
      }
    }
    return files;
  }

  @Test
  void generate_theExample_writesTheTreeTheMavenPluginCommitted() throws IOException {
    Path example = root().resolve("examples/booking-agents/fleet.yaml");

    Run run = run(dir, "generate", "--fleet", example.toString(), "--output", "trees");

    assertThat(run.status()).as(run.err()).isEqualTo(Commands.OK);
    assertThat(files(dir.resolve("trees"))).isEqualTo(files(root().resolve("generated")));
    assertThat(run.out()).contains("Generated trees/production from " + example + " (environment production)")
        .contains("Wrote trees/argocd-environments.yaml: the Argo CD entry point of dev, staging, production");
  }

  @Test
  void generate_relativePaths_resolveAgainstTheCallersFolderNotThisProcesses() throws IOException {
    Files.writeString(dir.resolve("fleet.yaml"), DOCS_BOTS);

    Run run = run(dir, "generate");

    assertThat(run.status()).as(run.err()).isEqualTo(Commands.OK);
    assertThat(dir.resolve("generated/production/sub-agents/claude-sub-agent-lint.yaml")).isRegularFile();
    assertThat(run.out()).startsWith("Generated generated/production from fleet.yaml (environment production)\n");

    Run again = run(dir, "generate");
    assertThat(again.status()).isEqualTo(Commands.OK);
    assertThat(again.out()).contains("up to date").contains("nothing generated");
  }

  @Test
  void generate_oneEnvironment_writesOnlyIt() throws IOException {
    Path example = root().resolve("examples/booking-agents/fleet.yaml");

    Run run = run(dir, "generate", "--fleet=" + example, "--output", "out", "--environment", "staging");

    assertThat(run.status()).as(run.err()).isEqualTo(Commands.OK);
    try (Stream<Path> list = Files.list(dir.resolve("out"))) {
      assertThat(list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .containsExactly("staging");
    }
  }

  @Test
  void generate_badCommandLine_namesEveryProblemAtOnceAndRunsNothing() throws IOException {
    Files.writeString(dir.resolve("fleet.yaml"), DOCS_BOTS);

    Run run = run(dir, "generate", "--bogus", "--threads", "x", "--output", "a", "--output", "b", "stray", "--fleet");

    assertThat(run.status()).isEqualTo(Commands.USAGE);
    assertThat(run.err().lines()).contains(
        "agentfleet generate: --bogus: unknown option",
        "agentfleet generate: --output: given twice ('a' and 'b')",
        "agentfleet generate: 'stray': unexpected argument (options are written --name value)",
        "agentfleet generate: --fleet: needs a value",
        "agentfleet generate: --threads: 'x' is not a number of threads: write 0 (one per processor, up to 4) or "
            + "how many to use");
    try (Stream<Path> list = Files.list(dir)) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactly("fleet.yaml");
    }
  }

  @Test
  void generate_invalidFleet_listsEveryProblemWithItsPlaceAndWritesNothing() throws IOException {
    Files.writeString(dir.resolve("fleet.yaml"), String.join("\n",
        "name: Docs_Bots",
        "subAgents:",
        "  - { id: lint, role: linter, image: ghcr.io/acme/lint-bot:0.3.1, replicas: 4..2,"
            + " requests: { cpu: 250m, memory: 512Mi } }",
        ""));

    Run run = run(dir, "generate");

    assertThat(run.status()).isEqualTo(Commands.FAILED);
    assertThat(run.err().lines()).contains(
        "error: fleet.yaml:1:7: name: 'Docs_Bots' is not a DNS-1123 label (lower-case letters, digits and '-', "
            + "starting and ending with a letter or digit)",
        "error: fleet.yaml:3:77: subAgents[lint].replicas: minimum 4 is above maximum 2");
    assertThat(run.err()).endsWith("; nothing was written\n");
    assertThat(dir.resolve("generated")).doesNotExist();
  }

  @Test
  void generate_missingFleetFile_saysWhichOptionPointsAtIt() {
    Run run = run(dir, "generate", "--fleet", "nowhere.yaml");

    assertThat(run.status()).isEqualTo(Commands.FAILED);
    assertThat(run.err()).startsWith("agentfleet generate failed: --fleet: no fleet file at "
        + dir.resolve("nowhere.yaml") + " (create it, or point --fleet at it)");
  }

  @Test
  void generate_environmentTheFleetLacks_namesTheDeclaredOnes() {
    Path example = root().resolve("examples/booking-agents/fleet.yaml");

    Run run = run(dir, "generate", "--fleet", example.toString(), "--environment", "dev", "--environment", "qa");

    assertThat(run.status()).isEqualTo(Commands.USAGE);
    assertThat(run.err()).contains("--environment: given twice ('dev' and 'qa')");
  }

  @Test
  void unknownCommand_printsTheUsage() {
    Run run = run(dir, "generat");

    assertThat(run.status()).isEqualTo(Commands.USAGE);
    assertThat(run.err()).startsWith("agentfleet: unknown command 'generat'\nusage: agentfleet");
  }
  @Test
  void check_theCommittedExample_isUpToDateAndWritesNothing() throws IOException {
    Path example = root().resolve("examples/booking-agents/fleet.yaml");
    Map<String, String> before = files(root().resolve("generated"));

    Run run = run(dir, "check", "--fleet", example.toString(), "--output", root().resolve("generated").toString());

    assertThat(run.status()).as(run.err()).isEqualTo(Commands.OK);
    assertThat(run.out()).contains("/generated/production is up to date (")
        .contains("/generated/argocd-environments.yaml is up to date");
    assertThat(files(root().resolve("generated"))).isEqualTo(before);
  }

  @Test
  void check_staleTree_listsEveryDifferenceFailsAndNamesTheCommandThatMends() throws IOException {
    Files.writeString(dir.resolve("fleet.yaml"), DOCS_BOTS);
    assertThat(run(dir, "generate").status()).isEqualTo(Commands.OK);
    Path tree = dir.resolve("generated/production");
    Path lint = tree.resolve("sub-agents/claude-sub-agent-lint.yaml");
    String edited = Files.readString(lint).replace("maxReplicas: 3", "maxReplicas: 9");
    assertThat(edited).isNotEqualTo(Files.readString(lint));
    Files.writeString(lint, edited);
    // The fleet renames a sub-agent after its tree was generated: its file goes, another comes.
    Files.writeString(dir.resolve("fleet.yaml"), DOCS_BOTS.replace("id: review", "id: proof"));
    Map<String, String> before = files(dir);

    Run run = run(dir, "check", "--environment", "production");

    assertThat(run.status()).isEqualTo(Commands.FAILED);
    assertThat(run.err().lines()).contains(
        "error: generated/production is not up to date with fleet.yaml:",
        "error:   + sub-agents/claude-sub-agent-proof.yaml (missing, would be added)",
        "error:   - sub-agents/claude-sub-agent-review.yaml (no longer generated, would be removed)",
        "error: run agentfleet generate and commit the result (with --environment production)");
    assertThat(run.err()).contains("error:   ~ sub-agents/claude-sub-agent-lint.yaml: line ")
        .contains("error:       expected:   maxReplicas: 3  #").contains("error:       actual:     maxReplicas: 9  #")
        .endsWith("; run agentfleet generate and commit the result (with --environment production)\n");
    assertThat(files(dir)).isEqualTo(before);

    assertThat(run(dir, "generate").status()).isEqualTo(Commands.OK);
    Run mended = run(dir, "check");
    assertThat(mended.status()).as(mended.err()).isEqualTo(Commands.OK);
    assertThat(mended.out()).matches("generated/production is up to date \\(\\d+ files\\)\n");
  }

  @Test
  void check_helpAndBadOptions_speakOfCheck() {
    assertThat(run(dir, "help", "check").out()).startsWith("usage: agentfleet [--daemon] check [options]");
    Run bad = run(dir, "check", "--bogus");
    assertThat(bad.status()).isEqualTo(Commands.USAGE);
    assertThat(bad.err())
        .isEqualTo("agentfleet check: --bogus: unknown option\n(agentfleet help check lists the options)\n");
  }
  /** A fleet of its own with one standard agent (a database and a workspace volume each) and one sub-agent. */
  static final String ONE_AGENT = String.join("\n",
      "name: docs-agents",
      "imageRegistry: ghcr.io/acme",
      "agents:",
      "  - id: d1",
      "    worker: { image: docs-worker:1.0.0, workspace: 5Gi, repository: https://github.com/acme/docs.git }",
      "    frontend: { image: docs-frontend:2.0.0 }",
      "    backend: { image: docs-backend:2.0.0 }",
      "  - id: d2",
      "    worker: { image: docs-worker:1.0.0, workspace: 5Gi, repository: https://github.com/acme/docs.git }",
      "    frontend: { image: docs-frontend:2.0.0 }",
      "    backend: { image: docs-backend:2.0.0 }",
      "subAgents:",
      "  - { id: lint, role: linter, image: ghcr.io/acme/lint-bot:0.3.1, replicas: 1..3,"
          + " requests: { cpu: 250m, memory: 512Mi } }",
      "");

  private void git(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=agentfleet", "-c",
        "user.email=test@agentfleet.invalid"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + output).isZero();
  }

  @Test
  void diff_aDeletedAgent_failsOnItsVolumeAndDatabaseUnlessAllowed_andComparesRevisions() throws Exception {
    Files.writeString(dir.resolve("fleet.yaml"), ONE_AGENT);
    assertThat(run(dir, "generate").status()).isEqualTo(Commands.OK);
    git("init", "-q");
    git("add", "fleet.yaml", "generated");
    git("commit", "-q", "-m", "two agents");
    Files.writeString(dir.resolve("fleet.yaml"), ONE_AGENT.replaceFirst("(?s)  - id: d2\n.*?backend: \\{[^\n]*\n", ""));
    assertThat(Files.readString(dir.resolve("fleet.yaml"))).doesNotContain("d2");

    Run refused = run(dir, "diff");

    assertThat(refused.status()).isEqualTo(Commands.FAILED);
    assertThat(refused.out()).contains("Markdown written to target/agentfleet/diff.md");
    assertThat(refused.err()).contains("error: stateful object deleted: PersistentVolumeClaim ")
        .contains("rerun with --allow-stateful-deletion");
    assertThat(Files.readString(dir.resolve("target/agentfleet/diff.md")))
        .startsWith("<!-- agentfleet-diff -->\n## agentfleet diff: generated/production (committed) → generated from "
            + "fleet.yaml");
    assertThat(dir.resolve("generated/production/agents/agent-d2.yaml")).isRegularFile();

    Run allowed = run(dir, "diff", "--allow-stateful-deletion", "--markdown", "allowed.md", "--max-bytes", "1500");
    assertThat(allowed.status()).as(allowed.err()).isEqualTo(Commands.OK);
    assertThat(allowed.err()).contains("warning: ").contains(" stateful object(s) deleted, allowed by "
        + "--allow-stateful-deletion");
    assertThat(Files.size(dir.resolve("allowed.md"))).isLessThanOrEqualTo(1500);
    // Cut short, the Markdown names the command that prints every change as this user runs it.
    assertThat(Files.readString(dir.resolve("allowed.md"))).endsWith("`agentfleet diff` prints every change._\n");

    Run revisions = run(dir, "diff", "--base", "HEAD", "--markdown", "revisions.md");
    assertThat(revisions.status()).as(revisions.err()).isEqualTo(Commands.OK);
    assertThat(Files.readString(dir.resolve("revisions.md"))).contains("generated/production at HEAD → "
        + "generated/production on disk");

    Run unknown = run(dir, "diff", "--base", "no-such-revision");
    assertThat(unknown.status()).isEqualTo(Commands.FAILED);
    assertThat(unknown.err()).contains("--base: 'no-such-revision' is not a revision of the repository");
  }

  @Test
  void diff_headWithoutBase_andNegativeMaxBytes_areRefusedByName() throws IOException {
    Files.writeString(dir.resolve("fleet.yaml"), DOCS_BOTS);

    assertThat(run(dir, "diff", "--head", "main").err())
        .contains("--head: needs --base (the revision to compare from)");
    assertThat(run(dir, "diff", "--max-bytes", "-1").err())
        .contains("--max-bytes: must be 0 (no limit) or more, not -1");
    Run bad = run(dir, "diff", "--max-bytes", "lots");
    assertThat(bad.status()).isEqualTo(Commands.USAGE);
    assertThat(bad.err()).startsWith("agentfleet diff: --max-bytes: 'lots' is not a number of bytes");
  }

  @Test
  void plan_printsThePlanAndWritesItsFiles_withoutATree() throws IOException {
    Files.writeString(dir.resolve("fleet.yaml"), DOCS_BOTS);

    Run run = run(dir, "plan", "--plan-output", "plans");

    assertThat(run.status()).as(run.err()).isEqualTo(Commands.OK);
    assertThat(run.out()).startsWith("Environment production:\n").contains("Wrote plans/plan.json and plan.md");
    assertThat(Files.readString(dir.resolve("plans/plan.json"))).contains("\"lint\"");
    assertThat(dir.resolve("plans/plan.md")).isRegularFile();
    assertThat(dir.resolve("generated")).doesNotExist();
    assertThat(run(dir, "help", "plan").out()).startsWith("usage: agentfleet [--daemon] plan [options]");
  }
}
