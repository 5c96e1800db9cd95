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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Negative tests: every file under {@code src/test/resources/invalid/} (top level: the model's rules; each sub-folder:
 * one class of mistake, with at least three cases) is a fleet that must be refused. Its first
 * lines, {@code # expect: <fleet.yaml:line:column: path: message>}, are the exact problem lines
 * ({@link Problem#toString()}) the user must
 * see, all of them and no others, so each file proves both that every problem is reported in one pass and that
 * nothing spurious is. In an expected line {@code \n} stands for a line break and {@code \\} for a backslash.
 */
class InvalidFleetCorpusTest {
  private static final String EXPECT = "# expect: ";
  /** The corpus only grows: a mistake class found once is kept as a case. */
  private static final int MINIMUM_CASES = 300;
  /** The name the corpus files are read under, so that expected lines read as a user sees them. */
  static final String SOURCE = "fleet.yaml";

  /** One corpus file: its name under the corpus folder, and what it must report. */
  record Case(String name, Path file, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }

    /** The class of mistake: the sub-folder the file sits in, or {@code rules} for the top level. */
    String mistakeClass() {
      int slash = name.indexOf('/');
      return slash < 0 ? "rules" : name.substring(0, slash);
    }

    String fileName() {
      return file.getFileName().toString();
    }
  }

  static Stream<Case> cases() {
    return corpus().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fleet_whenInvalid_reportsExactlyTheExpectedProblems(Case c) {
    assertReportsExactly(c);
  }

  @Test
  void corpus_whenListed_holdsTheMinimumFilesEachOpeningWithAnExpectLine() throws IOException {
    List<Case> all = corpus();
    assertThat(all).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
    for (Case c : all) {
      assertThat(c.fileName()).as("file name").matches("[0-9]{2,3}-[a-z0-9-]+\\.yaml");
      assertThat(headerLines(c.file()).get(0)).as(c.name()).startsWith(EXPECT);
      assertThat(c.expected()).as(c.name()).isNotEmpty().doesNotHaveDuplicates();
    }
  }

  @Test
  void corpus_whenRead_saysEveryProblemInTheFleetsWordsNeverALibrarysOrJavas() {
    StringBuilder leaks = new StringBuilder();
    for (Case c : corpus()) {
      try {
        FleetResolver.resolve(FleetYaml.read(c.file(), SOURCE));
      } catch (FleetValidationException e) {
        e.problems().forEach(p -> UserWords.internalText(p).ifPresent(
            pattern -> leaks.append(c.name()).append(": ").append(p).append(" (").append(pattern).append(")\n")));
      }
    }
    assertThat(leaks.toString()).isEmpty();
  }

  @Test
  void corpus_whenListed_usesEveryNumberOnceInEachFolder() {
    Map<String, List<Case>> byClass = corpus().stream().collect(Collectors.groupingBy(Case::mistakeClass));
    byClass.forEach((cls, cases) -> assertThat(cases.stream().map(c -> c.fileName().substring(0, c.fileName().indexOf('-'))))
        .as("numbers in %s", cls).doesNotHaveDuplicates());
  }

  @Test
  void corpus_whenGroupedByClassOfMistake_holdsAtLeastThreeCasesPerClass() {
    Map<String, Long> counts = corpus().stream()
        .collect(Collectors.groupingBy(Case::mistakeClass, TreeMap::new, Collectors.counting()));
    counts.forEach((cls, n) -> assertThat(n).as("cases of class %s", cls).isGreaterThanOrEqualTo(3));
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
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted()
          .map(f -> load(f, dir.relativize(f).toString().replace('\\', '/'))).toList();
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

  private static Case load(Path file, String name) {
    List<String> expected = new ArrayList<>();
    for (String line : headerLines(file)) {
      if (line.startsWith(EXPECT)) {
        expected.add(unescape(line.substring(EXPECT.length())));
      }
    }
    return new Case(name, file, List.copyOf(expected));
  }

  /**
   * The leading comment lines of a corpus file, each decoded as UTF-8 on its own: the cases about encodings and
   * control characters hold bytes that are not UTF-8 text or not printable further down, so the file as a whole is
   * never decoded here. Header lines come first.
   */
  static List<String> headerLines(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < bytes.length && bytes[start] == '#') {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8).stripTrailing());
      start = end + 1;
    }
    return lines.isEmpty() ? List.of("") : lines;
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
