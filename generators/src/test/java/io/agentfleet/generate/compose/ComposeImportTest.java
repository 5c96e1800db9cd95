package io.agentfleet.generate.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.RenderedTree;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.model.Agent;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.model.Quantity;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** import-compose: the seed's three-agent Docker setup becomes a fleet that generates a valid tree; bad files fail clearly. */
class ComposeImportTest {
  static Path resource(String name) {
    try {
      return Path.of(ComposeImportTest.class.getResource("/compose/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Optional<Path> schema() {
    return Optional.of(TestFleets.schemaFolder().resolve("other/compose-spec.json"));
  }

  @Test
  void importCompose_whenThreeAgentDockerSetup_writesAFleetThatGeneratesAValidTree() {
    ComposeImport.Result result = ComposeImport.read(resource("booking-docker-compose.yml"), schema(), "unused");
    String yaml = result.yaml("docker-compose.yml");

    FleetSpec read = FleetYaml.read(yaml, "fleet.yaml");
    Fleet fleet = FleetResolver.resolve(read);
    RenderedTree tree = FleetGenerator.builder().build().generate(read).tree();

    assertThat(read).isEqualTo(result.spec());
    assertThat(fleet.name()).isEqualTo("booking-agents");
    assertThat(fleet.agents()).extracting(Agent::id).containsExactly("a2", "a3", "a4");
    Agent a2 = fleet.agents().get(0);
    assertThat(a2.worker().image()).isEqualTo("ghcr.io/example/claude-code-agent:2.1.0");
    assertThat(a2.worker().repository()).contains("https://github.com/example/booking.git");
    assertThat(a2.worker().resources().memoryRequest()).isEqualTo(Quantity.parse("2Gi"));
    assertThat(a2.frontend().orElseThrow().port()).isEqualTo(3000);
    assertThat(a2.backend().orElseThrow().port()).isEqualTo(8080);
    assertThat(a2.backend().orElseThrow().resources().memoryRequest()).isEqualTo(Quantity.parse("512Mi"));
    assertThat(fleet.agents().get(2).frontend().orElseThrow().port()).isEqualTo(3000);
    assertThat(fleet.agents().get(2).backend().orElseThrow().port()).isEqualTo(8080);
    assertThat(yaml).startsWith("# A starting fleet.yaml imported by agentfleet from docker-compose.yml.")
        .contains("service 'postgres' (postgres:17.2) is not an agent", "ANTHROPIC_API_KEY: its value is not copied")
        .doesNotContain("example\n", "POSTGRES_PASSWORD");
    assertThat(tree.files()).containsKeys("core/namespace.yaml", "ci-cd/github-actions.yaml", "migration/deploy.sh");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed-yaml.yml | malformed-yaml.yml: not valid YAML (line 3, column",
      "empty.yml | empty.yml: must be a Compose mapping with services:, not an empty file",
      "schema-violation.yml | schema-violation.yml: services.a2-worker: property 'restart_policy' is not defined in the schema",
      "build-only.yml | build-only.yml: services of a2-worker: has no image (only build:); Kubernetes runs images from a registry",
      "no-agents.yml | no-agents.yml: services: no agent services found: name them <id>-worker",
      "frontend-only.yml | frontend-only.yml: agent a2: has no worker service"})
  void importCompose_whenFileIsMalformed_failsNamingFileAndField(String file, String message) {
    assertThatThrownBy(() -> ComposeImport.read(resource(file), schema(), "fleet"))
        .isInstanceOfSatisfying(ComposeImportException.class, e ->
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(message)));
  }

  @Test
  void importCompose_whenSchemaViolated_reportsEveryViolationAtOnce() {
    assertThatThrownBy(() -> ComposeImport.read(resource("schema-violation.yml"), schema(), "fleet"))
        .isInstanceOfSatisfying(ComposeImportException.class, e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2)
            .anySatisfy(p -> assertThat(p).startsWith("schema-violation.yml: services.a2-worker.ports: ")));
  }

  @Test
  void memory_whenComposeUnits_becomesBinaryQuantities() {
    assertThat(ComposeImport.memory("2g")).contains(Quantity.parse("2Gi"));
    assertThat(ComposeImport.memory("512M")).contains(Quantity.parse("512Mi"));
    assertThat(ComposeImport.memory("1.5GB")).contains(Quantity.parse("1.5Gi"));
    assertThat(ComposeImport.memory("1048576")).contains(Quantity.parse("1048576"));
  }
}
