package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** A pod's priorityClassName names a PriorityClass of the tree (or one of the two every cluster has). */
public final class PriorityClassRule implements PolicyRule {
  private static final List<String> BUILT_IN = List.of("system-cluster-critical", "system-node-critical");

  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    PodTemplate.of(m).ifPresent(pod -> {
      String pc = Json.text(pod.spec(), "priorityClassName");
      if (pc != null && !BUILT_IN.contains(pc)
          && tree.ofKind("scheduling.k8s.io", "PriorityClass").stream().noneMatch(p -> p.name().equals(pc))) {
        out.add(pod.at("priorityClassName") + ": PriorityClass \"" + pc + "\" not found in the tree");
      }
    });
  }
}
