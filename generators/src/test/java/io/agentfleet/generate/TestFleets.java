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

  /** The example's tree as generated and frozen, not validated: every kind of object the shipped generators make. */
  public static io.agentfleet.generate.spi.ManifestTree bookingManifests() {
    return FleetGenerator.builder().validators(java.util.List.of()).build().generate(bookingSpec()).manifests();
  }

  public static Fleet booking() {
    return FleetResolver.resolve(bookingSpec());
  }

  /** A profile named {@code name} that leaves the spec as it is and runs {@code decorators}. */
  public static io.agentfleet.generate.spi.Profile profile(String name,
      java.util.List<io.agentfleet.generate.spi.Decorator> decorators) {
    return new io.agentfleet.generate.spi.Profile() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public FleetSpec apply(FleetSpec spec) {
        return spec;
      }

      @Override
      public java.util.List<io.agentfleet.generate.spi.Decorator> decorators() {
        return decorators;
      }
    };
  }

  /**
   * The schemas agentfleet ships, as the folder of this checkout they are packaged from: for tests that need files
   * (serving them over HTTP, other/ schemas read by path). Generation itself reads them from the classpath.
   */
  public static Path schemaFolder() {
    return root().resolve("schemas/src/main/resources/io/agentfleet/schemas");
  }
}
