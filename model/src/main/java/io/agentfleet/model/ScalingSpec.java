package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * When a sub-agent scales, in intent-level words: {@code { cpu: 70%, memory: 80%, requestsPerSecond: 10,
 * scaleDownAfter: 5m }}. Every field is optional here; unset fields come from {@code defaults.subAgent.scaling},
 * then from the built-in defaults in {@link Defaults}.
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableScalingSpec.class)
@JsonDeserialize(as = ImmutableScalingSpec.class)
public interface ScalingSpec {
  /** Average CPU utilisation, relative to the CPU request, that the autoscaler holds pods at. */
  Optional<Percent> cpu();

  /** Average memory utilisation, relative to the memory request, that the autoscaler holds pods at. */
  Optional<Percent> memory();

  /** Claude API requests per second per pod that the autoscaler holds pods at (a per-pod custom metric). */
  Optional<Quantity> requestsPerSecond();

  /** How long load must stay low before replicas are removed (the scale-down stabilization window). */
  Optional<Span> scaleDownAfter();

  /** At most this many pods are removed per minute once scale-down starts. */
  Optional<Integer> scaleDownPodsPerMinute();

  /**
   * {@code hpa} (default: built into Kubernetes) or {@code keda} (a KEDA ScaledObject instead of the HPA, never both;
   * the only choice that allows {@code replicas: 0..N}).
   */
  Optional<Autoscaler> autoscaler();

  /** Fields set here win; the rest come from {@code fallback}. */
  default ScalingSpec orElse(ScalingSpec fallback) {
    return ImmutableScalingSpec.builder()
        .cpu(cpu().or(fallback::cpu))
        .memory(memory().or(fallback::memory))
        .requestsPerSecond(requestsPerSecond().or(fallback::requestsPerSecond))
        .scaleDownAfter(scaleDownAfter().or(fallback::scaleDownAfter))
        .scaleDownPodsPerMinute(scaleDownPodsPerMinute().or(fallback::scaleDownPodsPerMinute))
        .autoscaler(autoscaler().or(fallback::autoscaler))
        .build();
  }

  static ImmutableScalingSpec.Builder builder() {
    return ImmutableScalingSpec.builder();
  }
}
