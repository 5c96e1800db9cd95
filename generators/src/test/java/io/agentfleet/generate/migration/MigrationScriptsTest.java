package io.agentfleet.generate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.RequiredTools;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.TreeWriter;
import io.agentfleet.generate.cicd.FullTree;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.Autoscaler;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.DatabaseSpec;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.ImmutableFleetSpec;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.ScalingSpec;
import io.agentfleet.model.SecretsSpec;
import io.agentfleet.model.SubAgentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  /** How both scripts apply: server-side, one field manager, conflicts forced (defect 11 of issue 9). */
  static final String APPLY = "apply --server-side --force-conflicts --field-manager=agentfleet";

  @TempDir
  static Path work;
  static Path tree;

  @TempDir
  Path run;

  /** The booking tree from the real generators, fully validated: CronJobs, a CloudNativePG cluster, HPAs. */
  static Path real;
  /** The same with sub-agent s2 scaled by KEDA (a ScaledObject instead of an HPA, zero replicas allowed). */
  static Path keda;
  /** The booking fleet with its database in statefulset mode (manual secrets). */
  static Path statefulSet;

  @BeforeAll
  static void writeTree() {
    RenderedTree rendered = FullTree.generate().tree();
    tree = work.resolve("generated/production");
    TreeWriter.write(tree, rendered);
    real = work.resolve("real/generated/production");
    TreeWriter.write(real, validated(TestFleets.bookingSpec()).tree());
    FleetSpec base = TestFleets.bookingSpec();
    List<SubAgentSpec> subs = new ArrayList<>(base.subAgents());
    subs.set(1, SubAgentSpec.builder().from(subs.get(1)).replicas(ReplicaRange.between(0, 6))
        .scaling(ScalingSpec.builder().autoscaler(Autoscaler.KEDA).build()).build());
    keda = work.resolve("keda/generated/production");
    TreeWriter.write(keda, validated(ImmutableFleetSpec.copyOf(base).withSubAgents(subs)).tree());
    statefulSet = work.resolve("statefulset/generated/production");
    TreeWriter.write(statefulSet, validated(FleetSpec.builder().from(base).secrets(SecretsSpec.manual())
        .database(DatabaseSpec.builder().mode(DatabaseMode.STATEFULSET).instances(3).build()).build()).tree());
  }

  private static GenerationResult validated(FleetSpec spec) {
    return FleetGenerator.builder().build().generate(spec);
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
    assertThat(applies).allMatch(l -> l.startsWith(APPLY + " -k " + tree));
    // core: the ExternalSecret CRD is checked before it is applied; the namespace is waited for after.
    assertBefore(c, "get crd externalsecrets.external-secrets.io", APPLY + " -k " + tree + "/core");
    assertBefore(c, APPLY + " -k " + tree + "/core",
        "wait --for=jsonpath={.status.phase}=Active namespace/booking-agents --timeout=5s");
    // database: CRD check, apply, wait for the cluster to be Ready, all before the agents are applied.
    assertBefore(c, "get crd clusters.postgresql.cnpg.io", APPLY + " -k " + tree + "/database");
    assertBefore(c, callWith(c, "wait --for=condition=Ready ", "cluster.postgresql.cnpg.io/booking-db"),
        APPLY + " -k " + tree + "/agents");
    // agents roll out before sub-agents start; sub-agents before monitoring.
    assertBefore(c, rolloutOf(c, "deployment/booking-agent-a2"), APPLY + " -k " + tree + "/sub-agents");
    assertBefore(c, rolloutOf(c, "deployment/claude-sub-agent-s6"), APPLY + " -k " + tree + "/monitoring");
    // One rollout status per folder and namespace, for all of its workloads, in the tree's order.
    assertThat(rolloutOf(c, "deployment/claude-sub-agent-s1")).isEqualTo("rollout status "
        + "deployment/claude-sub-agent-s1 deployment/claude-sub-agent-s2 deployment/claude-sub-agent-s3 "
        + "deployment/claude-sub-agent-s4 deployment/claude-sub-agent-s5 deployment/claude-sub-agent-s6 "
        + "-n booking-agents --timeout=5s");
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
    assertThat(r.out()).contains("[dry-run] kubectl " + APPLY + " -k " + tree + "/core");
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
  void verify_whenHealthy_checksRolloutsAutoscalersAndDatabaseInThatOrder() {
    ScriptRun.Result r = deploy(Map.of(), "verify", "--context", "stub-context");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> c = r.calls();
    assertThat(c).contains("get pods -n booking-agents -l cnpg.io/cluster=booking-db,cnpg.io/instanceRole=primary -o name",
        "exec -n booking-agents pod/booking-db-1 -c postgres -- pg_isready -q");
    assertThat(rolloutOf(c, "deployment/booking-agent-a2-frontend")).endsWith(" -n booking-agents --timeout=5s");
    assertBefore(c, rolloutOf(c, "deployment/claude-sub-agent-s6"),
        c.stream().filter(l -> l.startsWith("get hpa ")).findFirst().orElseThrow());
    // The HPAs of a namespace in one list, read for their ScalingActive condition.
    assertThat(c.stream().filter(l -> l.startsWith("get hpa "))).containsExactly("get hpa -n booking-agents -o "
        + "jsonpath={range .items[*]}{.metadata.name}{\" \"}"
        + "{.status.conditions[?(@.type==\"ScalingActive\")].status}{\"\\n\"}{end}");
    assertThat(r.out()).contains("fleet booking-agents verified");
    assertThat(c).noneMatch(l -> l.startsWith("apply"));
  }

  @Test
  void verify_whenARolloutFails_exitsNonZeroNamingTheWorkload() {
    ScriptRun.Result r = deploy(Map.of("STUB_FAIL_ROLLOUT", "deployment/claude-sub-agent-s3"), "verify");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("rollout of deployment/claude-sub-agent-s3 in booking-agents did not complete within 5s");
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
    assertThat(r.calls()).containsExactly("config current-context", "version --client -o json",
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
    assertThat(r.calls()).containsExactly("config current-context", "version --client -o json",
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
    Path repo = run.resolve("repo");
    Path copy = committedCopy(repo);
    Path s1 = copy.resolve("sub-agents/claude-sub-agent-s1.yaml");
    Files.writeString(s1, Files.readString(s1).replace("claude-code-agent:2.1.0", "claude-code-agent:2.2.0"));
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "second");

    ScriptRun.Result r = ScriptRun.run(run, copy.resolve("migration/rollback.sh"),
        Map.of(), "folder", "sub-agents", "--to-git", "HEAD~1");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> c = r.calls();
    assertThat(c.get(2)).matches(APPLY + " --dry-run=server -k .*/generated/production/sub-agents");
    assertThat(c.get(3)).matches(APPLY + " -k .*/generated/production/sub-agents")
        .doesNotContain(copy.toString());
    assertThat(c.subList(4, c.size())).containsExactly("rollout status deployment/claude-sub-agent-s1 "
        + "deployment/claude-sub-agent-s2 deployment/claude-sub-agent-s3 deployment/claude-sub-agent-s4 "
        + "deployment/claude-sub-agent-s5 deployment/claude-sub-agent-s6 -n booking-agents --timeout=5s");
  }

  @Test
  void deployAndRollback_whenTheSubAgentsAreInParts_applyThemPartByPartAsTheTreeWasAtThatRevision() throws IOException {
    // Committed first with the sub-agents in one folder, then shared out among parts (gitops.subAgentShards: 3;
    // the example's six ids hash to parts 0 and 1 only, so there are two).
    Path repo = run.resolve("repo");
    Path copy = committedCopy(repo);
    FleetSpec base = TestFleets.bookingSpec();
    TreeWriter.write(copy, validated(FleetSpec.builder().from(base).gitops(io.agentfleet.model.GitOpsSpec.builder()
        .from(base.gitops().orElseThrow()).subAgentShards(3).build()).build()).tree());
    assertThat(copy.resolve("sub-agents/claude-sub-agent-s1.yaml")).doesNotExist();
    assertThat(copy.resolve("sub-agents/shard-01/claude-sub-agent-s1.yaml")).exists();
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "in parts");

    ScriptRun.Result deploy = ScriptRun.run(run, copy.resolve("migration/deploy.sh"), Map.of());
    assertThat(deploy.exit()).as(deploy.err()).isZero();
    assertThat(deploy.calls().stream().filter(l -> l.startsWith("apply "))).containsExactly(
        APPLY + " -k " + copy + "/core", APPLY + " -k " + copy + "/database", APPLY + " -k " + copy + "/agents",
        APPLY + " -k " + copy + "/sub-agents/shard-00", APPLY + " -k " + copy + "/sub-agents/shard-01",
        APPLY + " -k " + copy + "/monitoring");
    // Every sub-agent is waited for once, after both parts are applied.
    assertBefore(deploy.calls(), APPLY + " -k " + copy + "/sub-agents/shard-01",
        rolloutOf(deploy.calls(), "deployment/claude-sub-agent-s1"));

    // Back to the revision in one folder: applied whole, as it was.
    ScriptRun.Result whole = ScriptRun.run(run, copy.resolve("migration/rollback.sh"),
        Map.of(), "folder", "sub-agents", "--to-git", "HEAD~1");
    assertThat(whole.exit()).as(whole.err()).isZero();
    assertThat(whole.calls().stream().filter(l -> l.startsWith("apply ")))
        .satisfiesExactly(l -> assertThat(l).matches(APPLY + " --dry-run=server -k .*/generated/production/sub-agents"),
            l -> assertThat(l).matches(APPLY + " -k .*/generated/production/sub-agents"));
    // And to the revision in parts: every part tried on the server before any is applied.
    ScriptRun.Result parts = ScriptRun.run(run, copy.resolve("migration/rollback.sh"),
        Map.of(), "folder", "sub-agents", "--to-git", "HEAD");
    assertThat(parts.exit()).as(parts.err()).isZero();
    assertThat(parts.calls().stream().filter(l -> l.startsWith("apply ")))
        .satisfiesExactly(l -> assertThat(l).matches(APPLY + " --dry-run=server -k .*/sub-agents/shard-00"),
            l -> assertThat(l).matches(APPLY + " --dry-run=server -k .*/sub-agents/shard-01"),
            l -> assertThat(l).matches(APPLY + " -k .*/sub-agents/shard-00"),
            l -> assertThat(l).matches(APPLY + " -k .*/sub-agents/shard-01"));
  }

  @Test
  void rollbackFolder_whenToGit_waitsForTheWorkloadsOfThatRevisionNotOfTheTreeItRunsFrom() throws IOException {
    // At HEAD~1 the sub-agents are s1 … s6; at HEAD s6 is gone and s7 has come.
    Path repo = run.resolve("repo");
    Path copy = committedCopy(repo);
    FleetSpec base = TestFleets.bookingSpec();
    List<SubAgentSpec> subs = new ArrayList<>(base.subAgents());
    subs.set(5, SubAgentSpec.builder().from(subs.get(5)).id("s7").build());
    TreeWriter.write(copy, validated(ImmutableFleetSpec.copyOf(base).withSubAgents(subs)).tree());
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "s7 for s6");

    ScriptRun.Result r = ScriptRun.run(run, copy.resolve("migration/rollback.sh"),
        Map.of(), "folder", "sub-agents", "--to-git", "HEAD~1");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.calls().stream().filter(l -> l.startsWith("rollout "))).containsExactly("rollout status "
        + "deployment/claude-sub-agent-s1 deployment/claude-sub-agent-s2 deployment/claude-sub-agent-s3 "
        + "deployment/claude-sub-agent-s4 deployment/claude-sub-agent-s5 deployment/claude-sub-agent-s6 "
        + "-n booking-agents --timeout=5s");
    // The agents at HEAD~1 were two Deployments (the tree committed first is a smaller one).
    ScriptRun.Result a = ScriptRun.run(run, copy.resolve("migration/rollback.sh"),
        Map.of(), "folder", "agents", "--to-git", "HEAD~1");
    assertThat(a.exit()).as(a.err()).isZero();
    assertThat(a.calls().stream().filter(l -> l.startsWith("rollout "))).containsExactly(
        "rollout status deployment/booking-agent-a2 deployment/booking-agent-a2-frontend -n booking-agents --timeout=5s");
    // Monitoring at HEAD: workloads of two namespaces, each waited for in its own.
    ScriptRun.Result m = ScriptRun.run(run, copy.resolve("migration/rollback.sh"),
        Map.of(), "folder", "monitoring", "--to-git", "HEAD");
    assertThat(m.exit()).as(m.err()).isZero();
    assertThat(m.calls().stream().filter(l -> l.startsWith("rollout "))).containsExactlyInAnyOrder(
        "rollout status daemonset/fluent-bit -n logging --timeout=5s",
        "rollout status deployment/grafana -n monitoring --timeout=5s");
  }

  @Test
  void rollbackFolder_whenRevisionUnknown_failsBeforeCallingKubectlToChange() {
    ScriptRun.Result r = ScriptRun.run(run, tree.resolve("migration/rollback.sh"), Map.of(), "folder", "core",
        "--to-git", "v9.9.9");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.calls()).noneMatch(l -> l.startsWith("apply"));
  }

  // ---- issue 9, defect 6: verify waited for every pod of the fleet, completed job pods included

  @Test
  void verify_whenCronJobPodsHaveCompleted_waitsOnWorkloadsAndDoesNotTimeOut() {
    ScriptRun.Result r = ScriptRun.run(run, real.resolve("migration/deploy.sh"),
        Map.of("STUB_COMPLETED_JOB_POD", "booking-agents-postgres-backup-29000000-x7k2p"), "verify");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> c = r.calls();
    assertThat(c).noneMatch(l -> l.contains(" pod ") || l.contains(" pods -l app.kubernetes.io/part-of"))
        .noneMatch(l -> l.contains("job"))
        .contains(rolloutOf(c, "deployment/booking-agent-a2-worker"), rolloutOf(c, "deployment/claude-sub-agent-s1"),
            "wait --for=condition=Ready cluster.postgresql.cnpg.io/booking-agents-postgres -n booking-agents --timeout=5s");
    assertThat(r.out()).contains("fleet booking-agents verified");
  }

  @Test
  void dockerToK8s_whenCronJobPodsHaveCompleted_verifiesWithoutTimingOut() throws IOException {
    Files.writeString(run.resolve("docker-compose.yml"), "services: {}\n");
    ScriptRun.Result r = ScriptRun.run(run, real.resolve("migration/docker-to-k8s.sh"),
        Map.of("STUB_COMPLETED_JOB_POD", "booking-agents-postgres-backup-29000000-x7k2p"), "--skip-data");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("fleet booking-agents verified", "migrated;");
  }

  // ---- issue 9, minor: the KEDA variant's verify checked no autoscaler

  @Test
  void verify_whenKedaScalesASubAgent_checksItsScaledObjectIsReadyAndTheOtherHpas() {
    // KEDA names the HPA it makes keda-hpa-<name>: the fleet's own claude-sub-agent-s2 HPA is not expected.
    ScriptRun.Result r = ScriptRun.run(run, keda.resolve("migration/deploy.sh"),
        Map.of("STUB_HPA_MISSING", "claude-sub-agent-s2"), "verify");
    ScriptRun.Result s3Missing = ScriptRun.run(run, keda.resolve("migration/deploy.sh"),
        Map.of("STUB_HPA_MISSING", "claude-sub-agent-s3"), "verify");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.calls()).contains("get scaledobject.keda.sh -n booking-agents -o jsonpath={range .items[*]}"
        + "{.metadata.name}{\" \"}{.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}");
    assertThat(s3Missing.exit()).isNotZero();
    assertThat(s3Missing.err()).contains("HPA claude-sub-agent-s3 in booking-agents cannot read its metrics "
        + "(ScalingActive=missing)").doesNotContain("claude-sub-agent-s2 in");
  }

  @Test
  void verify_whenAScaledObjectIsNotReady_exitsNonZeroNamingIt() {
    ScriptRun.Result r = ScriptRun.run(run, keda.resolve("migration/deploy.sh"),
        Map.of("STUB_SCALEDOBJECT_STATUS", "False"), "verify");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("KEDA ScaledObject claude-sub-agent-s2 in booking-agents is not Ready (Ready=False)");
    assertThat(r.out()).doesNotContain("verified");
  }

  // ---- issue 9, defect 11: server-side apply without a conflict policy

  @Test
  void deploy_whenRollbackOrArgoCdOwnsFields_forcesConflictsWithOneSharedFieldManager() {
    ScriptRun.Result r = deploy(Map.of("STUB_FIELD_OWNER", "argocd-controller"));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.calls().stream().filter(l -> l.startsWith("apply "))).hasSize(5)
        .allMatch(l -> l.startsWith(APPLY + " -k "));
  }

  @Test
  void rollbackFolder_whenAnotherManagerOwnsFields_forcesConflictsWithDeploysFieldManager() throws IOException {
    Path repo = run.resolve("repo");
    Path copy = committedCopy(repo);

    ScriptRun.Result r = ScriptRun.run(run, copy.resolve("migration/rollback.sh"),
        Map.of("STUB_FIELD_OWNER", "kubectl"), "folder", "agents", "--to-git", "HEAD");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.calls().stream().filter(l -> l.startsWith("apply "))).hasSize(2)
        .allMatch(l -> l.startsWith(APPLY + " "));
  }

  // ---- issue 9, defect 12: docker-to-k8s.sh restored data while the backends ran

  @Test
  void dockerToK8s_restoresDataAfterTheDatabaseIsReadyAndBeforeAnyBackendIsDeployed() throws IOException {
    Files.writeString(run.resolve("docker-compose.yml"), "services: {}\n");
    ScriptRun.Result r = ScriptRun.run(run, real.resolve("migration/docker-to-k8s.sh"), Map.of(),
        "--dumps", run.resolve("dumps").toString());

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    List<String> c = r.calls();
    String firstRestore = c.stream().filter(l -> l.startsWith("exec -i ") && l.contains("pg_restore")).findFirst()
        .orElseThrow();
    assertThat(c.stream().filter(l -> l.contains("pg_restore"))).hasSize(3);
    assertBefore(c, "docker compose -f docker-compose.yml stop booking-agent-a2 booking-agent-a3 booking-agent-a4 "
        + "claude-sub-agent-s1 claude-sub-agent-s2 claude-sub-agent-s3 claude-sub-agent-s4 claude-sub-agent-s5 "
        + "claude-sub-agent-s6", APPLY + " -k " + real + "/core");
    assertBefore(c, APPLY + " -k " + real + "/database", firstRestore);
    assertBefore(c, callWith(c, "wait --for=condition=Ready ", "cluster.postgresql.cnpg.io/booking-agents-postgres"),
        firstRestore);
    assertBefore(c, callWith(c, "wait --for=jsonpath={.status.applied}=true ", "database.postgresql.cnpg.io/booking-agent-a4"),
        firstRestore);
    int lastRestore = c.lastIndexOf(c.stream().filter(l -> l.contains("pg_restore")).reduce((a, b) -> b).orElseThrow());
    assertThat(c.indexOf(APPLY + " -k " + real + "/agents")).as("agents applied after every restore")
        .isGreaterThan(lastRestore);
    assertThat(c.indexOf(APPLY + " -k " + real + "/sub-agents")).isGreaterThan(lastRestore);
  }

  @Test
  void dockerToK8s_whenStatefulSetMode_restoresIntoThePrimaryBehindTheReadWriteServiceBeforeTheAgents() throws IOException {
    Files.writeString(run.resolve("docker-compose.yml"), "services: {}\n");
    ScriptRun.Result r = ScriptRun.run(run, statefulSet.resolve("migration/docker-to-k8s.sh"), Map.of(),
        "--dumps", run.resolve("dumps").toString());

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    List<String> c = r.calls();
    String lookup = "get endpointslices -n booking-agents -l kubernetes.io/service-name=booking-agents-postgres-rw "
        + "-o jsonpath={.items[0].endpoints[0].targetRef.name}";
    assertBefore(c, rolloutOf(c, "statefulset/booking-agents-postgres"), lookup);
    List<String> restores = c.stream().filter(l -> l.contains("pg_restore")).toList();
    assertThat(restores).hasSize(3).allMatch(l -> l.startsWith("exec -i -n booking-agents pod/booking-agents-postgres-0 "
        + "-c postgres -- pg_restore --clean --if-exists --no-owner --role="));
    assertThat(c.indexOf(APPLY + " -k " + statefulSet + "/agents")).isGreaterThan(c.indexOf(restores.get(2)));
  }

  // ---- issue 13: one kubectl process per workload and per HPA made deploy, verify and rollback grow with the fleet

  @Test
  void deployAndVerify_whenTheFleetHas250SubAgents_waitInBatchesOfAHundredNotOneCallPerWorkload() {
    FleetSpec base = TestFleets.bookingSpec();
    List<SubAgentSpec> subs = new ArrayList<>();
    for (int i = 1; i <= 250; i++) {
      subs.add(SubAgentSpec.builder().from(base.subAgents().get(0)).id("s" + i).build());
    }
    Path big = work.resolve("big-" + System.nanoTime() + "/generated/production");
    TreeWriter.write(big, validated(ImmutableFleetSpec.copyOf(base).withSubAgents(subs)).tree());

    ScriptRun.Result deploy = ScriptRun.run(run, big.resolve("migration/deploy.sh"), Map.of());
    String hpas = String.join(" ", subs.stream().map(sa -> "claude-sub-agent-" + sa.id()).toList());
    ScriptRun.Result verify = ScriptRun.run(run, big.resolve("migration/deploy.sh"), Map.of("STUB_HPAS", hpas), "verify");
    ScriptRun.Result small = ScriptRun.run(run, real.resolve("migration/deploy.sh"), Map.of());
    ScriptRun.Result smallVerify = ScriptRun.run(run, real.resolve("migration/deploy.sh"), Map.of(), "verify");

    assertThat(deploy.exit()).as(deploy.err()).isZero();
    assertThat(verify.exit()).as(verify.err()).isZero();
    List<String> subAgentRollouts = deploy.calls().stream()
        .filter(l -> l.startsWith("rollout status deployment/claude-sub-agent-s")).toList();
    assertThat(subAgentRollouts).hasSize(3);
    assertThat(subAgentRollouts).extracting(l -> l.split(" deployment/").length - 1).containsExactly(100, 100, 50);
    // Every sub-agent's Deployment is waited for, once.
    assertThat(String.join(" ", subAgentRollouts).split(" ")).filteredOn(a -> a.startsWith("deployment/"))
        .hasSize(250).doesNotHaveDuplicates();
    // 244 more sub-agents than the example cost two more rollout calls for deploy and two for verify.
    assertThat(deploy.calls()).hasSize(small.calls().size() + 2);
    assertThat(verify.calls()).hasSize(smallVerify.calls().size() + 2);
    assertThat(verify.calls().stream().filter(l -> l.startsWith("get hpa "))).hasSize(1);
  }

  @Test
  void deploy_whenABatchHoldsAWorkloadThatNeverRollsOut_stopsAfterTheTimeoutNamingIt() {
    ScriptRun.Result r = ScriptRun.run(run, real.resolve("migration/deploy.sh"),
        Map.of("STUB_HANG_ROLLOUT", "deployment/claude-sub-agent-s4", "TIMEOUT", "2s"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("kubectl stopped after 2s",
        "error: rollout of deployment/claude-sub-agent-s4 in booking-agents did not complete within 2s");
    // A one-second look at each workload of the batch found the stuck one; monitoring/ was never applied.
    assertThat(r.calls()).contains("rollout status deployment/claude-sub-agent-s4 -n booking-agents --timeout=1s")
        .noneMatch(l -> l.startsWith(APPLY) && l.endsWith("/monitoring"));
  }

  @Test
  void deploy_whenStoppedWhileKubectlWaits_stopsThatKubectlToo() throws Exception {
    Path log = run.resolve("kubectl.log");
    Files.writeString(log, "");
    ProcessBuilder pb = new ProcessBuilder("bash", real.resolve("migration/deploy.sh").toString())
        .directory(run.toFile()).redirectErrorStream(true).redirectOutput(run.resolve("out.txt").toFile());
    pb.environment().put("PATH", ScriptRun.stubDir(run) + ":" + System.getenv("PATH"));
    pb.environment().put("STUB_LOG", log.toString());
    pb.environment().put("STUB_HANG_ROLLOUT", "deployment/claude-sub-agent-s4");
    pb.environment().put("TIMEOUT", "300s");
    Process script = pb.start();
    Path blocked = run.resolve("kubectl.log.blocked");
    for (int i = 0; i < 300 && !(Files.exists(blocked) && !Files.readString(blocked).isBlank()); i++) {
      Thread.sleep(100);
    }
    long kubectl = Long.parseLong(Files.readString(blocked).strip());
    assertThat(ProcessHandle.of(kubectl)).isPresent();

    script.destroy(); // SIGTERM, as a CI runner cancelling the job or kill(1) sends
    assertThat(script.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    // The kubectl it waited for (here the stub, blocked as kubectl would be for up to 300s) is stopped with it.
    java.util.Optional<ProcessHandle> left = ProcessHandle.of(kubectl);
    for (int i = 0; i < 50 && left.map(ProcessHandle::isAlive).orElse(false); i++) {
      Thread.sleep(100);
    }
    assertThat(left.map(ProcessHandle::isAlive).orElse(false)).as("kubectl still running").isFalse();
    assertThat(script.exitValue()).isEqualTo(130);
  }

  @Test
  void deployAndRollback_whenTheTimeoutIsNoDuration_failBeforeCallingKubectl() {
    ScriptRun.Result deploy = deploy(Map.of(), "--timeout", "5 minutes");
    ScriptRun.Result rollback = ScriptRun.run(run, tree.resolve("migration/rollback.sh"), Map.of("TIMEOUT", "300"),
        "agent", "s1");
    ScriptRun.Result fine = deploy(Map.of(), "--timeout", "1h30m", "--dry-run");

    assertThat(deploy.exit()).isEqualTo(1);
    assertThat(deploy.err()).contains("--timeout must be a duration such as 300s, 5m or 1h30m, not '5 minutes'");
    assertThat(deploy.calls()).isEmpty();
    assertThat(rollback.exit()).isEqualTo(1);
    assertThat(rollback.err()).contains("not '300'");
    assertThat(rollback.calls()).isEmpty();
    assertThat(fine.exit()).as(fine.err()).isZero();
    assertThat(fine.out()).contains("[dry-run] kubectl rollout status deployment/claude-sub-agent-s1 ");
  }

  @Test
  void deploy_whenKubectlIsOlderThan125_failsNamingTheVersionNeeded() {
    ScriptRun.Result r = deploy(Map.of("STUB_KUBECTL_MINOR", "24"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("kubectl 1.24 is too old: these scripts need kubectl 1.25 or later");
    assertThat(r.calls()).noneMatch(l -> l.startsWith("apply"));
  }

  /** The first {@code rollout status} call that waits for REF among its workloads. */
  private static String rolloutOf(List<String> calls, String ref) {
    return callWith(calls, "rollout status ", ref);
  }

  /** The first call that starts with PREFIX and names REF among its arguments. */
  private static String callWith(List<String> calls, String prefix, String ref) {
    return calls.stream().filter(l -> l.startsWith(prefix) && (" " + l + " ").contains(" " + ref + " "))
        .findFirst().orElseThrow(() -> new AssertionError("no call '" + prefix + "…' naming " + ref + " in " + calls));
  }

  private static void assertBefore(List<String> calls, String first, String second) {
    assertThat(calls).contains(first, second);
    assertThat(calls.indexOf(first)).as("'%s' before '%s'", first, second).isLessThan(calls.indexOf(second));
  }

  /** The tree copied into a fresh Git repository at generated/production and committed once: what --to-git reads. */
  private static Path committedCopy(Path repo) throws IOException {
    RequiredTools.need("git", "git");
    Path copy = repo.resolve("generated/production");
    copyTree(tree, copy);
    git(repo, "init", "-q");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first");
    return copy;
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
