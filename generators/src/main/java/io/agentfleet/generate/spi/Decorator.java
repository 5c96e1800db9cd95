package io.agentfleet.generate.spi;

import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Adjusts built resources for a profile ({@code Add*}, {@code Apply*}, {@code Remove*}); runs in a declared order. */
public interface Decorator {
  /** Returns the resource as it should be; the input may be returned unchanged. */
  HasMetadata apply(HasMetadata resource, Fleet fleet);

  /**
   * What this decorator adds, in a few words: the source note on every value it sets reads
   * {@code profile <name>: <this>} ({@code profile production: topology spread}).
   */
  default String describe() {
    return getClass().getSimpleName();
  }
}
