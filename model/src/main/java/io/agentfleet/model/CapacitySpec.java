package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** An amount of CPU, memory and pods: the cluster the fleet runs on, or the quota it is given. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableCapacitySpec.class)
@JsonDeserialize(as = ImmutableCapacitySpec.class)
public interface CapacitySpec {
  Quantity cpu();

  Quantity memory();

  Optional<Integer> pods();

  static CapacitySpec of(String cpu, String memory) {
    return ImmutableCapacitySpec.builder().cpu(Quantity.parse(cpu)).memory(Quantity.parse(memory)).build();
  }

  static ImmutableCapacitySpec.Builder builder() {
    return ImmutableCapacitySpec.builder();
  }
}
