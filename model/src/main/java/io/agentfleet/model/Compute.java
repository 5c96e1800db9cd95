package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** CPU and memory of one container, as requests or as limits: {@code { cpu: 1.5, memory: 3Gi }}. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableCompute.class)
@JsonDeserialize(as = ImmutableCompute.class)
public interface Compute {
  Optional<Quantity> cpu();

  Optional<Quantity> memory();

  static Compute of(String cpu, String memory) {
    return ImmutableCompute.builder().cpu(Quantity.parse(cpu)).memory(Quantity.parse(memory)).build();
  }

  static ImmutableCompute.Builder builder() {
    return ImmutableCompute.builder();
  }
}
