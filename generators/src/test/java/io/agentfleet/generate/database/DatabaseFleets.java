package io.agentfleet.generate.database;

import io.agentfleet.generate.TestFleets;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.DatabaseSpec;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.SecretsSpec;

/** The booking fleet in each database mode, for the database tests. */
public final class DatabaseFleets {
  private DatabaseFleets() {}

  /** The booking example as committed: CloudNativePG with an object store, External Secrets. */
  public static FleetSpec cloudNativePg() {
    return TestFleets.bookingSpec();
  }

  /** The booking fleet in statefulset mode with manual secrets. */
  public static FleetSpec statefulSet() {
    FleetSpec booking = TestFleets.bookingSpec();
    return FleetSpec.builder().from(booking)
        .secrets(SecretsSpec.manual())
        .database(DatabaseSpec.builder().mode(DatabaseMode.STATEFULSET).instances(3).build())
        .build();
  }

  public static Fleet resolve(FleetSpec spec) {
    return FleetResolver.resolve(spec);
  }
}
