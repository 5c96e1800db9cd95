package io.agentfleet.generate.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords or label names. */
public final class PromQlNames {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern NAME = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "and", "or", "unless", "bool", "offset", "inf", "nan", "Inf", "NaN");

  private PromQlNames() {}

  public static Set<String> of(String expr) {
    String e = STRING.matcher(expr).replaceAll("\"\"");
    e = MATCHERS.matcher(e).replaceAll(" ");
    e = RANGE.matcher(e).replaceAll(" ");
    e = GROUPING.matcher(e).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(e);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
