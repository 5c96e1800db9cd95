package io.agentfleet.generate.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * What identifies an object across two trees: API group (not version, so a version bump is a change, not a
 * replacement), kind, namespace and name.
 */
public record ObjectKey(String group, String kind, String namespace, String name) implements Comparable<ObjectKey> {
  private static final Comparator<ObjectKey> ORDER = Comparator.comparing(ObjectKey::kind)
      .thenComparing(ObjectKey::group).thenComparing(ObjectKey::namespace).thenComparing(ObjectKey::name);

  /** The key of a parsed document. */
  public static ObjectKey of(JsonNode doc) {
    String apiVersion = doc.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    return new ObjectKey(slash < 0 ? "" : apiVersion.substring(0, slash), doc.path("kind").asText(""),
        doc.at("/metadata/namespace").asText(""), doc.at("/metadata/name").asText(""));
  }

  /** True for this kind in this API group. */
  public boolean is(String group, String kind) {
    return this.group.equals(group) && this.kind.equals(kind);
  }

  /** How reviewers read it: {@code HorizontalPodAutoscaler booking-agents/claude-sub-agent-s2}. */
  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }

  @Override
  public int compareTo(ObjectKey o) {
    return ORDER.compare(this, o);
  }
}
