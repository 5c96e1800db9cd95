package io.agentfleet.generate.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What changes between two trees, object by object, with the flags first; as Markdown or as terminal text. */
public final class TreeChanges {
  /** The first line of the Markdown, so a pull-request comment can be found and updated. */
  public static final String MARKER = "<!-- agentfleet-diff -->";

  private final String baseLabel;
  private final String headLabel;
  private final List<ObjectChange> objects;
  private final List<FileChange> files;
  private final List<Flag> flags;
  private final List<MatrixCell> cells;

  TreeChanges(String baseLabel, String headLabel, List<ObjectChange> objects, List<FileChange> files,
      List<Flag> flags, List<MatrixCell> cells) {
    this.baseLabel = baseLabel;
    this.headLabel = headLabel;
    this.objects = List.copyOf(objects);
    this.files = List.copyOf(files);
    this.flags = List.copyOf(flags);
    this.cells = List.copyOf(cells);
  }

  public List<ObjectChange> objects() {
    return objects;
  }

  public List<FileChange> files() {
    return files;
  }

  public List<Flag> flags() {
    return flags;
  }

  /** The connection-matrix cells that differ (computed when a NetworkPolicy or Namespace changed). */
  public List<MatrixCell> matrixCells() {
    return cells;
  }

  /** True when the trees hold the same objects and the same files. */
  public boolean isEmpty() {
    return objects.isEmpty() && files.isEmpty();
  }

  /** The flags of one category. */
  public List<Flag> flags(Flag.Category category) {
    return flags.stream().filter(f -> f.category() == category).toList();
  }

  /**
   * For a pull-request comment or a job summary: counts, flags, the connection-matrix cells that change, a table of
   * every object and file that changes, then every changed object's fields.
   */
  public String markdown() {
    return markdown(0);
  }

  /**
   * {@link #markdown()} in at most {@code maxBytes} of UTF-8 (none: 0), for places that refuse or drop more (GitHub
   * drops a step's job summary over 1 MiB): the heading and counts, then each line, table row or object's field
   * table whole, in order, while they fit; the first that does not ends it with a line saying how many of each
   * kind were left out. Flags come before the tables, so a large change still shows them first.
   */
  public String markdown(long maxBytes) {
    return markdown(maxBytes, "mvn agentfleet:diff");
  }

  /**
   * {@link #markdown(long)}, naming {@code command} as what prints every change when the Markdown is cut short (the
   * goal or command that made it).
   */
  public String markdown(long maxBytes, String command) {
    Budget md = new Budget(maxBytes, command);
    md.always(MARKER + "\n## agentfleet diff: " + baseLabel + " → " + headLabel + "\n\n");
    if (isEmpty()) {
      md.always("No changes: both trees hold the same objects and files.\n");
      return md.text();
    }
    md.always(counts() + "\n\n");
    if (!flags.isEmpty()) {
      md.add("### Flags (" + flags.size() + ")\n\n", null);
      for (Map.Entry<Flag.Category, List<Flag>> e : byCategory().entrySet()) {
        for (Flag f : e.getValue()) {
          md.add("- **" + e.getKey().title() + "**: " + cell(f.subject()) + ": " + cell(f.text()) + "\n", "flags");
        }
      }
      md.add("\n", null);
    }
    if (!cells.isEmpty()) {
      md.add("### Connection matrix: cells that change\n\n| from | to | before | after |\n|---|---|---|---|\n", null);
      for (MatrixCell c : cells) {
        md.add("| " + c.from() + " | " + c.to() + " | " + MatrixCell.ports(c.before()) + " | "
            + MatrixCell.ports(c.after()) + (c.widens() ? " (wider)" : "") + " |\n", "connection-matrix cells");
      }
      md.add("\n", null);
    }
    md.add("| change | object | file | fields |\n|---|---|---|---|\n", null);
    for (ObjectChange c : objects) {
      md.add("| " + word(c.status()) + " | " + cell(c.key().toString()) + " | " + cell(c.file()) + " | "
          + (c.status() == ObjectChange.Status.CHANGED ? String.valueOf(c.fields().size()) : "") + " |\n",
          "rows of the table of changes");
    }
    for (FileChange f : files) {
      md.add("| " + f.status().name().toLowerCase(java.util.Locale.ROOT) + " | (file) | " + cell(f.path()) + " | "
          + f.lineCount() + " |\n", "rows of the table of changes");
    }
    md.add("\n", null);
    List<ObjectChange> changed = objects.stream().filter(c -> c.status() == ObjectChange.Status.CHANGED).toList();
    if (!changed.isEmpty()) {
      md.add("### Changed objects\n\n", null);
      for (ObjectChange c : changed) {
        StringBuilder section = new StringBuilder("#### ").append(c.key()).append(" (").append(c.file())
            .append(")\n\n| field | before | after |\n|---|---|---|\n");
        for (FieldChange f : c.fields()) {
          section.append("| `").append(code(f.path())).append("` | ").append(value(f.shownBefore())).append(" | ")
              .append(value(f.shownAfter())).append(" |\n");
        }
        md.add(section.append('\n').toString(), "changed objects' field tables");
      }
    }
    return md.text();
  }

