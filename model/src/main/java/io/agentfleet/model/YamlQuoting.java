package io.agentfleet.model;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Which texts Jackson's YAML writer quotes: exactly the strings a YAML 1.1 or 1.2 reader would misread, and nothing
 * else ({@code "on"}, {@code "1.0"}, {@code "0755"}, {@code ".inf"}, {@code "0x1F"}, {@code "*"}, a leading or
 * trailing space). The generated tree and a fleet file written by {@link FleetYaml#write} quote alike, so kubectl,
 * yq or a Python script read every text as text.
 */
public final class YamlQuoting extends StringQuotingChecker {
  private static final long serialVersionUID = 1L;

  /** Strings a YAML 1.1 or 1.2 reader would take for something else (booleans, nulls, numbers in any base). */
  private static final Pattern AMBIGUOUS = Pattern.compile(
      "(?i)^(y|n|yes|no|true|false|on|off|null|~)$"
          + "|^[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"
          + "|^[-+]?0[xob][0-9a-f_]+$"
          + "|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?$"
          + "|^[-+]?\\.(inf|nan)$"
          + "|^$"
          // A leading YAML indicator character would start an alias, tag, block or flow collection.
          + "|^[-?:,\\[\\]{}#&*!|>'\"%@`].*"
          + "|^\\s.*|.*\\s$");

  @Override
  public boolean needToQuoteName(String name) {
    return ambiguous(name) || isReservedKeyword(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return ambiguous(value) || isReservedKeyword(value) || valueHasQuotableChar(value);
  }

  /**
   * Whether {@link #AMBIGUOUS} matches, without running it for the common case it never matches: a word of more
   * than five characters (longer than every keyword) that starts with an ASCII letter (no number, indicator or
   * space) and ends with no whitespace. Most keys and values of a tree are such words.
   */
  private static boolean ambiguous(String s) {
    int n = s.length();
    if (n > 5) {
      char first = s.charAt(0);
      char last = s.charAt(n - 1);
      boolean letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
      boolean space = last == ' ' || last == '\t' || last == '\n' || last == '\u000B' || last == '\f' || last == '\r';
      if (letter && !space) {
        return false;
      }
    }
    return AMBIGUOUS.matcher(s).matches();
  }
}
