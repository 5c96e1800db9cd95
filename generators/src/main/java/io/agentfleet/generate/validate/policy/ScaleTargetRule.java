package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** An HPA's scaleTargetRef and a VPA's targetRef name an object of the tree in their namespace. */
public final class ScaleTargetRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    String field = m.is("autoscaling", "HorizontalPodAutoscaler") ? "scaleTargetRef"
        : m.is("autoscaling.k8s.io", "VerticalPodAutoscaler") ? "targetRef" : null;
    if (field == null) {
      return;
    }
    JsonNode ref = m.node().path("spec").path(field);
    if (ref.isObject() && tree.target(m, ref).isEmpty()) {
      out.add("spec." + field + ": " + Json.text(ref, "kind") + "/" + Json.text(ref, "name")
          + " not found in namespace \"" + m.namespace() + "\"");
    }
  }
}
