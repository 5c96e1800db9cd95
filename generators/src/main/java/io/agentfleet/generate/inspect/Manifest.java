package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;

/** One document of the tree with where it lives: file, position in the file, and the parsed object. */
public record Manifest(String file, int index, JsonNode node) {

  public String kind() {
    return orEmpty(Json.text(node, "kind"));
  }

  public String apiVersion() {
    return orEmpty(Json.text(node, "apiVersion"));
  }

  /** The API group, empty for core. */
  public String group() {
    String v = apiVersion();
    int slash = v.indexOf('/');
    return slash < 0 ? "" : v.substring(0, slash);
  }

  public String name() {
    return orEmpty(Json.text(node, "metadata", "name"));
  }

  /** The namespace as written, empty when not set. */
  public String namespace() {
    return orEmpty(Json.text(node, "metadata", "namespace"));
  }

  /** True for this kind in this API group. */
  public boolean is(String group, String kind) {
    return kind().equals(kind) && group().equals(group);
  }

  /** How problems name it: {@code sub-agents/x.yaml Deployment/x}. */
  public String path() {
    return file + " " + kind() + "/" + name();
  }

  /** {@code Deployment/x}. */
  public String ref() {
    return kind() + "/" + name();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
