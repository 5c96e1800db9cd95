package io.agentfleet.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Where each value of a fleet file is written, by the path the user reads in messages ({@code subAgents[s5].replicas},
 * list entries named by their id): the line and column of the value, and of its key.
 */
final class SourceMap {
  private static final YAMLFactory YAML = new YAMLFactory();
  private final String file;
  private final Map<String, Location> values = new HashMap<>();
  private final Map<String, Location> keys = new HashMap<>();

  private SourceMap(String file) {
    this.file = file;
  }

  /** Maps the values of {@code yaml}, already read into {@code tree}, to their places; {@code file} names the file. */
  static SourceMap of(String yaml, String file, JsonNode tree) {
    SourceMap map = new SourceMap(file);
    Map<String, Location> valuesByPointer = new HashMap<>();
    Map<String, Location> keysByPointer = new HashMap<>();
    map.scan(yaml, valuesByPointer, keysByPointer);
    map.name(tree, "", "", valuesByPointer, keysByPointer);
    return map;
  }

  /** Where the value at {@code path} is written, or its closest written parent, or the top of the file. */
  Location value(String path) {
    String p = path;
    while (true) {
      Location at = values.get(p);
      if (at != null) {
        return at;
      }
      if (p.isEmpty()) {
        return new Location(file, 1, 1);
      }
      p = parent(p);
    }
  }

  /** Where the key of the field at {@code path} is written (for unknown fields), else where its value is. */
  Location key(String path) {
    Location at = keys.get(path);
    return at != null ? at : value(path);
  }

  /** {@code a.b[c].d} → {@code a.b[c]} → {@code a.b} → {@code a} → the whole file. */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** A field's path under {@code parent}. */
  static String child(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  /** A list entry's path: named by its id when it has one, else by its index. */
  static String entry(String list, JsonNode item, int index) {
    JsonNode id = item == null || !item.isObject() ? null : item.get("id");
    boolean named = id != null && id.isValueNode() && !id.isNull() && !id.asText().isBlank();
    return list + "[" + (named ? id.asText() : Integer.toString(index)) + "]";
  }

  private void name(JsonNode node, String pointer, String path, Map<String, Location> valuesByPointer,
      Map<String, Location> keysByPointer) {
    Location v = valuesByPointer.get(pointer);
    if (v != null) {
      values.putIfAbsent(path, v);
    }
    Location k = keysByPointer.get(pointer);
    if (k != null) {
      keys.putIfAbsent(path, k);
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        name(e.getValue(), pointer + "/" + escape(e.getKey()), child(path, e.getKey()), valuesByPointer, keysByPointer);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        name(node.get(i), pointer + "/" + i, entry(path, node.get(i), i), valuesByPointer, keysByPointer);
      }
    }
  }

  /** Records the place of every value and key of the first document, by JSON pointer. */
  private void scan(String yaml, Map<String, Location> valuesByPointer, Map<String, Location> keysByPointer) {
    record Frame(String pointer, boolean array, int[] index, String[] field) {}
    Deque<Frame> stack = new ArrayDeque<>();
    try (JsonParser p = YAML.createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        Location at = place(p.currentTokenLocation());
        if (t == JsonToken.FIELD_NAME) {
          Frame top = stack.peek();
          top.field()[0] = p.currentName();
          keysByPointer.putIfAbsent(top.pointer() + "/" + escape(p.currentName()), at);
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          if (stack.isEmpty()) {
            return;
          }
          continue;
        }
        Frame top = stack.peek();
        String pointer = top == null ? ""
            : top.array() ? top.pointer() + "/" + (++top.index()[0]) : top.pointer() + "/" + escape(top.field()[0]);
        valuesByPointer.putIfAbsent(pointer, at);
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(pointer, t == JsonToken.START_ARRAY, new int[] {-1}, new String[1]));
        } else if (stack.isEmpty()) {
          return;
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // The tree was read already; a place that cannot be found falls back to its parent's.
    }
  }

  private Location place(JsonLocation l) {
    return new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
