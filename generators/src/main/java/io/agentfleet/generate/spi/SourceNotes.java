package io.agentfleet.generate.spi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a document's source notes as trailing comments: {@code averageValue: "10"  # defaults.subAgent.scaling...}.
 * The rendered YAML is read back token by token to find the line of each JSON pointer, so quoting, quoted keys and
 * empty flow values ({@code {}}) need no special case: a scalar's note goes on the line the scalar starts on (for a
 * block scalar, its {@code |} header line, where YAML allows a comment), a mapping's or list's note on its key's line,
 * a list item's on its {@code -} line. Several notes on one line are joined with {@code ;}.
 */
final class SourceNotes {
  private static final YAMLFactory YAML = new YAMLFactory();

  private SourceNotes() {}

  /** {@code yaml} (one rendered document) with {@code notes} appended; a note on a missing path is a bug. */
  static String append(String yaml, SortedMap<String, String> notes, String id) {
    if (notes.isEmpty()) {
      return yaml;
    }
    Map<String, Integer> lines = lines(yaml, notes.keySet());
    SortedMap<Integer, List<String>> byLine = new TreeMap<>();
    notes.forEach((pointer, note) -> {
      Integer line = lines.get(pointer);
      if (line == null) {
        throw new IllegalStateException(id + " has no value at " + pointer + " for the source note '" + note + "'");
      }
      byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(note);
    });
    String[] text = yaml.split("\n", -1);
    byLine.forEach((line, list) -> text[line] = text[line] + "  # " + String.join("; ", list));
    return String.join("\n", text);
  }

  /**
   * JSON pointer → 0-based line of each value of one document named in {@code wanted}, as described above. Reading
   * stops once every wanted value is found (a value's line is the first place it is seen). Each token's pointer is its
   * container's, kept while the parser is inside it, plus one segment: no walk up to the document's root per token.
   */
  static Map<String, Integer> lines(String yaml, Set<String> wanted) {
    Map<String, Integer> lines = new HashMap<>();
    Map<String, Integer> keys = new HashMap<>();
    // The pointer of every open container, innermost first.
    ArrayDeque<String> open = new ArrayDeque<>();
    try (JsonParser p = YAML.createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          open.pop();
          continue;
        }
        JsonStreamContext context = p.getParsingContext();
        if (t == JsonToken.FIELD_NAME) {
          String key = open.peek() + "/" + escape(context.getCurrentName());
          if (wanted.contains(key)) {
            keys.put(key, (int) p.currentTokenLocation().getLineNr() - 1);
          }
          continue;
        }
        boolean container = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
        // A container's token already stands in its own context; the segment naming it is its parent's.
        JsonStreamContext holder = container ? context.getParent() : context;
        String pointer = open.isEmpty() ? "" : open.peek() + "/" + segment(holder);
        if (container) {
          open.push(pointer);
        }
        if (pointer.isEmpty() || !wanted.contains(pointer) || lines.containsKey(pointer)) {
          continue;
        }
        int line = (int) p.currentTokenLocation().getLineNr() - 1;
        Integer keyLine = keys.get(pointer);
        lines.put(pointer, container && holder.inObject() && keyLine != null ? keyLine : line);
        if (lines.size() == wanted.size()) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static String segment(JsonStreamContext holder) {
    return holder.inArray() ? Integer.toString(holder.getCurrentIndex()) : escape(holder.getCurrentName());
  }

  /** A key as a JSON pointer segment (RFC 6901): {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
  private static String escape(String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return key;
    }
    return key.replace("~", "~0").replace("/", "~1");
  }
}
