package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** A standard agent: a Claude Code worker with its own frontend, backend and database. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableAgentSpec.class)
@JsonDeserialize(as = ImmutableAgentSpec.class)
public interface AgentSpec {
  /** Short DNS-1123 id ({@code a2}); its workloads are named {@code booking-agent-<id>-*}. */
  String id();

  @Value.Default
  default WorkerSpec worker() {
    return WorkerSpec.builder().build();
  }

  Optional<ComponentSpec> frontend();

  Optional<ComponentSpec> backend();

  /** Name of the agent's own database on the fleet's PostgreSQL cluster; {@code <id>} with '-' as '_' by default. */
  Optional<String> database();

  /** Publishes the frontend through the cluster's ingress controller; off unless {@code ingress.host} is set. */
  Optional<IngressSpec> ingress();

  static ImmutableAgentSpec.Builder builder() {
    return ImmutableAgentSpec.builder();
  }
}
