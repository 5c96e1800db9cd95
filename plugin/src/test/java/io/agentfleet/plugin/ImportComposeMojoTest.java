package io.agentfleet.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.model.FleetYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import-compose goal, without Maven: writes fleet.yaml, refuses to overwrite, names the parameter at fault. */
class ImportComposeMojoTest {
  private static final String COMPOSE = """
      name: shop
      services:
        a1-worker:
          image: ghcr.io/example/claude-code-agent:2.1.0
        a1-api:
          image: ghcr.io/example/shop-api:1.0.0
          ports: ["8080"]
      """;

  @TempDir Path dir;
  private final List<String> errors = new ArrayList<>();
  private final List<String> infos = new ArrayList<>();
  private final ImportComposeMojo mojo = new ImportComposeMojo();

  @BeforeEach
  void configure() {
    mojo.compose = dir.resolve("docker-compose.yml").toFile();
    mojo.spec = dir.resolve("fleet.yaml").toFile();
    mojo.fleetName = "agents";
    mojo.schemaLocation = System.getProperty("agentfleet.schemaLocation");
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void error(CharSequence content) {
        errors.add(content.toString());
      }

      @Override
      public void info(CharSequence content) {
        infos.add(content.toString());
      }
    });
  }

  @Test
  void execute_whenComposeValid_writesAFleetFileThatReadsBack() throws Exception {
    Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE);

    mojo.execute();

    var spec = FleetYaml.read(dir.resolve("fleet.yaml"));
    assertThat(spec.name()).isEqualTo("shop");
    assertThat(spec.agents()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo("a1");
      assertThat(a.backend().orElseThrow().image()).isEqualTo("ghcr.io/example/shop-api:1.0.0");
    });
  }

  @Test
  void execute_whenFleetFileExists_refusesNamingTheParameters() throws IOException {
    Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE);
    Files.writeString(dir.resolve("fleet.yaml"), "name: mine\n");

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("agentfleet.spec:").hasMessageContaining("-Dagentfleet.overwrite=true");
    assertThat(Files.readString(dir.resolve("fleet.yaml"))).isEqualTo("name: mine\n");
  }

  @Test
  void execute_whenComposeMissing_failsNamingTheParameter() {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("agentfleet.compose: no Compose file at");
  }

  @Test
  void execute_whenComposeMalformed_logsEveryProblemAndWritesNothing() throws IOException {
    Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  a1-worker:\n    build: .\n    ports: 80\n");

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("docker-compose.yml cannot be imported").hasMessageContaining("nothing was written");
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("docker-compose.yml: services.a1-worker.ports: "));
    assertThat(dir.resolve("fleet.yaml")).doesNotExist();
  }

  @Test
  void execute_whenSeedStyleSetupInAnEmptyFolder_writesFleetAndLogsSkippedServicesAndSecrets() throws Exception {
    Files.copy(Path.of("../importer/src/test/resources/compose/seed-docker-compose.yml"),
        dir.resolve("docker-compose.yml"));

    mojo.execute();

    String fleet = Files.readString(dir.resolve("fleet.yaml"));
    assertThat(FleetYaml.read(fleet, "fleet.yaml").subAgents()).extracting(s -> s.id())
        .containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
    assertThat(fleet).doesNotContain("ghp_", "db-pass", "s3cr3t");
    assertThat(infos).anySatisfy(l -> assertThat(l).startsWith("  Services left out (5):"))
        .anySatisfy(l -> assertThat(l).startsWith("    redis: not an agent"))
        .anySatisfy(l -> assertThat(l).contains("kubectl create secret generic booking-agent-a2-git"));
  }

  @Test
  void importCompose_isDeclaredToRunWithoutAProject() throws IOException {
    String descriptor;
    try (var in = ImportComposeMojo.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml")) {
      assertThat(in).as("plugin descriptor").isNotNull();
      descriptor = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    int goal = descriptor.indexOf("<goal>import-compose</goal>");
    String mojoXml = descriptor.substring(goal, descriptor.indexOf("</mojo>", goal));

    assertThat(mojoXml).contains("<requiresProject>false</requiresProject>");
  }
}
