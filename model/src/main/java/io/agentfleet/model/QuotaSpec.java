package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The namespace quota as written: {@code quota: { headroom: 25% }} or {@code quota: { cpu: 80, memory: 160Gi, pods: 80 }}.
 * Each dimension not given is the fleet at full scale plus the headroom; each one given must hold that much.
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableQuotaSpec.class)
@JsonDeserialize(as = ImmutableQuotaSpec.class)
@JsonPropertyOrder({"cpu", "memory", "pods", "headroom"})
public interface QuotaSpec {
  /** Requested CPU the namespace may hold ({@code requests.cpu}). */
  Optional<Quantity> cpu();

  /** Requested memory the namespace may hold ({@code requests.memory}). */
  Optional<Quantity> memory();

  /** Pods the namespace may hold. */
  Optional<Integer> pods();

  /** Margin over the fleet at full scale on every quota dimension; {@link Defaults#QUOTA_HEADROOM} unless given. */
  Optional<Percent> headroom();

  static QuotaSpec of(String cpu, String memory) {
    return ImmutableQuotaSpec.builder().cpu(Quantity.parse(cpu)).memory(Quantity.parse(memory)).build();
  }

  static ImmutableQuotaSpec.Builder builder() {
    return ImmutableQuotaSpec.builder();
  }
}
