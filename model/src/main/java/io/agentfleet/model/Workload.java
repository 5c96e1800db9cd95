package io.agentfleet.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One workload of the fleet's namespace as the capacity plan counts it: its output folder, the agent or sub-agent it
 * belongs to, the resources of one pod, its pods at minimum and maximum scale, whether a rolling update adds a surge
 * pod, and persistent storage per pod. The same counting as {@link FleetCapacity}.
 */
public record Workload(String folder, String owner, String name, Resources resources, int minPods, int maxPods,
    boolean surge, Quantity storagePerPod) {

  /** Every workload of these parts, in tree order: agents, sub-agents, then the other sections' demands. */
  public static List<Workload> of(List<Agent> agents, List<SubAgent> subAgents, List<Demand> database,
      List<Demand> monitoring) {
    List<Workload> out = new ArrayList<>();
    Quantity none = Quantity.bytes(BigDecimal.ZERO);
    for (Agent a : agents) {
      out.add(new Workload("agents", a.id(), a.name() + " worker", a.worker().resources(), 1, 1, false,
          a.worker().workspace()));
      a.frontend().ifPresent(c -> out.add(new Workload("agents", a.id(), a.name() + " frontend", c.resources(),
          c.replicas(), c.replicas(), true, none)));
      a.backend().ifPresent(c -> out.add(new Workload("agents", a.id(), a.name() + " backend", c.resources(),
          c.replicas(), c.replicas(), true, none)));
    }
    for (SubAgent s : subAgents) {
      out.add(new Workload("sub-agents", s.id(), s.name(), s.resources(), s.scaling().minReplicas(),
          s.scaling().maxReplicas(), true, none));
    }
    demands(out, "database", database);
    demands(out, "monitoring", monitoring);
    return out;
  }

  private static void demands(List<Workload> out, String folder, List<Demand> demands) {
    for (Demand d : demands) {
      out.add(new Workload(folder, folder, d.what(), d.resources(), d.pods(), d.pods(), d.surge(), d.storagePerPod()));
    }
  }

  /** Pods at the given scale, without the surge. */
  public int pods(boolean maximum) {
    return maximum ? maxPods : minPods;
  }
}
