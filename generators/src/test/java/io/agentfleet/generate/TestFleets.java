package io.agentfleet.generate;

import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import java.nio.file.Path;

/** Fleets for generator tests: the booking example as users write it. */
public final class TestFleets {
  private TestFleets() {}

  /** The project root (the build sets agentfleet.projectRoot; IDE runs start in the module folder). */
  public static Path root() {
    String root = System.getProperty("agentfleet.projectRoot");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  public static FleetSpec bookingSpec() {
    return FleetYaml.read(root().resolve("examples/booking-agents/fleet.yaml"));
  }

  public static Fleet booking() {
    return FleetResolver.resolve(bookingSpec());
  }

  /** Where the shared kubeconform-layout schemas are. */
  public static String schemas() {
    String loc = System.getProperty("agentfleet.schemaLocation");
    return loc != null ? loc : root().resolve("../shared/schemas").normalize().toString();
  }
}
