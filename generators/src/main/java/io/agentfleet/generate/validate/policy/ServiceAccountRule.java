package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** A pod's serviceAccountName names a ServiceAccount of the tree in the pod's namespace (or is "default"). */
public final class ServiceAccountRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    PodTemplate.of(m).ifPresent(pod -> {
      String sa = Json.text(pod.spec(), "serviceAccountName");
      if (sa != null && !sa.equals("default") && tree.ofKind("", "ServiceAccount").stream()
          .noneMatch(s -> s.name().equals(sa) && s.namespace().equals(m.namespace()))) {
        out.add(pod.at("serviceAccountName") + ": ServiceAccount \"" + sa + "\" not found in namespace \""
            + m.namespace() + "\"");
      }
    });
  }
}
