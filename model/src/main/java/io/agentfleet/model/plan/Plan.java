package io.agentfleet.model.plan;

import io.agentfleet.model.Capacity;
import io.agentfleet.model.CapacitySpec;
import io.agentfleet.model.ClaudeBudget;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.NodePacking;
import io.agentfleet.model.Priority;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.SubAgent;
import io.agentfleet.model.Workload;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capacity envelope of a resolved fleet before anything is applied: requests, limits, pods and storage at
 * minimum and at maximum scale, per folder, per agent or sub-agent and in total; the namespace quota and its
 * headroom; the nodes of the declared {@code cluster.node} shape the pods need (first-fit decreasing, see
 * {@link NodePacking}); and the Claude API budget. Rendered by {@link PlanText} as a terminal table, Markdown and
 * JSON.
 */
public record Plan(String fleet, String namespace, Scale minimum, Scale maximum, Capacity quota, int headroomPercent,
    Optional<NodePacking.Node> node, ClaudeBudget budget) {

  /** Requests, limits, pods and storage of a group of pods. */
  public record Envelope(int pods, BigDecimal cpuRequests, BigDecimal cpuLimits, BigDecimal memoryRequests,
      BigDecimal memoryLimits, BigDecimal storage) {
    public static final Envelope ZERO = new Envelope(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
        BigDecimal.ZERO, BigDecimal.ZERO);

    Envelope plus(Envelope o) {
      return new Envelope(pods + o.pods, cpuRequests.add(o.cpuRequests), cpuLimits.add(o.cpuLimits),
          memoryRequests.add(o.memoryRequests), memoryLimits.add(o.memoryLimits), storage.add(o.storage));
    }

    static Envelope of(Workload w, int pods, boolean withStorage) {
      BigDecimal n = BigDecimal.valueOf(pods);
      return new Envelope(pods, w.resources().cpuRequest().amount().multiply(n),
          w.resources().cpuLimit().amount().multiply(n), w.resources().memoryRequest().amount().multiply(n),
          w.resources().memoryLimit().amount().multiply(n),
          withStorage ? w.storagePerPod().amount().multiply(n) : BigDecimal.ZERO);
    }
  }

  /** One named row: a folder, an agent or sub-agent. */
  public record Line(String name, Envelope envelope) {}

  /** The nodes a scale needs: the count, the largest pod and any pod that fits no node. */
  public record Nodes(int count, String largestPod, BigDecimal largestCpu, BigDecimal largestMemory,
      List<String> unplaceable) {}

  /**
   * The fleet at one scale. {@code namespace} is what the fleet's namespace holds (the demand its quota is sized
   * for); {@code total} adds the folders that run beside it (the monitoring servers, {@link #BESIDE}): what the
   * cluster must hold.
   */
  public record Scale(String name, List<Line> folders, List<Line> owners, Envelope surge, Envelope namespace,
      Envelope total, Optional<Nodes> nodes) {}

  /** The folder whose pods run beside the fleet's namespace: its Prometheus, Alertmanager, Grafana, log shipper. */
  public static final String BESIDE = "monitoring";

  /** The plan of a resolved fleet. */
  public static Plan of(Fleet fleet) {
    List<Workload> workloads = Workload.of(fleet.agents(), fleet.subAgents(), fleet.database().demands(),
        fleet.monitoring().demands());
    List<Workload> beside = Workload.of(List.of(), List.of(), List.of(), fleet.monitoring().servers());
    Optional<NodePacking.Node> node = fleet.cluster().flatMap(CapacitySpec::node).map(NodePacking.Node::of);
    return new Plan(fleet.name(), fleet.namespace(), scale("minimum", workloads, beside, false, node),
        scale("maximum", workloads, beside, true, node), fleet.quota().hard(), fleet.quota().headroomPercent(), node,
        fleet.claudeBudget());
  }

  private static Scale scale(String name, List<Workload> workloads, List<Workload> beside, boolean maximum,
      Optional<NodePacking.Node> node) {
    Map<String, Envelope> folders = new LinkedHashMap<>();
    Map<String, Envelope> owners = new LinkedHashMap<>();
    Envelope surge = Envelope.ZERO;
    for (Workload w : workloads) {
      Envelope e = Envelope.of(w, w.pods(maximum), true);
      folders.merge(w.folder(), e, Envelope::plus);
      owners.merge(w.owner(), e, Envelope::plus);
      if (w.surge()) {
        surge = surge.plus(Envelope.of(w, 1, false));
      }
    }
    Envelope namespace = surge;
    for (Envelope e : folders.values()) {
      namespace = namespace.plus(e);
    }
    Envelope total = namespace;
    for (Workload w : beside) {
      // A Deployment's rolling-update surge pod counts with its own folder: the namespace's quota never sees it.
      Envelope e = Envelope.of(w, w.pods(maximum), true).plus(w.surge() ? Envelope.of(w, 1, false) : Envelope.ZERO);
      folders.merge(BESIDE, e, Envelope::plus);
      total = total.plus(e);
    }
    List<Workload> all = new java.util.ArrayList<>(workloads);
    all.addAll(beside);
    Optional<Nodes> nodes = node.map(n -> {
      List<NodePacking.Pod> pods = NodePacking.pods(all, maximum, true);
      NodePacking.Packing packing = NodePacking.pack(pods, n);
      NodePacking.Pod largest = NodePacking.largest(pods, n);
      return new Nodes(packing.count(), largest == null ? "" : largest.name().replaceAll("-\\d+$", ""),
          largest == null ? BigDecimal.ZERO : largest.cpu(), largest == null ? BigDecimal.ZERO : largest.memory(),
          packing.unplaceable().stream().map(NodePacking.Pod::name).toList());
    });
    return new Scale(name, lines(folders), lines(owners), surge, namespace, total, nodes);
  }

  private static List<Line> lines(Map<String, Envelope> m) {
    List<Line> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(new Line(k, v)));
    return out;
  }

  /**
   * Replicas of each sub-agent that a cluster of {@code cpu} cores and {@code memory} bytes of requests holds beside
   * {@code fixed} (what the rest of the fleet requests): every sub-agent at its minimum first, then one replica at a
   * time, highest priority first and round robin within a priority (the order {@code claude.overBudget: cap} uses),
   * up to each maximum. Empty when even the minima do not fit.
   */
  public static Optional<Map<String, Integer>> replicasWithin(List<SubAgent> subAgents, BigDecimal cpu,
      BigDecimal memory, BigDecimal fixedCpu, BigDecimal fixedMemory) {
    int[] n = subAgents.stream().mapToInt(s -> s.scaling().minReplicas()).toArray();
    BigDecimal cpuLeft = cpu.subtract(fixedCpu);
    BigDecimal memLeft = memory.subtract(fixedMemory);
    for (int i = 0; i < n.length; i++) {
      BigDecimal k = BigDecimal.valueOf(n[i]);
      cpuLeft = cpuLeft.subtract(subAgents.get(i).resources().cpuRequest().amount().multiply(k));
      memLeft = memLeft.subtract(subAgents.get(i).resources().memoryRequest().amount().multiply(k));
    }
    if (cpuLeft.signum() < 0 || memLeft.signum() < 0) {
      return Optional.empty();
    }
    for (Priority tier : List.of(Priority.HIGH, Priority.MEDIUM, Priority.LOW)) {
      boolean added = true;
      while (added) {
        added = false;
        for (int i = 0; i < n.length; i++) {
          SubAgent s = subAgents.get(i);
          BigDecimal c = s.resources().cpuRequest().amount();
          BigDecimal m = s.resources().memoryRequest().amount();
          if (s.priority() == tier && n[i] < s.scaling().maxReplicas() && c.compareTo(cpuLeft) <= 0
              && m.compareTo(memLeft) <= 0) {
            n[i]++;
            cpuLeft = cpuLeft.subtract(c);
            memLeft = memLeft.subtract(m);
            added = true;
          }
        }
      }
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < n.length; i++) {
      out.put(subAgents.get(i).id(), n[i]);
    }
    return Optional.of(out);
  }

  /** A quantity of cores as written in a table: {@code 61.6 cores}, {@code 1 core}, {@code 0.05 cores}. */
  static String cores(BigDecimal cores) {
    String n = cores.setScale(3, java.math.RoundingMode.CEILING).stripTrailingZeros().toPlainString();
    return n + (cores.compareTo(BigDecimal.ONE) == 0 ? " core" : " cores");
  }

  /** Cores as whole millicores, Kubernetes' own resolution of CPU: exact for every request the tree can hold. */
  static BigDecimal millicores(BigDecimal cores) {
    return cores.multiply(BigDecimal.valueOf(1000)).setScale(0, java.math.RoundingMode.CEILING);
  }

  /**
   * A quantity of bytes as written in a table. A positive amount is described as it is ({@link Quantity#bytes} would
   * spell it in its largest unit and parse it back to the same amount: a table row per sub-agent did so).
   */
  static String bytes(BigDecimal bytes) {
    if (bytes.signum() > 0) {
      return Quantity.describeBytes(bytes.setScale(0, java.math.RoundingMode.CEILING));
    }
    return bytes.signum() == 0 ? "0" : Quantity.bytes(bytes).describeBytes();
  }
}
