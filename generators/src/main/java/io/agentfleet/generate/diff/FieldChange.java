package io.agentfleet.generate.diff;

import java.util.Optional;

/** One field of an object that differs: its path ({@code spec.maxReplicas}) and the value before and after. */
public record FieldChange(String path, Optional<String> before, Optional<String> after) {
  static final String ABSENT = "(absent)";

  /** The old value as shown, or {@value #ABSENT}. */
  public String shownBefore() {
    return before.orElse(ABSENT);
  }

  /** The new value as shown, or {@value #ABSENT}. */
  public String shownAfter() {
    return after.orElse(ABSENT);
  }

  /** {@code spec.maxReplicas: 6 → 8}. */
  @Override
  public String toString() {
    return path + ": " + shownBefore() + " → " + shownAfter();
  }
}
