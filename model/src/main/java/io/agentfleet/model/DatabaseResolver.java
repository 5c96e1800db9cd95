package io.agentfleet.model;

import java.util.Optional;

/** Fills the database section's defaults and checks its rules. */
final class DatabaseResolver {
  private DatabaseResolver() {}

  static Database resolve(Optional<DatabaseSpec> spec, Problems p) {
    DatabaseSpec s = spec.orElse(DatabaseSpec.builder().build());
    int instances = s.instances().orElse(3);
    if (instances < 1) {
      p.add("database.instances", instances + " must be at least 1");
    }
    Quantity storage = s.storage().orElse(Quantity.parse("50Gi"));
    if (!storage.isPositive()) {
      p.add("database.storage", storage.error().orElse(storage + " must be greater than zero"));
    }
    return new Database(instances, storage);
  }
}
