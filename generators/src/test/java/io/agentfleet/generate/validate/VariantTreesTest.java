package io.agentfleet.generate.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.model.Autoscaler;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.DatabaseSpec;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.GitOpsSpec;
import io.agentfleet.model.ImmutableFleetSpec;
import io.agentfleet.model.MonitoringMode;
import io.agentfleet.model.MonitoringSpec;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.ScalingSpec;
import io.agentfleet.model.SecretsSpec;
import io.agentfleet.model.SubAgentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every variant of the booking fleet a user can choose generates a tree that passes the whole validation the build
 * runs: strict schemas, policy, and every reference resolving against its platform plan.
 */
class VariantTreesTest {
  private static FleetSpec booking(UnaryOperator<ImmutableFleetSpec> change) {
    return change.apply(ImmutableFleetSpec.copyOf(TestFleets.bookingSpec()));
  }

  private static MonitoringSpec monitoring(UnaryOperator<io.agentfleet.model.ImmutableMonitoringSpec.Builder> change) {
    return change.apply(MonitoringSpec.builder().from(TestFleets.bookingSpec().monitoring().orElseThrow())).build();
  }

  static Stream<Arguments> variants() {
    List<SubAgentSpec> keda = new ArrayList<>(TestFleets.bookingSpec().subAgents());
    keda.set(1, SubAgentSpec.builder().from(keda.get(1)).replicas(ReplicaRange.between(0, 6))
        .scaling(ScalingSpec.builder().autoscaler(Autoscaler.KEDA).build()).build());
    return Stream.of(
        Arguments.of("production example", TestFleets.bookingSpec()),
        Arguments.of("statefulset database, manual secrets", booking(f -> f.withSecrets(SecretsSpec.manual())
            .withDatabase(DatabaseSpec.builder().mode(DatabaseMode.STATEFULSET).instances(3).build()))),
        Arguments.of("standalone monitoring", booking(f -> f.withMonitoring(monitoring(m -> m
            .mode(MonitoringMode.STANDALONE).prometheus(MonitoringSpec.PrometheusSpec.builder()
                .clusterMetricsUrl("http://prometheus-k8s.monitoring.svc:9090").build()))))),
        Arguments.of("KEDA sub-agent scaling to zero", booking(f -> f.withSubAgents(keda))),
        Arguments.of("alert webhook", booking(f -> f.withMonitoring(monitoring(m -> m.alertmanager(
            MonitoringSpec.AlertmanagerSpec.builder().webhookSecret("alert-webhook").build()))))),
        Arguments.of("operators already installed", booking(f -> f.withGitops(GitOpsSpec.builder()
            .from(TestFleets.bookingSpec().gitops().orElseThrow())
            .argocd(GitOpsSpec.ArgoCdSpec.builder().installOperators(false).build()).build()))),
        Arguments.of("existing Prometheus", booking(f -> f.withMonitoring(monitoring(m -> m.prometheus(
            MonitoringSpec.PrometheusSpec.builder().url("http://prometheus-k8s.monitoring.svc:9090")
                .selectorLabels(java.util.Map.of("prometheus", "k8s")).build()))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void variant_whenGenerated_passesSchemasPolicyAndReferences(String name, FleetSpec spec) {
    GenerationResult r = FleetGenerator.builder().build().generate(spec);

    assertThat(r.tree().documents()).isNotEmpty();
  }
}
