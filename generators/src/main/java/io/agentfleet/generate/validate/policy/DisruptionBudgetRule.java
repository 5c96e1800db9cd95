package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.LabelSelector;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;
import java.util.stream.Collectors;

/** A PodDisruptionBudget selects pods of a workload in the tree and leaves at least one of them evictable. */
public final class DisruptionBudgetRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    if (!m.is("policy", "PodDisruptionBudget")) {
      return;
    }
    JsonNode spec = m.node().path("spec");
    List<Manifest> selected = spec.path("selector").isObject()
        ? tree.workloads(m.namespace()).stream()
            .filter(w -> LabelSelector.matches(spec.path("selector"), PodTemplate.of(w).orElseThrow().labels())).toList()
        : List.of();
    if (selected.isEmpty()) {
      out.add("spec.selector: " + LabelSelector.describe(spec.path("selector").path("matchLabels"))
          + " matches no pod template of a workload in namespace \"" + m.namespace() + "\"");
      return;
    }
    JsonNode maxUnavailable = spec.path("maxUnavailable");
    if (maxUnavailable.isInt() && maxUnavailable.intValue() == 0 || "0%".equals(maxUnavailable.asText(null))) {
      out.add("spec.maxUnavailable: " + maxUnavailable.asText() + " leaves no pod evictable (node drains block);"
          + " allow at least 1");
    }
    JsonNode minAvailable = spec.path("minAvailable");
    int replicas = replicas(selected, tree);
    if (minAvailable.isMissingNode() || replicas <= 0) {
      return;
    }
    String raw = minAvailable.asText();
    int required = raw.endsWith("%") ? (int) Math.ceil(percent(raw) * replicas / 100.0) : minAvailable.asInt();
    if (required >= replicas) {
      out.add("spec.minAvailable: " + raw + " with " + replicas + (replicas == 1 ? " replica" : " replicas") + " ("
          + selected.stream().map(Manifest::ref).collect(Collectors.joining(", "))
          + ") leaves no pod evictable; lower it or use maxUnavailable: 1");
    }
  }

  private static int percent(String raw) {
    try {
      return Integer.parseInt(raw.substring(0, raw.length() - 1).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The fewest pods the selected workloads may run (HPA minReplicas, else spec.replicas); -1 when unknowable. */
  private static int replicas(List<Manifest> workloads, TreeIndex tree) {
    int sum = 0;
    for (Manifest w : workloads) {
      if (w.is("", "Pod")) {
        sum += 1;
      } else if (w.group().equals("apps") && List.of("Deployment", "StatefulSet", "ReplicaSet").contains(w.kind())
          || w.is("", "ReplicationController")) {
        List<Manifest> hpas = tree.hpasFor(w);
        sum += hpas.isEmpty() ? w.node().path("spec").path("replicas").asInt(1)
            : hpas.stream().mapToInt(h -> h.node().path("spec").path("minReplicas").asInt(1)).min().orElse(1);
      } else {
        return -1;
      }
    }
    return sum;
  }
}
