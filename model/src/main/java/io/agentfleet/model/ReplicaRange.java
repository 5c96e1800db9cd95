package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many replicas a workload may run: {@code 1..8} lets an autoscaler choose between the bounds, a single
 * number {@code 3} fixes the count. Bounds are checked by the fleet validator, not here, so that every problem
 * of a fleet is reported together.
 */
public final class ReplicaRange {
  private static final Pattern FORMAT = Pattern.compile("^(-?[0-9]+)\\s*(?:\\.\\.\\s*(-?[0-9]+))?$");
  private final int min;
  private final int max;
  private final String error;
  private final String text;

  private ReplicaRange(int min, int max, String error) {
    this(min, max, error, null);
  }

  private ReplicaRange(int min, int max, String error, String text) {
    this.min = min;
    this.max = max;
    this.error = error;
    this.text = text;
  }

  public static ReplicaRange between(int min, int max) {
    return new ReplicaRange(min, max, null);
  }

  public static ReplicaRange exactly(int count) {
    return new ReplicaRange(count, count, null);
  }

  @JsonCreator
  public static ReplicaRange parse(String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = FORMAT.matcher(t);
    if (!m.matches()) {
      return new ReplicaRange(0, 0, "'" + t + "' is not a replica count or range (write 3 or 1..8)", t);
    }
    try {
      int min = Integer.parseInt(m.group(1));
      int max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
      return new ReplicaRange(min, max, null);
    } catch (NumberFormatException tooLarge) {
      return new ReplicaRange(0, 0, "'" + t + "' is not a replica count or range (write 3 or 1..8)", t);
    }
  }

  @JsonCreator
  public static ReplicaRange parse(int count) {
    return exactly(count);
  }

  /** A fraction is no replica count: kept as invalid so that the validator reports it in the user's words. */
  @JsonCreator
  public static ReplicaRange parse(double count) {
    return parse(BigDecimal.valueOf(count).stripTrailingZeros().toPlainString());
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  /** True when an autoscaler chooses the count, false when it is fixed. */
  public boolean isScaled() {
    return max > min;
  }

  public boolean isValid() {
    return error == null;
  }

  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  @JsonValue
  @Override
  public String toString() {
    if (error != null) {
      return text;
    }
    return isScaled() ? min + ".." + max : Integer.toString(min);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplicaRange r && r.min == min && r.max == max && java.util.Objects.equals(r.error, error);
  }

  @Override
  public int hashCode() {
    return 31 * min + max;
  }
}
