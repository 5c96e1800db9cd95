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
  /** CPU, in cores ({@code 48} or {@code 48000m}): allocatable CPU of the cluster, or the quota's CPU requests. */
  Quantity cpu();

  /** Memory ({@code 192Gi}): allocatable memory of the cluster, or the quota's memory requests. */
  Quantity memory();

  /** Pods, if stated: the fleet at full scale (with rolling-update surge) must not run more. */
  Optional<Integer> pods();

  /** The allocatable size of one node, if stated: every pod must fit one, and the plan counts the nodes needed. */
  Optional<NodeSpec> node();

  static CapacitySpec of(String cpu, String memory) {
    return ImmutableCapacitySpec.builder().cpu(Quantity.parse(cpu)).memory(Quantity.parse(memory)).build();
  }

  static ImmutableCapacitySpec.Builder builder() {
    return ImmutableCapacitySpec.builder();
  }
}
