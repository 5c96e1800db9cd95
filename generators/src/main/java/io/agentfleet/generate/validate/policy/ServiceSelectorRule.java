package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.LabelSelector;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Service's selector matches the pod labels of at least one workload in its namespace: the template's labels, and
 * for a StatefulSet also the {@code statefulset.kubernetes.io/pod-name} label its controller gives each pod.
 */
public final class ServiceSelectorRule implements PolicyRule {
  private static final String POD_NAME = "statefulset.kubernetes.io/pod-name";

  /** The label sets the workload's pods carry. */
  private static List<Map<String, String>> podLabels(Manifest workload) {
    Map<String, String> template = PodTemplate.of(workload).orElseThrow().labels();
    if (!workload.kind().equals("StatefulSet")) {
      return List.of(template);
    }
    List<Map<String, String>> pods = new ArrayList<>();
    String name = workload.name();
    int replicas = workload.node().path("spec").path("replicas").asInt(1);
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      Map<String, String> labels = new TreeMap<>(template);
      labels.put(POD_NAME, name + "-" + ordinal);
      pods.add(labels);
    }
    return pods;
  }

  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    JsonNode selector = m.node().path("spec").path("selector");
    if (!m.is("", "Service") || !selector.isObject() || selector.isEmpty()) {
      return;
    }
    boolean matched = tree.workloads(m.namespace()).stream()
        .anyMatch(w -> podLabels(w).stream().anyMatch(labels -> LabelSelector.matchesMap(selector, labels)));
    if (!matched) {
      out.add("spec.selector: " + LabelSelector.describe(selector) + " matches no pod template of a workload in namespace \""
          + m.namespace() + "\"");
    }
  }
}
