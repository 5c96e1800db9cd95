package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.core.JsonPointer;
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
  // Compiled once: JsonNode.at(String) parses its pointer at every call, for every policy and pod of a large tree.
  private static final JsonPointer AT_METADATA_LABELS = JsonPointer.compile("/metadata/labels");
  private static final JsonPointer AT_METADATA_NAME = JsonPointer.compile("/metadata/name");
  private static final JsonPointer AT_METADATA_NAMESPACE = JsonPointer.compile("/metadata/namespace");
  private static final JsonPointer AT_NAMESPACE_SELECTOR = JsonPointer.compile("/namespaceSelector");
  private static final JsonPointer AT_NAMESPACE_SELECTOR_MATCH_LABELS =
      JsonPointer.compile("/namespaceSelector/matchLabels");
  private static final JsonPointer AT_SPEC_CONTAINERS = JsonPointer.compile("/spec/containers");
  private static final JsonPointer AT_SPEC_EGRESS = JsonPointer.compile("/spec/egress");
  private static final JsonPointer AT_SPEC_INHERITED_METADATA_LABELS =
      JsonPointer.compile("/spec/inheritedMetadata/labels");
  private static final JsonPointer AT_SPEC_POD_SELECTOR = JsonPointer.compile("/spec/podSelector");
  private static final JsonPointer AT_SPEC_POD_SELECTOR_MATCH_LABELS =
      JsonPointer.compile("/spec/podSelector/matchLabels");
  private static final JsonPointer AT_SPEC_POLICY_TYPES = JsonPointer.compile("/spec/policyTypes");
  private static final JsonPointer AT_SPEC_TEMPLATE = JsonPointer.compile("/spec/template");
  /** A group of identical pods (one workload's template), with the ports its containers expose. */
  public record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {
    /** Container port numbers, ascending. */
    public List<Integer> ports() {
      return namedPorts.values().stream().distinct().sorted().toList();
    }
  }

  /**
   * Pods the policies cannot tell apart: same namespace, same ports, selected by policies of the same rules (a
   * policy's own pod selector aside) and matched by the same peers. A connection between two groups is allowed or
   * not for every pair of their members alike, so the matrix is computed and printed per group: its size follows
   * the kinds of pods, not their number.
   */
  public record Group(List<Pod> members) {
    public Pod first() {
      return members.get(0);
    }

    /**
     * A group is the one made for its namespace ({@link #groups}), so it is itself alone: a look-up by group (the
     * diagram's ids, the matrix's cells) need not hash every member, thousands of sub-agents in a large fleet.
     */
    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  private final List<Pod> pods;
  private final List<JsonNode> policies;
  private final Map<String, Map<String, String>> namespaceLabels;
  /** The policies selecting each pod (any direction), found through a label index rather than a scan. */
  private final Map<Pod, List<Policy>> selecting = new java.util.IdentityHashMap<>();
  /** Each namespace's labels with the one the API server sets, as selectors see them. */
  private final Map<String, Map<String, String>> selectableNamespaceLabels =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A NetworkPolicy with what every verdict reads of it read once: its namespace and the directions it governs. The
   * verdicts of a README's matrix read them for every policy selecting either end of every pair.
   */
  private record Policy(JsonNode node, String namespace, boolean ingress, boolean egress) {
    static Policy of(JsonNode policy) {
      List<String> types = types(policy);
      return new Policy(policy, policy.at(AT_METADATA_NAMESPACE).asText(), types.contains("Ingress"),
          types.contains("Egress"));
    }

    boolean governs(boolean ingressSide) {
      return ingressSide ? ingress : egress;
    }

    JsonNode rules(boolean ingressSide) {
      return node.path("spec").path(ingressSide ? "ingress" : "egress");
    }
  }
  private long evaluations;
  private final Map<String, List<Group>> groups = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<Connection>> connections = new java.util.concurrent.ConcurrentHashMap<>();
  /** The matrix's folding of alike agents per namespace, read by both of its tables ({@link ConnectionMatrix}). */
  final Map<String, ConnectionMatrix.Fold> folds = new java.util.concurrent.ConcurrentHashMap<>();
  /** Pods by namespace, in tree order, and by each of their labels: where a peer's pods are looked for. */
  private final Map<String, List<Pod>> podsByNamespace = new java.util.LinkedHashMap<>();
  private final Map<LabelKey, List<Pod>> podsByLabel = new java.util.HashMap<>();
  /** The pods each peer of a rule admits, by the peer and its policy's namespace. */
  private final Map<Peer, List<Pod>> admitted = new java.util.concurrent.ConcurrentHashMap<>();

  private NetworkModel(List<Pod> pods, List<JsonNode> policies, Map<String, Map<String, String>> namespaceLabels) {
    this.pods = List.copyOf(pods);
    this.policies = List.copyOf(policies);
    this.namespaceLabels = namespaceLabels;
    for (Pod p : this.pods) {
      podsByNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p);
      p.labels().forEach((k, v) -> podsByLabel.computeIfAbsent(new LabelKey(p.namespace(), k, v),
          key -> new ArrayList<>()).add(p));
    }
    indexPolicies();
  }

  /**
   * Files each policy under the rarest label pair of its pod selector (counted over the pods of its namespace), or
   * under its namespace when it names no label; a pod then meets only the policies filed under its own labels.
   */
  private void indexPolicies() {
    Map<LabelKey, Integer> frequency = new java.util.HashMap<>();
    for (Pod p : pods) {
      p.labels().forEach((k, v) -> frequency.merge(new LabelKey(p.namespace(), k, v), 1, Integer::sum));
    }
    Map<LabelKey, List<JsonNode>> byLabel = new java.util.HashMap<>();
    Map<String, List<JsonNode>> byNamespace = new java.util.HashMap<>();
    for (JsonNode policy : policies) {
      String ns = policy.at(AT_METADATA_NAMESPACE).asText();
      LabelKey best = null;
      int bestCount = Integer.MAX_VALUE;
      for (Map.Entry<String, String> e : Json.stringMap(policy.at(AT_SPEC_POD_SELECTOR_MATCH_LABELS)).entrySet()) {
        LabelKey key = new LabelKey(ns, e.getKey(), e.getValue());
        int count = frequency.getOrDefault(key, 0);
        if (count < bestCount) {
          best = key;
          bestCount = count;
        }
      }
      if (best == null) {
        byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(policy);
      } else {
        byLabel.computeIfAbsent(best, k -> new ArrayList<>()).add(policy);
      }
    }
    Map<JsonNode, Policy> facts = new java.util.IdentityHashMap<>();
    for (Pod p : pods) {
      List<JsonNode> candidates = new ArrayList<>(byNamespace.getOrDefault(p.namespace(), List.of()));
      p.labels().forEach((k, v) -> candidates.addAll(byLabel.getOrDefault(new LabelKey(p.namespace(), k, v), List.of())));
      // Tree order, as a CNI would list them; the verdict does not depend on it, the printed rules do.
      List<Policy> mine = new ArrayList<>();
      java.util.Set<JsonNode> chosen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      for (JsonNode policy : candidates) {
        if (LabelSelector.matches(policy.at(AT_SPEC_POD_SELECTOR), p.labels())) {
          chosen.add(policy);
        }
      }
      if (!chosen.isEmpty()) {
        Map<JsonNode, Integer> order = policyOrder();
        chosen.stream().sorted(java.util.Comparator.comparingInt(order::get))
            .forEach(policy -> mine.add(facts.computeIfAbsent(policy, Policy::of)));
      }
      selecting.put(p, mine);
    }
  }

  private Map<JsonNode, Integer> policyOrder;

  private Map<JsonNode, Integer> policyOrder() {
    if (policyOrder == null) {
      policyOrder = new java.util.IdentityHashMap<>();
      for (int i = 0; i < policies.size(); i++) {
        policyOrder.put(policies.get(i), i);
      }
    }
    return policyOrder;
  }

  /** A label of a pod in a namespace, as a key hashed from its texts' cached hashes (no string joined per label). */
  private record LabelKey(String namespace, String key, String value) {}

  /**
   * How many policies the verdicts have looked at so far: per connection, only those selecting its two ends. Tests use
   * it to show that the matrix costs the same per pod however large the fleet.
   */
  public long evaluations() {
    return evaluations;
  }

  /** Reads pods, policies and namespaces from the documents of a tree (path → documents). */
  public static NetworkModel of(SortedMap<String, List<JsonNode>> tree) {
    return of(tree, List.of());
  }

  /**
   * Reads pods, policies and namespaces from the documents of a tree, with pods that run beside it but are not
   * workloads of the tree (those an operator starts from a custom resource, or a prerequisite), evaluated alike.
   */
  public static NetworkModel of(SortedMap<String, List<JsonNode>> tree, List<Pod> others) {
    List<Pod> pods = new ArrayList<>();
    List<JsonNode> policies = new ArrayList<>();
    Map<String, Map<String, String>> namespaces = new TreeMap<>();
    tree.values().forEach(docs -> docs.forEach(doc -> {
      String kind = doc.path("kind").asText();
      switch (kind) {
        case "NetworkPolicy" -> policies.add(doc);
        case "Namespace" -> namespaces.put(doc.at(AT_METADATA_NAME).asText(), strings(doc.at(AT_METADATA_LABELS)));
        case "Deployment", "StatefulSet", "DaemonSet" -> pods.add(workloadPod(doc));
        case "Cluster" -> {
          if (doc.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")) {
            pods.add(cnpgPod(doc));
          }
        }
        default -> { }
      }
    }));
    pods.addAll(others);
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
    List<Integer> allowed = new ArrayList<>();
    for (Integer port : to.ports()) {
      if (allows(from, to, port)) {
        allowed.add(port);
      }
    }
    return List.copyOf(allowed);
  }

  /**
   * Whether {@code subject}'s policies of one direction admit the connection with {@code peer}: egress from the
   * source (ingress = false) or ingress into the destination (ingress = true). {@code port} is the destination's.
   */
  private boolean direction(Pod subject, Pod peer, int port, boolean ingress) {
    Pod destination = ingress ? subject : peer;
    boolean selected = false;
    for (Policy policy : selecting.getOrDefault(subject, List.of())) {
      evaluations++;
      String ns = policy.namespace();
      if (!ns.equals(subject.namespace()) || !policy.governs(ingress)) {
        continue;
      }
      selected = true;
      for (JsonNode rule : policy.rules(ingress)) {
        JsonNode peers = rule.get(ingress ? "from" : "to");
        boolean peerOk = peers == null || peers.isEmpty() || anyPeer(peers, peer, ns);
        if (peerOk && portOk(rule.get("ports"), destination, port)) {
          return true;
        }
      }
    }
    return !selected;
  }

  /**
   * A policy but for its own pod selector: its namespace and the other fields of its spec. Policies alike have equal
   * shapes (JSON trees compare by value), found by hash, never printed; the fields are the policy's own nodes, not
   * copies.
   */
  private record Shape(String namespace, Map<String, JsonNode> spec) {
    static Shape of(JsonNode policy) {
      Map<String, JsonNode> spec = new java.util.LinkedHashMap<>();
      policy.path("spec").fields().forEachRemaining(e -> {
        if (!e.getKey().equals("podSelector")) {
          spec.put(e.getKey(), e.getValue());
        }
      });
      return new Shape(policy.at(AT_METADATA_NAMESPACE).asText(), spec);
    }
  }

  /** A peer of a policy's rule, in the policy's namespace. */
  private record Peer(String namespace, JsonNode peer) {}

  /**
   * The pods of a namespace in groups the policies cannot tell apart, each group in the order of its first pod. Two
   * pods fall in one group when they share namespace and ports, the rules of the policies selecting them (each
   * policy's own pod selector aside) and the set of peers of any policy that match them.
   */
  public List<Group> groups(String namespace) {
    // Asked for by the diagram and twice by the matrix of one README: computed once per namespace.
    return groups.computeIfAbsent(namespace, this::groupsOf);
  }

  private List<Group> groupsOf(String namespace) {
    Map<Peer, Integer> peerIds = new java.util.HashMap<>();
    List<String> peerKeys = new ArrayList<>();
    List<JsonNode[]> peerNodes = new ArrayList<>();
    for (JsonNode policy : policies) {
      String ns = policy.at(AT_METADATA_NAMESPACE).asText();
      for (String direction : List.of("ingress", "egress")) {
        for (JsonNode rule : policy.path("spec").path(direction)) {
          for (JsonNode peer : rule.path(direction.equals("ingress") ? "from" : "to")) {
            if (peer.has("ipBlock")) {
              continue;
            }
            if (peerIds.putIfAbsent(new Peer(ns, peer), peerIds.size()) == null) {
              peerKeys.add(ns);
              peerNodes.add(new JsonNode[] {peer});
            }
          }
        }
      }
    }
    // The peers admitting each pod of the namespace, ascending: each peer's pods found through the label index, not
    // each pod tried against every peer (a fleet of many agents has peers and pods by the hundred).
    Map<Pod, StringBuilder> admittedBy = new java.util.IdentityHashMap<>();
    for (int i = 0; i < peerNodes.size(); i++) {
      for (Pod p : admitted(peerNodes.get(i)[0], peerKeys.get(i))) {
        if (p.namespace().equals(namespace)) {
          admittedBy.computeIfAbsent(p, k -> new StringBuilder()).append(i).append(',');
        }
      }
    }
    Map<String, List<Pod>> bySignature = new java.util.LinkedHashMap<>();
    // What each policy contributes to the signature of a pod it selects: the number of its shape, found once per policy.
    Map<Shape, Integer> shapeIds = new java.util.HashMap<>();
    Map<JsonNode, Integer> shapes = new java.util.IdentityHashMap<>();
    for (Pod p : pods) {
      if (!p.namespace().equals(namespace)) {
        continue;
      }
      StringBuilder sig = new StringBuilder(p.namespace()).append('|').append(p.namedPorts()).append('|');
      for (Policy selects : selecting.getOrDefault(p, List.of())) {
        sig.append(shapes.computeIfAbsent(selects.node(), q -> {
          Shape shape = Shape.of(q);
          Integer known = shapeIds.get(shape);
          if (known == null) {
            known = shapeIds.size();
            shapeIds.put(shape, known);
          }
          return known;
        })).append(';');
      }
      sig.append('|');
      StringBuilder peersOf = admittedBy.get(p);
      if (peersOf != null) {
        sig.append(peersOf);
      }
      bySignature.computeIfAbsent(sig.toString(), k -> new ArrayList<>()).add(p);
    }
    return bySignature.values().stream().map(Group::new).toList();
  }

  /** A connection the policies allow from one group of a namespace to another (to itself: between two members). */
  public record Connection(Group from, Group to, List<Integer> ports) {}

  /**
   * Every connection the policies allow between the groups of a namespace ({@link #groups}), by source then
   * destination in the groups' order: the cells of the connection matrix that are not empty. Only pairs that some
   * rule could admit are evaluated (the groups a source's egress peers name, or, for a source whose egress is open,
   * those whose ingress peers name it or is open), so a fleet of many agents, each talking to its own parts, costs
   * in proportion to its connections, not to the square of its groups.
   */
  public List<Connection> connections(String namespace) {
    return connections.computeIfAbsent(namespace, this::connectionsOf);
  }

  private List<Connection> connectionsOf(String namespace) {
    List<Group> all = groups(namespace);
    Map<Pod, Integer> groupOf = new java.util.IdentityHashMap<>();
    List<Pod> firsts = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      firsts.add(all.get(i).first());
      for (Pod p : all.get(i).members()) {
        groupOf.put(p, i);
      }
    }
    List<java.util.BitSet> candidates = candidates(firsts, groupOf);
    List<Connection> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from++) {
      java.util.BitSet to = candidates.get(from);
      for (int t = to.nextSetBit(0); t >= 0; t = to.nextSetBit(t + 1)) {
        List<Integer> ports = allowedPorts(all.get(from), all.get(t));
        if (!ports.isEmpty()) {
          out.add(new Connection(all.get(from), all.get(t), ports));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The pods, in any namespace, that {@code from} may be able to connect to: every pod {@link #allowedPorts(Pod, Pod)}
   * lets it reach is among them (and perhaps others, at no port), in the model's pod order. Found from the peers the
   * rules name, as {@link #connections} is, for comparing two trees' verdicts without trying every pod pair.
   */
  public synchronized List<Pod> mayReach(Pod from) {
    if (mayReach == null) {
      Map<Pod, Integer> index = new java.util.IdentityHashMap<>();
      for (int i = 0; i < pods.size(); i++) {
        index.put(pods.get(i), i);
      }
      List<java.util.BitSet> candidates = candidates(pods, index);
      Map<Pod, List<Pod>> reach = new java.util.IdentityHashMap<>();
      for (int i = 0; i < pods.size(); i++) {
        List<Pod> to = new ArrayList<>();
        java.util.BitSet bits = candidates.get(i);
        for (int t = bits.nextSetBit(0); t >= 0; t = bits.nextSetBit(t + 1)) {
          to.add(pods.get(t));
        }
        reach.put(pods.get(i), List.copyOf(to));
      }
      mayReach = reach;
    }
    return mayReach.getOrDefault(from, List.of());
  }

  private Map<Pod, List<Pod>> mayReach;

  /**
   * For items each stood for by one pod ({@code representatives}; {@code indexOf} gives every pod's item), the items
   * each may reach: those its egress rules name (every item when its egress is open) whose ingress rules name it
   * or are open.
   */
  private List<java.util.BitSet> candidates(List<Pod> representatives, Map<Pod, Integer> indexOf) {
    int n = representatives.size();
    java.util.BitSet[] egress = new java.util.BitSet[n];
    java.util.BitSet[] ingress = new java.util.BitSet[n];
    java.util.BitSet openIngress = new java.util.BitSet(n);
    java.util.BitSet[] namedByIngress = new java.util.BitSet[n];
    for (int i = 0; i < n; i++) {
      egress[i] = reach(representatives.get(i), false, indexOf);
      ingress[i] = reach(representatives.get(i), true, indexOf);
      namedByIngress[i] = new java.util.BitSet(); // grows to the items that name it: no n bits for each of n
    }
    for (int to = 0; to < n; to++) {
      if (ingress[to] == null) {
        openIngress.set(to);
      } else {
        for (int from = ingress[to].nextSetBit(0); from >= 0; from = ingress[to].nextSetBit(from + 1)) {
          namedByIngress[from].set(to);
        }
      }
    }
    List<java.util.BitSet> out = new ArrayList<>(n);
    for (int from = 0; from < n; from++) {
      java.util.BitSet to;
      if (egress[from] == null) {
        to = namedByIngress[from];
        to.or(openIngress);
      } else {
        to = egress[from];
        java.util.BitSet admitted = (java.util.BitSet) namedByIngress[from].clone();
        admitted.or(openIngress);
        to.and(admitted);
      }
      out.add(to);
    }
    return out;
  }

  /**
   * The items (by {@code indexOf}, of groups or pods) that the pod's policies of one direction name as peers: those
   * it may reach (egress) or be reached from (ingress), at some port; null when that direction is open to every pod
   * (no policy governs it, or a rule names no peer).
   */
  private java.util.BitSet reach(Pod pod, boolean ingressSide, Map<Pod, Integer> indexOf) {
    java.util.BitSet out = new java.util.BitSet();
    boolean selected = false;
    for (Policy policy : selecting.getOrDefault(pod, List.of())) {
      if (!policy.namespace().equals(pod.namespace()) || !policy.governs(ingressSide)) {
        continue;
      }
      selected = true;
      for (JsonNode rule : policy.rules(ingressSide)) {
        JsonNode peers = rule.get(ingressSide ? "from" : "to");
        if (peers == null || peers.isEmpty()) {
          return null;
        }
        for (JsonNode peer : peers) {
          for (Pod p : admitted(peer, policy.namespace())) {
            Integer item = indexOf.get(p);
            if (item != null) {
              out.set(item);
            }
          }
        }
      }
    }
    return selected ? out : null;
  }

  /**
   * The pods one peer of a rule of a policy in {@code policyNamespace} admits, in tree order: looked for among the
   * pods of the namespaces it selects that carry the rarest of its pod selector's labels, each then checked in full.
   */
  private List<Pod> admitted(JsonNode peer, String policyNamespace) {
    Peer key = new Peer(policyNamespace, peer);
    List<Pod> known = admitted.get(key);
    if (known != null) {
      return known;
    }
    List<Pod> found = new ArrayList<>();
    if (!peer.has("ipBlock")) {
      Map<String, String> labels = peer.has("podSelector")
          ? Json.stringMap(peer.get("podSelector").path("matchLabels")) : Map.of();
      for (Map.Entry<String, List<Pod>> ns : podsByNamespace.entrySet()) {
        boolean selected = peer.has("namespaceSelector")
            ? LabelSelector.matches(peer.get("namespaceSelector"), namespaceLabels(ns.getKey()))
            : ns.getKey().equals(policyNamespace);
        if (!selected) {
          continue;
        }
        List<Pod> candidates = ns.getValue();
        for (Map.Entry<String, String> label : labels.entrySet()) {
          List<Pod> carrying = podsByLabel.getOrDefault(new LabelKey(ns.getKey(), label.getKey(), label.getValue()),
              List.of());
          if (carrying.size() < candidates.size()) {
            candidates = carrying;
          }
        }
        for (Pod p : candidates) {
          evaluations++;
          if (admits(peer, p, policyNamespace)) {
            found.add(p);
          }
        }
      }
    }
    List<Pod> made = List.copyOf(found);
    List<Pod> raced = admitted.putIfAbsent(key, made);
    return raced != null ? raced : made;
  }

  /** The ports a member of {@code to} accepts from a member of {@code from} (from another member, when the same). */
  public List<Integer> allowedPorts(Group from, Group to) {
    if (from == to) {
      return from.members().size() < 2 ? List.of() : allowedPorts(from.members().get(0), from.members().get(1));
    }
    return allowedPorts(from.first(), to.first());
  }

  /**
   * What the policies selecting a group let through to or from outside the namespace's pods, one line per rule:
   * direction, peer and ports, each as written in the policy.
   */
  public List<String> beyondNamespace(Group group) {
    Pod pod = group.first();
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (Policy policy : selecting.getOrDefault(pod, List.of())) {
      for (String direction : List.of("ingress", "egress")) {
        if (!policy.governs(direction.equals("ingress"))) {
          continue;
        }
        for (JsonNode rule : policy.rules(direction.equals("ingress"))) {
          JsonNode peers = rule.get(direction.equals("ingress") ? "from" : "to");
          String ports = describePorts(rule.get("ports"));
          String arrow = direction.equals("ingress") ? "from " : "to ";
          if (peers == null || peers.isEmpty()) {
            out.add(arrow + "anywhere | " + ports);
            continue;
          }
          for (JsonNode peer : peers) {
            if (peer.has("ipBlock")) {
              JsonNode block = peer.get("ipBlock");
              List<String> except = Json.strings(block.path("except"));
              out.add(arrow + "addresses `" + block.path("cidr").asText() + "`"
                  + (except.isEmpty() ? "" : " except `" + String.join("`, `", except) + "`") + " | " + ports);
            } else if (peer.has("namespaceSelector")) {
              String ns = Json.text(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
              if (pod.namespace().equals(ns) && peer.get("namespaceSelector").size() == 1
                  && peer.at(AT_NAMESPACE_SELECTOR_MATCH_LABELS).size() == 1) {
                continue; // the namespace's own pods: the matrix shows them
              }
              String where = ns != null && peer.at(AT_NAMESPACE_SELECTOR_MATCH_LABELS).size() == 1
                  && !peer.at(AT_NAMESPACE_SELECTOR).has("matchExpressions")
                  ? "namespace `" + ns + "`" : "namespaces " + describeSelector(peer.get("namespaceSelector"));
              String who = peer.has("podSelector") && peer.get("podSelector").size() > 0
                  ? "pods " + describeSelector(peer.get("podSelector")) + " in " : "every pod in ";
              out.add(arrow + who + where + " | " + ports);
            }
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static String describePorts(JsonNode ports) {
    if (ports == null || ports.isEmpty()) {
      return "any port";
    }
    List<String> out = new ArrayList<>();
    for (JsonNode p : ports) {
      String port = p.has("port") ? p.get("port").asText() : "any";
      if (p.has("endPort")) {
        port += "-" + p.get("endPort").asText();
      }
      out.add(port + "/" + p.path("protocol").asText("TCP"));
    }
    return String.join(", ", out);
  }

  private static String describeSelector(JsonNode selector) {
    List<String> parts = new ArrayList<>();
    Json.stringMap(selector.path("matchLabels")).forEach((k, v) -> parts.add(k + "=" + v));
    for (JsonNode e : selector.path("matchExpressions")) {
      List<String> values = Json.strings(e.path("values"));
      parts.add(e.path("key").asText() + " " + e.path("operator").asText()
          + (values.isEmpty() ? "" : " (" + String.join(", ", values) + ")"));
    }
    return parts.isEmpty() ? "(all)" : "`" + String.join(", ", parts) + "`";
  }

  private boolean anyPeer(JsonNode peers, Pod pod, String policyNamespace) {
    for (JsonNode p : peers) {
      if (admits(p, pod, policyNamespace)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one peer of a rule of a policy in {@code policyNamespace} admits the pod. */
  private boolean admits(JsonNode p, Pod pod, String policyNamespace) {
    if (p.has("ipBlock")) {
      return false; // pod addresses lie in the cluster ranges, which the fleet's ipBlocks exclude
    }
    boolean nsOk = p.has("namespaceSelector")
        ? LabelSelector.matches(p.get("namespaceSelector"), namespaceLabels(pod.namespace()))
        : pod.namespace().equals(policyNamespace);
    return nsOk && (!p.has("podSelector") || LabelSelector.matches(p.get("podSelector"), pod.labels()));
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
    return selectableNamespaceLabels.computeIfAbsent(namespace, ns -> {
      Map<String, String> labels = new TreeMap<>(namespaceLabels.getOrDefault(ns, Map.of()));
      labels.put("kubernetes.io/metadata.name", ns);
      return java.util.Collections.unmodifiableMap(labels);
    });
  }

  private static List<String> types(JsonNode policy) {
    List<String> types = new ArrayList<>();
    policy.at(AT_SPEC_POLICY_TYPES).forEach(t -> types.add(t.asText()));
    if (types.isEmpty()) {
      types.add("Ingress");
      if (policy.at(AT_SPEC_EGRESS).isArray()) {
        types.add("Egress");
      }
    }
    return types;
  }

  private static Pod workloadPod(JsonNode doc) {
    JsonNode template = doc.at(AT_SPEC_TEMPLATE);
    Map<String, Integer> ports = new TreeMap<>();
    for (JsonNode c : template.at(AT_SPEC_CONTAINERS)) {
      for (JsonNode p : c.path("ports")) {
        String name = p.path("name").asText("port-" + p.path("containerPort").asInt());
        ports.put(name, p.path("containerPort").asInt());
      }
    }
    return new Pod(doc.at(AT_METADATA_NAME).asText(), doc.at(AT_METADATA_NAMESPACE).asText(),
        strings(template.at(AT_METADATA_LABELS)), ports);
  }

  /** CloudNativePG instances: the Cluster's inherited labels plus the operator's own, on its fixed ports. */
  private static Pod cnpgPod(JsonNode doc) {
    Map<String, String> labels = strings(doc.at(AT_SPEC_INHERITED_METADATA_LABELS));
    labels.put("cnpg.io/cluster", doc.at(AT_METADATA_NAME).asText());
    return new Pod(doc.at(AT_METADATA_NAME).asText(), doc.at(AT_METADATA_NAMESPACE).asText(), labels,
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
