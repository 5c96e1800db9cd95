package io.agentfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TreeWriter;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fleet of the invalid corpus (every class folder), run the way the plugin runs it: it fails and the tree on disk stays as it was. */
class InvalidFleetLeavesTreeTest {
  @TempDir static Path out;
  static Map<String, byte[]> before;

  static Stream<Path> corpus() throws IOException {
    try (Stream<Path> files = Files.walk(BookingAgentsTreeTest.root().resolve("model/src/test/resources/invalid"))) {
      List<Path> sorted = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(sorted).hasSizeGreaterThanOrEqualTo(300);
      return sorted.stream();
    }
  }

  @BeforeAll
  static void writeAValidTree() throws IOException {
    RenderedTree tree = FleetGenerator.builder().profile(Profiles.named("production")).build().generate(BookingAgentsTreeTest.yamlFleet()).tree();
    TreeWriter.write(out.resolve("production"), tree);
    before = snapshot();
  }

  static Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(out.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void invalidFleet_whenGenerated_failsWithFieldNamedProblemsAndLeavesTheTreeUntouched(Path file) throws IOException {
    FleetValidationException e = catchThrowableOfType(FleetValidationException.class, () -> {
      var spec = FleetYaml.read(file);
      var tree = FleetGenerator.builder().profile(Profiles.named("production")).build().generate(spec).tree();
      TreeWriter.write(out.resolve("production"), tree);
    });

    assertThat(e).as(file.getFileName().toString()).isNotNull();
    assertThat(e.problems()).isNotEmpty();
    Map<String, byte[]> after = snapshot();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    after.forEach((path, bytes) -> assertThat(Arrays.equals(bytes, before.get(path))).as(path).isTrue());
  }
}
