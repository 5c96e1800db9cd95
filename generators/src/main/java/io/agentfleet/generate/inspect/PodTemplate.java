package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pod a workload runs, located inside its object: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob. */
public record PodTemplate(String specPath, String metadataPath, JsonNode spec, JsonNode metadata) implements Located {

  /** The pod template of a workload object, if it is one. */
  public static Optional<PodTemplate> of(Manifest m) {
    String group = m.group();
    Where where = switch (m.kind()) {
      case "Pod" -> group.isEmpty() ? Where.POD : null;
      case "ReplicationController" -> group.isEmpty() ? Where.TEMPLATE : null;
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> group.equals("apps") ? Where.TEMPLATE : null;
      case "Job" -> group.equals("batch") ? Where.TEMPLATE : null;
      case "CronJob" -> group.equals("batch") ? Where.JOB_TEMPLATE : null;
      default -> null;
    };
    if (where == null) {
      return Optional.empty();
    }
    JsonNode pod = Json.at(m.node(), where.base);
    return Optional.of(new PodTemplate(where.spec, where.metadata, pod.path("spec"), pod.path("metadata")));
  }

  /**
   * Where a kind of workload holds its pod, with the paths of the pod's spec and metadata and of its first containers
   * spelt once: every rule asks for them, for every workload of a tree.
   */
  private enum Where {
    POD(),
    TEMPLATE("spec", "template"),
    JOB_TEMPLATE("spec", "jobTemplate", "spec", "template");

    /** Containers of each list whose paths are kept; a pod with more has the rest's spelt when asked for. */
    private static final int KEPT = 8;

    final String[] base;
    final String spec;
    final String metadata;
    /** {@code spec.containers[i]} and so on, by the index of the list in {@code CONTAINER_LISTS} and the item's. */
    final String[][] containers = new String[CONTAINER_LISTS.size()][KEPT];

    Where(String... base) {
      this.base = base;
      String prefix = Json.field("", base);
      this.spec = Json.field(prefix, "spec");
      this.metadata = Json.field(prefix, "metadata");
      for (int l = 0; l < CONTAINER_LISTS.size(); l++) {
        for (int i = 0; i < KEPT; i++) {
          containers[l][i] = Json.index(Json.field(spec, CONTAINER_LISTS.get(l)), i);
        }
      }
    }

    static Where of(String specPath) {
      for (Where w : values()) {
        if (w.spec == specPath || w.spec.equals(specPath)) {
          return w;
        }
      }
      return null;
    }
  }

  private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");

  /** True for workloads that run until stopped: their containers need probes. */
  public static boolean isLongRunning(Manifest m) {
    return m.group().equals("apps") && List.of("Deployment", "StatefulSet", "DaemonSet").contains(m.kind());
  }

  /** Containers, then init containers, then ephemeral containers, each in written order. */
  public List<ContainerRef> allContainers() {
    List<ContainerRef> out = new ArrayList<>();
    Where where = Where.of(specPath);
    for (int l = 0; l < CONTAINER_LISTS.size(); l++) {
      String list = CONTAINER_LISTS.get(l);
      JsonNode items = spec.path(list);
      if (!items.isArray()) {
        continue;
      }
      for (int i = 0; i < items.size(); i++) {
        String path = where != null && i < Where.KEPT ? where.containers[l][i]
            : Json.index(Json.field(specPath, list), i);
        out.add(new ContainerRef(path, list, items.get(i)));
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
  @Override
  public String at(String... keys) {
    return Json.field(specPath, keys);
  }

  /** True for Windows pods, which Pod Security exempts from the Linux-only restricted controls. */
  public boolean isWindows() {
    return "windows".equals(Json.text(spec, "os", "name"));
  }
}