  /** Markdown within a size: whole pieces while they fit, then what was left out, by kind, in the order met. */
  private static final class Budget {
    /** Room kept for the closing line. */
    private static final int CLOSING = 400;
    private final StringBuilder text = new StringBuilder();
    private final long max;
    private long bytes;
    private boolean full;
    private final Map<String, Integer> leftOut = new java.util.LinkedHashMap<>();
    private final String command;

    Budget(long maxBytes, String command) {
      this.max = maxBytes > 0 ? maxBytes : Long.MAX_VALUE;
      this.command = command;
    }

    void always(String piece) {
      text.append(piece);
      bytes += utf8(piece);
    }

    /** Adds {@code piece} if it fits; else counts it under {@code kind} (null: a heading or spacing, not counted). */
    void add(String piece, String kind) {
      long size = utf8(piece);
      if (!full && bytes + size + CLOSING > max) {
        full = true;
      }
      if (full) {
        if (kind != null) {
          leftOut.merge(kind, 1, Integer::sum);
        }
        return;
      }
      text.append(piece);
      bytes += size;
    }

    String text() {
      if (leftOut.isEmpty()) {
        return text.toString();
      }
      List<String> counts = new ArrayList<>();
      leftOut.forEach((kind, n) -> counts.add(n + " " + kind));
      return text.append("\n_Left out to stay within ").append(max).append(" bytes: ")
          .append(String.join(", ", counts)).append(". `").append(command)
          .append("` prints every change._\n").toString();
    }

    private static long utf8(String s) {
      long n = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 4 : Character.isLowSurrogate(c) ? 0 : 3;
      }
      return n;
    }
  }

  /** For the terminal: the same content as plain lines. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("agentfleet diff: " + baseLabel + " → " + headLabel);
    if (isEmpty()) {
      out.add("No changes: both trees hold the same objects and files.");
      return out;
    }
    out.add(counts());
    if (!flags.isEmpty()) {
      out.add("Flags (" + flags.size() + "):");
      flags.forEach(f -> out.add("  ! " + f.category().title() + ": " + f.subject() + ": " + f.text()));
    }
    for (MatrixCell c : cells) {
      out.add("  connection " + c.from() + " → " + c.to() + ": " + MatrixCell.ports(c.before()) + " → "
          + MatrixCell.ports(c.after()));
    }
    for (ObjectChange c : objects) {
      String sign = switch (c.status()) {
        case ADDED -> "+";
        case REMOVED -> "-";
        case CHANGED -> "~";
      };
      out.add("  " + sign + " " + c.key() + " (" + c.file() + ")");
      c.fields().forEach(f -> out.add("      " + f));
    }
    for (FileChange f : files) {
      out.add("  " + f.status().name().toLowerCase(java.util.Locale.ROOT) + " file " + f.path() + " ("
          + f.lineCount() + ")");
    }
    return out;
  }

  private String counts() {
    long added = objects.stream().filter(c -> c.status() == ObjectChange.Status.ADDED).count();
    long removed = objects.stream().filter(c -> c.status() == ObjectChange.Status.REMOVED).count();
    long changed = objects.size() - added - removed;
    return "Objects: " + added + " added, " + removed + " removed, " + changed + " changed; files: "
        + files.size() + " changed; flags: " + flags.size() + ".";
  }

  private Map<Flag.Category, List<Flag>> byCategory() {
    Map<Flag.Category, List<Flag>> out = new TreeMap<>();
    flags.forEach(f -> out.computeIfAbsent(f.category(), k -> new ArrayList<>()).add(f));
    return out;
  }

  private static String word(ObjectChange.Status s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String code(String s) {
    return cell(s).replace("`", "'");
  }

  private static String value(String s) {
    return s.equals(FieldChange.ABSENT) ? "_absent_" : "`" + code(s) + "`";
  }
}
