package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.ContainerRef;
import io.agentfleet.generate.inspect.HpaMetric;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** An HPA on cpu or memory Utilization needs that request on every container it measures, or it cannot compute. */
public final class HpaRequestsRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    if (!m.is("autoscaling", "HorizontalPodAutoscaler")) {
      return;
    }
    tree.target(m, m.node().path("spec").path("scaleTargetRef")).ifPresent(target ->
        PodTemplate.of(target).ifPresent(pod -> {
          for (HpaMetric metric : HpaMetric.of(m)) {
            if (!metric.isCpuOrMemory() || !"Utilization".equals(metric.targetType())) {
              continue;
            }
            for (ContainerRef c : pod.mainContainers()) {
              if ((metric.container() == null || metric.container().equals(c.name()))
                  && Json.text(c.node(), "resources", "requests", metric.resource()) == null) {
                out.add(metric.path() + ": " + metric.resource() + " Utilization needs resources.requests."
                    + metric.resource() + " on container \"" + c.name() + "\" of " + target.ref());
              }
            }
          }
        }));
  }
}
