package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the fleet's PostgreSQL cluster is run. */
public enum DatabaseMode {
  /** A CloudNativePG {@code Cluster}: the operator does replication, failover and backups (recommended). */
  CLOUDNATIVE_PG,
  /** A plain StatefulSet with streaming replicas and no operator; failover is a documented manual step. */
  STATEFULSET;

  @JsonCreator
  public static DatabaseMode parse(String text) {
    return Names.parseEnum(DatabaseMode.class, "database mode", text);
  }

  @JsonValue
  @Override
  public String toString() {
    return Names.kebab(this);
  }
}
