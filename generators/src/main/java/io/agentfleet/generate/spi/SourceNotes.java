package io.agentfleet.generate.spi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, Integer> lines = lines(yaml);
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

  /** JSON pointer → 0-based line of every value of one document, as described above. */
  static Map<String, Integer> lines(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    Map<String, Integer> keys = new HashMap<>();
    try (JsonParser p = YAML.createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = (int) p.currentTokenLocation().getLineNr() - 1;
        JsonStreamContext context = p.getParsingContext();
        if (t == JsonToken.FIELD_NAME) {
          keys.put(context.pathAsPointer().toString(), line);
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          continue;
        }
        // A container's own context has no segment yet, so this is the pointer of the value itself.
        String pointer = context.pathAsPointer().toString();
        if (pointer.isEmpty()) {
          continue;
        }
        boolean container = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
        JsonStreamContext holder = container ? context.getParent() : context;
        Integer keyLine = keys.get(pointer);
        lines.putIfAbsent(pointer, container && holder.inObject() && keyLine != null ? keyLine : line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
