package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.ContainerRef;
import io.agentfleet.generate.inspect.HpaMetric;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A VPA beside an HPA on cpu/memory must not act on those resources: updateMode "Off" or not controlling them. */
public final class VpaHpaConflictRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    if (!m.is("autoscaling.k8s.io", "VerticalPodAutoscaler")
        || "Off".equals(Json.text(m.node(), "spec", "updatePolicy", "updateMode"))) {
      return;
    }
    tree.target(m, m.node().path("spec").path("targetRef")).ifPresent(target -> {
      for (Manifest hpa : tree.hpasFor(target)) {
        Set<String> both = new TreeSet<>();
        HpaMetric.of(hpa).stream().filter(HpaMetric::isCpuOrMemory).forEach(metric -> both.add(metric.resource()));
        both.retainAll(controlled(m, target));
        if (!both.isEmpty()) {
          String resources = String.join(" and ", both);
          out.add("spec.updatePolicy.updateMode: must be \"Off\" while the VPA controls " + resources + ", which "
              + hpa.ref() + " scales " + target.ref() + " on (or leave " + resources
              + " out of spec.resourcePolicy.containerPolicies[].controlledResources)");
        }
      }
    });
  }

  /** The resources the VPA sets on any container of the target: per container policy, else the "*" policy. */
  static Set<String> controlled(Manifest vpa, Manifest target) {
    List<JsonNode> policies = Json.list(vpa.node().path("spec").path("resourcePolicy").path("containerPolicies"));
    List<String> containers = PodTemplate.of(target).map(p -> p.mainContainers().stream().map(ContainerRef::name).toList())
        .orElse(List.of());
    Set<String> out = new TreeSet<>();
    for (String name : containers.isEmpty() ? List.of("*") : containers) {
      JsonNode policy = policies.stream().filter(p -> name.equals(Json.text(p, "containerName"))).findFirst()
          .or(() -> policies.stream().filter(p -> "*".equals(Json.text(p, "containerName"))).findFirst())
          .orElse(null);
      if (policy != null && "Off".equals(Json.text(policy, "mode"))) {
        continue;
      }
      List<String> resources = policy != null && policy.has("controlledResources")
          ? Json.strings(policy.path("controlledResources")) : List.of("cpu", "memory");
      out.addAll(resources);
    }
    return out;
  }
}
