package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where the log collector ships the fleet's container logs. */
public enum LogSink {
  LOKI,
  ELASTICSEARCH;

  @JsonCreator
  public static LogSink parse(String text) {
    return Names.parseEnum(LogSink.class, "log sink", text);
  }

  @JsonValue
  @Override
  public String toString() {
    return Names.kebab(this);
  }
}
