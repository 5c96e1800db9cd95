package io.agentfleet.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Where each value of a fleet file is written, by the path the user reads in messages ({@code subAgents[s5].replicas},
 * list entries named by their id): the line and column of the value, and of its key.
 *
 * <p>Made when first asked, or when {@link #fix} says the tree is about to change: a valid file is never asked
 * anything, and its map (three tables of every value) is never made. Until then the tree must change only in ways
 * that move no value's path: a value replaced where it stands, or an empty field taken out (nobody asks for its
 * place); {@code ShapeCheck} calls {@link #fix} before any other change (a wrong value or list entry dropped, a
 * stand-in added), all of which come with a problem anyway.
 */
final class SourceMap {
  private final String file;
  private YamlTree.Result read;
  private Map<String, Location> values;
  private Map<String, Location> keys;
  private Map<String, String> paths;

  private SourceMap(String file, YamlTree.Result read) {
    this.file = file;
    this.read = read;
  }

  /** Maps the values of a file read into {@code read} to their places; {@code file} names the file. */
  static SourceMap of(YamlTree.Result read, String file) {
    return new SourceMap(file, read);
  }

  /** Makes the map now, from the tree as it is: the caller is about to change the tree in a way that moves paths. */
  void fix() {
    if (paths == null) {
      values = new HashMap<>();
      keys = new HashMap<>();
      paths = new HashMap<>();
      name(read.root(), "", "", read.values(), read.keys());
      read = null;
    }
  }

  /** The path the user reads for a JSON pointer into the tree as read ({@code /subAgents/0} → {@code subAgents[s1]}). */
  String path(String pointer) {
    fix();
    String p = paths.get(pointer);
    return p != null ? p : "";
  }

  /** Whether {@code pointer} names a value of the tree as read. */
  boolean has(String pointer) {
    fix();
    return paths.containsKey(pointer);
  }

  /** Where the value at {@code path} is written, or its closest written parent, or the top of the file. */
  Location value(String path) {
    fix();
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
    fix();
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
    paths.putIfAbsent(pointer, path);
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

  private static String escape(String key) {
    return YamlTree.escape(key);
  }
}
