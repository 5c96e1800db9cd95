package io.agentfleet.generate.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes one document's JSON tree as YAML in a single pass, byte for byte as {@link YamlRenderer}'s Jackson mapper
 * (SnakeYAML's block emitter, indent 2, lists not indented under their key, {@link io.agentfleet.model.YamlQuoting})
 * would, and writes each source note at the end of the line it belongs on: the line of the value's key, or of its
 * list item's {@code -}. So rendering needs no second parse to place the notes, and validation reads the same JSON
 * tree the text was made from.
 *
 * <p>It writes the values a Kubernetes tree holds: mappings, lists, text (plain, quoted, literal blocks), numbers,
 * booleans, null. For anything it does not reproduce exactly (control characters, characters outside the Basic
 * Multilingual Plane, keys of 128 characters and more, a text ending in two line breaks, text SnakeYAML would put in
 * single quotes) it declines, and the caller renders that document with the Jackson mapper instead.
 * {@code YamlEmitterTest} holds it to the mapper's output over the example trees and over generated values chosen
 * to reach every style.
 */
final class YamlEmitter {
  private static final int INDENT = 2;

  private final StringBuilder out;
  /**
   * The notes' pointers, in their natural order, and each one's text at the same index. A value is given the range of
   * the notes that lie below it (they all start with its pointer and '/', and stand together in this order); a child
   * finds its own by its key alone, so no pointer is spelt while a document is written.
   */
  private final String[] noted;
  private final String[] noteTexts;
  /** Which notes were written, and how many: a note on a path the document does not have is a generator's bug. */
  private final boolean[] placed;
  private int placedCount;
  /** How each key and text met so far is written, shared by the documents of a file or a tree. */
  private final Styles styles;
  /** The notes of the line being written, appended when it ends. */
  private final List<String> pending = new ArrayList<>(2);

  // SnakeYAML's emitter state, as far as block style needs it.
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;
  /** The characters of the text being analysed, reused across the document's texts. */
  private char[] chars = new char[64];

  private YamlEmitter(StringBuilder out, SortedMap<String, String> notes, Styles styles) {
    this.out = out;
    this.styles = styles;
    // Only pointers (a note elsewhere is never written, and reported); a map sorted otherwise is put in order.
    SortedMap<String, String> pointers = notes.comparator() == null ? notes
        : new java.util.TreeMap<>((Map<String, String>) notes);
    int n = 0;
    for (String path : pointers.keySet()) {
      n += path.startsWith("/") ? 1 : 0;
    }
    noted = new String[n];
    noteTexts = new String[n];
    placed = new boolean[n];
    int i = 0;
    for (Map.Entry<String, String> e : pointers.entrySet()) {
      if (e.getKey().startsWith("/")) {
        noted[i] = e.getKey();
        noteTexts[i++] = e.getValue();
      }
    }
  }

  /** How a text value is written; decided by its characters alone. */
  private enum Style { PLAIN, DOUBLE_QUOTED, LITERAL, UNSUPPORTED }

  /**
   * The style of each key and text value met so far: the same for every occurrence, so decided once (a tree repeats
   * its labels, names and images in every file). Shared by the files rendered for one tree, on any thread.
   */
  static final class Styles {
    private final Map<String, Boolean> plainKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Style> texts = new java.util.concurrent.ConcurrentHashMap<>();
  }

  /** Thrown inside the emitter for a value it does not write exactly as the mapper would. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Unsupported INSTANCE = new Unsupported();

    private Unsupported() {
      super(null, null, false, false);
    }
  }

  /**
   * The document as YAML with its notes as trailing comments, or {@code null} when it holds a value this class leaves
   * to the Jackson mapper.
   *
   * @throws IllegalStateException for a note on a path the document does not have (a generator's bug)
   */
  static String emit(ObjectNode root, SortedMap<String, String> notes, String id) {
    StringBuilder out = new StringBuilder(1024);
    return emit(root, notes, id, out, new Styles()) ? out.toString() : null;
  }

  /**
   * As {@link #emit(ObjectNode, SortedMap, String)}, appending to {@code out} (a whole file's text, so that a large
   * file is not copied document by document); false, with {@code out} as it was, for a document left to the mapper.
   * {@code styles} remembers how keys and texts are written, across the documents it is given for.
   */
  static boolean emit(ObjectNode root, SortedMap<String, String> notes, String id, StringBuilder out,
      Styles styles) {
    int start = out.length();
    YamlEmitter e = new YamlEmitter(out, notes, styles);
    try {
      e.node(root, 0, e.noted.length, 0, -1, Context.ROOT);
      // The document's end: SnakeYAML's writeIndent at indent 0.
      e.writeIndent(0);
    } catch (Unsupported unsupported) {
      out.setLength(start);
      return false;
    }
    if (e.placedCount < notes.size()) {
      for (Map.Entry<String, String> n : notes.entrySet()) {
        int at = java.util.Arrays.binarySearch(e.noted, n.getKey());
        if (at < 0 || !e.placed[at]) {
          out.setLength(start);
          throw new IllegalStateException(
              id + " has no value at " + n.getKey() + " for the source note '" + n.getValue() + "'");
        }
      }
    }
    return true;
  }

  private enum Context { ROOT, MAPPING_VALUE, SEQUENCE_ITEM }

  /**
   * Writes {@code node} whose parent's indent is {@code parentIndent} ({@code -1} for the root), as SnakeYAML's
   * expectNode does. The notes {@code from} (inclusive) to {@code to} lie below it, and its pointer is {@code at}
   * characters long; without notes below, a part written before is written again as it was (most of a document
   * carries no note).
   */
  private void node(JsonNode node, int from, int to, int at, int parentIndent, Context context) {
    if (from == to && pending.isEmpty() && context != Context.ROOT
        && node instanceof SharingNodeFactory.Rendered kept && !node.isEmpty()) {
      again(node, kept, parentIndent, context);
      return;
    }
    container(node, from, to, at, parentIndent, context);
  }

  /**
   * What a container wrote, with the state it began and ended in: the same container, begun in the same state at the
   * same indent, writes the same text again, for nothing in its lines depends on anything else (no note lies at or
   * below it, none waits for the line before it).
   */
  private record Fragment(int parentIndent, Context context, int column, boolean whitespace, boolean indention,
      String text, int endColumn, boolean endWhitespace, boolean endIndention) {
    /** Kept for a container too small to be worth it: matches nothing. */
    static final Fragment NONE = new Fragment(-2, Context.ROOT, 0, false, false, "", 0, false, false);
  }

  /** Kept for a container written once: the next time, its text is kept. */
  private static final Object MET = new Object();

  /** A fragment shorter than this is written afresh each time: appending it costs about as much. */
  private static final int WORTH_KEEPING = 48;

  /**
   * Writes a container of a frozen tree ({@link SharingNodeFactory.Rendered}) without notes: as the text it wrote
   * before, begun in the same state, if it was kept; else anew, keeping the text from its second time on (a container
   * written once, as most are, keeps nothing).
   */
  private void again(JsonNode node, SharingNodeFactory.Rendered kept, int parentIndent, Context context) {
    Object before = kept.rendered();
    Fragment known = before instanceof Fragment f ? f : null;
    if (known != null && known.parentIndent() == parentIndent && known.context() == context
        && known.column() == column && known.whitespace() == whitespace && known.indention() == indention) {
      out.append(known.text());
      column = known.endColumn();
      whitespace = known.endWhitespace();
      indention = known.endIndention();
      return;
    }
    int start = out.length();
    int startColumn = column;
    boolean startWhitespace = whitespace;
    boolean startIndention = indention;
    container(node, 0, 0, 0, parentIndent, context);
    if (before == null) {
      kept.rendered(MET);
    } else if (before == MET) {
      kept.rendered(out.length() - start < WORTH_KEEPING ? Fragment.NONE : new Fragment(parentIndent, context,
          startColumn, startWhitespace, startIndention, out.substring(start), column, whitespace, indention));
    }
  }

  /** Writes {@code node} as {@link #node} does, without looking for a text kept for it. */
  private void container(JsonNode node, int from, int to, int at, int parentIndent, Context context) {
    if (node instanceof ObjectNode obj) {
      if (obj.isEmpty()) {
        writeIndicator("{", true, true, false);
        writeIndicator("}", false, false, false);
        return;
      }
      int indent = parentIndent < 0 ? 0 : parentIndent + INDENT;
      Fields fields = Fields.of(obj);
      for (int i = 0, n = fields.count(); i < n; i++) {
        String name = fields.name(i);
        writeIndent(indent);
        String segment = from == to ? "" : escape(name);
        long below = from == to ? 0 : child(from, to, at, segment);
        key(name);
        writeIndicator(":", false, false, false);
        node(fields.value(i), (int) (below >>> 32), (int) below, at + 1 + segment.length(), indent,
            Context.MAPPING_VALUE);
      }
      return;
    }
    if (node instanceof ArrayNode arr) {
      if (arr.isEmpty()) {
        writeIndicator("[", true, true, false);
        writeIndicator("]", false, false, false);
        return;
      }
      // A list that is a mapping's value is not indented under its key (SnakeYAML: mapping context, no indention).
      boolean indentless = context == Context.MAPPING_VALUE && !indention;
      int indent = parentIndent < 0 ? 0 : indentless ? parentIndent : parentIndent + INDENT;
      for (int i = 0; i < arr.size(); i++) {
        writeIndent(indent);
        String segment = from == to ? "" : i < INDEXES.length ? INDEXES[i] : Integer.toString(i);
        long below = from == to ? 0 : child(from, to, at, segment);
        writeIndicator("-", true, false, true);
        node(arr.get(i), (int) (below >>> 32), (int) below, at + 1 + segment.length(), indent,
            Context.SEQUENCE_ITEM);
      }
      return;
    }
    // A scalar is written at its parent's indent plus one step (what a literal block's lines are indented by).
    scalar(node, parentIndent < 0 ? INDENT : parentIndent + INDENT);
  }

  /** List indexes as pointer segments, for the lists a note lies in (a handful of items each). */
  private static final String[] INDEXES = new String[64];

  static {
    for (int i = 0; i < INDEXES.length; i++) {
      INDEXES[i] = Integer.toString(i);
    }
  }

  /**
   * Among the notes {@code from} to {@code to}, which lie below a value whose pointer is {@code at} characters long,
   * those of its child {@code segment}: the note on the child itself is put on the line being written, and the range
   * of those below the child is answered as (first &lt;&lt; 32 | end), empty as 0 (the child's
   * pointer is then {@code at + 1 + segment.length()} characters long). Those below the child stand together: they start alike and nothing else starts so.
   */
  private long child(int from, int to, int at, String segment) {
    int end = at + 1 + segment.length();
    int first = -1;
    int last = -1;
    for (int k = from; k < to; k++) {
      String p = noted[k];
      if (p.startsWith(segment, at + 1)) {
        if (p.length() == end) {
          if (!placed[k]) {
            placed[k] = true;
            placedCount++;
            pending.add(noteTexts[k]);
          }
        } else if (p.charAt(end) == '/') {
          first = first < 0 ? k : first;
          last = k;
        }
      }
    }
    return first < 0 ? 0 : (long) first << 32 | (last + 1);
  }

  private void scalar(JsonNode node, int indent) {
    if (node instanceof SharingNodeFactory.SharedText shared) {
      Style style = (Style) shared.style();
      if (style == null) {
        style = style(shared.textValue());
        shared.style(style);
      }
      text(shared.textValue(), style, indent);
    } else if (node.isTextual()) {
      text(node.textValue(), indent);
    } else if (node.isBoolean()) {
      plain(node.booleanValue() ? "true" : "false");
    } else if (node.isNull()) {
      plain("null");
    } else if (node.isIntegralNumber()) {
      plain(node.isBigInteger() ? node.bigIntegerValue().toString() : Long.toString(node.longValue()));
    } else if (node.isDouble()) {
      plain(String.valueOf(node.doubleValue()));
    } else if (node.isFloat()) {
      plain(String.valueOf(node.floatValue()));
    } else if (node.isBigDecimal()) {
      plain(node.decimalValue().toString());
    } else {
      throw Unsupported.INSTANCE;
    }
  }

  /** A mapping key: plain unless the quoting checker or the key's characters ask otherwise. */
  private void key(String name) {
    Boolean plain = styles.plainKeys.get(name);
    if (plain == null) {
      plain = plainKey(name);
      styles.plainKeys.put(name, plain);
    }
    if (plain) {
      plain(name);
    } else {
      doubleQuoted(name);
    }
  }

  /** Whether a key is written plain (else double-quoted); the same for every occurrence, so asked once per file. */
  private boolean plainKey(String name) {
    if (name.length() >= 128) {
      // SnakeYAML writes such keys as complex keys ("? ...").
      throw Unsupported.INSTANCE;
    }
    Analysis a = Analysis.of(name, chars(name));
    if (a.multiline || name.isEmpty()) {
      throw Unsupported.INSTANCE;
    }
    if (YamlRenderer.QUOTING.needToQuoteName(name)) {
      return false;
    } else if (a.allowBlockPlain) {
      return true;
    } else if (a.allowSingleQuoted) {
      throw Unsupported.INSTANCE;
    } else {
      return false;
    }
  }

  /**
   * A text value, styled as Jackson asks (literal for several lines, quoted where YAML would misread) and SnakeYAML
   * allows.
   */
  private void text(String s, int indent) {
    Style style = styles.texts.get(s);
    if (style == null) {
      style = style(s);
      styles.texts.put(s, style);
    }
    text(s, style, indent);
  }

  private void text(String s, Style style, int indent) {
    switch (style) {
      case PLAIN -> plain(s);
      case DOUBLE_QUOTED -> doubleQuoted(s);
      case LITERAL -> literal(s, indent);
      default -> throw Unsupported.INSTANCE;
    }
  }

  private Style style(String s) {
    Analysis a = Analysis.of(s, chars(s));
    if (s.indexOf('\n') >= 0) {
      return a.allowBlock ? Style.LITERAL : Style.DOUBLE_QUOTED;
    } else if (YamlRenderer.QUOTING.needToQuoteValue(s)) {
      return Style.DOUBLE_QUOTED;
    } else if (a.allowBlockPlain) {
      return Style.PLAIN;
    } else if (a.allowSingleQuoted) {
      // SnakeYAML's single-quoted style; never met in a generated tree, left to the mapper.
      return Style.UNSUPPORTED;
    } else {
      return Style.DOUBLE_QUOTED;
    }
  }

  private void plain(String s) {
    if (s.isEmpty()) {
      return;
    }
    if (!whitespace) {
      out.append(' ');
      column++;
    }
    whitespace = false;
    indention = false;
    out.append(s);
    column += s.length();
  }

  private void doubleQuoted(String s) {
    writeIndicator("\"", true, false, false);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escaped = switch (c) {
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        default -> null;
      };
      if (escaped != null) {
        out.append(escaped);
        column += escaped.length();
      } else {
        out.append(c);
        column++;
      }
    }
    writeIndicator("\"", false, false, false);
  }

  /** A literal block: {@code |} with SnakeYAML's hints, each line at {@code indent}, empty lines without spaces. */
  private void literal(String s, int indent) {
    String hints = "";
    if (s.charAt(0) == ' ' || s.charAt(0) == '\n') {
      hints = Integer.toString(INDENT);
    }
    char last = s.charAt(s.length() - 1);
    if (last != '\n') {
      hints += "-";
    } else if (s.length() == 1 || s.charAt(s.length() - 2) == '\n') {
      // "+" chomping: SnakeYAML then marks the stream open-ended; left to the mapper.
      throw Unsupported.INSTANCE;
    }
    writeIndicator("|" + hints, true, false, false);
    lineBreak();
    int start = 0;
    int n = s.length();
    while (start < n) {
      int end = s.indexOf('\n', start);
      if (end == start) {
        lineBreak();
        start++;
        continue;
      }
      if (end < 0) {
        end = n;
      }
      writeIndent(indent);
      out.append(s, start, end);
      column += end - start;
      lineBreak();
      start = end + 1;
    }
  }

  private void writeIndicator(String indicator, boolean needWhitespace, boolean whitespaceAfter, boolean indentation) {
    if (!whitespace && needWhitespace) {
      out.append(' ');
      column++;
    }
    whitespace = whitespaceAfter;
    indention = indention && indentation;
    column += indicator.length();
    out.append(indicator);
  }

  private void writeIndent(int indent) {
    if (!indention || column > indent || (column == indent && !whitespace)) {
      lineBreak();
    }
    if (column < indent) {
      whitespace = true;
      for (int i = column; i < indent; i++) {
        out.append(' ');
      }
      column = indent;
    }
  }

  /** Ends the line, with its notes as a trailing comment: {@code value  # note; other note}. */
  private void lineBreak() {
    whitespace = true;
    indention = true;
    column = 0;
    if (!pending.isEmpty()) {
      out.append("  # ");
      for (int i = 0; i < pending.size(); i++) {
        out.append(i == 0 ? "" : "; ").append(pending.get(i));
      }
      pending.clear();
    }
    out.append('\n');
  }

  /** A key as a JSON pointer segment (RFC 6901). */
  private static String escape(String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return key;
    }
    return key.replace("~", "~0").replace("/", "~1");
  }

  /**
   * The characters of {@code s} copied into a buffer kept for the document: the scan then reads an array, where
   * String.charAt per character is a call chain until C2 compiles it, and the longest values (dashboards) run to
   * megabytes.
   */
  private char[] chars(String s) {
    if (chars.length < s.length()) {
      chars = new char[Math.max(s.length(), chars.length * 2)];
    }
    s.getChars(0, s.length(), chars, 0);
    return chars;
  }

  /**
   * What SnakeYAML's analyzeScalar decides for text of the characters this class writes (line feeds, printable ASCII,
   * printable characters of the Basic Multilingual Plane above U+00A0 but the line and paragraph separators); any
   * other character ends the fast path.
   */
  private record Analysis(boolean multiline, boolean allowBlockPlain, boolean allowSingleQuoted, boolean allowBlock) {
    /** {@code s} holds the characters of {@code text} from index 0 (a {@code chars} buffer). */
    static Analysis of(String text, char[] s) {
      int n = text.length();
      if (n == 0) {
        return new Analysis(false, true, true, false);
      }
      boolean blockIndicators = text.startsWith("---") || text.startsWith("...");
      boolean lineBreaks = false;
      boolean leadingSpace = false;
      boolean leadingBreak = false;
      boolean trailingSpace = false;
      boolean trailingBreak = false;
      boolean breakSpace = false;
      boolean spaceBreak = false;
      boolean precededByWhitespace = true;
      boolean followedByWhitespace = n == 1 || blank(s[1]);
      boolean previousSpace = false;
      boolean previousBreak = false;
      for (int i = 0; i < n; i++) {
        char c = s[i];
        if (!(c == '\n' || (c >= 0x20 && c <= 0x7E) || (c >= 0xA1 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
            || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF))) {
          throw Unsupported.INSTANCE;
        }
        if (i == 0) {
          if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
            blockIndicators = true;
          }
          if ((c == '?' || c == ':' || c == '-') && followedByWhitespace) {
            blockIndicators = true;
          }
        } else {
          if (c == ':' && followedByWhitespace) {
            blockIndicators = true;
          }
          if (c == '#' && precededByWhitespace) {
            blockIndicators = true;
          }
        }
        boolean lineBreak = c == '\n';
        if (lineBreak) {
          lineBreaks = true;
        }
        if (c == ' ') {
          if (i == 0) {
            leadingSpace = true;
          }
          if (i == n - 1) {
            trailingSpace = true;
          }
          if (previousBreak) {
            breakSpace = true;
          }
          previousSpace = true;
          previousBreak = false;
        } else if (lineBreak) {
          if (i == 0) {
            leadingBreak = true;
          }
          if (i == n - 1) {
            trailingBreak = true;
          }
          if (previousSpace) {
            spaceBreak = true;
          }
          previousSpace = false;
          previousBreak = true;
        } else {
          previousSpace = false;
          previousBreak = false;
        }
        precededByWhitespace = c == ' ' || c == '\t' || lineBreak;
        // As SnakeYAML: the character after the next one, where only NUL, space and tab count as blank.
        followedByWhitespace = i + 2 >= n || nulBlankTab(s[i + 2]) || lineBreak;
      }
      boolean allowBlockPlain = true;
      boolean allowSingleQuoted = true;
      boolean allowBlock = true;
      if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
        allowBlockPlain = false;
      }
      if (trailingSpace) {
        allowBlock = false;
      }
      if (breakSpace) {
        allowBlockPlain = false;
        allowSingleQuoted = false;
      }
      if (spaceBreak) {
        allowBlockPlain = false;
        allowSingleQuoted = false;
        allowBlock = false;
      }
      if (blockIndicators) {
        allowBlockPlain = false;
      }
      return new Analysis(lineBreaks, allowBlockPlain, allowSingleQuoted, allowBlock);
    }

    private static boolean nulBlankTab(char c) {
      return c == ' ' || c == '\t' || c == '\0';
    }

    /** SnakeYAML's "null, blank, tab or line break". */
    private static boolean blank(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\0' || c == '\r' || c == '\u0085' || c == '\u2028'
          || c == '\u2029';
    }
  }
}
