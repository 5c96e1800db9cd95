package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** A workload scaled by a HorizontalPodAutoscaler leaves spec.replicas unset: the HPA owns the replica count. */
public final class HpaOwnsReplicasRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    if (!m.node().path("spec").has("replicas")) {
      return;
    }
    for (Manifest hpa : tree.hpasFor(m)) {
      out.add("spec.replicas: must not be set, " + hpa.ref() + " owns the replica count"
          + " (every apply would reset what it scaled to)");
    }
  }
}
