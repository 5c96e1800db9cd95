package io.agentfleet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads the text of {@code fleet.yaml} into a tree, with YAML 1.2 core-schema semantics and the place of every value
 * and key. Built from the parser's events, not from a YAML library's own tree, so that:
 * <ul>
 *   <li>a plain scalar keeps the exact text it was written with ({@code 012}, {@code no}, {@code 1.30} stay those
 *       characters wherever the fleet expects text); only {@code true}/{@code false} are booleans and only decimal
 *       digits (and {@code 0o}/{@code 0x}) are numbers, never {@code yes}/{@code on} or sexagesimal {@code 1:30};
 *   <li>anchors, aliases, merge keys, tags, duplicate keys and a second document are refused by name at their place
 *       and reading goes on, so they are reported with every other problem (aliases are never expanded, so a
 *       "billion laughs" file is read in linear time);
 *   <li>every error a YAML parser can raise is said in the fleet's words with its line and column.
 * </ul>
 */
final class YamlTree {
  /** Deeper than any fleet needs (its deepest field is six levels down), shallow enough to refuse nonsense early. */
  static final int MAX_DEPTH = 64;
  /** The most characters a fleet file may have (a large fleet is a few kilobytes). */
  static final int MAX_CODE_POINTS = 3 * 1024 * 1024;
  static final String ALIASES = "YAML anchors, aliases and merge keys (<<) are not supported in fleet.yaml: write the"
      + " values out";
  private static final String STR_TAG = "tag:yaml.org,2002:str";
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCT = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  /** A problem of the file as YAML, at {@code parent} (a JSON pointer) and its {@code child} (a field or index). */
  record Refusal(String parent, String child, String message, Location at) {}

  /** What was read: the document's tree, the places of values and keys by JSON pointer, and what was refused. */
  record Result(JsonNode root, Map<String, Location> values, Map<String, Location> keys, List<Refusal> refusals,
      java.util.Set<String> merged) {}

  /** The file cannot be read as YAML at all; each problem has its place. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    Unreadable(List<Problem> problems) {
      super(problems.get(0).message(), null, false, false);
      this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
      return problems;
    }
  }

  /** Stands where an alias was written: refused already, so the shape check neither reads nor reports it again. */
  static final class Refused extends TextNode {
    private static final long serialVersionUID = 1L;

    Refused() {
      super("");
    }
  }

  // Plain scalars keep the text they were written with: asText() returns it, wherever the fleet wants text.
  static final class PlainInt extends IntNode {
    private static final long serialVersionUID = 1L;
    final String raw;

    PlainInt(int v, String raw) {
      super(v);
      this.raw = raw;
    }

    @Override
    public String asText() {
      return raw;
    }
  }

  static final class PlainLong extends LongNode {
    private static final long serialVersionUID = 1L;
    final String raw;

    PlainLong(long v, String raw) {
      super(v);
      this.raw = raw;
    }

    @Override
    public String asText() {
      return raw;
    }
  }

  static final class PlainBig extends BigIntegerNode {
    private static final long serialVersionUID = 1L;
    final String raw;

    PlainBig(BigInteger v, String raw) {
      super(v);
      this.raw = raw;
    }

    @Override
    public String asText() {
      return raw;
    }
  }

  static final class PlainDouble extends DoubleNode {
    private static final long serialVersionUID = 1L;
    final String raw;

    PlainDouble(double v, String raw) {
      super(v);
      this.raw = raw;
    }

    @Override
    public String asText() {
      return raw;
    }
  }

  static final class PlainBoolean extends BooleanNode {
    private static final long serialVersionUID = 1L;
    final String raw;

    PlainBoolean(boolean v, String raw) {
      super(v);
      this.raw = raw;
    }

    @Override
    public String asText() {
      return raw;
    }
  }

  static final class PlainNull extends NullNode {
    private static final long serialVersionUID = 1L;
  }

  /** An open mapping or list while events are read. */
  private static final class Frame {
    final JsonNode node;
    final String pointer;
    String key;
    boolean skipValue;

    Frame(JsonNode node, String pointer) {
      this.node = node;
      this.pointer = pointer;
    }
  }

  private final String file;
  private final Map<String, Location> values = new HashMap<>();
  private final Map<String, Location> keys = new HashMap<>();
  private final List<Refusal> refusals = new ArrayList<>();
  /** Mappings that held a merge key: what they lack may be in what was to be merged, so it is not reported. */
  private final java.util.Set<String> merged = new java.util.HashSet<>();
  private final Deque<Frame> stack = new ArrayDeque<>();
  private JsonNode root;

  private YamlTree(String file) {
    this.file = file;
  }

