package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Scheduling priority of a workload; each one used becomes a PriorityClass. The values leave room below the
 * system classes (2,000,000,000 and up) and above the default 0, with wide gaps so a cluster's own classes fit
 * between them.
 */
public enum Priority {
  LOW(1_000),
  MEDIUM(10_000),
  HIGH(100_000);

  private final int value;

  Priority(int value) {
    this.value = value;
  }

  /** The PriorityClass value. */
  public int value() {
    return value;
  }

  @JsonCreator
  public static Priority parse(String text) {
    return Names.parseEnum(Priority.class, "priority", text);
  }

  @JsonValue
  @Override
  public String toString() {
    return Names.kebab(this);
  }
}
