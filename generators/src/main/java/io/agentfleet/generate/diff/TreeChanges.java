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

  /** For a pull-request comment or a job summary: counts, flags, then every object's changed fields. */
  public String markdown() {
    StringBuilder md = new StringBuilder(MARKER).append('\n');
    md.append("## agentfleet diff: ").append(baseLabel).append(" → ").append(headLabel).append("\n\n");
    if (isEmpty()) {
      return md.append("No changes: both trees hold the same objects and files.\n").toString();
    }
    md.append(counts()).append("\n\n");
    md.append("| change | object | file | fields |\n|---|---|---|---|\n");
    for (ObjectChange c : objects) {
      md.append("| ").append(word(c.status())).append(" | ").append(cell(c.key().toString())).append(" | ")
          .append(cell(c.file())).append(" | ").append(c.status() == ObjectChange.Status.CHANGED
              ? String.valueOf(c.fields().size()) : "").append(" |\n");
    }
    for (FileChange f : files) {
      md.append("| ").append(f.status().name().toLowerCase(java.util.Locale.ROOT)).append(" | (file) | ")
          .append(cell(f.path())).append(" | ").append(f.lineCount()).append(" |\n");
    }
    md.append('\n');
    if (!flags.isEmpty()) {
      md.append("### Flags (").append(flags.size()).append(")\n\n");
      for (Map.Entry<Flag.Category, List<Flag>> e : byCategory().entrySet()) {
        for (Flag f : e.getValue()) {
          md.append("- **").append(e.getKey().title()).append("**: ").append(cell(f.subject())).append(": ")
              .append(cell(f.text())).append('\n');
        }
      }
      md.append('\n');
    }
    if (!cells.isEmpty()) {
      md.append("### Connection matrix: cells that change\n\n| from | to | before | after |\n|---|---|---|---|\n");
      for (MatrixCell c : cells) {
        md.append("| ").append(c.from()).append(" | ").append(c.to()).append(" | ")
            .append(MatrixCell.ports(c.before())).append(" | ").append(MatrixCell.ports(c.after()))
            .append(c.widens() ? " (wider)" : "").append(" |\n");
      }
      md.append('\n');
    }
    List<ObjectChange> changed = objects.stream().filter(c -> c.status() == ObjectChange.Status.CHANGED).toList();
    if (!changed.isEmpty()) {
      md.append("### Changed objects\n\n");
      for (ObjectChange c : changed) {
        md.append("#### ").append(c.key()).append(" (").append(c.file()).append(")\n\n")
            .append("| field | before | after |\n|---|---|---|\n");
        for (FieldChange f : c.fields()) {
          md.append("| `").append(code(f.path())).append("` | ").append(value(f.shownBefore())).append(" | ")
              .append(value(f.shownAfter())).append(" |\n");
        }
        md.append('\n');
      }
    }
    return md.toString();
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
