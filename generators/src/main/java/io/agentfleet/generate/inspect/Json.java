package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Small helpers to read manifests as JSON trees and to print the path of a field inside an object. */
public final class Json {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

  private Json() {}

  /** The text at a path of keys, or null when absent or null. */
  public static String text(JsonNode node, String... keys) {
    JsonNode n = at(node, keys);
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** The node at a path of keys; a missing node when any step is absent. */
  static JsonNode at(JsonNode node, String... keys) {
    JsonNode n = node;
    for (String k : keys) {
      n = n.path(k);
    }
    return n;
  }

  /** True when the node at the path is the boolean {@code true}. */
  public static boolean isTrue(JsonNode node, String... keys) {
    JsonNode n = at(node, keys);
    return n.isBoolean() && n.booleanValue();
  }

  /** The elements of an array node (empty for anything else). */
  public static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(out::add);
    }
    return out;
  }

  /** The strings of an array node. */
  public static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    list(node).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** A string map (labels, selectors), sorted by key. */
  public static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    if (node.isObject()) {
      node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** {@code parent.key}, or {@code parent["app.kubernetes.io/name"]} for keys that are not plain names. */
  public static String field(String parent, String key) {
    if (!PLAIN_KEY.matcher(key).matches()) {
      return parent + "[\"" + key + "\"]";
    }
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** {@code parent[i]}. */
  public static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** Joins fields: {@code field(field(a, b), c)}. */
  public static String field(String parent, String... keys) {
    String p = parent;
    for (String k : keys) {
      p = field(p, k);
    }
    return p;
  }
}
