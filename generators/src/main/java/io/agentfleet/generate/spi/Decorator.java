package io.agentfleet.generate.spi;

import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Adjusts built resources for a profile ({@code Add*}, {@code Apply*}, {@code Remove*}); runs in a declared order. */
public interface Decorator {
  /**
   * Returns the resource as it should be; the input may be returned unchanged. A decorator never changes the input or
   * anything reachable from it: it returns a new object with new objects on the path to what it changed (see
   * {@code ShallowCopy} in the profiles). Objects of one fleet share their parts (the sub-agents' security contexts,
   * probes and mounts are one instance each), and files are decorated on several threads at once, so a change made in
   * place would reach other objects, some of them already written out; the shared lists refuse it.
   */
  HasMetadata apply(HasMetadata resource, Fleet fleet);

  /**
   * What this decorator adds, in a few words: the source note on every value it sets reads
   * {@code profile <name>: <this>} ({@code profile production: topology spread}).
   */
  default String describe() {
    return getClass().getSimpleName();
  }

  /**
   * The JSON pointers of the values this decorator set on {@code result}, an object it returned changed, each the
   * outermost value it added or replaced ({@code /spec/template/spec/topologySpreadConstraints}): the source notes go
   * there. Empty, the default, when it cannot say; the generator then finds them by comparing the object's JSON
   * before and after, which costs a conversion of every changed object and was most of decorating a large fleet.
   */
  default java.util.List<String> sets(HasMetadata result) {
    return java.util.List.of();
  }
}
