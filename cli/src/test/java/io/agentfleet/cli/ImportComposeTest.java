package io.agentfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.model.FleetYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentfleet import-compose}: a fleet file from a Compose setup, in the folder the command runs in. */
class ImportComposeTest {
  private static final String COMPOSE = """
      services:
        a1-worker:
          image: ghcr.io/example/claude-code-agent:2.1.0
        a1-api:
          image: ghcr.io/example/shop-api:1.0.0
          ports: ["8080"]
      """;

  @TempDir Path dir;

  @Test
  void importCompose_writesAFleetThatGenerates_namedAfterTheFolder() throws Exception {
    Path setup = Files.createDirectories(dir.resolve("Shop_Agents"));
    Files.writeString(setup.resolve("docker-compose.yml"), COMPOSE);

    CommandsTest.Run run = CommandsTest.run(setup, "import-compose");

    assertThat(run.status()).as(run.err()).isEqualTo(Commands.OK);
    assertThat(run.out()).startsWith("Wrote fleet.yaml from docker-compose.yml (1 agents, 0 sub-agents)");
    var fleet = FleetYaml.read(setup.resolve("fleet.yaml"));
    assertThat(fleet.name()).isEqualTo("shop-agents");
    assertThat(fleet.agents()).singleElement().satisfies(a -> assertThat(a.backend().orElseThrow().image())
        .isEqualTo("ghcr.io/example/shop-api:1.0.0"));
  }

  @Test
  void importCompose_existingFleetFile_isKeptAndTheOptionsThatReplaceItAreNamed() throws IOException {
    Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE);
    Files.writeString(dir.resolve("fleet.yaml"), "name: mine\n");

    CommandsTest.Run run = CommandsTest.run(dir, "import-compose");

    assertThat(run.status()).isEqualTo(Commands.FAILED);
    assertThat(run.err()).startsWith("agentfleet import-compose failed: --fleet: " + dir.resolve("fleet.yaml")
        + " exists; pass --overwrite to replace it, or --fleet <other file>");
    assertThat(Files.readString(dir.resolve("fleet.yaml"))).isEqualTo("name: mine\n");

    CommandsTest.Run again = CommandsTest.run(dir, "import-compose", "--overwrite", "--fleet-name", "shop");
    assertThat(again.status()).as(again.err()).isEqualTo(Commands.OK);
    assertThat(FleetYaml.read(dir.resolve("fleet.yaml")).name()).isEqualTo("shop");
  }

  @Test
  void importCompose_malformedCompose_listsEveryProblemAndWritesNothing() throws IOException {
    Files.writeString(dir.resolve("setup.yml"), "services:\n  a1-worker:\n    build: .\n    ports: 80\n");

    CommandsTest.Run run = CommandsTest.run(dir, "import-compose", "--compose", "setup.yml");

    assertThat(run.status()).isEqualTo(Commands.FAILED);
    assertThat(run.err()).contains("error: setup.yml: services.a1-worker.ports: ")
        .endsWith("agentfleet import-compose failed: setup.yml cannot be imported (" + run.err().lines()
            .filter(l -> l.startsWith("error: ")).count() + (run.err().lines().filter(l -> l.startsWith("error: "))
            .count() == 1 ? " problem" : " problems") + "); nothing was written\n");
    assertThat(dir.resolve("fleet.yaml")).doesNotExist();
    CommandsTest.Run missing = CommandsTest.run(dir, "import-compose");
    assertThat(missing.err()).startsWith("agentfleet import-compose failed: --compose: no Compose file at "
        + dir.resolve("docker-compose.yml") + " (point --compose at the docker-compose.yml of the Docker setup)");
  }

  @Test
  void projectName_whenComposeHasNoName_isTheFolderAsComposeNamesProjects() {
    assertThat(ImportCompose.projectName(Path.of("/home/me/Booking_Agent4/docker-compose.yml")))
        .isEqualTo("booking-agent4");
    assertThat(ImportCompose.projectName(Path.of("/docker-compose.yml"))).isEqualTo("agents");
  }
}
