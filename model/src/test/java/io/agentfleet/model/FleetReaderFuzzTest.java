package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes the reader with 10 000 seeded mutants of valid fleets ({@link FleetMutator}): whatever the bytes, reading and
 * resolving either gives a fleet or refuses it with problems a user can act on (each at a field path or a line and
 * column, in the fleet's words), never another exception and never a hang. The run is reproducible: the property's
 * seed is fixed, and a failure names the mutant's seed and shows the mutant.
 */
class FleetReaderFuzzTest {
  private static final List<String> BASES = List.of("booking-agents.yaml", "support-desk.yaml", "scale-to-zero.yaml");
  private static final List<String> TEXTS = BASES.stream().map(FleetReaderFuzzTest::base).toList();

  @Example
  void bases_whenRead_areValidFleets() {
    for (int i = 0; i < BASES.size(); i++) {
      assertThat(FleetResolver.resolve(FleetYaml.read(TEXTS.get(i), BASES.get(i))).name()).isNotBlank();
    }
  }

  @Property(tries = 10_000, seed = "4711", shrinking = ShrinkingMode.OFF)
  void mutant_whenRead_givesAFleetOrProblemsInTheUsersWords(@ForAll long seed, @ForAll @IntRange(max = 2) int base) {
    byte[] mutant = FleetMutator.mutate(TEXTS.get(base), seed);
    String shown = "mutant of " + BASES.get(base) + " for seed " + seed + ":\n"
        + new String(mutant, StandardCharsets.UTF_8);
    // A hang guard, not a speed test: a mutant takes milliseconds.
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> check(mutant, shown), () -> shown);
  }

  private static void check(byte[] mutant, String shown) {
    try {
      FleetResolver.resolve(FleetYaml.read(mutant, "fleet.yaml"));
    } catch (FleetValidationException e) {
      assertThat(e.problems()).as(shown).isNotEmpty();
      for (Problem p : e.problems()) {
        assertThat(p.location().isPresent() || !p.path().isEmpty())
            .as("%s\nproblem without a place: %s", shown, p).isTrue();
        assertThat(UserWords.internalText(p)).as("%s\ninternal text in: %s", shown, p).isEmpty();
      }
    }
  }

  private static String base(String name) {
    try (InputStream in = FleetReaderFuzzTest.class.getResourceAsStream("/fuzz/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
