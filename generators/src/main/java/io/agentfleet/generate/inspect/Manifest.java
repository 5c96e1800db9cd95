package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document of the tree with where it lives: file, position in the file, and the parsed object. Its identity
 * (kind, API version and group, name, namespace) is read from the object once, when the record is made: the rules
 * ask for it of every object, many times over.
 */
public record Manifest(String file, int index, JsonNode node, String kind, String apiVersion, String group,
    String name, String namespace) {

  public Manifest(String file, int index, JsonNode node) {
    this(file, index, node, orEmpty(Json.text(node, "kind")), orEmpty(Json.text(node, "apiVersion")),
        TreeFacts.groupOf(orEmpty(Json.text(node, "apiVersion"))), orEmpty(Json.text(node, "metadata", "name")),
        orEmpty(Json.text(node, "metadata", "namespace")));
  }

  /** True for this kind in this API group. */
  public boolean is(String group, String kind) {
    return this.kind.equals(kind) && this.group.equals(group);
  }

  /** How problems name it: {@code sub-agents/x.yaml Deployment/x}. */
  public String path() {
    return file + " " + kind + "/" + name;
  }

  /** {@code Deployment/x}. */
  public String ref() {
    return kind + "/" + name;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
