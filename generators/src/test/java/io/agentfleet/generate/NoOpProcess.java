package io.agentfleet.generate;

import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetYaml;
import java.nio.file.Path;

/**
 * A run of the library in a JVM of its own, as {@code mvn agentfleet:generate} or a plain main makes one: reads a
 * fleet file, writes its production tree, and says whether it generated or found the tree up to date.
 */
public final class NoOpProcess {
  private NoOpProcess() {}

  public static void main(String[] args) {
    FleetEnvironment production = FleetYaml.readEnvironments(Path.of(args[0]), args[0]).get("production");
    TreeUpdate update = FleetGenerator.builder().build().write(production, Path.of(args[1]));
    System.out.println(update.generated().isPresent() ? "generated" : "up to date");
  }
}
