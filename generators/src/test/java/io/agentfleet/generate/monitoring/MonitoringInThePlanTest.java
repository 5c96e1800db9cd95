package io.agentfleet.generate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.plan.Plan;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The capacity plan counts the monitoring servers with exactly the requests and limits the tree gives them: the sum
 * over the tree's monitoring pods (the workloads and the pods the operator starts from the Prometheus and
 * Alertmanager resources, one surge pod per Deployment that rolls rather than recreates) equals the plan's {@code monitoring/} folder.
 */
class MonitoringInThePlanTest {
  private static BigDecimal amount(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? BigDecimal.ZERO : Quantity.parse(n.asText()).amount();
  }

  /** cpu request, memory request, cpu limit, memory limit, pods, of every monitoring pod of the tree. */
  private static BigDecimal[] treeSum(GenerationResult r) {
    BigDecimal[] sum = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    for (Map.Entry<String, List<JsonNode>> file : r.tree().documents().entrySet()) {
      if (!file.getKey().startsWith("monitoring/")) {
        continue;
      }
      for (JsonNode doc : file.getValue()) {
        String kind = doc.path("kind").asText();
        int replicas = doc.at("/spec/replicas").asInt(1);
        switch (kind) {
          case "Deployment", "StatefulSet", "DaemonSet" -> {
            boolean rolls = kind.equals("Deployment") && !doc.at("/spec/strategy/type").asText().equals("Recreate");
            int pods = replicas + (rolls ? 1 : 0);
            for (JsonNode c : doc.at("/spec/template/spec/containers")) {
              add(sum, c.path("resources"), pods);
            }
            sum[4] = sum[4].add(BigDecimal.valueOf(pods));
          }
          case "Prometheus", "Alertmanager" -> {
            add(sum, doc.at("/spec/resources"), replicas);
            sum[4] = sum[4].add(BigDecimal.valueOf(replicas));
          }
          default -> { }
        }
      }
    }
    return sum;
  }

  private static void add(BigDecimal[] sum, JsonNode resources, int pods) {
    BigDecimal n = BigDecimal.valueOf(pods);
    sum[0] = sum[0].add(amount(resources.at("/requests/cpu")).multiply(n));
    sum[1] = sum[1].add(amount(resources.at("/requests/memory")).multiply(n));
    sum[2] = sum[2].add(amount(resources.at("/limits/cpu")).multiply(n));
    sum[3] = sum[3].add(amount(resources.at("/limits/memory")).multiply(n));
  }

  private static void assertPlanCountsTheTree(FleetSpec spec) {
    GenerationResult r = MonitoringFixtures.generate(spec);
    BigDecimal[] tree = treeSum(r);
    Plan.Envelope plan = Plan.of(r.fleet()).maximum().folders().stream()
        .filter(l -> l.name().equals(Plan.BESIDE)).findFirst().orElseThrow().envelope();

    assertThat(plan.cpuRequests()).isEqualByComparingTo(tree[0]);
    assertThat(plan.memoryRequests()).isEqualByComparingTo(tree[1]);
    assertThat(plan.cpuLimits()).isEqualByComparingTo(tree[2]);
    assertThat(plan.memoryLimits()).isEqualByComparingTo(tree[3]);
    assertThat(BigDecimal.valueOf(plan.pods())).isEqualByComparingTo(tree[4]);
    assertThat(plan.storage()).isEqualByComparingTo(r.fleet().monitoring().prometheus().storage().amount());
  }

  @Test
  void operatorMode_planCountsWhatTheTreeRuns() {
    assertPlanCountsTheTree(MonitoringFixtures.booking(m -> m));
  }

  @Test
  void standaloneMode_planCountsWhatTheTreeRuns_reloaderSidecarIncluded() {
    assertPlanCountsTheTree(MonitoringFixtures.standalone());
  }
}
