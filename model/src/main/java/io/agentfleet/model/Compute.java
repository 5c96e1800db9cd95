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
  /** CPU in cores: {@code 1}, {@code 1.5} or {@code 500m}. */
  Optional<Quantity> cpu();

  /** Memory in bytes with a binary suffix: {@code 512Mi}, {@code 2Gi}. */
  Optional<Quantity> memory();

  static Compute of(String cpu, String memory) {
    return ImmutableCompute.builder().cpu(Quantity.parse(cpu)).memory(Quantity.parse(memory)).build();
  }

  static ImmutableCompute.Builder builder() {
    return ImmutableCompute.builder();
  }
}
