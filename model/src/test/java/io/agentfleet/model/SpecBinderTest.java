package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The builders' binding against Jackson's, over every tree the shape check passes: the same spec, or it leaves the
 * tree to Jackson; never a spec where Jackson refuses one.
 */
class SpecBinderTest {
  /** Counts of what the comparison saw. */
  private int compared;
  private int leftToJackson;
  private int refusedByBoth;

  /** Reads and shape-checks {@code text} as reading a fleet does; compares the two bindings when the check passed. */
  private void compare(String text, String shown) {
    YamlTree.Result read;
    try {
      read = YamlTree.read(text, "fleet.yaml");
    } catch (YamlTree.Unreadable e) {
      return;
    }
    if (!(read.root() instanceof ObjectNode root) || !read.refusals().isEmpty() || !read.merged().isEmpty()) {
      return;
    }
    root.remove("environments");
    ShapeCheck shape = new ShapeCheck(SourceMap.of(read, "fleet.yaml"));
    shape.check(root);
    if (!shape.problems().isEmpty()) {
      return;
    }
    Optional<FleetSpec> fast = SpecBinder.bind(root.deepCopy());
    FleetSpec jackson;
    try {
      jackson = FleetYaml.bind(root.deepCopy());
    } catch (RuntimeException refused) {
      assertThat(fast).as("Jackson refuses, the builders bind: %s", shown).isEmpty();
      refusedByBoth++;
      return;
    }
    if (fast.isEmpty()) {
      leftToJackson++;
      return;
    }
    compared++;
    assertThat(fast.get()).as(shown).isEqualTo(jackson);
    assertThat(FleetYaml.write(fast.get())).as(shown).isEqualTo(FleetYaml.write(jackson));
  }

  private static String resource(String name) {
    try (var in = SpecBinderTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyFleetOfTheProjectAndItsMutants_bindToWhatJacksonBinds() throws IOException {
    List<String> bases = new ArrayList<>();
    for (String name : List.of("booking-agents.yaml", "support-desk.yaml", "scale-to-zero.yaml")) {
      bases.add(resource("/fuzz/" + name));
    }
    bases.add(Files.readString(TestFleets.exampleFile()));
    for (String base : bases) {
      compare(base, base);
    }
    assertThat(compared).as("every base is bound by the builders").isEqualTo(bases.size());

    Path invalid = Path.of(SpecBinderTest.class.getResource("/invalid").getPath());
    try (Stream<Path> files = Files.walk(invalid)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        // Some files of the corpus are not UTF-8 on purpose; reading them stops before binding.
        compare(new String(Files.readAllBytes(f), StandardCharsets.UTF_8), f.getFileName().toString());
      }
    }
    for (long seed = 0; seed < 3_000; seed++) {
      String base = bases.get((int) (seed % bases.size()));
      String mutant = new String(FleetMutator.mutate(base, seed), StandardCharsets.UTF_8);
      compare(mutant, "mutant " + seed + ":\n" + mutant);
    }
    // Every tree that passes the check is bound by the builders, and compared; the check leaves Jackson nothing to
    // refuse (FleetYaml relies on it to report every problem at its place).
    assertThat(compared).isGreaterThan(700);
    assertThat(leftToJackson).isZero();
    assertThat(refusedByBoth).isZero();
  }

  @Test
  void valuesOfEveryKind_bindToWhatJacksonBinds() {
    String fleet = String.join("\n",
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
    compare(fleet, fleet);
    assertThat(compared).isEqualTo(1);
  }
}
