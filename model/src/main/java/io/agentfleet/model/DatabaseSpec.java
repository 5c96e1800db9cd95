package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** The fleet's PostgreSQL cluster, which holds one isolated database per standard agent. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableDatabaseSpec.class)
@JsonDeserialize(as = ImmutableDatabaseSpec.class)
public interface DatabaseSpec {
  /** Number of PostgreSQL instances (one primary, the rest streaming replicas). */
  Optional<Integer> instances();

  /** Volume size of each instance. */
  Optional<Quantity> storage();

  static ImmutableDatabaseSpec.Builder builder() {
    return ImmutableDatabaseSpec.builder();
  }
}