  /** Reads {@code text}; {@code file} names it in places. */
  static Result read(String text, String file) throws Unreadable {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Problem> unprintable = unprintable(body, file);
    if (!unprintable.isEmpty()) {
      throw new Unreadable(unprintable);
    }
    YamlTree tree = new YamlTree(file);
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    try {
      tree.events(new ParserImpl(new StreamReader(body), options));
    } catch (MarkedYAMLException e) {
      throw new Unreadable(List.of(YamlErrors.describe(e, file)));
    } catch (YAMLException e) {
      String what = e.getMessage() != null && e.getMessage().contains("exceeds the limit")
          ? "the file is longer than " + MAX_CODE_POINTS + " characters; a fleet file is a few kilobytes"
          : "not valid YAML";
      throw new Unreadable(List.of(new Problem("", what, Optional.of(new Location(file, 1, 1)))));
    }
    return new Result(tree.root, tree.values, tree.keys, tree.refusals, tree.merged);
  }

  private void events(Parser parser) throws Unreadable {
    boolean documentSeen = false;
    while (true) {
      Event e = parser.getEvent();
      switch (e.getEventId()) {
        case StreamStart, StreamEnd -> {
          if (e.getEventId() == Event.ID.StreamEnd) {
            return;
          }
        }
        case DocumentStart -> {
          if (documentSeen) {
            refusals.add(new Refusal("", null,
                "a second YAML document is not allowed: fleet.yaml holds one document", at(e.getStartMark())));
            return;
          }
          documentSeen = true;
        }
        case DocumentEnd -> { }
        case MappingEnd, SequenceEnd -> stack.pop();
        case Scalar, Alias, MappingStart, SequenceStart -> node((NodeEvent) e, parser);
        default -> { }
      }
    }
  }

  /** One node event inside the open mapping or list (or at the top). */
  private void node(NodeEvent e, Parser parser) throws Unreadable {
    Frame parent = stack.peek();
    if (parent != null && parent.node.isObject() && parent.key == null) {
      key(e, parent, parser);
      return;
    }
    if (parent != null && parent.skipValue) {
      parent.skipValue = false;
      parent.key = null;
      skip(e, parser);
      return;
    }
    String parentPointer = parent == null ? null : parent.pointer;
    String child = parent == null ? null
        : parent.node.isArray() ? Integer.toString(parent.node.size()) : parent.key;
    String pointer = parent == null ? "" : parentPointer + "/" + escape(child);
    Location where = at(e.getStartMark());
    values.putIfAbsent(pointer, where);
    if (e.getAnchor() != null && !(e instanceof AliasEvent)) {
      refusals.add(new Refusal(parentPointer == null ? "" : parentPointer, child, ALIASES, where));
    }
    JsonNode value;
    if (e instanceof AliasEvent) {
      refusals.add(new Refusal(parentPointer == null ? "" : parentPointer, child, ALIASES, where));
      value = new Refused();
    } else if (e instanceof ScalarEvent s) {
      tag(s.getTag(), parentPointer, child, where, true);
      value = s.isPlain() && s.getTag() == null ? plain(s.getValue()) : TextNode.valueOf(s.getValue());
    } else {
      CollectionStartEvent c = (CollectionStartEvent) e;
      tag(c.getTag(), parentPointer, child, where, false);
      if (stack.size() >= MAX_DEPTH) {
        throw new Unreadable(List.of(new Problem("", "nesting deeper than " + MAX_DEPTH
            + " levels (mappings and lists inside each other); a fleet needs a handful", Optional.of(where))));
      }
      value = e.getEventId() == Event.ID.MappingStart ? JsonNodeFactory.instance.objectNode()
          : JsonNodeFactory.instance.arrayNode();
    }
    if (parent == null) {
      root = value;
    } else if (parent.node instanceof ArrayNode arr) {
      arr.add(value);
    } else {
      ((ObjectNode) parent.node).set(parent.key, value);
      parent.key = null;
    }
    if (value.isContainerNode()) {
      stack.push(new Frame(value, pointer));
    }
  }

