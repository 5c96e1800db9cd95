package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.spi.RenderedTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every document of a tree in file and document order, with the look-ups the policy rules need. */
public final class TreeIndex {
  /** The Pod Security label a namespace enforces with. */
  static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
  private final List<Manifest> all;

  TreeIndex(List<Manifest> all) {
    this.all = List.copyOf(all);
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

  public List<Manifest> all() {
    return all;
  }

  /** Objects of a kind in an API group, in tree order. */
  public List<Manifest> ofKind(String group, String kind) {
    return all.stream().filter(m -> m.is(group, kind)).toList();
  }

  /** The object of this kind and name in the namespace (any group). */
  Optional<Manifest> find(String kind, String namespace, String name) {
    return all.stream()
        .filter(m -> m.kind().equals(kind) && m.namespace().equals(namespace) && m.name().equals(name))
        .findFirst();
  }

  /** Objects with a pod template in the namespace. */
  public List<Manifest> workloads(String namespace) {
    return all.stream().filter(m -> m.namespace().equals(namespace) && PodTemplate.of(m).isPresent()).toList();
  }

  /** The Pod Security level enforced in a namespace: its label, or restricted when absent or not in the tree. */
  public String podSecurityLevel(String namespace) {
    return all.stream().filter(m -> m.is("", "Namespace") && m.name().equals(namespace)).findFirst()
        .map(ns -> Json.text(ns.node(), "metadata", "labels", ENFORCE_LABEL))
        .filter(level -> level.equals("privileged") || level.equals("baseline"))
        .orElse("restricted");
  }

  /** The object an HPA ({@code scaleTargetRef}) or VPA ({@code targetRef}) points at. */
  public Optional<Manifest> target(Manifest scaler, JsonNode ref) {
    String kind = Json.text(ref, "kind");
    String name = Json.text(ref, "name");
    return kind == null || name == null ? Optional.empty() : find(kind, scaler.namespace(), name);
  }

  /** The HorizontalPodAutoscalers whose scaleTargetRef is this workload. */
  public List<Manifest> hpasFor(Manifest workload) {
    return ofKind("autoscaling", "HorizontalPodAutoscaler").stream()
        .filter(h -> h.namespace().equals(workload.namespace())
            && workload.kind().equals(Json.text(h.node(), "spec", "scaleTargetRef", "kind"))
            && workload.name().equals(Json.text(h.node(), "spec", "scaleTargetRef", "name")))
        .toList();
  }
}
