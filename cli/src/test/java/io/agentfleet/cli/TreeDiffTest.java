package io.agentfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.TreeReport;
import io.agentfleet.generate.spi.RenderedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDiffTest {
  @TempDir Path dir;

  @Test
  void firstDifference_whenALineChanged_namesItsNumberAndBothLines() {
    assertThat(TreeDiff.firstDifference("sub-agents/s1.yaml", "a: 1\nmaxReplicas: 8\nz: 2\n", "a: 1\nmaxReplicas: 6\nz: 2\n"))
        .containsExactly(
            "  ~ sub-agents/s1.yaml: line 2 differs",
            "      expected: maxReplicas: 8",
            "      actual:   maxReplicas: 6");
  }

  @Test
  void firstDifference_whenTheFileOnDiskIsShorter_showsEndOfFile() {
    assertThat(TreeDiff.firstDifference("f.yaml", "a\nb\n", "a\n"))
        .containsExactly("  ~ f.yaml: line 2 differs", "      expected: b", "      actual:   <end of file>");
  }

  @Test
  void firstDifference_whenTheFileOnDiskHasCrlf_saysSoAndShowsTheCarriageReturn() {
    assertThat(TreeDiff.firstDifference("f.yaml", "a: 1\n", "a: 1\r\n"))
        .containsExactly(
            "  ~ f.yaml: line 1 differs (line ends differ: the file has CRLF, generated files use LF; check git's core.autocrlf)",
            "      expected: a: 1",
            "      actual:   a: 1\\r");
  }

  @Test
  void firstDifference_whenOnlyTheFinalNewlineIsMissing_pointsPastTheLastLine() {
    assertThat(TreeDiff.firstDifference("f.yaml", "a\n", "a"))
        .containsExactly("  ~ f.yaml: line 2 differs", "      expected: <end of file>", "      actual:   <end of file>");
  }

  @Test
  void lines_whenFilesWereAddedChangedAndRemoved_listsEachWithTheCountLineFirst() throws IOException {
    Files.writeString(dir.resolve("changed.yaml"), "kind: Namespace\nname: old\n");
    TreeMap<String, String> files = new TreeMap<>();
    files.put("added.yaml", "kind: ConfigMap\n");
    files.put("changed.yaml", "kind: Namespace\nname: new\n");
    TreeReport report = new TreeReport(List.of("added.yaml"), List.of("changed.yaml", ".agentfleet-tree"),
        List.of("gone.yaml"), List.of());

    assertThat(TreeDiff.lines(report, new RenderedTree(files), dir)).containsExactly(
        "1 added, 2 changed, 1 removed, 0 unchanged",
        "  + added.yaml (missing, would be added)",
        "  ~ changed.yaml: line 2 differs",
        "      expected: name: new",
        "      actual:   name: old",
        "  ~ .agentfleet-tree (changed)",
        "  - gone.yaml (no longer generated, would be removed)");
  }
}
