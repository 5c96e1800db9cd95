package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pod a workload runs, located inside its object: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob. */
public record PodTemplate(String specPath, String metadataPath, JsonNode spec, JsonNode metadata) {

  /** The pod template of a workload object, if it is one. */
  public static Optional<PodTemplate> of(Manifest m) {
    String[] base = switch (m.group() + "/" + m.kind()) {
      case "/Pod" -> new String[] {};
      case "apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "batch/Job",
          "/ReplicationController" -> new String[] {"spec", "template"};
      case "batch/CronJob" -> new String[] {"spec", "jobTemplate", "spec", "template"};
      default -> null;
    };
    if (base == null) {
      return Optional.empty();
    }
    JsonNode pod = Json.at(m.node(), base);
    String prefix = Json.field("", base);
    return Optional.of(new PodTemplate(Json.field(prefix, "spec"), Json.field(prefix, "metadata"), pod.path("spec"),
        pod.path("metadata")));
  }

  /** True for workloads that run until stopped: their containers need probes. */
  public static boolean isLongRunning(Manifest m) {
    return m.group().equals("apps") && List.of("Deployment", "StatefulSet", "DaemonSet").contains(m.kind());
  }

  /** Containers, then init containers, then ephemeral containers, each in written order. */
  public List<ContainerRef> allContainers() {
    List<ContainerRef> out = new ArrayList<>();
    for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
      List<JsonNode> items = Json.list(spec.path(list));
      for (int i = 0; i < items.size(); i++) {
        out.add(new ContainerRef(Json.index(Json.field(specPath, list), i), list, items.get(i)));
      }
    }
    return out;
  }

  /** The regular containers only. */
  public List<ContainerRef> mainContainers() {
    return allContainers().stream().filter(ContainerRef::isMain).toList();
  }

  public Map<String, String> labels() {
    return Json.stringMap(metadata.path("labels"));
  }

  /** The path of a field below the pod spec: {@code spec.template.spec.securityContext.runAsNonRoot}. */
  public String at(String... keys) {
    return Json.field(specPath, keys);
  }

  /** True for Windows pods, which Pod Security exempts from the Linux-only restricted controls. */
  public boolean isWindows() {
    return "windows".equals(Json.text(spec, "os", "name"));
  }
}