  /** A mapping key: a name written as a scalar; anything else is refused and its value skipped. */
  private void key(NodeEvent e, Frame parent, Parser parser) throws Unreadable {
    Location where = at(e.getStartMark());
    if (!(e instanceof ScalarEvent s)) {
      refusals.add(new Refusal(parent.pointer, null, e instanceof AliasEvent ? ALIASES
          : "a key must be a name (field: value), not a list or mapping", where));
      skip(e, parser);
      parent.key = "";
      parent.skipValue = true;
      return;
    }
    String name = s.getValue();
    if (s.isPlain() && name.equals("<<")) {
      refusals.add(new Refusal(parent.pointer, null, ALIASES, where));
      merged.add(parent.pointer);
      parent.key = name;
      parent.skipValue = true;
      return;
    }
    if (s.getAnchor() != null) {
      refusals.add(new Refusal(parent.pointer, name, ALIASES, where));
    }
    tag(s.getTag(), parent.pointer, name, where, true);
    if (parent.node.has(name)) {
      Location first = keys.get(parent.pointer + "/" + escape(name));
      refusals.add(new Refusal(parent.pointer, name, "written twice (first at line "
          + (first == null ? where : first).line() + "); write each field once", where));
      parent.key = name;
      parent.skipValue = true;
      return;
    }
    keys.putIfAbsent(parent.pointer + "/" + escape(name), where);
    parent.key = name;
  }

  /** Reads past one node (a whole mapping or list, if it starts one) without keeping it. */
  private static void skip(Event first, Parser parser) {
    if (!(first instanceof CollectionStartEvent)) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      Event e = parser.getEvent();
      if (e instanceof CollectionStartEvent) {
        depth++;
      } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
        depth--;
      }
    }
  }

  /** Only {@code !!str} (text, as quotes would make it) is a tag fleet.yaml reads; any other is refused. */
  private void tag(String tag, String parentPointer, String child, Location where, boolean scalar) {
    if (tag == null || tag.equals("!") || (scalar && tag.equals(STR_TAG))) {
      return;
    }
    String shown = tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
    refusals.add(new Refusal(parentPointer == null ? "" : parentPointer, child, "YAML tags (" + shown
        + ") are not supported in fleet.yaml: write the value plainly, or in quotes for text", where));
  }

  /** A plain scalar, resolved by the YAML 1.2 core schema; it answers {@code asText()} with the text as written. */
  static JsonNode plain(String text) {
    switch (text) {
      case "", "~", "null", "Null", "NULL" -> {
        return new PlainNull();
      }
      case "true", "True", "TRUE" -> {
        return new PlainBoolean(true, text);
      }
      case "false", "False", "FALSE" -> {
        return new PlainBoolean(false, text);
      }
      default -> { }
    }
    if (text.length() <= 400) {
      if (INT.matcher(text).matches()) {
        return integer(new BigInteger(text.startsWith("+") ? text.substring(1) : text), text);
      }
      if (OCT.matcher(text).matches()) {
        return integer(new BigInteger(text.substring(2), 8), text);
      }
      if (HEX.matcher(text).matches()) {
        return integer(new BigInteger(text.substring(2), 16), text);
      }
      if (FLOAT.matcher(text).matches()) {
        return new PlainDouble(Double.parseDouble(text), text);
      }
      if (INF.matcher(text).matches()) {
        return new PlainDouble(text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, text);
      }
      if (NAN.matcher(text).matches()) {
        return new PlainDouble(Double.NaN, text);
      }
    }
    return TextNode.valueOf(text);
  }

  private static JsonNode integer(BigInteger n, String raw) {
    if (n.bitLength() < 32) {
      return new PlainInt(n.intValue(), raw);
    }
    return n.bitLength() < 64 ? new PlainLong(n.longValue(), raw) : new PlainBig(n, raw);
  }

  /** True when {@code node} is a plain scalar that YAML read as a number. */
  static boolean plainNumber(JsonNode node) {
    return node instanceof PlainInt || node instanceof PlainLong || node instanceof PlainBig
        || node instanceof PlainDouble;
  }

  /** Characters YAML does not allow in a file (control characters but tab and line breaks), each at its place. */
  private static List<Problem> unprintable(String text, String file) {
    List<Problem> found = new ArrayList<>();
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length() && found.size() < 10; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      if (c == 0xFEFF) {
        found.add(new Problem("", "an invisible byte order mark (U+FEFF) inside the file; remove it",
            Optional.of(new Location(file, line, column))));
      } else if (!printable(c)) {
        String what = c < 0x20 || (c >= 0x7F && c <= 0x9F) ? "a control character"
            : Character.isSurrogate((char) c) ? "a broken character (half of a UTF-16 pair)" : "a character";
        found.add(new Problem("", String.format("%s (U+%04X) is not allowed in YAML text; remove it", what, c),
            Optional.of(new Location(file, line, column))));
      }
      column++;
    }
    return found;
  }

  private static boolean printable(int c) {
    return (c >= 0x20 && c <= 0x7E) || c == 0x9 || c == 0xA || c == 0xD || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
  }

  private Location at(Mark m) {
    return new Location(file, m.getLine() + 1, m.getColumn() + 1);
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
