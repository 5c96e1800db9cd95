package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;

/** One container of a pod template with its path in the object and the list it is in. */
public record ContainerRef(String path, String list, JsonNode node) implements Located {

  public String name() {
    String n = Json.text(node, "name");
    return n == null ? "" : n;
  }

  /** Regular containers: run for the pod's whole life. */
  public boolean isMain() {
    return list.equals("containers");
  }

  /** An init container that keeps running beside the others ({@code restartPolicy: Always}). */
  public boolean isSidecar() {
    return list.equals("initContainers") && "Always".equals(Json.text(node, "restartPolicy"));
  }

  /** The path of a field below the container: {@code ...containers[0].securityContext.runAsNonRoot}. */
  @Override
  public String at(String... keys) {
    return Json.field(path, keys);
  }
}
