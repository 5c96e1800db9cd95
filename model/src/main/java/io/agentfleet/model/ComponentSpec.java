package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** A standard agent's frontend or backend: image, port and size, with defaults per kind in {@link Defaults}. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableComponentSpec.class)
@JsonDeserialize(as = ImmutableComponentSpec.class)
public interface ComponentSpec {
  /** The component's image, pinned by a tag or digest ({@code booking-frontend:1.4.0}). */
  String image();

  /** Container port; 3000 for a Next.js frontend and 8080 for an ASP.NET backend unless given. */
  Optional<Integer> port();

  /** Fixed number of pods; 1 unless given (one developer's traffic). */
  Optional<Integer> replicas();

  /** CPU and memory requests; per kind in {@link Defaults} unless given. */
  Optional<Compute> requests();

  /** CPU and memory limits; derived from the requests unless given. */
  Optional<Compute> limits();

  /** HTTP path answering 200 while the component is alive and ready; {@code /} for Next.js, {@code /healthz} for ASP.NET. */
  Optional<String> healthPath();

  /** Numeric non-root user the image runs as; 1001 for Next.js images, 1654 (the .NET {@code app} user) for ASP.NET. */
  Optional<Long> runAsUser();

  /** A separate port serving Prometheus metrics at /metrics, if the component has one. */
  Optional<Integer> metricsPort();

  /**
   * Extra environment variables, plain ({@code LOG_LEVEL: info}) or from a Secret ({@code TOKEN: { secret: s, key: k
   * }}); none by default. Names the tree sets itself (the agent contract's variables) are refused.
   */
  Map<String, EnvValue> env();

  static ComponentSpec of(String image) {
    return ImmutableComponentSpec.builder().image(image).build();
  }

  static ImmutableComponentSpec.Builder builder() {
    return ImmutableComponentSpec.builder();
  }
}
