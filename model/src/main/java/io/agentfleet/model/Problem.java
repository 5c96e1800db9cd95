package io.agentfleet.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a fleet description: the field path as the user wrote it, the rule it breaks, and, when the
 * fleet was read from a file, where the value is (or its parent, when the value is missing).
 */
public record Problem(String path, String message, Optional<Location> location) implements Comparable<Problem> {

  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
  }

  /** A problem of a fleet that was not read from a file (the Java builder). */
  public Problem(String path, String message) {
    this(path, message, Optional.empty());
  }

  /** The same problem, placed at {@code where}. */
  public Problem at(Location where) {
    return new Problem(path, message, Optional.of(where));
  }

  @Override
  public int compareTo(Problem other) {
    int byPath = path.compareTo(other.path);
    return byPath != 0 ? byPath : message.compareTo(other.message);
  }

  /** {@code fleet.yaml:12:14: subAgents[s5].replicas: minimum 7 is above maximum 6}; parts that are absent are left out. */
  @Override
  public String toString() {
    String where = location.map(l -> l + ": ").orElse("");
    return where + (path.isEmpty() ? message : path + ": " + message);
  }
}
