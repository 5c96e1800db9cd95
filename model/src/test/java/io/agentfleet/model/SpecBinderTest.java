package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Optional<ObjectNode> checked = TestFleets.shapeChecked(text);
    if (checked.isEmpty()) {
      return;
    }
    ObjectNode root = checked.get();
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

  @Test
  void everyFleetOfTheProjectAndItsMutants_bindToWhatJacksonBinds() throws IOException {
    List<String> bases = TestFleets.fuzzBases();
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
    compare(TestFleets.EVERY_KIND, TestFleets.EVERY_KIND);
    assertThat(compared).isEqualTo(1);
  }
}
