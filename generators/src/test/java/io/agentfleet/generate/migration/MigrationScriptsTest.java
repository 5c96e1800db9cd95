package io.agentfleet.generate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.RenderedTree;
import io.agentfleet.generate.RequiredTools;
import io.agentfleet.generate.TreeWriter;
import io.agentfleet.generate.cicd.FullTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scripts of migration/, run for real with bash against a recording kubectl stub over a tree with every folder:
 * shellcheck-clean, the order and arguments of deploy, verify and rollback, and clear failures.
 */
class MigrationScriptsTest {
  @TempDir
  static Path work;
  static Path tree;

  @TempDir
  Path run;

  @BeforeAll
  static void writeTree() {
    RenderedTree rendered = FullTree.generate().tree();
    tree = work.resolve("generated/production");
    TreeWriter.write(tree, rendered);
  }

  private ScriptRun.Result deploy(Map<String, String> env, String... args) {
    return ScriptRun.run(run, tree.resolve("migration/deploy.sh"), env, args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy.sh", "rollback.sh", "docker-to-k8s.sh"})
  void script_whenChecked_passesShellcheckAtWarningAndBashSyntax(String name) {
    RequiredTools.need("shellcheck", "shellcheck");
    Path script = tree.resolve("migration").resolve(name);

    ScriptRun.Result syntax = ScriptRun.tool(run, "bash", "-n", script.toString());
    ScriptRun.Result lint = ScriptRun.tool(run, "shellcheck", "-S", "warning", "-s", "bash", script.toString());

    assertThat(syntax.exit()).as(syntax.out()).isZero();
    assertThat(lint.exit()).as(lint.out()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy.sh", "rollback.sh", "docker-to-k8s.sh"})
  void script_whenAskedForHelp_printsUsageWithoutCallingKubectl(String name) {
    ScriptRun.Result r = ScriptRun.run(run, tree.resolve("migration").resolve(name), Map.of(), "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: migration/" + name).contains("--dry-run", "--context");
    assertThat(r.calls()).isEmpty();
  }

  @Test
  void deploy_whenRun_appliesFoldersInDependencyOrderEachAfterItsCrdsAndBeforeItsWaits() {
    ScriptRun.Result r = deploy(Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> c = r.calls();
    assertThat(c.get(0)).isEqualTo("config current-context");
    List<String> applies = c.stream().filter(l -> l.startsWith("apply ")).toList();
    assertThat(applies).extracting(l -> l.substring(l.lastIndexOf('/') + 1))
        .containsExactly("core", "database", "agents", "sub-agents", "monitoring");
    assertThat(applies).allMatch(l -> l.startsWith("apply --server-side --field-manager=agentfleet -k " + tree));
    // core: the ExternalSecret CRD is checked before it is applied; the namespace is waited for after.
    assertBefore(c, "get crd externalsecrets.external-secrets.io", "apply --server-side --field-manager=agentfleet -k " + tree + "/core");
    assertBefore(c, "apply --server-side --field-manager=agentfleet -k " + tree + "/core",
        "wait --for=jsonpath={.status.phase}=Active namespace/booking-agents --timeout=5s");
    // database: CRD check, apply, wait for the cluster to be Ready, all before the agents are applied.
    assertBefore(c, "get crd clusters.postgresql.cnpg.io", "apply --server-side --field-manager=agentfleet -k " + tree + "/database");
    assertBefore(c, "wait --for=condition=Ready cluster.postgresql.cnpg.io/booking-db -n booking-agents --timeout=5s",
        "apply --server-side --field-manager=agentfleet -k " + tree + "/agents");
    // agents roll out before sub-agents start; sub-agents before monitoring.
    assertBefore(c, "rollout status deployment/booking-agent-a2 -n booking-agents --timeout=5s",
        "apply --server-side --field-manager=agentfleet -k " + tree + "/sub-agents");
    assertBefore(c, "rollout status deployment/claude-sub-agent-s6 -n booking-agents --timeout=5s",
        "apply --server-side --field-manager=agentfleet -k " + tree + "/monitoring");
    assertThat(c).contains("get crd servicemonitors.monitoring.coreos.com", "get crd prometheuses.monitoring.coreos.com",
        "get crd verticalpodautoscalers.autoscaling.k8s.io", "get crd databases.postgresql.cnpg.io");
  }

  @Test
  void deploy_whenRunTwice_issuesTheSameIdempotentCalls() {
    List<String> first = deploy(Map.of()).calls();
    List<String> second = deploy(Map.of()).calls();

    assertThat(second).isEqualTo(first);
    assertThat(first).noneMatch(l -> l.startsWith("create ") || l.startsWith("delete "));
  }

  @Test
  void deploy_whenDryRun_changesNothingButStillChecksCrds() {
    ScriptRun.Result r = deploy(Map.of(), "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.calls()).noneMatch(l -> l.startsWith("apply") || l.startsWith("rollout") || l.startsWith("wait"));
    assertThat(r.calls()).contains("get crd clusters.postgresql.cnpg.io");
    assertThat(r.out()).contains("[dry-run] kubectl apply --server-side --field-manager=agentfleet -k " + tree + "/core");
  }

  @Test
  void deploy_whenCrdMissing_stopsBeforeTheFolderNamingTheCrd() {
    ScriptRun.Result r = deploy(Map.of("STUB_MISSING_CRD", "clusters.postgresql.cnpg.io"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("folder database needs the CRD clusters.postgresql.cnpg.io");
    assertThat(r.calls()).noneMatch(l -> l.endsWith("/database")).anyMatch(l -> l.endsWith("/core"));
  }

  @Test
  void deploy_whenKubectlMissing_failsWithHowToFix() {
    ScriptRun.Result r = deploy(Map.of("KUBECTL", "/nonexistent/kubectl"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("kubectl not found on PATH");
  }

  @Test
  void deploy_whenNoContext_failsWithHowToFix() {
    ScriptRun.Result r = deploy(Map.of("STUB_NO_CONTEXT", "1"));
    ScriptRun.Result unknown = deploy(Map.of(), "--context", "prod");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("no current kubectl context", "kubectl config use-context");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("kubectl context 'prod' not found");
  }

  @Test
  void verify_whenHealthy_checksRolloutsPodsAutoscalersAndDatabaseInThatOrder() {
    ScriptRun.Result r = deploy(Map.of(), "verify", "--context", "stub-context");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> c = r.calls();
    assertThat(c).contains("rollout status deployment/booking-agent-a2-frontend -n booking-agents --timeout=5s",
        "wait --for=condition=Ready pod -l app.kubernetes.io/part-of=booking-agents -n booking-agents --timeout=5s",
        "get pods -n booking-agents -l cnpg.io/cluster=booking-db,cnpg.io/instanceRole=primary -o name",
        "exec -n booking-agents pod/booking-db-1 -c postgres -- pg_isready -q");
    assertBefore(c, "rollout status deployment/claude-sub-agent-s6 -n booking-agents --timeout=5s",
        "wait --for=condition=Ready pod -l app.kubernetes.io/part-of=booking-agents -n booking-agents --timeout=5s");
    assertThat(c.stream().filter(l -> l.startsWith("get hpa "))).hasSize(6)
        .allMatch(l -> l.contains("ScalingActive"));
    assertThat(r.out()).contains("fleet booking-agents verified");
    assertThat(c).noneMatch(l -> l.startsWith("apply"));
  }

  @Test
  void verify_whenARolloutFails_exitsNonZeroNamingTheWorkload() {
    ScriptRun.Result r = deploy(Map.of("STUB_FAIL_ROLLOUT", "deployment/claude-sub-agent-s3"), "verify");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("rollout of deployment/claude-sub-agent-s3 in booking-agents is not complete");
    assertThat(r.calls()).noneMatch(l -> l.startsWith("get hpa"));
  }

  @Test
  void verify_whenAnHpaCannotReadMetrics_exitsNonZeroNamingTheAdapter() {
    ScriptRun.Result r = deploy(Map.of("STUB_HPA_STATUS", "False"), "verify");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("HPA claude-sub-agent-s1 in booking-agents cannot read its metrics (ScalingActive=False)",
        "custom-metrics adapter");
  }

  @Test
  void rollbackAgent_whenRun_triesAServerDryRunFirstThenUndoesAndWaits() {
    ScriptRun.Result r = ScriptRun.run(run, tree.resolve("migration/rollback.sh"), Map.of(), "agent", "a2",
        "--to-revision", "3");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.calls()).containsExactly("config current-context",
        "rollout undo deployment/booking-agent-a2 -n booking-agents --to-revision=3 --dry-run=server",
        "rollout undo deployment/booking-agent-a2-frontend -n booking-agents --to-revision=3 --dry-run=server",
        "rollout undo deployment/booking-agent-a2 -n booking-agents --to-revision=3",
        "rollout status deployment/booking-agent-a2 -n booking-agents --timeout=5s",
        "rollout undo deployment/booking-agent-a2-frontend -n booking-agents --to-revision=3",
        "rollout status deployment/booking-agent-a2-frontend -n booking-agents --timeout=5s");
  }

  @Test
  void rollbackAgent_whenDryRun_onlyTriesTheServerDryRun() {
    ScriptRun.Result r = ScriptRun.run(run, tree.resolve("migration/rollback.sh"), Map.of(), "--dry-run", "agent", "s1");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.calls()).containsExactly("config current-context",
        "rollout undo deployment/claude-sub-agent-s1 -n booking-agents --dry-run=server");
    assertThat(r.out()).contains("dry run only: nothing changed");
  }

  @Test
  void rollbackAgent_whenUnknown_failsListingTheKnownIds() {
    ScriptRun.Result r = ScriptRun.run(run, tree.resolve("migration/rollback.sh"), Map.of(), "agent", "s9");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("no agent or sub-agent 's9' in this fleet (known: a2 a3 a4 s1 s2 s3 s4 s5 s6)");
  }

  @Test
  void rollbackFolder_whenToGit_appliesTheFolderAsItWasAtThatRevisionAfterADryRun() throws IOException {
    RequiredTools.need("git", "git");
    Path repo = run.resolve("repo");
    Path copy = repo.resolve("generated/production");
    copyTree(tree, copy);
    git(repo, "init", "-q");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first");
    Path s1 = copy.resolve("sub-agents/claude-sub-agent-s1.yaml");
    Files.writeString(s1, Files.readString(s1).replace("claude-code-agent:2.1.0", "claude-code-agent:2.2.0"));
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "second");

    ScriptRun.Result r = ScriptRun.run(run, copy.resolve("migration/rollback.sh"),
        Map.of(), "folder", "sub-agents", "--to-git", "HEAD~1");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> c = r.calls();
    assertThat(c.get(1)).matches("apply --server-side --field-manager=agentfleet --dry-run=server -k .*/generated/production/sub-agents");
    assertThat(c.get(2)).matches("apply --server-side --field-manager=agentfleet -k .*/generated/production/sub-agents")
        .doesNotContain(copy.toString());
    assertThat(c.subList(3, c.size())).hasSize(6).allMatch(l -> l.startsWith("rollout status deployment/claude-sub-agent-s"));
  }

  @Test
  void rollbackFolder_whenRevisionUnknown_failsBeforeCallingKubectlToChange() {
    ScriptRun.Result r = ScriptRun.run(run, tree.resolve("migration/rollback.sh"), Map.of(), "folder", "core",
        "--to-git", "v9.9.9");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.calls()).noneMatch(l -> l.startsWith("apply"));
  }

  private static void assertBefore(List<String> calls, String first, String second) {
    assertThat(calls).contains(first, second);
    assertThat(calls.indexOf(first)).as("'%s' before '%s'", first, second).isLessThan(calls.indexOf(second));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void git(Path dir, String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ScriptRun.Result r = ScriptRun.tool(dir, cmd);
    assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.out()).isZero();
  }
}
