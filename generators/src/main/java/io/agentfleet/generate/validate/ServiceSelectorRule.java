package io.agentfleet.generate.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Service's selector matches the pod template labels of at least one workload in its namespace. */
final class ServiceSelectorRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    JsonNode selector = m.node().path("spec").path("selector");
    if (!m.is("", "Service") || !selector.isObject() || selector.isEmpty()) {
      return;
    }
    boolean matched = tree.workloads(m.namespace()).stream()
        .anyMatch(w -> LabelSelector.matchesMap(selector, PodTemplate.of(w).orElseThrow().labels()));
    if (!matched) {
      out.add("spec.selector: " + LabelSelector.describe(selector) + " matches no pod template of a workload in namespace \""
          + m.namespace() + "\"");
    }
  }
}
