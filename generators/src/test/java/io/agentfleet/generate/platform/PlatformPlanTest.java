package io.agentfleet.generate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The platform plan of the booking fleet, and the defects it was introduced to fix. */
class PlatformPlanTest {
  private static final Fleet FLEET = TestFleets.booking();
  private static final PlatformPlan PLAN = PlatformPlan.of(FLEET);

  private static List<JsonNode> argocd() {
    GenerationResult r = FleetGenerator.builder().validators(List.of()).build().generate(TestFleets.bookingSpec());
    List<JsonNode> docs = new java.util.ArrayList<>(r.tree().documents().get("ci-cd/argocd.yaml"));
    docs.addAll(r.tree().documents().get("ci-cd/operators.yaml"));
    return docs;
  }

  @Test
  void bookingFleet_needsTheOperatorsItsModelImplies_inCatalogOrderWithTheirDependencies() {
    assertThat(PLAN.operators()).extracting(Operator::id).containsExactly("cert-manager", "external-secrets",
        "cloudnative-pg", "plugin-barman-cloud", "prometheus-operator", "vertical-pod-autoscaler", "prometheus-adapter");
  }

  /** Defect 1: the operators' AppProject forbade kube-system while four charts write there. */
  @Test
  void operatorsProject_forbadeKubeSystem_nowAllowsExactlyTheNamespacesItsChartsWriteTo() {
    JsonNode project = argocd().stream().filter(d -> d.path("metadata").path("name").asText()
        .equals("booking-agents-operators")).findFirst().orElseThrow();
    SortedSet<String> destinations = new TreeSet<>();
    project.path("spec").path("destinations").forEach(d -> destinations.add(d.path("namespace").asText()));
    SortedSet<String> writes = new TreeSet<>();
    PLAN.operators().forEach(o -> writes.addAll(o.namespaces()));

    assertThat(destinations).isEqualTo(writes).contains("kube-system");
    // Where a chart can be told to stay out of kube-system, the plan tells it.
    assertThat(PLAN.helmValues(Operator.CERT_MANAGER)).containsEntry("global",
        Map.of("leaderElection", Map.of("namespace", "cert-manager")));
    for (String controlPlane : List.of("coreDns", "kubeControllerManager", "kubeEtcd", "kubeScheduler", "kubeProxy")) {
      assertThat(PLAN.helmValues(Operator.PROMETHEUS_OPERATOR)).containsEntry(controlPlane, Map.of("enabled", false));
    }
    assertThat(Operator.CERT_MANAGER.writesTo()).isEmpty();
    assertThat(Operator.PROMETHEUS_OPERATOR.writesTo()).isEmpty();
    assertThat(Operator.PROMETHEUS_ADAPTER.writesTo()).containsExactly("kube-system");
    assertThat(Operator.KEDA.writesTo()).containsExactly("kube-system");
  }

  /** Defect 2: plugin-barman-cloud was pinned to 0.8.1, a version the chart index never had. */
  @Test
  void chartPins_includedAVersionThatDoesNotExist_nowEachNamesWhereItWasVerified() {
    assertThat(Operator.BARMAN_CLOUD.version()).isEqualTo("0.7.0");
    for (Operator op : Operator.CATALOG) {
      assertThat(op.verifiedAt()).as(op.id()).matches("[\\w.-]+/[\\w.-]+@.+:.+")
          .contains(op.version().replaceFirst("^v", ""));
    }
    List<String> pinned = new ArrayList<>();
    argocd().stream().filter(d -> d.path("spec").path("source").has("chart")).forEach(d -> pinned.add(
        d.path("spec").path("source").path("chart").asText() + " " + d.path("spec").path("source")
            .path("targetRevision").asText()));
    assertThat(pinned).contains("plugin-barman-cloud 0.7.0").doesNotContain("plugin-barman-cloud 0.8.1");
  }

  @Test
  void prometheusAdapter_getsItsRuleAndUrlFromThePlanOnly() {
    Map<String, Object> values = PLAN.helmValues(Operator.PROMETHEUS_ADAPTER);

    assertThat(values.get("prometheus")).isEqualTo(Map.of("url", "http://prometheus-operated.monitoring.svc", "port", 9090));
    assertThat(values.get("rules")).isEqualTo(Map.of("default", false, "custom", List.of(PLAN.monitoring().adapterRule())));
    assertThat(PLAN.monitoring().adapterRule().get("metricsQuery").toString()).contains("[2m]");
  }

  /** Minor defect: Fluent Bit ran with system-node-critical outside kube-system. */
  @Test
  void logCollector_usedASystemPriorityOutsideKubeSystem_nowUsesTheFleetsHighestClass() {
    GenerationResult r = FleetGenerator.builder().validators(List.of()).build().generate(TestFleets.bookingSpec());
    JsonNode daemonSet = r.tree().documents().get("monitoring/logging.yaml").stream()
        .filter(d -> d.path("kind").asText().equals("DaemonSet")).findFirst().orElseThrow();

    assertThat(daemonSet.path("spec").path("template").path("spec").path("priorityClassName").asText())
        .isEqualTo(FLEET.priorityClassName(FLEET.prioritiesUsed().last())).doesNotStartWith("system-");
  }
}
