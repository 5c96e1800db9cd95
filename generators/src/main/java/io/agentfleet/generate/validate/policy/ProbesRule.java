package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.ContainerRef;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** Every container of a Deployment, StatefulSet or DaemonSet has a liveness and a readiness probe. */
public final class ProbesRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    if (!PodTemplate.isLongRunning(m)) {
      return;
    }
    PodTemplate.of(m).ifPresent(pod -> {
      for (ContainerRef c : pod.mainContainers()) {
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
          if (!c.node().path(probe).isObject()) {
            out.add(c.at(probe) + ": must be set (long-running container \"" + c.name() + "\")");
          }
        }
      }
    });
  }
}
