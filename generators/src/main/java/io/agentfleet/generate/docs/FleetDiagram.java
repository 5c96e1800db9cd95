package io.agentfleet.generate.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.ConnectionMatrix;
import io.agentfleet.generate.inspect.NetworkModel;
import io.agentfleet.generate.platform.Created;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The tree's README pictures as Mermaid flowcharts: who may connect to whom (the groups of pods the NetworkPolicies
 * treat alike, with the connections the policies allow as computed by {@link NetworkModel}, and what monitoring is
 * configured to call) and the order Argo CD syncs the Applications in. Every name and number is read from the tree,
 * the plan or the fleet. Node ids are generated ({@code g1}, {@code m1}, {@code ns1}, {@code w0} …), never taken from
 * a name, so no name can collide with a Mermaid keyword ({@code end}, {@code graph}, {@code class}); labels are quoted
 * with {@code "} escaped.
 */
final class FleetDiagram {
  /** Members a group's box names before it abbreviates to {@code first … last} with a count. */
  static final int NAMED_MEMBERS = 3;
  private static final String COMPONENT = "app.kubernetes.io/component";
  private static final String AGENT = "agentfleet.io/agent";
  private static final String NAME = "app.kubernetes.io/name";

  private FleetDiagram() {}

  /** The pods of the tree's operator custom resources (Prometheus, Alertmanager) and of the plan's prerequisites. */
  static Map<NetworkModel.Pod, String> operatorPods(SortedMap<String, List<JsonNode>> docs, PlatformPlan plan) {
    Map<NetworkModel.Pod, String> out = new LinkedHashMap<>();
    docs.values().forEach(list -> list.forEach(doc -> {
      for (Created c : Created.from(doc)) {
        String kind = doc.path("kind").asText();
        if (c.kind().equals("Pod") && !kind.equals("Cluster")) {
          out.put(new NetworkModel.Pod(c.name(), c.namespace(), c.labels(), Map.of()), kind);
        }
      }
    }));
    for (Created c : plan.prerequisitePods()) {
      out.put(new NetworkModel.Pod(c.name(), c.namespace(), c.labels(), Map.of()),
          "Prometheus (monitoring.prometheus.url, outside the tree)");
    }
    return out;
  }

  /** One arrow of a diagram. */
  private record Edge(String from, String arrow, String label, String to) {}

  /**
   * The network picture: groups of the fleet's namespace, the pods beside it, allowed and configured flows. More
   * than {@link #NAMED_MEMBERS} agents whose parts connect alike (to their own parts, to the same groups, from the
   * same pods) are drawn once, as one frame naming them and their count.
   */
  static String network(Fleet fleet, PlatformPlan plan, SortedMap<String, List<JsonNode>> docs, NetworkModel network,
      Map<NetworkModel.Pod, String> operatorPods, String... strip) {
    Ids ids = new Ids();
    List<NetworkModel.Group> groups = network.groups(fleet.namespace());
    Map<NetworkModel.Group, String> groupIds = new LinkedHashMap<>();
    groups.forEach(g -> groupIds.put(g, ids.next("g")));
    String fleetNs = ids.next("ns");

    // Pods outside the fleet's namespace: the tree's own workloads there and the operators' pods.
    Map<String, String> kinds = workloadKinds(docs);
    Map<NetworkModel.Pod, String> outside = new LinkedHashMap<>();
    for (NetworkModel.Pod p : network.pods()) {
      if (!p.namespace().equals(fleet.namespace())) {
        String kind = kinds.get(p.namespace() + "/" + p.name());
        outside.put(p, kind == null ? operatorPods.getOrDefault(p, "") : kind);
      }
    }
    Map<String, List<NetworkModel.Pod>> byNamespace = new TreeMap<>();
    outside.keySet().forEach(p -> byNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p));
    Map<String, String> namespaceIds = new LinkedHashMap<>();
    Map<NetworkModel.Pod, String> outsideIds = new LinkedHashMap<>();
    byNamespace.forEach((ns, pods) -> {
      namespaceIds.put(ns, ids.next("ns"));
      pods.forEach(p -> outsideIds.put(p, ids.next("m")));
    });

    // Allowed connections between the fleet's groups: the cells of the connection matrix.
    List<Edge> edges = new ArrayList<>();
    for (NetworkModel.Connection c : network.connections(fleet.namespace())) {
      edges.add(new Edge(groupIds.get(c.from()), "-->", ports(c.ports()), groupIds.get(c.to())));
    }
    // Allowed connections from pods outside the namespace into its groups, and from its groups out to them.
    outsideIds.forEach((pod, id) -> {
      Map<NetworkModel.Group, List<Integer>> reached = new LinkedHashMap<>();
      for (NetworkModel.Group g : groups) {
        List<Integer> ports = network.allowedPorts(pod, g.first());
        if (!ports.isEmpty()) {
          reached.put(g, ports);
        }
      }
      if (!groups.isEmpty() && reached.size() == groups.size()) {
        List<Integer> all = reached.values().stream().flatMap(List::stream).distinct().sorted().toList();
        edges.add(new Edge(id, "-->", "every pod: " + ports(all), fleetNs));
      } else {
        reached.forEach((g, ports) -> edges.add(new Edge(id, "-->", ports(ports), groupIds.get(g))));
      }
      if (!pod.ports().isEmpty()) {
        for (NetworkModel.Group g : groups) {
          List<Integer> ports = network.allowedPorts(g.first(), pod);
          if (!ports.isEmpty()) {
            edges.add(new Edge(groupIds.get(g), "-->", ports(ports), id));
          }
        }
      }
    });

    // Agents, and which of them are drawn: alike agents fold into the first of them once there are many.
    Map<String, List<NetworkModel.Group>> byAgent = new LinkedHashMap<>();
    for (NetworkModel.Group g : groups) {
      String agent = g.first().labels().get(AGENT);
      byAgent.computeIfAbsent(agent == null ? "" : agent, k -> new ArrayList<>()).add(g);
    }
    // Groups are told apart by their arrows to and from the pods beside the namespace too, which the picture shows.
    Map<String, NetworkModel.Group> byId = new java.util.HashMap<>();
    groupIds.forEach((g, id) -> byId.put(id, g));
    Map<NetworkModel.Group, List<String>> outsideArrows = new java.util.IdentityHashMap<>();
    for (Edge e : edges) {
      NetworkModel.Group from = byId.get(e.from());
      NetworkModel.Group to = byId.get(e.to());
      if (from != null && to == null) {
        outsideArrows.computeIfAbsent(from, k -> new ArrayList<>()).add("to " + e.to() + " " + e.label());
      } else if (to != null && from == null) {
        outsideArrows.computeIfAbsent(to, k -> new ArrayList<>()).add("from " + e.from() + " " + e.label());
      }
    }
    Map<String, List<String>> alike = ConnectionMatrix.alikeAgents(network, fleet.namespace(),
        g -> outsideArrows.getOrDefault(g, List.of()));
    java.util.Set<String> hidden = new java.util.HashSet<>();
    alike.forEach((first, members) -> members.stream().skip(1)
        .forEach(a -> byAgent.get(a).forEach(g -> hidden.add(groupIds.get(g)))));

    StringBuilder out = new StringBuilder("flowchart LR\n");
    out.append("  subgraph ").append(fleetNs).append("[\"namespace ").append(esc(fleet.namespace())).append("\"]\n");
    byAgent.forEach((agent, members) -> {
      if (!agent.isEmpty() && !alike.containsKey(agent)) {
        return;
      }
      String indent = "    ";
      if (!agent.isEmpty()) {
        List<String> names = alike.get(agent).stream().map(a -> a.toUpperCase(Locale.ROOT)).toList();
        String title = names.size() == 1 ? "agent " + names.get(0)
            : names.size() <= NAMED_MEMBERS ? "agents " + String.join(", ", names) + ", alike"
            : "agents " + names.get(0) + " … " + names.get(names.size() - 1) + ", " + names.size() + " alike";
        out.append(indent).append("subgraph ").append(ids.next("ag")).append("[\"").append(esc(title)).append("\"]\n");
        indent += "  ";
      }
      for (NetworkModel.Group g : members) {
        out.append(indent).append(groupIds.get(g)).append(groupShape(fleet, docs, g, strip)).append('\n');
      }
      if (!agent.isEmpty()) {
        out.append("    end\n");
      }
    });
    out.append("  end\n");
    byNamespace.forEach((ns, pods) -> {
      out.append("  subgraph ").append(namespaceIds.get(ns)).append("[\"namespace ").append(esc(ns)).append("\"]\n");
      for (NetworkModel.Pod p : pods) {
        String kind = outside.get(p);
        out.append("    ").append(outsideIds.get(p)).append("[\"").append(esc(p.name()))
            .append(kind.isEmpty() ? "" : "<br/>" + esc(kind)).append("\"]\n");
      }
      out.append("  end\n");
    });
    for (Edge e : edges) {
      if (!hidden.contains(e.from()) && !hidden.contains(e.to())) {
        edge(out, e.from(), e.arrow(), e.label(), e.to());
      }
    }
    configured(out, fleet, plan, outsideIds, ids);
    return out.toString();
  }

  /** What monitoring is configured to call: Grafana its data source, Prometheus its Alertmanager, logs their sink. */
  private static void configured(StringBuilder out, Fleet fleet, PlatformPlan plan,
      Map<NetworkModel.Pod, String> outsideIds, Ids ids) {
    PlatformPlan.MonitoringPlan m = plan.monitoring();
    String prometheus = find(outsideIds, m.namespace(), m.prometheusName(), "prometheus");
    String alertmanager = find(outsideIds, m.namespace(), m.alertmanagerName(), "alertmanager");
    String grafana = find(outsideIds, m.namespace(), null, "grafana");
    if (grafana != null && prometheus != null) {
      edge(out, grafana, "-.->", "queries " + m.prometheusPort(), prometheus);
    }
    if (prometheus != null && alertmanager != null) {
      edge(out, prometheus, "-.->", "alerts " + m.alertmanagerPort(), alertmanager);
    }
    fleet.monitoring().logging().ifPresent(l -> {
      String shipper = find(outsideIds, l.namespace(), null, "fluent-bit");
      if (shipper != null) {
        String sink = ids.next("x");
        out.append("  ").append(sink).append("[\"").append(esc(l.sink().toString())).append("<br/>")
            .append(esc(l.url())).append("\"]\n");
        edge(out, shipper, "-.->", "ships logs", sink);
      }
    });
  }

  private static String find(Map<NetworkModel.Pod, String> pods, String namespace, String name, String appName) {
    for (Map.Entry<NetworkModel.Pod, String> e : pods.entrySet()) {
      NetworkModel.Pod p = e.getKey();
      if (p.namespace().equals(namespace) && appName.equals(p.labels().get(NAME))
          && (name == null || p.name().equals(name))) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The sync-wave picture: the Applications of the tree by their {@code argocd.argoproj.io/sync-wave}. */
  static String waves(SortedMap<String, List<JsonNode>> docs) {
    SortedMap<Integer, List<JsonNode>> waves = new TreeMap<>();
    docs.values().forEach(list -> list.forEach(doc -> {
      if (!doc.path("kind").asText().equals("Application")
          || !doc.path("apiVersion").asText().startsWith("argoproj.io/")) {
        return;
      }
      JsonNode wave = doc.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave");
      if (wave.isTextual() && wave.asText().matches("-?\\d{1,6}")) {
        waves.computeIfAbsent(Integer.parseInt(wave.asText()), k -> new ArrayList<>()).add(doc);
      }
    }));
    if (waves.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("flowchart LR\n");
    Ids ids = new Ids();
    List<String> order = new ArrayList<>();
    waves.forEach((wave, apps) -> {
      String id = ids.next("w");
      order.add(id);
      out.append("  subgraph ").append(id).append("[\"wave ").append(wave).append("\"]\n");
      out.append("    direction TB\n");
      for (JsonNode app : apps) {
        JsonNode source = app.at("/spec/source");
        String what = source.has("chart")
            ? "chart " + source.path("chart").asText() + " " + source.path("targetRevision").asText()
            : source.path("path").asText();
        out.append("    ").append(ids.next("app")).append("[\"").append(esc(app.at("/metadata/name").asText()))
            .append(what.isEmpty() ? "" : "<br/>" + esc(what)).append("\"]\n");
      }
      out.append("  end\n");
    });
    for (int i = 1; i < order.size(); i++) {
      out.append("  ").append(order.get(i - 1)).append(" --> ").append(order.get(i)).append('\n');
    }
    return out.toString();
  }

  /**
   * Pods in the fleet's order (s1, s2 … s10), not the tree's file order (s1, s10 … s9), where the fleet names them
   * (its sub-agents); the others first, in the order they come. The README's diagram and connection matrix both name
   * groups by their first and last member in this order.
   */
  static java.util.Comparator<NetworkModel.Pod> inFleetOrder(Fleet fleet) {
    Map<String, Integer> order = new java.util.HashMap<>();
    fleet.subAgents().forEach(s -> order.put(s.name(), order.size()));
    return java.util.Comparator.comparingInt(p -> order.getOrDefault(p.name(), -1));
  }

  private static String groupShape(Fleet fleet, SortedMap<String, List<JsonNode>> docs, NetworkModel.Group g,
      String... strip) {
    List<NetworkModel.Pod> m = new ArrayList<>(g.members());
    m.sort(inFleetOrder(fleet));
    String names = m.size() <= NAMED_MEMBERS
        ? m.stream().map(p -> shortName(p, strip)).collect(Collectors.joining(", "))
        : shortName(m.get(0), strip) + " … " + shortName(m.get(m.size() - 1), strip);
    Map<String, String> labels = g.first().labels();
    if (labels.containsKey("cnpg.io/cluster") || "database".equals(labels.get(COMPONENT))) {
      return "[(\"" + esc(names) + "<br/>PostgreSQL, " + fleet.database().instances() + " instances\")]";
    }
    String component = labels.getOrDefault(COMPONENT, "");
    String what;
    if (component.equals("sub-agent")) {
      what = m.size() == 1 ? "sub-agent" : m.size() + " sub-agents, alike";
    } else {
      what = m.size() == 1 ? component : m.size() + " × " + component;
    }
    return "[\"" + esc(names) + (what.isEmpty() ? "" : "<br/>" + esc(what)) + "\"]";
  }

  /** Namespace/name → kind of the tree's workloads. */
  private static Map<String, String> workloadKinds(SortedMap<String, List<JsonNode>> docs) {
    Map<String, String> out = new TreeMap<>();
    docs.values().forEach(list -> list.forEach(doc -> {
      String kind = doc.path("kind").asText();
      if (kind.equals("Deployment") || kind.equals("StatefulSet") || kind.equals("DaemonSet")) {
        JsonNode meta = doc.path("metadata");
        out.put(meta.path("namespace").asText() + "/" + meta.path("name").asText(), kind);
      }
    }));
    return out;
  }

  private static void edge(StringBuilder out, String from, String arrow, String label, String to) {
    out.append("  ").append(from).append(' ').append(arrow).append("|\"").append(esc(label)).append("\"| ")
        .append(to).append('\n');
  }

  private static String ports(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String shortName(NetworkModel.Pod pod, String... strip) {
    for (String prefix : strip) {
      if (!prefix.isEmpty() && pod.name().startsWith(prefix)) {
        return pod.name().substring(prefix.length());
      }
    }
    return pod.name();
  }

  /**
   * Text safe inside a quoted Mermaid label: {@code "} and the characters Mermaid reads as markup or entity starts
   * become entity codes, line breaks become spaces.
   */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("#quot;");
        case '#' -> out.append("#35;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Node ids from a prefix and a counter: never a Mermaid keyword, never derived from user text. */
  private static final class Ids {
    private final Map<String, Integer> next = new TreeMap<>();

    String next(String prefix) {
      int n = next.merge(prefix, 1, Integer::sum);
      return prefix + n;
    }
  }
}
