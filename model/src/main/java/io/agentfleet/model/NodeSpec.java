package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The allocatable size of one node: {@code { cpu: 8, memory: 32Gi, pods: 110 }}. Every pod of the fleet must fit
 * one; the plan ({@code agentfleet:plan}) packs the pods onto nodes of this shape to say how many are needed.
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableNodeSpec.class)
@JsonDeserialize(as = ImmutableNodeSpec.class)
@JsonPropertyOrder({"cpu", "memory", "pods"})
public interface NodeSpec {
  /** Allocatable CPU of one node, in cores. */
  Quantity cpu();

  /** Allocatable memory of one node. */
  Quantity memory();

  /** Pods one node may run; {@link Defaults#NODE_PODS} unless given. */
  Optional<Integer> pods();

  static NodeSpec of(String cpu, String memory) {
    return ImmutableNodeSpec.builder().cpu(Quantity.parse(cpu)).memory(Quantity.parse(memory)).build();
  }
}
