package io.agentfleet.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fleet asks of the cluster at full scale: every workload at its maximum replicas, plus the one extra pod
 * a rolling update adds per Deployment ({@code maxSurge: 1}). Workers with a persistent workspace are recreated,
 * not surged, since their volume can be mounted by one pod only.
 */
public final class FleetCapacity {
  private FleetCapacity() {}

  /** Requests of one group of workloads, for messages that say where the demand comes from. */
  public record Part(String what, Quantity cpu, Quantity memory, int pods) {
    String describe() {
      return what + ": " + cpu.describeCpu() + ", " + memory.describeBytes();
    }
  }

  /** The full-scale demand split into groups. */
  public record Breakdown(List<Part> parts) {
    public String describe() {
      return String.join("; ", parts.stream().filter(p -> p.pods() > 0).map(Part::describe).toList());
    }
  }

  private static final class Sum {
    Quantity cpu = Quantity.cores(BigDecimal.ZERO);
    Quantity memory = Quantity.bytes(BigDecimal.ZERO);
    Quantity cpuLimit = Quantity.cores(BigDecimal.ZERO);
    Quantity memoryLimit = Quantity.bytes(BigDecimal.ZERO);
    int pods;

    void add(Resources r, int count) {
      cpu = cpu.plus(r.cpuRequest().times(count));
      memory = memory.plus(r.memoryRequest().times(count));
      cpuLimit = cpuLimit.plus(r.cpuLimit().times(count));
      memoryLimit = memoryLimit.plus(r.memoryLimit().times(count));
      pods += count;
    }

    Part part(String what) {
      return new Part(what, Quantity.cores(cpu.amount()), Quantity.bytes(memory.amount()), pods);
    }
  }

  /** The demand of these agents and sub-agents at full scale, and its breakdown. */
  public static Breakdown breakdown(List<Agent> agents, List<SubAgent> subAgents) {
    return breakdown(agents, subAgents, List.of());
  }

  /** The same, with the workloads of other sections (database, monitoring) in the namespace. */
  public static Breakdown breakdown(List<Agent> agents, List<SubAgent> subAgents, List<Demand> extra) {
    return breakdown(agents, subAgents, extra, "database and monitoring");
  }

  /**
   * The same, naming the part of the other sections' workloads as {@code othersName} says: only the sections whose
   * pods run in the namespace (the monitoring servers of {@code prometheus-operator} mode run beside it).
   */
  public static Breakdown breakdown(List<Agent> agents, List<SubAgent> subAgents, List<Demand> extra,
      String othersName) {
    Sum sub = new Sum();
    Sum others = new Sum();
    Sum agentSum = new Sum();
    Sum surge = new Sum();
    for (SubAgent s : subAgents) {
      sub.add(s.resources(), s.scaling().maxReplicas());
      surge.add(s.resources(), 1);
    }
    for (Agent a : agents) {
      agentSum.add(a.worker().resources(), 1);
      for (Component c : a.frontend().stream().toList()) {
        agentSum.add(c.resources(), c.replicas());
        surge.add(c.resources(), 1);
      }
      for (Component c : a.backend().stream().toList()) {
        agentSum.add(c.resources(), c.replicas());
        surge.add(c.resources(), 1);
      }
    }
    for (Demand d : extra) {
      others.add(d.resources(), d.pods());
      if (d.surge()) {
        surge.add(d.resources(), 1);
      }
    }
    List<Part> parts = new ArrayList<>();
    parts.add(sub.part("sub-agents at maximum replicas"));
    parts.add(agentSum.part("standard agents"));
    if (others.pods > 0) {
      parts.add(others.part(othersName));
    }
    parts.add(surge.part("rolling-update surge"));
    return new Breakdown(parts);
  }

  /** The quota the fleet needs at full scale. */
  public static Capacity fullScale(List<Agent> agents, List<SubAgent> subAgents) {
    return fullScale(agents, subAgents, List.of());
  }

  /** The same, with the workloads of other sections (database, monitoring) in the namespace. */
  public static Capacity fullScale(List<Agent> agents, List<SubAgent> subAgents, List<Demand> extra) {
    Sum all = new Sum();
    int claims = 0;
    Quantity storage = Quantity.bytes(BigDecimal.ZERO);
    for (SubAgent s : subAgents) {
      all.add(s.resources(), s.scaling().maxReplicas() + 1);
    }
    for (Agent a : agents) {
      all.add(a.worker().resources(), 1);
      claims++;
      storage = storage.plus(a.worker().workspace());
      for (Component c : a.frontend().stream().toList()) {
        all.add(c.resources(), c.replicas() + 1);
      }
      for (Component c : a.backend().stream().toList()) {
        all.add(c.resources(), c.replicas() + 1);
      }
    }
    for (Demand d : extra) {
      all.add(d.resources(), d.pods() + (d.surge() ? 1 : 0));
      if (d.storagePerPod().isPositive()) {
        claims += d.pods();
        storage = storage.plus(d.storagePerPod().times(d.pods()));
      }
    }
    return new Capacity(
        Quantity.cores(all.cpu.amount()),
        Quantity.bytes(all.memory.amount()),
        Quantity.cores(all.cpuLimit.amount()),
        Quantity.bytes(all.memoryLimit.amount()),
        all.pods,
        claims,
        Quantity.bytes(storage.amount()));
  }
}
