package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A whole percentage such as a utilisation target, written {@code 70%} or {@code 70}. Malformed text is kept as invalid. */
public final class Percent {
  private static final Pattern FORMAT = Pattern.compile("^([0-9]{1,4})\\s*%?$");
  private final int value;
  private final String error;

  private Percent(int value, String error) {
    this.value = value;
    this.error = error;
  }

  public static Percent of(int value) {
    return new Percent(value, null);
  }

  @JsonCreator
  public static Percent parse(String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = FORMAT.matcher(t);
    if (!m.matches()) {
      return new Percent(0, "'" + t + "' is not a percentage (write it as 70% or 70)");
    }
    return new Percent(Integer.parseInt(m.group(1)), null);
  }

  @JsonCreator
  public static Percent parse(int value) {
    return of(value);
  }

  public int value() {
    return value;
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
    return value + "%";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Percent p && p.value == value && java.util.Objects.equals(p.error, error);
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(value);
  }
}
