package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pods and NetworkPolicies of a generated tree, and the verdict of the policy rules on a connection, evaluated
 * as a CNI does: a pod selected by no policy of a direction is open in that direction; once selected, only what some
 * rule of a selecting policy allows gets through; a connection needs both the source's egress and the
 * destination's ingress.
 */
public final class NetworkModel {
  /** A group of identical pods (one workload's template), with the ports its containers expose. */
  public record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {
    /** Container port numbers, ascending. */
    public List<Integer> ports() {
      return namedPorts.values().stream().distinct().sorted().toList();
    }
  }

  private final List<Pod> pods;
  private final List<JsonNode> policies;
  private final Map<String, Map<String, String>> namespaceLabels;

  private NetworkModel(List<Pod> pods, List<JsonNode> policies, Map<String, Map<String, String>> namespaceLabels) {
    this.pods = List.copyOf(pods);
    this.policies = List.copyOf(policies);
    this.namespaceLabels = namespaceLabels;
  }

  /** Reads pods, policies and namespaces from the documents of a tree (path → documents). */
  public static NetworkModel of(SortedMap<String, List<JsonNode>> tree) {
    List<Pod> pods = new ArrayList<>();
    List<JsonNode> policies = new ArrayList<>();
    Map<String, Map<String, String>> namespaces = new TreeMap<>();
    tree.values().forEach(docs -> docs.forEach(doc -> {
      String kind = doc.path("kind").asText();
      switch (kind) {
        case "NetworkPolicy" -> policies.add(doc);
        case "Namespace" -> namespaces.put(doc.at("/metadata/name").asText(), strings(doc.at("/metadata/labels")));
        case "Deployment", "StatefulSet", "DaemonSet" -> pods.add(workloadPod(doc));
        case "Cluster" -> {
          if (doc.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")) {
            pods.add(cnpgPod(doc));
          }
        }
        default -> { }
      }
    }));
    return new NetworkModel(pods, policies, namespaces);
  }

  public List<Pod> pods() {
    return pods;
  }

  /** True when the policies let {@code from} open a TCP connection to {@code port} of {@code to}. */
  public boolean allows(Pod from, Pod to, int port) {
    return direction(from, to, port, false) && direction(to, from, port, true);
  }

  /** The ports of {@code to} that {@code from} may connect to, ascending. */
  public List<Integer> allowedPorts(Pod from, Pod to) {
    return to.ports().stream().filter(p -> allows(from, to, p)).toList();
  }

  /**
   * Whether {@code subject}'s policies of one direction admit the connection with {@code peer}: egress from the
   * source (ingress = false) or ingress into the destination (ingress = true). {@code port} is the destination's.
   */
  private boolean direction(Pod subject, Pod peer, int port, boolean ingress) {
    String type = ingress ? "Ingress" : "Egress";
    Pod destination = ingress ? subject : peer;
    boolean selected = false;
    for (JsonNode policy : policies) {
      String ns = policy.at("/metadata/namespace").asText();
      if (!ns.equals(subject.namespace()) || !types(policy).contains(type)
          || !LabelSelector.matches(policy.at("/spec/podSelector"), subject.labels())) {
        continue;
      }
      selected = true;
      for (JsonNode rule : policy.at(ingress ? "/spec/ingress" : "/spec/egress")) {
        JsonNode peers = rule.get(ingress ? "from" : "to");
        boolean peerOk = peers == null || peers.isEmpty() || anyPeer(peers, peer, ns);
        if (peerOk && portOk(rule.get("ports"), destination, port)) {
          return true;
        }
      }
    }
    return !selected;
  }

  private boolean anyPeer(JsonNode peers, Pod pod, String policyNamespace) {
    for (JsonNode p : peers) {
      if (p.has("ipBlock")) {
        continue; // pod addresses lie in the cluster ranges, which the fleet's ipBlocks exclude
      }
      boolean nsOk = p.has("namespaceSelector")
          ? LabelSelector.matches(p.get("namespaceSelector"), namespaceLabels(pod.namespace()))
          : pod.namespace().equals(policyNamespace);
      boolean podOk = !p.has("podSelector") || LabelSelector.matches(p.get("podSelector"), pod.labels());
      if (nsOk && podOk) {
        return true;
      }
    }
    return false;
  }

  private static boolean portOk(JsonNode ports, Pod destination, int port) {
    if (ports == null || ports.isEmpty()) {
      return true;
    }
    for (JsonNode p : ports) {
      if (!p.path("protocol").asText("TCP").equals("TCP")) {
        continue;
      }
      JsonNode value = p.get("port");
      if (value == null) {
        return true;
      }
      int from = value.isInt() ? value.asInt() : destination.namedPorts().getOrDefault(value.asText(), -1);
      int to = p.has("endPort") ? p.get("endPort").asInt() : from;
      if (port >= from && port <= to) {
        return true;
      }
    }
    return false;
  }

  private Map<String, String> namespaceLabels(String namespace) {
    Map<String, String> labels = new TreeMap<>(namespaceLabels.getOrDefault(namespace, Map.of()));
    labels.put("kubernetes.io/metadata.name", namespace);
    return labels;
  }

  private static List<String> types(JsonNode policy) {
    List<String> types = new ArrayList<>();
    policy.at("/spec/policyTypes").forEach(t -> types.add(t.asText()));
    if (types.isEmpty()) {
      types.add("Ingress");
      if (policy.at("/spec/egress").isArray()) {
        types.add("Egress");
      }
    }
    return types;
  }

  private static Pod workloadPod(JsonNode doc) {
    JsonNode template = doc.at("/spec/template");
    Map<String, Integer> ports = new TreeMap<>();
    for (JsonNode c : template.at("/spec/containers")) {
      for (JsonNode p : c.path("ports")) {
        String name = p.path("name").asText("port-" + p.path("containerPort").asInt());
        ports.put(name, p.path("containerPort").asInt());
      }
    }
    return new Pod(doc.at("/metadata/name").asText(), doc.at("/metadata/namespace").asText(),
        strings(template.at("/metadata/labels")), ports);
  }

  /** CloudNativePG instances: the Cluster's inherited labels plus the operator's own, on its fixed ports. */
  private static Pod cnpgPod(JsonNode doc) {
    Map<String, String> labels = strings(doc.at("/spec/inheritedMetadata/labels"));
    labels.put("cnpg.io/cluster", doc.at("/metadata/name").asText());
    return new Pod(doc.at("/metadata/name").asText(), doc.at("/metadata/namespace").asText(), labels,
        new TreeMap<>(Map.of("postgresql", 5432, "status", 8000, "metrics", 9187)));
  }

  static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
