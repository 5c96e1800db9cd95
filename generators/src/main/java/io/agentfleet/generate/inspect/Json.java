package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.spi.Fields;
import io.agentfleet.generate.spi.YamlRenderer;
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
    List<JsonNode> out = new ArrayList<>(node.isArray() ? node.size() : 0);
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      out.add(node.get(i));
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
    Fields fields = Fields.of(node);
    for (int i = 0, n = fields.count(); i < n; i++) {
      out.put(fields.name(i), fields.value(i).asText());
    }
    return out;
  }

  /** {@code parent.key}, or {@code parent["app.kubernetes.io/name"]} for keys that are not plain names. */
  public static String field(String parent, String key) {
    if (!plainKey(key)) {
      return parent + "[\"" + key + "\"]";
    }
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** Whether {@link #PLAIN_KEY} matches, decided without the regular expression for the common case. */
  private static boolean plainKey(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
      if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '-')))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The size of the node written as compact JSON ({@link JsonNode#toString()}), counted without writing it: in UTF-16
   * units, or in UTF-8 bytes with {@code utf8}. Counting stops once it passes {@code stopAbove}, and the answer is
   * then some number above it: a size limit is checked without measuring more than the limit.
   */
  public static long jsonSize(JsonNode node, boolean utf8, long stopAbove) {
    return new SizeCounter(utf8, false, stopAbove).count(node);
  }

  /**
   * Whether {@link #jsonSize} of the node is above {@code limit}. Nearly every object of a tree is far below any size
   * limit, and a bound from the lengths of its strings alone settles that without reading a character: no character
   * takes more than six bytes of JSON (a control character's backslash-u escape; UTF-8 takes at most three bytes per
   * UTF-16 unit). Only a node whose bound passes the limit is counted exactly.
   */
  public static boolean jsonSizeAbove(JsonNode node, boolean utf8, long limit) {
    long known = YamlRenderer.jsonSizeBound(node);
    if (known >= 0 && known <= limit) {
      // The bound its building added up (the same six bytes a character) already settles it.
      return false;
    }
    return new SizeCounter(utf8, true, limit).count(node) > limit && jsonSize(node, utf8, limit) > limit;
  }

  private static final class SizeCounter {
    private final boolean utf8;
    /** Counts six per character, an upper bound of the size, instead of the characters' own lengths. */
    private final boolean bound;
    private final long stopAbove;
    private long size;
    private char[] chars;

    SizeCounter(boolean utf8, boolean bound, long stopAbove) {
      this.utf8 = utf8;
      this.bound = bound;
      this.stopAbove = stopAbove;
    }

    long count(JsonNode node) {
      if (size > stopAbove) {
        return size;
      }
      if (node.isObject()) {
        size += node.size() == 0 ? 2 : 1 + node.size();
        Fields fields = Fields.of(node);
        for (int i = 0, n = fields.count(); i < n; i++) {
          text(fields.name(i));
          size++;
          count(fields.value(i));
          if (size > stopAbove) {
            return size;
          }
        }
      } else if (node.isArray()) {
        size += node.size() == 0 ? 2 : 1 + node.size();
        for (JsonNode item : node) {
          count(item);
          if (size > stopAbove) {
            return size;
          }
        }
      } else if (node.isTextual()) {
        text(node.textValue());
      } else if (node.isBoolean()) {
        size += node.booleanValue() ? 4 : 5;
      } else if (node.isNull()) {
        size += 4;
      } else if (node.isInt() || node.isLong() || node.isShort()) {
        // The most common numbers of a tree (ports, replicas, panel positions): counted, not printed, which would
        // set up a whole serializer per number.
        size += digits(node.longValue());
      } else {
        // Other numbers: their JSON text is ASCII.
        size += node.toString().length();
      }
      return size;
    }

    /** The length of a long's decimal text, sign included. */
    static int digits(long value) {
      if (value == Long.MIN_VALUE) {
        return 20;
      }
      int n = value < 0 ? 2 : 1;
      for (long rest = Math.abs(value); rest >= 10; rest /= 10) {
        n++;
      }
      return n;
    }

    /**
     * A string with its quotes and Jackson's escapes: two characters for the short escapes, six for other control
     * characters.
     */
    private void text(String text) {
      if (bound) {
        size += 2 + 6L * text.length();
        return;
      }
      long n = 2;
      // Plain array reads from a buffer kept for the count (String.charAt is a call chain until C2 compiles it;
      // dashboards run to megabytes).
      int length = text.length();
      if (chars == null || chars.length < length) {
        chars = new char[Math.max(length, chars == null ? 64 : chars.length * 2)];
      }
      char[] s = chars;
      text.getChars(0, length, s, 0);
      for (int i = 0; i < length; i++) {
        char c = s[i];
        if (c == '"' || c == '\\' || c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f') {
          n += 2;
        } else if (c < 0x20) {
          n += 6;
        } else if (!utf8 || c < 0x80) {
          n++;
        } else if (c < 0x800) {
          n += 2;
        } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s[i + 1])) {
          n += 4;
          i++;
        } else {
          n += 3;
        }
      }
      size += n;
    }
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
