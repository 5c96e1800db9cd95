package io.agentfleet.cli;

import io.agentfleet.generate.TreeReport;
import io.agentfleet.generate.spi.RenderedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A per-file summary of a stale tree for the build log or the terminal: what was added, removed, and where each
 * change starts.
 */
final class TreeDiff {
  private TreeDiff() {}

  /** The count line, then one line per added, changed or removed file; changed files show their first different line. */
  static List<String> lines(TreeReport report, RenderedTree expected, Path dir) {
    List<String> out = new ArrayList<>();
    out.add(report.lines().get(0));
    report.added().forEach(p -> out.add("  + " + p + " (missing, would be added)"));
    for (String path : report.changed()) {
      String want = expected.files().get(path);
      Optional<String> have = read(dir.resolve(path));
      if (want == null || have.isEmpty()) {
        out.add("  ~ " + path + " (changed)");
      } else {
        out.addAll(firstDifference(path, want, have.get()));
      }
    }
    report.removed().forEach(p -> out.add("  - " + p + " (no longer generated, would be removed)"));
    return out;
  }

  /** Describes where two texts first differ: the 1-based line number, the expected line and the actual one. */
  static List<String> firstDifference(String path, String expected, String actual) {
    String[] want = expected.split("\n", -1);
    String[] have = actual.split("\n", -1);
    int n = Math.min(want.length, have.length);
    int line = 0;
    while (line < n && want[line].equals(have[line])) {
      line++;
    }
    if (line == n && want.length == have.length) {
      return List.of("  ~ " + path + " (changed)");
    }
    List<String> out = new ArrayList<>();
    String note = line < n && want[line].equals(have[line].replaceFirst("\r$", ""))
        ? " (line ends differ: the file has CRLF, generated files use LF; check git's core.autocrlf)" : "";
    out.add("  ~ " + path + ": line " + (line + 1) + " differs" + note);
    out.add("      expected: " + show(want, line));
    out.add("      actual:   " + show(have, line));
    return out;
  }

  /** Line {@code i} as printed: control characters visible, the empty remainder after a final LF as end of file. */
  private static String show(String[] lines, int i) {
    if (i >= lines.length || i == lines.length - 1 && lines[i].isEmpty()) {
      return "<end of file>";
    }
    return lines[i].replace("\r", "\\r").replace("\t", "\\t");
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
