package io.agentfleet.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Word helpers for messages: kebab-case names of enum constants and "did you mean" suggestions. */
public final class Names {
  private Names() {}

  /** {@code SENIOR_DEVELOPER} → {@code senior-developer}. */
  public static String kebab(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The enum constant spelt {@code text} in kebab-case (case-insensitive), or an error listing the choices. */
  public static <E extends Enum<E>> E parseEnum(Class<E> type, String what, String text) {
    String t = text == null ? "" : text.trim();
    for (E constant : type.getEnumConstants()) {
      if (kebab(constant).equalsIgnoreCase(t) || constant.name().equalsIgnoreCase(t)) {
        return constant;
      }
    }
    java.util.List<String> choices =
        java.util.Arrays.stream(type.getEnumConstants()).map(Names::kebab).toList();
    String hint = closest(t, choices).map(s -> "; did you mean '" + s + "'?").orElse("");
    throw new IllegalArgumentException(
        "'" + t + "' is not a known " + what + " (one of " + String.join(", ", choices) + ")" + hint);
  }

  /** The candidate closest to {@code word} by edit distance, if it is close enough to be a likely typo. */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String w = word.toLowerCase(Locale.ROOT);
    Optional<String> extended = candidates.stream().sorted()
        .filter(c -> w.length() >= 3 && c.toLowerCase(Locale.ROOT).startsWith(w)).findFirst();
    if (extended.isPresent()) {
      return extended;
    }
    return candidates.stream()
        .sorted()
        .min(Comparator.comparingInt((String c) -> distance(w, c.toLowerCase(Locale.ROOT))))
        .filter(c -> distance(w, c.toLowerCase(Locale.ROOT)) <= Math.max(2, c.length() / 3));
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
