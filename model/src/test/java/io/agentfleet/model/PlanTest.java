package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.model.plan.Plan;
import io.agentfleet.model.plan.PlanText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlanTest {
  private static final BigDecimal GI = BigDecimal.valueOf(1L << 30);

  private static Plan.Line line(List<Plan.Line> lines, String name) {
    return lines.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void exampleSubAgentsAtMaximum_request46Point5CpuAnd93Gi_asTheSourceStates() {
    Plan plan = Plan.of(TestFleets.exampleFleet());

    // S1 8×1 + S2 6×1.5 + S3 4×1 + S4 6×1 + S5 6×2 + S6 5×1.5 = 8 + 9 + 4 + 6 + 12 + 7.5 = 46.5 CPU
    BigDecimal cpu = new BigDecimal("8").add(new BigDecimal("9")).add(new BigDecimal("4")).add(new BigDecimal("6"))
        .add(new BigDecimal("12")).add(new BigDecimal("7.5"));
    // S1 8×2 + S2 6×3 + S3 4×2 + S4 6×2 + S5 6×4 + S6 5×3 = 16 + 18 + 8 + 12 + 24 + 15 = 93 GiB
    BigDecimal memory = BigDecimal.valueOf(16 + 18 + 8 + 12 + 24 + 15).multiply(GI);
    Plan.Envelope sub = line(plan.maximum().folders(), "sub-agents").envelope();

    assertThat(cpu).isEqualByComparingTo("46.5");
    assertThat(sub.cpuRequests()).isEqualByComparingTo(cpu);
    assertThat(sub.memoryRequests()).isEqualByComparingTo(memory);
    assertThat(sub.pods()).isEqualTo(8 + 6 + 4 + 6 + 6 + 5);
    assertThat(line(plan.maximum().owners(), "s5").envelope().cpuRequests()).isEqualByComparingTo("12");
    assertThat(line(plan.minimum().folders(), "sub-agents").envelope().cpuRequests()).isEqualByComparingTo("8");
  }

  @Test
  void planAtMaximum_isTheDemandTheQuotaIsSizedFor() {
    Fleet fleet = TestFleets.exampleFleet();
    Plan.Envelope total = Plan.of(fleet).maximum().namespace();

    assertThat(total.cpuRequests()).isEqualByComparingTo(fleet.fullScale().cpuRequests().amount());
    assertThat(total.memoryRequests()).isEqualByComparingTo(fleet.fullScale().memoryRequests().amount());
    assertThat(total.cpuLimits()).isEqualByComparingTo(fleet.fullScale().cpuLimits().amount());
    assertThat(total.pods()).isEqualTo(fleet.fullScale().pods());
    assertThat(total.storage()).isEqualByComparingTo(fleet.fullScale().storage().amount());
  }

  /**
   * A cluster floor of 20 cores and 64 GB (read as 64Gi) holds S1–S6 alone at: minima 8 CPU / 16Gi, leaving
   * 12 CPU; memory is never short (2Gi per CPU for every sub-agent: 64Gi holds 32 CPU). The high-priority sub-agents
   * take turns: S1 +1 (11 left), S5 +2 (9), S6 +1.5 (7.5), S1 (6.5), S5 (4.5), S6 (3), S1 (2), S5 (0).
   * Whole fleet: agents 4.05 and database 2 CPU beside the sub-agents' 8 leave 5.95 CPU: S1 (4.95), S5 (2.95),
   * S6 (1.45), S1 (0.45).
   */
  @Test
  void clusterFloorOf20CoresAnd64Gi_holdsThisManyReplicasOfEachSubAgent() {
    Fleet fleet = TestFleets.exampleFleet();
    BigDecimal memory = BigDecimal.valueOf(64).multiply(GI);

    Map<String, Integer> alone = Plan.replicasWithin(fleet.subAgents(), BigDecimal.valueOf(20), memory,
        BigDecimal.ZERO, BigDecimal.ZERO).orElseThrow();
    Plan.Envelope agents = line(Plan.of(fleet).minimum().folders(), "agents").envelope();
    Plan.Envelope database = line(Plan.of(fleet).minimum().folders(), "database").envelope();
    Map<String, Integer> withFleet = Plan.replicasWithin(fleet.subAgents(), BigDecimal.valueOf(20), memory,
        agents.cpuRequests().add(database.cpuRequests()), agents.memoryRequests().add(database.memoryRequests()))
        .orElseThrow();

    assertThat(alone).containsExactly(Map.entry("s1", 4), Map.entry("s2", 1), Map.entry("s3", 1),
        Map.entry("s4", 1), Map.entry("s5", 4), Map.entry("s6", 3));
    assertThat(withFleet).containsExactly(Map.entry("s1", 3), Map.entry("s2", 1), Map.entry("s3", 1),
        Map.entry("s4", 1), Map.entry("s5", 2), Map.entry("s6", 2));
  }

  private static final String BUDGET_FLEET_SUBAGENTS = String.join("\n",
      "subAgents:",
      "  - { id: s1, role: senior-developer, image: a:1, replicas: 1..8, requests: { cpu: 1, memory: 2Gi }, priority: high }",
      "  - { id: s2, role: ui-developer, image: a:1, replicas: 1..6, requests: { cpu: 1, memory: 2Gi }, priority: medium }",
      "  - { id: s3, role: ux-expert, image: a:1, replicas: 1..4, requests: { cpu: 1, memory: 2Gi }, priority: medium }");

  /**
   * 10 req/s per pod = 600 requests per minute. Limits: 6000 requests/min; 2,400,000 input tokens/min at 1000 per
   * request = 2400 requests/min (binding); output 600,000/min at 200 = 3000. Minima 3 pods = 1800, leaving 600:
   * one more pod, and S1 (high) takes it. Declared maxima 18 pods = 10,800 requests/min.
   */
  @Test
  void budgetInCapMode_lowersMaximaHighestPriorityFirst_andNotesTheCap() {
    Fleet fleet = TestFleets.fleet("name: f",
        "claude: { limits: { requestsPerMinute: 6000, inputTokensPerMinute: 2400000, outputTokensPerMinute: 600000 },",
        "  tokensPerRequest: { input: 1000, output: 200 }, overBudget: cap }",
        BUDGET_FLEET_SUBAGENTS);

    ClaudeBudget b = fleet.claudeBudget();
    assertThat(b.binding()).isEqualTo("inputTokensPerMinute");
    assertThat(b.requestsPerMinute()).isEqualByComparingTo("2400");
    assertThat(b.atDeclaredMaximum()).isEqualByComparingTo("10800");
    assertThat(fleet.subAgents().stream().map(s -> s.scaling().maxReplicas())).containsExactly(2, 1, 1);
    assertThat(b.atMaximum()).isEqualByComparingTo("2400");
    assertThat(fleet.sources().note("subAgents[s1].replicas.max"))
        .isEqualTo("= subAgents[s1].replicas capped by claude.limits.inputTokensPerMinute");
    assertThat(fleet.fullScale().pods()).as("the quota follows the capped maxima").isEqualTo(4 + 3);
  }

  @Test
  void budgetWithMoreRoom_sharesEvenlyWithinAPriority() {
    Fleet fleet = TestFleets.fleet("name: f",
        "claude: { limits: { requestsPerMinute: 7200 }, overBudget: cap }", BUDGET_FLEET_SUBAGENTS);

    // 7200 / 600 = 12 pods: minima 3, S1 to its 8 (+7), then S2 and S3 in turn: S2 2, S3 2 (+2).
    assertThat(fleet.subAgents().stream().map(s -> s.scaling().maxReplicas())).containsExactly(8, 2, 2);
  }

  @Test
  void budgetInRefuseMode_refusesNamingTheLimitAndTheNumbers() {
    assertThatThrownBy(() -> TestFleets.fleet("name: f", "claude: { limits: { requestsPerMinute: 2400 } }",
        BUDGET_FLEET_SUBAGENTS))
        .isInstanceOf(FleetValidationException.class)
        .hasMessageContaining("claude.limits.requestsPerMinute: the sub-agents at maximum replicas send 10800 "
            + "requests per minute (s1 8 × 600 + s2 6 × 600 + s3 4 × 600, each pod at its scaling.requestsPerSecond), "
            + "but claude.limits.requestsPerMinute allows 2400 requests per minute (2400 requests per minute): the "
            + "budget sustains s1 2, s2 1, s3 1 (4 replicas, not 18); lower subAgents[].replicas, raise the limit, or "
            + "set claude.overBudget: cap");
  }

  @Test
  void tokenLimitWithoutTokensPerRequest_isRefusedByName() {
    assertThatThrownBy(() -> TestFleets.fleet("name: f", "claude: { limits: { tokensPerDay: 1000000 } }",
        BUDGET_FLEET_SUBAGENTS))
        .hasMessageContaining("claude.tokensPerRequest: must be given when claude.limits.tokensPerDay is");
  }

  @Test
  void tokensPerDayLimit_setsTheTokenAlertAt90Percent() {
    Fleet fleet = TestFleets.fleet("name: f", "claude: { limits: { tokensPerDay: 5000000000 },",
        "  tokensPerRequest: { input: 1000, output: 200 }, overBudget: cap }", BUDGET_FLEET_SUBAGENTS);

    assertThat(fleet.monitoring().alerts().tokensPerDay().amount()).isEqualByComparingTo("4500000000");
    // 5,000,000,000 / (1440 × 1200) = 2893.5 requests per minute: the minima (1800) fit.
  }

  @Test
  void nodeTooSmallForAPod_isRefusedNamingThePod() {
    assertThatThrownBy(() -> TestFleets.fleet("name: f",
        "cluster: { cpu: 64, memory: 256Gi, node: { cpu: 1500m, memory: 8Gi } }",
        "subAgents:",
        "  - { id: s5, role: architecture-expert, image: a:1, replicas: 1..2, requests: { cpu: 2, memory: 4Gi } }"))
        .hasMessageContaining("cluster.node: a pod of claude-sub-agent-s5 requests 2 CPUs and 4Gi of memory, but a "
            + "node has 1.5 CPUs and 8Gi: it can never be scheduled");
  }

  /** Seeded small cases: FFD is never below the brute-force optimum and within the known bounds. */
  @Test
  void firstFitDecreasing_againstTheOptimumOnSmallRandomCases() {
    Random random = new Random(20240611L);
    NodePacking.Node node = new NodePacking.Node(BigDecimal.valueOf(100), BigDecimal.valueOf(100), 110);
    for (int round = 0; round < 400; round++) {
      boolean oneDimension = round % 2 == 0;
      int n = 2 + random.nextInt(7);
      List<NodePacking.Pod> pods = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int cpu = 1 + random.nextInt(70);
        int memory = oneDimension ? cpu : 1 + random.nextInt(70);
        pods.add(new NodePacking.Pod("p" + i, BigDecimal.valueOf(cpu), BigDecimal.valueOf(memory)));
      }
      int ffd = NodePacking.pack(pods, node).count();
      int opt = optimum(pods, node);
      assertThat(ffd).as("case %d %s", round, pods).isGreaterThanOrEqualTo(opt);
      if (oneDimension) {
        // Dósa (2007): FFD <= 11/9 OPT + 6/9, tight.
        assertThat(9 * ffd).as("case %d %s", round, pods).isLessThanOrEqualTo(11 * opt + 6);
      } else {
        // Any first fit in d dimensions: all nodes but one hold more than half a node summed over the dimensions,
        // so FF <= 2·d·OPT + 1 (d = 2).
        assertThat(ffd).as("case %d %s", round, pods).isLessThanOrEqualTo(4 * opt + 1);
      }
    }
  }

  private static int optimum(List<NodePacking.Pod> pods, NodePacking.Node node) {
    for (int bins = 1; bins <= pods.size(); bins++) {
      if (fits(pods, 0, new int[bins][2], node)) {
        return bins;
      }
    }
    return pods.size();
  }

  private static boolean fits(List<NodePacking.Pod> pods, int i, int[][] load, NodePacking.Node node) {
    if (i == pods.size()) {
      return true;
    }
    int cpu = pods.get(i).cpu().intValue();
    int mem = pods.get(i).memory().intValue();
    for (int[] bin : load) {
      if (bin[0] + cpu <= node.cpu().intValue() && bin[1] + mem <= node.memory().intValue()) {
        bin[0] += cpu;
        bin[1] += mem;
        boolean ok = fits(pods, i + 1, load, node);
        bin[0] -= cpu;
        bin[1] -= mem;
        if (ok) {
          return true;
        }
        if (bin[0] == 0 && bin[1] == 0) {
          break; // empty bins are interchangeable
        }
      }
    }
    return false;
  }

  /**
   * The monitoring servers of the example run beside the namespace with the requests the tree gives them:
   * Prometheus 0.5 core / 2Gi (20Gi of storage), Alertmanager 0.05 / 64Mi, Grafana 0.1 / 256Mi plus one rolling-update
   * surge pod, the log shipper 0.05 / 64Mi: 5 pods, 0.8 cores, 2Gi + 64Mi + 512Mi + 64Mi. The total adds them to the
   * namespace; the quota does not.
   */
  @Test
  void monitoringServers_areTheirOwnFolder_inTheTotalTheClusterMustHold_notInTheQuota() {
    Plan plan = Plan.of(TestFleets.exampleFleet());
    Plan.Scale max = plan.maximum();
    Plan.Envelope monitoring = line(max.folders(), "monitoring").envelope();
    BigDecimal mi = BigDecimal.valueOf(1L << 20);

    assertThat(monitoring.pods()).isEqualTo(5);
    assertThat(monitoring.cpuRequests()).isEqualByComparingTo("0.8");
    assertThat(monitoring.cpuLimits()).isEqualByComparingTo("3.7");
    assertThat(monitoring.memoryRequests()).isEqualByComparingTo(BigDecimal.valueOf(2048 + 64 + 512 + 64).multiply(mi));
    assertThat(monitoring.storage()).isEqualByComparingTo(BigDecimal.valueOf(20).multiply(GI));
    assertThat(max.total().pods()).isEqualTo(max.namespace().pods() + 5);
    assertThat(max.total().cpuRequests()).isEqualByComparingTo(max.namespace().cpuRequests().add(new BigDecimal("0.8")));
    assertThat(max.namespace().cpuRequests()).isEqualByComparingTo("61.6");
    assertThat(PlanText.table(plan)).contains(
        "monitoring/ (beside)         5   0.8 cores    3.7 cores       2.7Gi       3.4Gi     20Gi",
        "namespace booking-agents    61  61.6 cores  125.7 cores     123.8Gi     123.8Gi    260Gi",
        "total                       66  62.4 cores  129.4 cores     126.4Gi     127.2Gi    280Gi");
  }

  @Test
  void aFleetNamingItsOwnPrometheus_countsNoPrometheusOrAlertmanager() {
    Fleet fleet = TestFleets.fleet("name: f", "monitoring: { prometheus: { url: \"http://prom.obs.svc:9090\" } }",
        BUDGET_FLEET_SUBAGENTS);

    assertThat(fleet.monitoring().servers()).extracting(Demand::what).doesNotContain("prometheus", "alertmanager");
  }

  @Test
  void tables_showCpuInCores_andJsonInMillicores() {
    Plan plan = Plan.of(TestFleets.exampleFleet());
    String md = PlanText.markdown(plan, "##");
    String json = PlanText.json(plan);

    assertThat(md).contains("| requests.cpu | 61.6 cores | 73.92 cores | 12.32 cores |",
        "| limits.cpu | 125.7 cores | 150.84 cores | 25.14 cores |", "| s1 | 1 | 1 core | 2 cores | 2Gi | 2Gi | 0 |");
    assertThat(md).doesNotContain("61600m");
    assertThat(json).contains("\"cpu\" : \"millicores\"",
        "\"requests.cpu\" : {\n      \"maximum\" : 61600,\n      \"quota\" : 73920,\n      \"headroom\" : 12320\n");
  }

  private static final String OWN_TOKENS_SUBAGENTS = String.join("\n",
      "subAgents:",
      "  - { id: s1, role: senior-developer, image: a:1, replicas: 1..8, requests: { cpu: 1, memory: 2Gi }, priority: high }",
      "  - { id: s2, role: ui-developer, image: a:1, replicas: 1..6, requests: { cpu: 1, memory: 2Gi }, priority: medium,",
      "      tokensPerRequest: { input: 4000, output: 800 } }",
      "  - { id: s3, role: ux-expert, image: a:1, replicas: 1..4, requests: { cpu: 1, memory: 2Gi }, priority: medium }");

  /**
   * 600 requests per minute per pod. 6,000,000 input tokens per minute: s1 and s3 at 1000 per request use 600,000
   * per pod, s2 at its own 4000 uses 2,400,000. Minima: 3,600,000, leaving 2,400,000: four more s1 pods (high). With
   * the fleet's 1000 for s2 too, the minima would use 1,800,000 and s1 would reach its 8.
   */
  @Test
  void subAgentsOwnTokensPerRequest_countInTheTokenLimits() {
    String claude = "claude: { limits: { inputTokensPerMinute: 6000000 }, tokensPerRequest: { input: 1000, output: 200 },"
        + " overBudget: cap }";
    Fleet own = TestFleets.fleet("name: f", claude, OWN_TOKENS_SUBAGENTS);
    Fleet shared = TestFleets.fleet("name: f", claude, BUDGET_FLEET_SUBAGENTS);

    assertThat(own.subAgents().stream().map(s -> s.scaling().maxReplicas())).containsExactly(5, 1, 1);
    assertThat(shared.subAgents().stream().map(s -> s.scaling().maxReplicas())).containsExactly(8, 1, 1);
    ClaudeBudget b = own.claudeBudget();
    assertThat(b.subAgents().get(1).tokensPerRequest().orElseThrow().input()).isEqualByComparingTo("4000");
    assertThat(b.subAgents().get(2).tokensPerRequest().orElseThrow().input()).isEqualByComparingTo("1000");
    assertThat(b.usage("inputTokensPerMinute", ClaudeBudget.Use::max)).isEqualByComparingTo("6000000");
    assertThat(own.sources().note("subAgents[s2].tokensPerRequest.input")).isEqualTo("subAgents[s2].tokensPerRequest.input");
    assertThat(own.sources().note("subAgents[s1].tokensPerRequest.input")).isEqualTo("claude.tokensPerRequest.input");
    assertThat(PlanText.table(Plan.of(own))).contains("tokensPerRequest 1000 in / 200 out (s2 4000 in / 800 out)");
    assertThat(PlanText.json(Plan.of(own))).contains("\"id\" : \"s2\",\n        \"priority\" : \"medium\",\n"
        + "        \"requestsPerSecond\" : 10,\n        \"tokensPerRequest\" : {\n          \"input\" : 4000,\n"
        + "          \"output\" : 800\n        },");
  }

  @Test
  void subAgentsOwnTokens_inTheRefusal_countEachAtItsOwn() {
    // 8 × 600,000 + 6 × 2,400,000 + 4 × 600,000 = 21,600,000 input tokens per minute at the declared maxima.
    assertThatThrownBy(() -> TestFleets.fleet("name: f", "claude: { limits: { inputTokensPerMinute: 6000000 },",
        "  tokensPerRequest: { input: 1000, output: 200 } }", OWN_TOKENS_SUBAGENTS))
        .hasMessageContaining("claude.limits.inputTokensPerMinute: the sub-agents at maximum replicas send 10800 "
            + "requests per minute (s1 8 × 600 + s2 6 × 600 + s3 4 × 600, each pod at its scaling.requestsPerSecond), "
            + "21600000 input tokens per minute, but claude.limits.inputTokensPerMinute allows 6000000 input tokens "
            + "per minute");
  }

  @Test
  void tokenLimit_withoutFleetTokens_needsEverySubAgentsOwn_andNamesThoseWithout() {
    assertThatThrownBy(() -> TestFleets.fleet("name: f", "claude: { limits: { outputTokensPerMinute: 6000000 } }",
        OWN_TOKENS_SUBAGENTS))
        .hasMessageContaining("claude.tokensPerRequest: must be given when claude.limits.outputTokensPerMinute is "
            + "and s1, s3 give no subAgents[].tokensPerRequest of their own");
  }

  @Test
  void subAgentsTokensPerRequest_outsideItsRange_isRefusedByName() {
    assertThatThrownBy(() -> TestFleets.fleet("name: f", "subAgents:",
        "  - { id: s1, role: senior-developer, image: a:1, replicas: 1..2, requests: { cpu: 1, memory: 2Gi },",
        "      tokensPerRequest: { input: 2000000, output: 0.5 } }"))
        .hasMessageContaining("subAgents[s1].tokensPerRequest.input: 2000000 is above 1000000, more tokens than any "
            + "Claude model takes or gives in one request (allowed: 1..1000000)")
        .hasMessageContaining("subAgents[s1].tokensPerRequest.output: 0.5 must be a whole number");
  }

  @Test
  void json_isStableAndNamesItsFields() {
    Fleet fleet = TestFleets.fleet("name: f", "cluster: { cpu: 8, memory: 16Gi, node: { cpu: 4, memory: 8Gi, pods: 10 } }",
        "claude: { limits: { requestsPerMinute: 1200 }, overBudget: cap }",
        "subAgents:",
        "  - { id: s1, role: senior-developer, image: a:1, replicas: 1..3, requests: { cpu: 1, memory: 2Gi } }");
    String json = PlanText.json(Plan.of(fleet));

    assertThat(PlanText.json(Plan.of(TestFleets.fleet("name: f",
        "cluster: { cpu: 8, memory: 16Gi, node: { cpu: 4, memory: 8Gi, pods: 10 } }",
        "claude: { limits: { requestsPerMinute: 1200 }, overBudget: cap }", "subAgents:",
        "  - { id: s1, role: senior-developer, image: a:1, replicas: 1..3, requests: { cpu: 1, memory: 2Gi } }"))))
        .isEqualTo(json);
    assertThat(json).startsWith("{\n  \"fleet\" : \"f\",\n  \"namespace\" : \"f\",\n  \"units\" : {\n");
    assertThat(json).contains("\"maximum\" : {\n    \"folders\" : {\n      \"sub-agents\" : {\n        \"pods\" : 2,\n"
        + "        \"cpuRequests\" : 2000,\n        \"cpuLimits\" : 4000,\n        \"memoryRequests\" : 4294967296,\n");
    assertThat(json).contains("\"nodes\" : {\n      \"count\" : 1,\n      \"method\" : \"first-fit-decreasing\"");
    assertThat(json).contains("\"requestsPerMinute\" : 1200,\n    \"binding\" : \"claude.limits.requestsPerMinute\"");
    assertThat(json).contains("\"declaredMax\" : 3,\n        \"max\" : 2,\n        \"capped\" : true");
    assertThat(json).doesNotContain("E+").doesNotContain("\r").endsWith("}\n");
  }

  @Test
  void table_showsBothScalesTheQuotaAndTheBudget() {
    String table = PlanText.table(Plan.of(TestFleets.exampleFleet()));

    assertThat(table).contains("At minimum scale:", "At maximum scale:",
        "sub-agents/                 35  46.5 cores     93 cores        93Gi        93Gi        0",
        "requests.cpu       61.6 cores   73.92 cores  12.32 cores", "no claude.limits declared");
  }

  /** Twelve sub-agents alike but for their id, one unlike them between, and the example's own: few alike stay rows. */
  @Test
  void manyAlikeWorkloads_shareOneRowMarkedEach_andTheListSaysWhich() {
    List<String> lines = new ArrayList<>(List.of("name: wide", "subAgents:"));
    for (int i = 1; i <= 12; i++) {
      lines.add("  - { id: w" + i + ", role: r, image: ghcr.io/w/a:1.0.0, replicas: 1..3, requests: { cpu: 1, memory: 1Gi } }");
      if (i == 6) {
        lines.add("  - { id: odd, role: r, image: ghcr.io/w/a:1.0.0, replicas: 1..3, requests: { cpu: 2, memory: 1Gi } }");
      }
    }
    Plan plan = Plan.of(FleetResolver.resolve(TestFleets.spec(lines.toArray(String[]::new))));

    String table = PlanText.table(plan);
    String md = PlanText.markdown(plan, "##");

    // One row for the twelve, where the first of them was; the odd one keeps its place after it.
    assertThat(table).containsSubsequence("  w1 … w12 (12) each ", "  odd ", "Each row marked \"each\" counts one",
        "  w1 … w12 (12): w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12\n");
    assertThat(table).doesNotContain("  w7 ");
    assertThat(md).contains("| w1 … w12 (12) each | 1 | 1 core |", "- w1 … w12 (12): w1, w2, w3");
    // The rows above still add up: the folder counts all thirteen.
    assertThat(line(plan.minimum().folders(), "sub-agents").envelope().pods()).isEqualTo(13);
    // The example's sub-agents are all unlike: its tables are as they were.
    assertThat(PlanText.table(Plan.of(TestFleets.exampleFleet()))).doesNotContain(" each ", "…");
  }
}
