package io.agentfleet.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a problem line must never hold: a library's or Java's own wording (class names, exception names, Jackson's
 * "Json ... mapping here", parser token names, source excerpts, stack frames). A user reads these lines; they speak
 * of fleet.yaml only.
 */
final class UserWords {
  private static final List<Pattern> INTERNAL = List.of(
      Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]"),
      Pattern.compile("Exception"),
      Pattern.compile("Json"),
      Pattern.compile("mapping here"),
      Pattern.compile("StreamReadConstraints"),
      Pattern.compile("START_OBJECT"),
      Pattern.compile("at \\[Source"),
      Pattern.compile("\tat "));

  private UserWords() {}

  /**
   * The first internal pattern found in a problem, if any. The field path and what is quoted from the file
   * ({@code 'LOG.level.X'}) are the user's own text, so they are left out of the search.
   */
  static Optional<String> internalText(Problem problem) {
    String words = problem.message().replaceAll("'[^'\\n]*'", "''");
    String line = problem.location().map(l -> l + ": ").orElse("") + words;
    return INTERNAL.stream().filter(p -> p.matcher(line).find()).map(Pattern::pattern).findFirst();
  }
}
