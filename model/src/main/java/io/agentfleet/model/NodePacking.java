package io.agentfleet.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Packs pods onto nodes of one shape by first-fit decreasing: pods sorted by their largest share of a node (CPU or
 * memory request over the node's allocatable), largest first, ties by name; each goes to the first node with room in
 * CPU, memory and pod count, or opens a new one. FFD is a heuristic: it never uses fewer nodes than an optimal
 * packing and, in one dimension, at most 11/9 of the optimum plus 6/9 (Dósa, 2007); the plan says so beside the
 * number. Requests only, as the scheduler counts them; DaemonSet pods and the system's reservations are not the
 * fleet's, and {@code cluster.node} states what is left of a node after them.
 */
public final class NodePacking {
  private NodePacking() {}

  /** One pod to place. */
  public record Pod(String name, BigDecimal cpu, BigDecimal memory) {}

  /** A node shape: allocatable CPU (cores), memory (bytes) and pods. */
  public record Node(BigDecimal cpu, BigDecimal memory, int pods) {
    public static Node of(NodeSpec n) {
      return new Node(n.cpu().amount(), n.memory().amount(), n.pods().orElse(Defaults.NODE_PODS));
    }

    boolean holds(Pod p) {
      return p.cpu().compareTo(cpu) <= 0 && p.memory().compareTo(memory) <= 0 && pods >= 1;
    }

    /** The pod's larger share of the node, CPU or memory. */
    BigDecimal share(Pod p) {
      BigDecimal c = cpu.signum() == 0 ? BigDecimal.ZERO : p.cpu().divide(cpu, MathContext.DECIMAL64);
      BigDecimal m = memory.signum() == 0 ? BigDecimal.ZERO : p.memory().divide(memory, MathContext.DECIMAL64);
      return c.max(m);
    }
  }

  /** The nodes used (each the names of its pods, in placement order) and the pods that fit no node. */
  public record Packing(List<List<String>> nodes, List<Pod> unplaceable) {
    public int count() {
      return nodes.size();
    }
  }

  /** First-fit decreasing. */
  public static Packing pack(List<Pod> pods, Node node) {
    List<Pod> sorted = new ArrayList<>(pods);
    sorted.sort(Comparator.comparing((Pod p) -> node.share(p)).reversed().thenComparing(Pod::name));
    List<List<String>> names = new ArrayList<>();
    List<BigDecimal[]> used = new ArrayList<>();
    List<Pod> unplaceable = new ArrayList<>();
    for (Pod p : sorted) {
      if (!node.holds(p)) {
        unplaceable.add(p);
        continue;
      }
      int at = -1;
      for (int i = 0; i < used.size() && at < 0; i++) {
        BigDecimal[] u = used.get(i);
        if (u[0].add(p.cpu()).compareTo(node.cpu()) <= 0 && u[1].add(p.memory()).compareTo(node.memory()) <= 0
            && names.get(i).size() < node.pods()) {
          at = i;
        }
      }
      if (at < 0) {
        names.add(new ArrayList<>());
        used.add(new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        at = names.size() - 1;
      }
      names.get(at).add(p.name());
      used.get(at)[0] = used.get(at)[0].add(p.cpu());
      used.get(at)[1] = used.get(at)[1].add(p.memory());
    }
    return new Packing(names.stream().map(List::copyOf).toList(), List.copyOf(unplaceable));
  }

  /** The pods of these workloads at a scale, surge pods included when {@code surge}, named {@code name-1...}. */
  public static List<Pod> pods(List<Workload> workloads, boolean maximum, boolean surge) {
    List<Pod> out = new ArrayList<>();
    for (Workload w : workloads) {
      int n = w.pods(maximum) + (surge && w.surge() ? 1 : 0);
      for (int i = 1; i <= n; i++) {
        out.add(new Pod(w.name() + "-" + i, w.resources().cpuRequest().amount(),
            w.resources().memoryRequest().amount()));
      }
    }
    return out;
  }

  /** The largest pod by its share of the node, or null when there is none. */
  public static Pod largest(List<Pod> pods, Node node) {
    return pods.stream().max(Comparator.comparing((Pod p) -> node.share(p)).thenComparing(Pod::name,
        Comparator.reverseOrder())).orElse(null);
  }

  /** Every workload's pod must fit one node of the stated shape; each that does not is a problem of cluster.node. */
  static void check(Problems p, NodeSpec spec, List<Agent> agents, List<SubAgent> subAgents, List<Demand> extra) {
    boolean valid = FleetRules.totalCpu(p, "cluster.node.cpu", spec.cpu())
        & Validation.bytes(p, "cluster.node.memory", spec.memory(), FleetRules.MAX_TOTAL_MEMORY,
            FleetRules.INT64_REASON);
    if (spec.pods().isPresent()
        && !Validation.range(p, "cluster.node.pods", spec.pods().get(), 1, FleetRules.MAX_PODS,
            FleetRules.MAX_PODS_REASON)) {
      valid = false;
    }
    if (!valid) {
      return;
    }
    Node node = Node.of(spec);
    for (Workload w : Workload.of(agents, subAgents, extra, List.of())) {
      Resources r = w.resources();
      if (r.cpuRequest().amount().compareTo(node.cpu()) > 0 || r.memoryRequest().amount().compareTo(node.memory()) > 0) {
        p.add("cluster.node", "a pod of " + w.name() + " requests " + r.cpuRequest().describeCpu() + " and "
            + r.memoryRequest().describeBytes() + " of memory, but a node has " + spec.cpu().describeCpu() + " and "
            + spec.memory().describeBytes() + ": it can never be scheduled (state a larger node, or lower its "
            + "requests)");
      }
    }
  }
}
