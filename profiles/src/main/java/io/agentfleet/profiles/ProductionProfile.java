package io.agentfleet.profiles;

import io.agentfleet.generate.spi.Decorator;
import io.agentfleet.generate.spi.Profile;
import io.agentfleet.model.FleetSpec;
import java.util.List;

/** Production: the fleet as written, with replicas of each workload spread across nodes and zones. */
public final class ProductionProfile implements Profile {
  @Override
  public String name() {
    return "production";
  }

  @Override
  public FleetSpec apply(FleetSpec spec) {
    return spec;
  }

  @Override
  public List<Decorator> decorators() {
    return List.of(new AddTopologySpread());
  }
}
