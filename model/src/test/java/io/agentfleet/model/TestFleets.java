package io.agentfleet.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Shared fixtures: the booking-agents example and small fleets written as YAML. */
final class TestFleets {
  private TestFleets() {}

  /** A sub-agent line that is valid on its own; tests vary one field of a copy of it. */
  static final String SUB_AGENT =
      "{ id: s1, role: senior-developer, image: claude-code-agent:2.1.0, replicas: 1..2, requests: { cpu: 1, memory: 2Gi } }";

  /** The example fleet file, found from the reactor root (surefire passes it) or from the module folder. */
  static Path exampleFile() {
    String root = System.getProperty("agentfleet.projectRoot", "");
    Path fromRoot = Path.of(root.isBlank() || root.contains("${") ? ".." : root, "examples/booking-agents/fleet.yaml");
    return Files.exists(fromRoot) ? fromRoot : Path.of("../examples/booking-agents/fleet.yaml");
  }

  static FleetSpec exampleSpec() {
    return FleetYaml.read(exampleFile());
  }

  static Fleet exampleFleet() {
    return FleetResolver.resolve(exampleSpec());
  }

  /** Reads fleet YAML given as lines. */
  static FleetSpec spec(String... lines) {
    return FleetYaml.read(String.join("\n", lines) + "\n", "test");
  }

  /** Reads and resolves fleet YAML given as lines. */
  static Fleet fleet(String... lines) {
    return FleetResolver.resolve(spec(lines));
  }
}
