package io.agentfleet.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Shared fixtures: the booking-agents example and small fleets written as YAML. */
final class TestFleets {
  private TestFleets() {}

  /** A sub-agent line that is valid on its own; tests vary one field of a copy of it. */
  static final String SUB_AGENT =
      "{ id: s1, role: senior-developer, image: claude-code-agent:2.1.0, replicas: 1..2, requests: { cpu: 1, memory: 2Gi } }";

  /** A fleet with a value of every kind: value classes, a variable from a Secret (a mapping), choices, ranges. */
  static final String EVERY_KIND = String.join("\n",
      "name: kinds",
      "namespace: kinds-ns",
      "agentPrefix: k",
      "labels: { team: platform, cost-centre: \"42\" }",
      "defaults:",
      "  subAgent:",
      "    image: registry.example/agent:1",
      "    scaling: { cpu: 70, memory: 80%, requestsPerSecond: 2.5, scaleDownAfter: 5m }",
      "subAgents:",
      "  - { id: s1, role: senior-developer, replicas: 3, requests: { cpu: 1, memory: 2Gi } }",
      "  - { id: s2, role: triage-expert, replicas: 1..8, requests: { cpu: 0.5, memory: 512Mi },",
      "      limits: { cpu: 2 }, priority: high, apiAccess: read,",
      "      env: { PLAIN: text, FROM_SECRET: { secret: api, key: token } },",
      "      tokensPerRequest: { input: 1000, output: 200 }, workspace: 10Gi }",
      "  - { id: s3, role: ux-expert, replicas: 0..2, requests: { cpu: 250m, memory: 1Gi },",
      "      scaling: { autoscaler: keda, cpu: \"60\" } }",
      "");

  /**
   * The root of a fleet file as read, when it reads as one mapping without refusals or merge keys and passes the shape
   * check (the {@code environments} section left out): what reading binds. Empty otherwise.
   */
  static java.util.Optional<com.fasterxml.jackson.databind.node.ObjectNode> shapeChecked(String text) {
    YamlTree.Result read;
    try {
      read = YamlTree.read(text, "fleet.yaml");
    } catch (YamlTree.Unreadable e) {
      return java.util.Optional.empty();
    }
    if (!(read.root() instanceof com.fasterxml.jackson.databind.node.ObjectNode root) || !read.refusals().isEmpty()
        || !read.merged().isEmpty()) {
      return java.util.Optional.empty();
    }
    root.remove("environments");
    ShapeCheck shape = new ShapeCheck(SourceMap.of(read, "fleet.yaml"));
    shape.check(root);
    return shape.problems().isEmpty() ? java.util.Optional.of(root) : java.util.Optional.empty();
  }

  /** The fuzz corpus's fleet files and the example's: the bases the mutation tests grow their mutants from. */
  static java.util.List<String> fuzzBases() {
    java.util.List<String> bases = new java.util.ArrayList<>();
    for (String name : java.util.List.of("booking-agents.yaml", "support-desk.yaml", "scale-to-zero.yaml")) {
      try (var in = TestFleets.class.getResourceAsStream("/fuzz/" + name)) {
        bases.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    try {
      bases.add(Files.readString(exampleFile()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bases;
  }

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
