package io.agentfleet.model;

import java.util.Objects;

/** One problem found in a fleet description: the field path as the user wrote it, and the rule it breaks. */
public record Problem(String path, String message) implements Comparable<Problem> {

  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public int compareTo(Problem other) {
    int byPath = path.compareTo(other.path);
    return byPath != 0 ? byPath : message.compareTo(other.message);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
