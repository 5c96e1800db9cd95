package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Pod Security Standards (v1.34) as the admission controller judges them, at the level the pod's namespace enforces
 * ({@code pod-security.kubernetes.io/enforce}; restricted when the namespace is not in the tree or not labelled).
 */
public final class PodSecurityRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    PodTemplate.of(m).ifPresent(pod -> {
      String level = tree.podSecurityLevel(m.namespace());
      if (level.equals("privileged")) {
        return;
      }
      boolean restricted = level.equals("restricted");
      List<String> found = new ArrayList<>();
      PodSecurityBaseline.check(pod, restricted, found);
      if (restricted) {
        PodSecurityRestricted.check(pod, found);
      }
      found.forEach(msg -> out.add(msg + " (Pod Security \"" + level + "\")"));
    });
  }
}
