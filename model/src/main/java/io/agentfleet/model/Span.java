package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A length of time written as Kubernetes and Prometheus write it: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 14d}. */
public final class Span implements Comparable<Span> {
  private static final Pattern FORMAT = Pattern.compile("^(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?$");
  private final Duration duration;
  private final String text;
  private final String error;

  private Span(Duration duration, String text, String error) {
    this.duration = duration;
    this.text = text;
    this.error = error;
  }

  @JsonCreator
  public static Span parse(String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = FORMAT.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      return new Span(Duration.ZERO, t, "'" + t + "' is not a duration (examples: 30s, 5m, 1h30m, 14d)");
    }
    try {
      Duration d = Duration.ZERO;
      if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
      if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
      if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
      if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
      return new Span(d, t, null);
    } catch (NumberFormatException | ArithmeticException tooLong) {
      return new Span(Duration.ZERO, t, "'" + t + "' is too long a duration");
    }
  }

  public static Span ofSeconds(long seconds) {
    return parse(seconds + "s");
  }

  public Duration duration() {
    return duration;
  }

  public long seconds() {
    return duration.getSeconds();
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
    return text;
  }

  @Override
  public int compareTo(Span o) {
    return duration.compareTo(o.duration);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Span s && s.duration.equals(duration) && java.util.Objects.equals(s.error, error);
  }

  @Override
  public int hashCode() {
    return duration.hashCode();
  }
}
