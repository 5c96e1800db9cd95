package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.spi.RenderedTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every document of a tree in file and document order, indexed once by kind, namespace and name, pod-template
 * labels and scale target, so that every look-up the policy rules make costs the size of its answer, not the size of
 * the tree: checking a tree stays linear in its objects however many sub-agents a fleet has.
 */
public final class TreeIndex {
  /** The Pod Security label a namespace enforces with. */
  static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
  /** A label the StatefulSet controller adds to each pod; never in a template, so never a key of the label index. */
  private static final String POD_NAME = "statefulset.kubernetes.io/pod-name";
  private final List<Manifest> all;
  private final Map<Key, List<Manifest>> byKind = new HashMap<>();
  private final Map<Key, Manifest> byName;
  private final Map<Named, Manifest> byGroupName;
  private final Map<String, List<Manifest>> workloads = new HashMap<>();
  private final Map<Key, List<Manifest>> byPodLabel;
  private final Map<Key, List<Manifest>> hpasByTarget = new HashMap<>();
  private final Map<String, String> podSecurity = new HashMap<>();
  private long visited;

  /**
   * Three texts as one key: hashed from the texts' own cached hashes, where a key made by joining them was a new
   * string per object and per look-up (72 000 objects at 10 000 sub-agents, and a look-up per rule and object).
   */
  private record Key(String a, String b, String c) {}

  /** An object's group, kind, namespace and name as one key. */
  private record Named(String group, String kind, String namespace, String name) {}

  TreeIndex(List<Manifest> all) {
    this.all = List.copyOf(all);
    int room = this.all.size() * 4 / 3 + 16;
    byName = new HashMap<>(room);
    byGroupName = new HashMap<>(room);
    byPodLabel = new HashMap<>(room);
    for (Manifest m : this.all) {
      byKind.computeIfAbsent(new Key(m.group(), m.kind(), ""), k -> new ArrayList<>()).add(m);
      byName.putIfAbsent(new Key(m.kind(), m.namespace(), m.name()), m);
      byGroupName.putIfAbsent(new Named(m.group(), m.kind(), m.namespace(), m.name()), m);
      PodTemplate.of(m).ifPresent(pod -> {
        workloads.computeIfAbsent(m.namespace(), k -> new ArrayList<>()).add(m);
        pod.labels().forEach((k, v) -> byPodLabel.computeIfAbsent(new Key(m.namespace(), k, v), x -> new ArrayList<>())
            .add(m));
      });
      if (m.is("autoscaling", "HorizontalPodAutoscaler")) {
        String kind = Json.text(m.node(), "spec", "scaleTargetRef", "kind");
        String name = Json.text(m.node(), "spec", "scaleTargetRef", "name");
        if (kind != null && name != null) {
          hpasByTarget.computeIfAbsent(new Key(kind, m.namespace(), name), k -> new ArrayList<>()).add(m);
        }
      }
      if (m.is("", "Namespace")) {
        String level = Json.text(m.node(), "metadata", "labels", ENFORCE_LABEL);
        podSecurity.putIfAbsent(m.name(), level == null ? "" : level);
      }
    }
  }

  public static TreeIndex of(RenderedTree tree) {
    List<Manifest> out = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> file : tree.documents().entrySet()) {
      for (int i = 0; i < file.getValue().size(); i++) {
        out.add(new Manifest(file.getKey(), i, file.getValue().get(i)));
      }
    }
    return new TreeIndex(out);
  }

  private <T> List<T> seen(List<T> answer) {
    visited += answer.size();
    return answer;
  }

  /**
   * How many objects the look-ups have handed out since the index was built: the work the rules did on top of one
   * pass over the tree. Tests use it to prove that checking stays linear as fleets grow.
   */
  public long visited() {
    return visited;
  }

  public List<Manifest> all() {
    return all;
  }

  /** Objects of a kind in an API group, in tree order. */
  public List<Manifest> ofKind(String group, String kind) {
    return seen(byKind.getOrDefault(new Key(group, kind, ""), List.of()));
  }

  /** The object of this kind and name in the namespace (any group; the first in tree order). */
  public Optional<Manifest> find(String kind, String namespace, String name) {
    Optional<Manifest> found = Optional.ofNullable(byName.get(new Key(kind, namespace, name)));
    visited += found.isPresent() ? 1 : 0;
    return found;
  }

  /** True when the tree holds an object of this group, kind and name in the namespace. */
  public boolean contains(String group, String kind, String namespace, String name) {
    boolean found = byGroupName.containsKey(new Named(group, kind, namespace, name));
    visited += found ? 1 : 0;
    return found;
  }

  /** Objects with a pod template in the namespace. */
  public List<Manifest> workloads(String namespace) {
    return seen(workloads.getOrDefault(namespace, List.of()));
  }

  /**
   * The workloads of the namespace whose pod template could match a selector with these {@code matchLabels}: those
   * carrying its rarest label, or every workload of the namespace when the selector names no template label. Callers
   * still match each candidate against the whole selector.
   */
  public List<Manifest> workloadCandidates(String namespace, Map<String, String> matchLabels) {
    List<Manifest> best = null;
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (e.getKey().equals(POD_NAME)) {
        continue;
      }
      List<Manifest> bucket = byPodLabel.getOrDefault(new Key(namespace, e.getKey(), e.getValue()), List.of());
      if (best == null || bucket.size() < best.size()) {
        best = bucket;
      }
    }
    return best == null ? workloads(namespace) : seen(best);
  }

  /** The Pod Security level enforced in a namespace: its label, or restricted when absent or not in the tree. */
  public String podSecurityLevel(String namespace) {
    String level = podSecurity.getOrDefault(namespace, "");
    return level.equals("privileged") || level.equals("baseline") ? level : "restricted";
  }

  /** The object an HPA ({@code scaleTargetRef}) or VPA ({@code targetRef}) points at. */
  public Optional<Manifest> target(Manifest scaler, JsonNode ref) {
    String kind = Json.text(ref, "kind");
    String name = Json.text(ref, "name");
    return kind == null || name == null ? Optional.empty() : find(kind, scaler.namespace(), name);
  }

  /** The HorizontalPodAutoscalers whose scaleTargetRef is this workload. */
  public List<Manifest> hpasFor(Manifest workload) {
    return seen(hpasByTarget.getOrDefault(new Key(workload.kind(), workload.namespace(), workload.name()),
        List.of()));
  }
}
