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
  record Result(JsonNode root, Places places, List<Refusal> refusals, java.util.Set<String> merged) {
    /** Where each value is written, by JSON pointer. */
    Map<String, Location> values() {
      return places.values();
    }

    /** Where each key is written, by the JSON pointer of its value. */
    Map<String, Location> keys() {
      return places.keys();
    }
  }

  /**
   * The places of a file's values and keys by JSON pointer: given, or made when first asked. Only a file with a
   * problem, or with environments to merge, is ever asked; a valid file's tree is read without them, since two tables
   * of every value of a large fleet (a pointer, a place and a table entry each) cost more than the tree itself.
   */
  static final class Places {
    private java.util.function.Supplier<Places> maker;
    private Map<String, Location> values;
    private Map<String, Location> keys;

    private Places(Map<String, Location> values, Map<String, Location> keys,
        java.util.function.Supplier<Places> maker) {
      this.values = values;
      this.keys = keys;
      this.maker = maker;
    }

    static Places of(Map<String, Location> values, Map<String, Location> keys) {
      return new Places(values, keys, null);
    }

    /** Places that {@code maker} makes when first asked, once. */
    static Places later(java.util.function.Supplier<Places> maker) {
      return new Places(null, null, maker);
    }

    synchronized Map<String, Location> values() {
      make();
      return values;
    }

    synchronized Map<String, Location> keys() {
      make();
      return keys;
    }

    /** Whether the tables exist yet (for tests: a valid file's are made only when asked). */
    synchronized boolean made() {
      return maker == null;
    }

    private void make() {
      if (maker != null) {
        Places made = maker.get();
        values = made.values();
        keys = made.keys();
        maker = null;
      }
    }
  }

  /**
   * Thrown by a read without places at the first thing it would refuse: the file is then read again with places,
   * so that every refusal has its place and pointer. Carries no stack: it is a signal, never shown.
   */
  private static final class NeedsPlaces extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NeedsPlaces INSTANCE = new NeedsPlaces();

    private NeedsPlaces() {
      super(null, null, false, false);
    }
  }

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
  /** Whether places are kept: false for the first read, which stops at anything it would refuse. */
  private final boolean places;
  private final Map<String, Location> values;
  private final Map<String, Location> keys;
  private final List<Refusal> refusals = new ArrayList<>();
  /** Mappings that held a merge key: what they lack may be in what was to be merged, so it is not reported. */
  private final java.util.Set<String> merged = new java.util.HashSet<>();
  private final Deque<Frame> stack = new ArrayDeque<>();
  private JsonNode root;

  private YamlTree(String file, boolean places) {
    this.file = file;
    this.places = places;
    this.values = places ? new HashMap<>() : null;
    this.keys = places ? new HashMap<>() : null;
  }

  /** Reads {@code text}; {@code file} names it in places. */
  static Result read(String text, String file) throws Unreadable {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Problem> unprintable = unprintable(body, file);
    if (!unprintable.isEmpty()) {
      throw new Unreadable(unprintable);
    }
    // A valid file is read once, without places; they are made by a second read if ever asked for. A file with
    // anything to refuse is read again at once, with places, from its start.
    YamlTree fast = new YamlTree(file, false);
    try {
      fast.parse(body);
      return new Result(fast.root, Places.later(() -> placesOf(body, file)), List.of(), java.util.Set.of());
    } catch (NeedsPlaces refusing) {
      YamlTree tree = new YamlTree(file, true);
      tree.parse(body);
      return new Result(tree.root, Places.of(tree.values, tree.keys), tree.refusals, tree.merged);
    }
  }

  /** The places of a file the first read took without refusing anything. */
  private static Places placesOf(String body, String file) {
    YamlTree tree = new YamlTree(file, true);
    try {
      tree.parse(body);
    } catch (Unreadable e) {
      throw new IllegalStateException("a file read once could not be read again", e);
    }
    return Places.of(tree.values, tree.keys);
  }

  private void parse(String body) throws Unreadable {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    try {
      events(new ParserImpl(new StreamReader(body), options));
    } catch (MarkedYAMLException e) {
      throw new Unreadable(List.of(YamlErrors.describe(e, file)));
    } catch (YAMLException e) {
      String what = e.getMessage() != null && e.getMessage().contains("exceeds the limit")
          ? "the file is longer than " + MAX_CODE_POINTS + " characters; a fleet file is a few kilobytes"
          : "not valid YAML";
      throw new Unreadable(List.of(new Problem("", what, Optional.of(new Location(file, 1, 1)))));
    }
  }

  /** Notes a problem of the file as YAML; a read without places starts again with them. */
  private void refuse(Refusal refusal) {
    if (!places) {
      throw NeedsPlaces.INSTANCE;
    }
    refusals.add(refusal);
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
            refuse(new Refusal("", null,
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
    String parentPointer = null;
    String child = null;
    String pointer = null;
    Location where = null;
    if (places) {
      parentPointer = parent == null ? null : parent.pointer;
      child = parent == null ? null : parent.node.isArray() ? Integer.toString(parent.node.size()) : parent.key;
      pointer = parent == null ? "" : parentPointer + "/" + escape(child);
      where = at(e.getStartMark());
      values.putIfAbsent(pointer, where);
    }
    if (e.getAnchor() != null && !(e instanceof AliasEvent)) {
      refuse(new Refusal(parentPointer == null ? "" : parentPointer, child, ALIASES, where));
    }
    JsonNode value;
    if (e instanceof AliasEvent) {
      refuse(new Refusal(parentPointer == null ? "" : parentPointer, child, ALIASES, where));
      value = new Refused();
    } else if (e instanceof ScalarEvent s) {
      tag(s.getTag(), parentPointer, child, where, true);
      value = s.isPlain() && s.getTag() == null ? plain(s.getValue()) : TextNode.valueOf(s.getValue());
    } else {
      CollectionStartEvent c = (CollectionStartEvent) e;
      tag(c.getTag(), parentPointer, child, where, false);
      if (stack.size() >= MAX_DEPTH) {
        throw new Unreadable(List.of(new Problem("", "nesting deeper than " + MAX_DEPTH
            + " levels (mappings and lists inside each other); a fleet needs a handful",
            Optional.of(at(e.getStartMark())))));
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
    Location where = places ? at(e.getStartMark()) : null;
    if (!(e instanceof ScalarEvent s)) {
      refuse(new Refusal(parent.pointer, null, e instanceof AliasEvent ? ALIASES
          : "a key must be a name (field: value), not a list or mapping", where));
      skip(e, parser);
      parent.key = "";
      parent.skipValue = true;
      return;
    }
    String name = s.getValue();
    if (s.isPlain() && name.equals("<<")) {
      refuse(new Refusal(parent.pointer, null, ALIASES, where));
      merged.add(parent.pointer);
      parent.key = name;
      parent.skipValue = true;
      return;
    }
    if (s.getAnchor() != null) {
      refuse(new Refusal(parent.pointer, name, ALIASES, where));
    }
    tag(s.getTag(), parent.pointer, name, where, true);
    if (parent.node.has(name)) {
      if (!places) {
        throw NeedsPlaces.INSTANCE;
      }
      Location first = keys.get(parent.pointer + "/" + escape(name));
      refuse(new Refusal(parent.pointer, name, "written twice (first at line "
          + (first == null ? where : first).line() + "); write each field once", where));
      parent.key = name;
      parent.skipValue = true;
      return;
    }
    if (places) {
      keys.putIfAbsent(parent.pointer + "/" + escape(name), where);
    }
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
    refuse(new Refusal(parentPointer == null ? "" : parentPointer, child, "YAML tags (" + shown
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
    // Every number, infinity and NaN starts with a sign, a digit or a point: names, images and the like are text
    // without asking the six patterns.
    char first = text.charAt(0);
    if (text.length() <= 400 && (first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9'))) {
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
