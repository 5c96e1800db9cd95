package io.agentfleet.model;

import java.util.Objects;

/** Where a value is written: the file as the user named it, and the 1-based line and column of the value. */
public record Location(String file, int line, int column) {

  public Location {
    Objects.requireNonNull(file, "file");
  }

  /** {@code fleet.yaml:12:14}, as compilers print places. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
