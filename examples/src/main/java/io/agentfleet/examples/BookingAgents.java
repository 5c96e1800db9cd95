package io.agentfleet.examples;

import io.agentfleet.model.AgentSpec;
import io.agentfleet.model.ApiAccess;
import io.agentfleet.model.Compute;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.DatabaseSpec;
import io.agentfleet.model.ComponentSpec;
import io.agentfleet.model.DefaultsSpec;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.GitOpsSpec;
import io.agentfleet.model.LogSink;
import io.agentfleet.model.MonitoringMode;
import io.agentfleet.model.MonitoringSpec;
import io.agentfleet.model.NetworkSpec;
import io.agentfleet.model.Percent;
import io.agentfleet.model.Priority;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.Role;
import io.agentfleet.model.ScalingSpec;
import io.agentfleet.model.SecretsProvider;
import io.agentfleet.model.SecretsSpec;
import io.agentfleet.model.Span;
import io.agentfleet.model.SubAgentSpec;
import io.agentfleet.model.WorkerSpec;

/** The booking-agents fleet of {@code booking-agents/fleet.yaml}, built in Java: the same fleet, value for value. */
public final class BookingAgents {
  private BookingAgents() {}

  public static FleetSpec fleet() {
    var fleet = FleetSpec.builder()
        .name("booking-agents")
        .namespace("booking-agents")
        .agentPrefix("booking-agent")
        .kubernetesVersion("1.34")
        .imageRegistry("ghcr.io/example")
        .putLabel("app.kubernetes.io/part-of", "booking-agents")
        .secrets(SecretsSpec.builder().provider(SecretsProvider.EXTERNAL_SECRETS).store("fleet-secrets").build())
        .defaults(DefaultsSpec.builder().subAgent(DefaultsSpec.SubAgentDefaults.builder()
            .image("claude-code-agent:2.1.0")
            .scaling(ScalingSpec.builder()
                .cpu(Percent.of(70))
                .memory(Percent.of(80))
                .requestsPerSecond(Quantity.parse("10"))
                .scaleDownAfter(Span.parse("5m"))
                .build())
            .build()).build());
    for (String id : new String[] {"a2", "a3", "a4"}) {
      fleet.addAgent(AgentSpec.builder()
          .id(id)
          .worker(WorkerSpec.builder().workspace(Quantity.parse("20Gi"))
              .repository("https://github.com/example/booking.git").build())
          .frontend(ComponentSpec.of("booking-frontend:1.4.0"))
          .backend(ComponentSpec.of("booking-backend:1.4.0"))
          .build());
    }
    fleet.database(DatabaseSpec.builder()
        .mode(DatabaseMode.CLOUDNATIVE_PG)
        .instances(3)
        .storage(Quantity.parse("50Gi"))
        .backups(DatabaseSpec.BackupsSpec.builder()
            .schedule("0 2 * * *")
            .retain(Span.parse("14d"))
            .objectStore(DatabaseSpec.ObjectStoreSpec.builder()
                .destinationPath("s3://booking-agents-backups/postgres")
                .secret("postgres-backup-s3")
                .build())
            .build())
        .build());
    // S6 reads the API: its egress to the API server is opened by address (replace with your cluster's).
    fleet.network(NetworkSpec.builder()
        .addApiServer(NetworkSpec.ApiServerEndpoint.of("10.96.0.1/32", 443))
        .addApiServer(NetworkSpec.ApiServerEndpoint.of("10.0.0.10/32", 6443))
        .build());
    fleet.gitops(GitOpsSpec.builder()
        .repository("https://github.com/example/booking-gitops.git")
        .revision("main")
        .build());
    fleet.monitoring(MonitoringSpec.builder()
        .mode(MonitoringMode.PROMETHEUS_OPERATOR)
        .alerts(MonitoringSpec.AlertsSpec.builder()
            .claudeRequestsPerSecond(Quantity.parse("50"))
            .tokensPerDay(Quantity.parse("900000"))
            .agentDownFor(Span.parse("1m"))
            .resourceUsage(Percent.of(90))
            .build())
        .logging(MonitoringSpec.LoggingSpec.builder().sink(LogSink.LOKI).url("http://loki-gateway.logging.svc:80").build())
        .build());
    return fleet
        .addSubAgent(subAgent("s1", Role.SENIOR_DEVELOPER, 1, 8, "1", "2Gi", Priority.HIGH))
        .addSubAgent(subAgent("s2", Role.UI_DEVELOPER, 1, 6, "1.5", "3Gi", Priority.MEDIUM))
        .addSubAgent(subAgent("s3", Role.UX_EXPERT, 1, 4, "1", "2Gi", Priority.MEDIUM))
        .addSubAgent(subAgent("s4", Role.TEST_EXPERT, 1, 6, "1", "2Gi", Priority.MEDIUM))
        .addSubAgent(subAgent("s5", Role.ARCHITECTURE_EXPERT, 1, 6, "2", "4Gi", Priority.HIGH))
        .addSubAgent(SubAgentSpec.builder()
            .from(subAgent("s6", Role.DEVOPS_EXPERT, 1, 5, "1.5", "3Gi", Priority.HIGH))
            .apiAccess(ApiAccess.READ)
            .build())
        .build();
  }

  private static SubAgentSpec subAgent(String id, Role role, int min, int max, String cpu, String memory,
      Priority priority) {
    return SubAgentSpec.builder()
        .id(id)
        .role(role)
        .replicas(ReplicaRange.between(min, max))
        .requests(Compute.of(cpu, memory))
        .priority(priority)
        .build();
  }
}
