package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.ContainerRef;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** Every container requests cpu and memory and limits memory; init containers need requests (sidecars limits too). */
public final class ResourcesRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    PodTemplate.of(m).ifPresent(pod -> {
      for (ContainerRef c : pod.allContainers()) {
        if (c.list().equals("ephemeralContainers")) {
          continue;
        }
        require(c, "requests", "cpu", out);
        require(c, "requests", "memory", out);
        if (c.isMain() || c.isSidecar()) {
          require(c, "limits", "memory", out);
        }
      }
    });
  }

  private static void require(ContainerRef c, String kind, String resource, List<String> out) {
    if (Json.text(c.node(), "resources", kind, resource) == null) {
      out.add(c.at("resources", kind, resource) + ": must be set (container \"" + c.name() + "\")");
    }
  }
}
