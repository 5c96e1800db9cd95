package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Negative tests: every file under {@code src/test/resources/invalid/} is a fleet that must be refused. Its first
 * lines, {@code # expect: <fleet.yaml:line:column: path: message>}, are the exact problem lines
 * ({@link Problem#toString()}) the user must
 * see, all of them and no others, so each file proves both that every problem is reported in one pass and that
 * nothing spurious is. In an expected line {@code \n} stands for a line break and {@code \\} for a backslash.
 *
 * <p>A file with a {@code # bug: …} line describes the intended behaviour of a known fault in the main sources; it
 * runs only in the disabled {@link #fleet_whenKnownBugIsFixed_reportsExactlyTheIntendedProblems} test.
 */
class InvalidFleetCorpusTest {
  private static final String EXPECT = "# expect: ";
  private static final String BUG = "# bug: ";
  /** The name the corpus files are read under, so that expected lines read as a user sees them. */
  static final String SOURCE = "fleet.yaml";

  /** One corpus file: what it must report, and the bug that keeps it from passing today, if any. */
  record Case(String name, Path file, List<String> expected, Optional<String> bug) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return corpus().stream().filter(c -> c.bug().isEmpty());
  }

  static Stream<Case> knownBugs() {
    return corpus().stream().filter(c -> c.bug().isPresent());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fleet_whenInvalid_reportsExactlyTheExpectedProblems(Case c) {
    assertReportsExactly(c);
  }

  @Test
  void corpus_whenListed_holdsAtLeast34PassingFilesEachOpeningWithAnExpectLine() throws IOException {
    List<Case> all = corpus();
    assertThat(all.stream().filter(c -> c.bug().isEmpty())).hasSizeGreaterThanOrEqualTo(34);
    for (Case c : all) {
      assertThat(c.name()).as("file name").matches("[0-9]{2}-[a-z0-9-]+\\.yaml");
      assertThat(Files.readAllLines(c.file(), StandardCharsets.UTF_8).get(0)).as(c.name()).startsWith(EXPECT);
      assertThat(c.expected()).as(c.name()).isNotEmpty().doesNotHaveDuplicates();
    }
  }

  @Test
  void corpus_whenListed_usesEveryNumberOnce() {
    assertThat(corpus().stream().map(c -> c.name().substring(0, 2))).doesNotHaveDuplicates();
  }

  private static void assertReportsExactly(Case c) {
    assertThatThrownBy(() -> FleetResolver.resolve(FleetYaml.read(c.file(), SOURCE)))
        .as("%s must be refused", c.name())
        .isInstanceOfSatisfying(FleetValidationException.class, e -> {
          assertThat(e.lines()).as("problem lines of %s", c.name()).containsExactlyInAnyOrderElementsOf(c.expected());
          int n = c.expected().size();
          assertThat(e.getMessage()).as("summary of %s", c.name())
              .contains("(" + n + (n == 1 ? " problem):" : " problems):"));
        });
  }

  private static List<Case> corpus() {
    Path dir = corpusDir();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().map(InvalidFleetCorpusTest::load)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path corpusDir() {
    URL url = InvalidFleetCorpusTest.class.getResource("/invalid");
    assertThat(url).as("test resource folder 'invalid'").isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Case load(Path file) {
    List<String> expected = new ArrayList<>();
    String bug = null;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(EXPECT)) {
          expected.add(unescape(line.substring(EXPECT.length())));
        } else if (line.startsWith(BUG)) {
          bug = line.substring(BUG.length());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Case(file.getFileName().toString(), file, List.copyOf(expected), Optional.ofNullable(bug));
  }

  /** {@code \n} is a line break and {@code \\} a backslash; anything else stands for itself. */
  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == '\\')) {
        sb.append(s.charAt(++i) == 'n' ? '\n' : '\\');
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
