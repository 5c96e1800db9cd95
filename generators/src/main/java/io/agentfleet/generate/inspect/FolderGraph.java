package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The order the tree is applied in, as a dependency graph over the folders the tree really holds and the operators
 * they need. Declared: the folders apply in the chain {@link #DECLARED_ORDER} ({@code core} → {@code database} →
 * {@code agents} → {@code sub-agents} → {@code monitoring}), each needing every earlier folder present; a folder
 * absent from the tree is skipped; a folder the chain does not know needs {@code core} and comes before
 * {@code monitoring}. Derived: a folder holding a kind an operator serves (an ExternalSecret, a CloudNativePG
 * Cluster, a VPA, a ServiceMonitor …) or an HPA on a per-pod custom metric needs that operator; operators need only
 * each other. Each node's wave is one more than the highest wave it needs (0 when it needs nothing), so nothing is
 * applied before what it needs. The same graph orders Argo CD's sync waves, Flux's {@code dependsOn} and the deploy
 * script.
 *
 * <p>Operators come before {@code core} when {@code core} uses their kinds (the ExternalSecret of the API key
 * needs the External Secrets CRDs): "core, then operators" would apply that object before its CRD exists.
 */
public final class FolderGraph {
  /** The declared order of the folders agentfleet's generators make. */
  public static final List<String> DECLARED_ORDER = List.of("core", "database", "agents", "sub-agents", "monitoring");

  /** A node: a folder of the tree or an operator, what it needs, and its wave. */
  public record Node(String name, boolean operator, SortedSet<String> needs, int wave) {}

  private final Map<String, Node> nodes;
  private final List<Operator> operators;

  private FolderGraph(Map<String, Node> nodes, List<Operator> operators) {
    this.nodes = nodes;
    this.operators = operators;
  }

  /** The graph of a tree: its folders, and when {@code withOperators} the plan's operators and what needs them. */
  public static FolderGraph of(TreeFacts facts, PlatformPlan plan, boolean withOperators) {
    List<String> folders = orderedFolders(facts.folders());
    Map<String, SortedSet<String>> needs = new LinkedHashMap<>();
    SortedSet<String> operatorIds = new TreeSet<>();
    for (int i = 0; i < folders.size(); i++) {
      String folder = folders.get(i);
      SortedSet<String> n = new TreeSet<>(folders.subList(0, i));
      if (!DECLARED_ORDER.contains(folder)) {
        n.retainAll(folders.contains("core") ? List.of("core") : List.of());
      }
      if (withOperators) {
        SortedSet<String> ops = operatorsUsedBy(facts, plan, folder);
        n.addAll(ops);
        operatorIds.addAll(ops);
      }
      needs.put(folder, n);
    }
    // The plan's operators (it already holds what they need themselves).
    List<Operator> ops = withOperators ? plan.operators() : List.of();
    ops.forEach(o -> operatorIds.add(o.id()));
    Map<String, SortedSet<String>> all = new LinkedHashMap<>();
    ops.forEach(o -> all.put(o.id(), new TreeSet<>(o.needs())));
    all.putAll(needs);
    Map<String, Node> nodes = new LinkedHashMap<>();
    all.keySet().forEach(name -> wave(name, all, nodes, operatorIds, new TreeSet<>()));
    return new FolderGraph(nodes, ops);
  }

  /** The folders in the declared order, unknown folders (by name) just before monitoring. */
  private static List<String> orderedFolders(SortedSet<String> present) {
    List<String> out = new ArrayList<>();
    DECLARED_ORDER.stream().filter(f -> !f.equals("monitoring") && present.contains(f)).forEach(out::add);
    present.stream().filter(f -> !DECLARED_ORDER.contains(f)).forEach(out::add);
    if (present.contains("monitoring")) {
      out.add("monitoring");
    }
    return out;
  }

  private static SortedSet<String> operatorsUsedBy(TreeFacts facts, PlatformPlan plan, String folder) {
    SortedSet<String> ops = new TreeSet<>();
    facts.groups(folder).forEach(g -> plan.serving(g).ifPresent(o -> ops.add(o.id())));
    if (!plan.needs(Operator.PROMETHEUS_ADAPTER)) {
      return ops;
    }
    for (TreeFacts.Obj o : facts.objects(folder)) {
      if (ops.contains(Operator.PROMETHEUS_ADAPTER.id())) {
        break; // one autoscaler on custom metrics is enough; a folder may hold thousands
      }
      if (o.is("autoscaling", "HorizontalPodAutoscaler")) {
        for (JsonNode metric : o.json().path("spec").path("metrics")) {
          String type = metric.path("type").asText("");
          if (type.equals("Pods") || type.equals("Object")) {
            ops.add(Operator.PROMETHEUS_ADAPTER.id());
          }
        }
      }
    }
    return ops;
  }

  private static int wave(String name, Map<String, SortedSet<String>> needs, Map<String, Node> done,
      SortedSet<String> operatorIds, SortedSet<String> visiting) {
    Node known = done.get(name);
    if (known != null) {
      return known.wave();
    }
    if (!visiting.add(name)) {
      throw new IllegalStateException("dependency cycle through " + visiting);
    }
    int wave = 0;
    for (String n : needs.getOrDefault(name, new TreeSet<>())) {
      wave = Math.max(wave, wave(n, needs, done, operatorIds, visiting) + 1);
    }
    visiting.remove(name);
    done.put(name, new Node(name, operatorIds.contains(name), Collections.unmodifiableSortedSet(needs.get(name)), wave));
    return wave;
  }

  /** Every node, ordered by wave, then folders in their declared order before operators in catalog order. */
  public List<Node> nodes() {
    List<Node> all = new ArrayList<>(nodes.values());
    List<String> order = new ArrayList<>();
    operators.forEach(o -> order.add(o.id()));
    all.stream().filter(n -> !n.operator()).forEach(n -> order.add(n.name()));
    all.sort((a, b) -> a.wave() != b.wave() ? Integer.compare(a.wave(), b.wave())
        : Integer.compare(order.indexOf(a.name()), order.indexOf(b.name())));
    return all;
  }

  /** The folders in the order they are applied. */
  public List<Node> folders() {
    return nodes().stream().filter(n -> !n.operator()).toList();
  }

  /** The operators the folders need, in catalog order. */
  public List<Operator> operators() {
    return operators;
  }

  public Optional<Node> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  /** The folders a folder needs (operators left out): what Flux's dependsOn and the deploy script wait for. */
  public SortedSet<String> folderNeeds(String folder) {
    SortedSet<String> out = new TreeSet<>(nodes.get(folder).needs());
    out.removeIf(n -> nodes.get(n).operator());
    return out;
  }

  /** The operators a folder needs directly. */
  public SortedSet<String> operatorNeeds(String folder) {
    SortedSet<String> out = new TreeSet<>(nodes.get(folder).needs());
    out.removeIf(n -> !nodes.get(n).operator());
    return out;
  }
}
