package io.agentfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TreeWriter;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetMutator;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other half of the fleet reader's fuzz test: mutants of the same valid fleets that the model accepts go all
 * the way, the way the plugin runs them. Each is generated under the production profile, validated (schemas, policy,
 * references) and written over the previous mutant's tree in one folder. A fleet the model accepts must give a tree
 * that passes validation; after each write the folder holds exactly that tree, and no staging folder is left beside
 * it. The seeds are fixed, so a failure names the seed that reproduces it.
 */
class MutantTreesTest {
  private static final List<String> BASES = List.of("booking-agents.yaml", "support-desk.yaml", "scale-to-zero.yaml");
  /** Mutants read: the same seeds the model's fuzz test starts from. */
  private static final int MUTANTS = 10_000;
  /** Distinct accepted fleets taken through the whole pipeline (each one costs a full generation). */
  private static final int TREES = 120;

  @TempDir Path workspace;

  @Test
  void acceptedMutants_generateValidateAndReplaceTheTreeWhole() throws IOException {
    Map<Fleet, Mutant> accepted = new LinkedHashMap<>();
    for (long seed = 0; seed < MUTANTS && accepted.size() < TREES; seed++) {
      int base = (int) (seed % BASES.size());
      byte[] mutant = FleetMutator.mutate(text(BASES.get(base)), seed);
      Path file = Files.write(workspace.resolve("fleet.yaml"), mutant);
      try {
        FleetSpec spec = FleetYaml.read(file, "fleet.yaml");
        accepted.putIfAbsent(FleetResolver.resolve(spec), new Mutant(spec, "mutant of " + BASES.get(base) + " for seed "
            + seed + ":\n" + new String(mutant, StandardCharsets.UTF_8)));
      } catch (FleetValidationException refused) {
        // The model's fuzz test proves refusals are in the user's words; here only accepted fleets matter.
      }
    }
    assertThat(accepted).as("accepted mutants").hasSizeGreaterThanOrEqualTo(TREES / 2);

    Path out = workspace.resolve("production");
    FleetGenerator generator = FleetGenerator.builder().profile(Profiles.named("production")).build();
    for (Mutant m : accepted.values()) {
      RenderedTree tree;
      try {
        tree = generator.generate(m.spec()).tree();
      } catch (FleetValidationException invalidTree) {
        fail("%s: the model accepted it, yet its tree is refused:%n%s", m.label(), invalidTree.getMessage());
        return;
      }
      TreeWriter.write(out, tree);

      assertThat(filesUnder(out)).as(m.label()).isEqualTo(expectedFiles(tree));
      try (Stream<Path> beside = Files.list(workspace)) {
        assertThat(beside.map(p -> p.getFileName().toString()).filter(n -> n.contains("staging")))
            .as("staging left by %s", m.label()).isEmpty();
      }
    }
  }

  /** A fleet file the model accepted, and how to reproduce it. */
  private record Mutant(FleetSpec spec, String label) {}

  private static SortedSet<String> expectedFiles(RenderedTree tree) {
    SortedSet<String> files = new TreeSet<>(tree.files().keySet());
    files.add(TreeWriter.INDEX);
    return files;
  }

  private static SortedSet<String> filesUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      SortedSet<String> files = new TreeSet<>();
      walk.filter(Files::isRegularFile).forEach(p -> files.add(dir.relativize(p).toString().replace('\\', '/')));
      return files;
    }
  }

  private static String text(String base) {
    try (InputStream in = MutantTreesTest.class.getResourceAsStream("/fuzz/" + base)) {
      assertThat(in).as("fuzz base %s on the test classpath", base).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
