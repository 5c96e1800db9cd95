package io.agentfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every committed tree's README draws diagrams GitHub can render: each {@code ```mermaid} block of
 * {@code generated/<profile>/README.md} goes through Mermaid's own parser ({@code tools/mermaid-check}, pinned by
 * its package-lock.json). Without Node or the installed package the tests skip with a loud message, except under
 * {@code agentfleet.requireTools=true} (CI), where they fail.
 */
class MermaidDiagramsTest {
  private static final Path CHECKER = BookingAgentsTreeTest.root().resolve("tools/mermaid-check");
  private static final Pattern BLOCK = Pattern.compile("^```mermaid\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

  record Run(int exitCode, String output) {}

  @Test
  void everyCommittedReadme_parsesWithMermaid() throws IOException, InterruptedException {
    List<Path> readmes;
    try (Stream<Path> trees = Files.list(BookingAgentsTreeTest.root().resolve("generated"))) {
      readmes = trees.map(t -> t.resolve("README.md")).filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(readmes).as("committed trees under generated/").isNotEmpty();
    int blocks = 0;
    for (Path readme : readmes) {
      int n = blocks(Files.readString(readme)).size();
      assertThat(n).as(readme + " draws the fleet and its sync order").isGreaterThanOrEqualTo(2);
      blocks += n;
    }

    Run run = check(readmes.stream().map(Path::toString).toArray(String[]::new));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains(blocks + " diagram(s), 0 failed");
  }

  @Test
  void brokenDiagram_isRejectedByTheChecker(@TempDir Path dir) throws IOException, InterruptedException {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "# tree\n\n```mermaid\nflowchart LR\n  g1[\"fine\"] --> g2\n```\n\n"
        + "```mermaid\nflowchart LR\n  end --> g1\n```\n\n```mermaid\nflowchart LR\n  g1[\"unclosed --> g2\n```\n");

    Run run = check(readme.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("ok   " + readme + ":4:").contains("FAIL " + readme + ":9:")
        .contains("FAIL " + readme + ":14:").contains("3 diagram(s), 2 failed");
  }

  private static List<String> blocks(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(markdown);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Run check(String... files) throws IOException, InterruptedException {
    Path node = node();
    if (!Files.isRegularFile(CHECKER.resolve("node_modules/mermaid/package.json"))) {
      missing("the Mermaid parser is not installed (run `npm ci --prefix tools/mermaid-check`; .ci/run does)");
    }
    List<String> cmd = new ArrayList<>(List.of(node.toString(), "check.mjs"));
    cmd.addAll(List.of(files));
    Process p = new ProcessBuilder(cmd).directory(CHECKER.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      Assertions.fail("the Mermaid check did not finish in 120 s");
    }
    return new Run(p.exitValue(), out);
  }

  private static Path node() {
    String path = System.getenv().getOrDefault("PATH", "") + java.io.File.pathSeparator + "/usr/bin";
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) {
        return Path.of(dir, "node");
      }
    }
    missing("node is not installed (Debian package nodejs; .ci/run installs it)");
    throw new IllegalStateException("unreachable");
  }

  private static void missing(String why) {
    if (Boolean.getBoolean("agentfleet.requireTools")) {
      Assertions.fail("REQUIRED TOOL MISSING: " + why + " (agentfleet.requireTools=true)");
    }
    System.err.println("*** SKIPPED: " + why + " ***");
    Assumptions.abort(why);
  }
}
