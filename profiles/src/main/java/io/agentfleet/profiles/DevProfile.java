package io.agentfleet.profiles;

import io.agentfleet.generate.spi.Decorator;
import io.agentfleet.generate.spi.Profile;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.SubAgentSpec;
import java.util.List;

/**
 * Dev: a small cluster (kind, minikube) runs the whole fleet; every sub-agent scales between 1 and at most 2
 * replicas, so that the fleet fits on a laptop. Everything else is as written.
 */
public final class DevProfile implements Profile {
  /** The most replicas a sub-agent may reach in dev. */
  static final int MAX_REPLICAS = 2;

  @Override
  public String name() {
    return "dev";
  }

  @Override
  public FleetSpec apply(FleetSpec spec) {
    List<SubAgentSpec> capped = spec.subAgents().stream()
        .map(s -> s.replicas().isValid() && s.replicas().max() > MAX_REPLICAS
            ? SubAgentSpec.builder().from(s)
                .replicas(ReplicaRange.between(Math.min(s.replicas().min(), MAX_REPLICAS), MAX_REPLICAS)).build()
            : s)
        .toList();
    return FleetSpec.builder().from(spec).subAgents(capped).build();
  }

  @Override
  public List<Decorator> decorators() {
    return List.of();
  }
}
