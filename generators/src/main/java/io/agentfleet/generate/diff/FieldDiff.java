package io.agentfleet.generate.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields that differ between two versions of one object, as paths with old and new value. Lists whose items
 * all carry a distinct name (containers, env, ports, volumes, metrics, triggers) are matched by that name, so
 * inserting one item does not show every following item as changed; other lists are compared item by item.
 */
final class FieldDiff {
  private static final int MAX_VALUE = 120;
  private static final int MAX_LINES = 5;

  private FieldDiff() {}

  static List<FieldChange> of(JsonNode before, JsonNode after) {
    List<FieldChange> out = new ArrayList<>();
    walk("", before, after, out);
    return out;
  }

  private static void walk(String path, JsonNode a, JsonNode b, List<FieldChange> out) {
    if (a != null && a.equals(b)) {
      return;
    }
    if (a != null && b != null && a.isObject() && b.isObject()) {
      Set<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        walk(child(path, k), a.get(k), b.get(k), out);
      }
      return;
    }
    if (a != null && b != null && a.isArray() && b.isArray()) {
      Map<String, JsonNode> named = byIdentity(a);
      Map<String, JsonNode> namedAfter = byIdentity(b);
      if (named != null && namedAfter != null) {
        Set<String> ids = new TreeSet<>(named.keySet());
        ids.addAll(namedAfter.keySet());
        for (String id : ids) {
          walk(path + "[" + id + "]", named.get(id), namedAfter.get(id), out);
        }
        return;
      }
      if (a.size() == b.size() && !allScalars(a, b)) {
        for (int i = 0; i < a.size(); i++) {
          walk(path + "[" + i + "]", a.get(i), b.get(i), out);
        }
        return;
      }
    }
    if (a != null && b != null && a.isTextual() && b.isTextual()
        && (a.asText().contains("\n") || b.asText().contains("\n"))) {
      text(path, a.asText(), b.asText(), out);
      return;
    }
    out.add(new FieldChange(path.isEmpty() ? "(object)" : path, show(a), show(b)));
  }

  /**
   * A multi-line text (a ConfigMap's file, a script, a dashboard) as the lines that differ between the common
   * beginning and end: {@code data["x.yaml"] line 12}; after {@value #MAX_LINES} lines, one line counts the rest.
   */
  private static void text(String path, String a, String b, List<FieldChange> out) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    int start = 0;
    while (start < x.length && start < y.length && x[start].equals(y[start])) {
      start++;
    }
    int endX = x.length;
    int endY = y.length;
    while (endX > start && endY > start && x[endX - 1].equals(y[endY - 1])) {
      endX--;
      endY--;
    }
    int n = Math.max(endX - start, endY - start);
    for (int i = 0; i < Math.min(n, MAX_LINES); i++) {
      int ix = start + i;
      out.add(new FieldChange(path + " line " + (ix + 1),
          ix < endX ? show(TextNode.valueOf(x[ix])) : Optional.empty(),
          start + i < endY ? show(TextNode.valueOf(y[start + i])) : Optional.empty()));
    }
    if (n > MAX_LINES) {
      out.add(new FieldChange(path + " lines " + (start + MAX_LINES + 1) + "…",
          Optional.of((endX - start - Math.min(endX - start, MAX_LINES)) + " more lines"),
          Optional.of((endY - start - Math.min(endY - start, MAX_LINES)) + " more lines")));
    }
  }

  /** Items keyed by their identity, or null when some item has none or two share one. */
  private static Map<String, JsonNode> byIdentity(JsonNode array) {
    if (array.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode item : array) {
      String id = identity(item);
      if (id == null || out.put(id, item) != null) {
        return null;
      }
    }
    return out;
  }

  /**
   * An item's name: its {@code name}, or for metrics and triggers written as {@code {type: Resource, resource:
   * {name: cpu}}} the type and the nested name ({@code Resource/cpu}, {@code Pods/claude_api_requests_per_second}).
   */
  static String identity(JsonNode item) {
    if (!item.isObject()) {
      return null;
    }
    if (item.path("name").isTextual()) {
      return item.get("name").asText();
    }
    for (String field : List.of("alert", "record")) {
      if (item.path(field).isTextual()) {
        // Prometheus rules: one name, told apart by their labels ({workload=…}).
        List<String> labels = new ArrayList<>();
        new TreeSet<String>(iterable(item.path("labels"))).forEach(k ->
            labels.add(k + "=" + item.path("labels").path(k).asText()));
        return item.get(field).asText() + (labels.isEmpty() ? "" : "{" + String.join(",", labels) + "}");
      }
    }
    String type = item.path("type").asText("");
    if (!type.isEmpty()) {
      JsonNode nested = item.path(Character.toLowerCase(type.charAt(0)) + type.substring(1));
      String name = nested.path("name").isTextual() ? nested.path("name").asText()
          : nested.at("/metric/name").asText("");
      if (!name.isEmpty()) {
        return type + "/" + name;
      }
      if (item.path("metadata").isObject()) {
        return type + ":" + compact(item.get("metadata"));
      }
    }
    return null;
  }

  private static List<String> iterable(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static boolean allScalars(JsonNode a, JsonNode b) {
    Set<Boolean> kinds = new HashSet<>();
    a.forEach(n -> kinds.add(n.isValueNode()));
    b.forEach(n -> kinds.add(n.isValueNode()));
    return !kinds.contains(false);
  }

  private static String child(String path, String key) {
    String k = key.matches("[A-Za-z_][A-Za-z0-9_-]*") ? key : "[\"" + key + "\"]";
    return path.isEmpty() || k.startsWith("[") ? path + k : path + "." + k;
  }

  /** A value as a reviewer reads it: scalars as text, structures as compact JSON, long ones cut. */
  static Optional<String> show(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return Optional.empty();
    }
    String s = n.isValueNode() ? (n.isTextual() ? n.asText() : n.toString()) : compact(n);
    s = s.replace("\n", "\\n");
    return Optional.of(s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE - 1) + "…" : s);
  }

  private static String compact(JsonNode n) {
    if (n.isObject()) {
      StringBuilder sb = new StringBuilder("{");
      Set<String> keys = new TreeSet<>();
      n.fieldNames().forEachRemaining(keys::add);
      Iterator<String> it = keys.iterator();
      while (it.hasNext()) {
        String k = it.next();
        sb.append(k).append(": ").append(compact(n.get(k)));
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      return sb.append('}').toString();
    }
    if (n.isArray()) {
      List<String> items = new ArrayList<>();
      n.forEach(i -> items.add(compact(i)));
      return "[" + String.join(", ", items) + "]";
    }
    return n.isTextual() ? n.asText() : n.toString();
  }
}
