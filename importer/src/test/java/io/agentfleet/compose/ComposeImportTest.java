package io.agentfleet.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.Agent;
import io.agentfleet.model.EnvValue;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.Role;
import io.agentfleet.model.SubAgent;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** import-compose: Docker setups become fleets that generate a valid tree; bad files fail clearly. */
class ComposeImportTest {
  static Path resource(String name) {
    try {
      return Path.of(ComposeImportTest.class.getResource("/compose/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Optional<Path> schema() {
    return Optional.of(schemaFolder().resolve("other/compose-spec.json"));
  }

  private static ComposeImport.Result read(String compose) {
    return ComposeImport.read(compose, "docker-compose.yml", schema(), "fleet");
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
        .contains("#   postgres: PostgreSQL (postgres:17.2): the fleet's PostgreSQL cluster",
            "#   claude-api-credentials:\n#     api-key <- ANTHROPIC_API_KEY of service a2-worker, a3-worker, a4-worker")
        .doesNotContain("example\n", "POSTGRES_PASSWORD", "port: 3000", "kubernetesVersion");
    assertThat(tree.files()).containsKeys("core/namespace.yaml", "ci-cd/github-actions.yaml", "migration/deploy.sh");
  }

  @Test
  void importCompose_whenSeedStyleDockerSetup_yieldsOneValidFleetWithoutDoubledNamesOrSecrets() {
    ComposeImport.Result result = ComposeImport.read(resource("seed-docker-compose.yml"), schema(), "unused");
    String yaml = result.yaml("docker-compose.yml");

    FleetSpec read = FleetYaml.read(yaml, "fleet.yaml");
    Fleet fleet = FleetResolver.resolve(read);
    RenderedTree tree = FleetGenerator.builder().build().generate(read).tree();

    // One fleet: the agents' common prefix is agentPrefix, ids are the rest; sub-agents by AGENT_ROLE.
    assertThat(fleet).isEqualTo(FleetResolver.resolve(result.spec()))
        .isEqualTo(FleetResolver.resolve(FleetYaml.read(FleetYaml.write(result.spec()), "full fleet.yaml")));
    assertThat(FleetYaml.writeMinimal(result.spec()).length()).isLessThan(FleetYaml.write(result.spec()).length());
    assertThat(read.agentPrefix()).isEqualTo("booking-agent");
    assertThat(fleet.agents()).extracting(Agent::name).containsExactly("booking-agent-a2", "booking-agent-a3",
        "booking-agent-a4");
    assertThat(fleet.subAgents()).extracting(SubAgent::id).containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
    assertThat(fleet.subAgents()).extracting(SubAgent::role).containsExactly(Role.SENIOR_DEVELOPER, Role.UI_DEVELOPER,
        Role.UX_EXPERT, Role.TEST_EXPERT, Role.ARCHITECTURE_EXPERT, Role.DEVOPS_EXPERT);
    // Replicas: Docker's count is the floor, autoscaling stays on ("1" as a string included).
    assertThat(fleet.subAgents()).extracting(s -> s.scaling().minReplicas() + ".." + s.scaling().maxReplicas())
        .containsExactly("2..8", "1..4", "1..4", "1..4", "1..4", "1..4");
    assertThat(fleet.subAgents().get(4).resources().cpuRequest()).isEqualTo(Quantity.parse("2"));
    // Names: no doubled prefix anywhere in the tree.
    assertThat(tree.files().keySet()).contains("agents/booking-agent-a2.yaml", "sub-agents/claude-sub-agent-s1.yaml",
        "sub-agents/claude-sub-agent-s6.yaml");
    assertThat(tree.files().keySet()).noneMatch(p -> p.contains("claude-sub-agent-claude-sub-agent")
        || p.contains("booking-agent-booking-agent") || p.contains("agent-booking-agent"));
    // Kept: repository, non-secret env; the workspace maps onto the worker's volume.
    Agent a2 = fleet.agents().get(0);
    assertThat(a2.worker().repository()).contains("https://github.com/example/booking.git");
    assertThat(a2.worker().gitSecret()).contains("booking-agent-a2-git");
    assertThat(a2.worker().workspace()).isEqualTo(Quantity.parse("30Gi"));
    assertThat(fleet.agents().get(1).worker().workspace()).isEqualTo(Quantity.parse("20Gi"));
    assertThat(a2.worker().env()).containsEntry("LOG_LEVEL", EnvValue.of("info"))
        .containsEntry("GIT_AUTHOR_NAME", EnvValue.of("Booking Agent A2")).doesNotContainKeys("GIT_REPO", "AGENT_ID");
    assertThat(a2.backend().orElseThrow().env()).containsOnlyKeys("Booking__Currency", "Jwt__SigningKey")
        .containsEntry("Jwt__SigningKey", EnvValue.fromSecret("booking-agent-a2-backend-env", "Jwt__SigningKey"));
    assertThat(fleet.agents().get(1).worker().env())
        .containsEntry("GITHUB_TOKEN", EnvValue.fromSecret("booking-agent-a3-git", "token"));
    assertThat(fleet.subAgents().get(0).env()).containsEntry("GIT_REPO", EnvValue.of("https://github.com/example/booking.git"))
        .containsEntry("MAX_PARALLEL_TASKS", EnvValue.of("2"));
    assertThat(fleet.subAgents().get(5).env()).containsEntry("KUBECONFIG_URL",
        EnvValue.fromSecret("claude-sub-agent-s6-env", "KUBECONFIG_URL"));
    // Secrets: never copied, always listed with their keys.
    assertThat(yaml).doesNotContain("ghp_", "a2-db-pass", "a3-db-pass", "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "s3cr3tPassw0rd", "x-access-token", "Password=");
    assertThat(result.report().secrets()).containsOnlyKeys("booking-agent-a2-backend-env", "booking-agent-a2-git",
        "booking-agent-a3-git", "claude-api-credentials", "claude-sub-agent-s6-env");
    assertThat(result.report().secrets().get("booking-agent-a2-git")).containsOnlyKeys("token");
    assertThat(tree.files().get("README.md")).contains("kubectl create secret generic booking-agent-a2-backend-env \\\n"
        + "  --namespace booking-agents \\\n  --from-literal=Jwt__SigningKey=");
    assertThat(tree.files().get("agents/booking-agent-a2.yaml")).contains("name: Jwt__SigningKey")
        .doesNotContain("9f8e7d6c5b4a39281706f5e4d3c2b1a0");
    assertThat(yaml).contains("#   kubectl create secret generic booking-agent-a2-git -n booking-agents --from-literal=token=...");
    // Skipped services, each with its reason.
    assertThat(result.report().skipped()).containsOnlyKeys("booking-agent-a2-db", "booking-agent-a3-db",
        "booking-agent-a4-db", "redis", "adminer");
    assertThat(result.report().skipped().get("booking-agent-a2-db")).startsWith("PostgreSQL (postgres:17.2) of agent "
        + "booking-agent-a2: the fleet's PostgreSQL cluster");
    assertThat(result.report().skipped().get("redis")).startsWith("not an agent (redis:7.4): no AGENT_ROLE");
    assertThat(result.report().notes()).anySatisfy(n -> assertThat(n).startsWith("booking-agent-a2: volume "
        + "/var/run/docker.sock:/var/run/docker.sock dropped"));
    // Only values that differ from the defaults are written.
    assertThat(yaml).doesNotContain("priority: medium", "apiAccess", "kubernetesVersion", "port: 3000", "port: 8080",
        "agents:\n- id: a2\n  worker:\n    image").contains("defaults:\n  subAgent:\n    image: ghcr.io/example/claude-code-agent:2.1.0");
  }

  @Test
  void importCompose_whenRoleIsALabelOrFreeText_takesEitherAsTheRole() {
    ComposeImport.Result result = read("""
        services:
          helper-reviewer:
            image: ghcr.io/example/claude-code-agent:2.1.0
            labels: { agentfleet.role: Senior Developer }
          helper-tester:
            image: ghcr.io/example/claude-code-agent:2.1.0
            labels: ["agentfleet.io/role=test_expert", "agentfleet.io/replicas=2..6"]
          helper-triage:
            image: ghcr.io/example/claude-code-agent:2.1.0
            environment: { AGENT_ROLE: triage-expert }
        """);

    assertThat(result.spec().subAgents()).extracting(s -> s.id() + " " + s.role() + " " + s.replicas())
        .containsExactly("reviewer senior-developer 1..4", "tester test-expert 2..6", "triage triage-expert 1..4");
    assertThat(result.report().skipped()).doesNotContainKey("helper-triage");
    assertThat(result.report().notes()).anySatisfy(n -> assertThat(n).contains("services are named helper-<id>"));
  }

  @Test
  void importCompose_whenNumbersAreOutOfRange_namesServiceAndFieldOfEach() {
    assertThatThrownBy(() -> read("""
        services:
          claude-sub-agent-s1:
            image: ghcr.io/example/claude-code-agent:2.1.0
            environment: { AGENT_ROLE: senior-developer }
            ports: ["99999999999"]
            deploy:
              replicas: 99999999999999999999
              resources:
                reservations: { cpus: 1e99999999999, memory: 99999999999999999999999999g }
                limits: { cpus: "1e99999999999" }
        """)).isInstanceOfSatisfying(ComposeImportException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
        "docker-compose.yml: services.claude-sub-agent-s1.deploy.replicas: '99999999999999999999' is not a replica "
            + "count (a whole number from 0 to 250)",
        "docker-compose.yml: services.claude-sub-agent-s1.deploy.resources.reservations.cpus: 'Infinity' is not a CPU "
            + "count (a number of cores above 0 and at most 1024, such as 0.5 or \"1.5\")",
        "docker-compose.yml: services.claude-sub-agent-s1.deploy.resources.reservations.memory: "
            + "'99999999999999999999999999g' is not a memory size (such as 512m, 2g or 2GB, at most 1 PiB)",
        "docker-compose.yml: services.claude-sub-agent-s1.deploy.resources.limits.cpus: '1e99999999999' is not a CPU "
            + "count (a number of cores above 0 and at most 1024, such as 0.5 or \"1.5\")"));
  }

  @Test
  void importCompose_whenPortIsOutOfRange_namesServiceAndField() {
    assertThatThrownBy(() -> read("""
        services:
          a1-worker: { image: ghcr.io/example/claude-code-agent:2.1.0 }
          a1-frontend: { image: ghcr.io/example/web:1.0.0, ports: ["3000:99999999999"] }
          a1-backend: { image: ghcr.io/example/api:1.0.0, ports: [{ target: 70000 }] }
        """)).isInstanceOfSatisfying(ComposeImportException.class, e -> assertThat(e.problems()).containsExactly(
        "docker-compose.yml: services.a1-frontend.ports[0]: '99999999999' is not a port (1..65535)",
        "docker-compose.yml: services.a1-backend.ports[0].target: '70000' is not a port (1..65535)"));
  }

  @Test
  void importCompose_whenCredentialsHideInValuesAndUrls_referencesSecretsAndCopiesNoValue() {
    ComposeImport.Result result = read("""
        x-claude: &claude
          AGENT_ROLE: devops-expert
          ANTHROPIC_API_KEY: sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789
        services:
          ops:
            image: ghcr.io/example/claude-code-agent:2.1.0
            environment:
              <<: *claude
              GIT_REPO: https://deploy:hunter2hunter2@git.example.com/ops.git
              REGISTRY_URL: https://robot:Zq8xW2mN5vB7cL1k@registry.example.com
              DATABASE_URL: postgres://ops:pa55word-long@db:5432/ops
              STATUS_PAGE: https://status.example.com/
              NOTIFY_PASSWORD:
              DEBUG: yes
            env_file: [.env]
        """);
    String yaml = result.yaml("docker-compose.yml");

    assertThat(result.spec().subAgents()).singleElement().satisfies(s -> assertThat(s.env())
        .containsEntry("GIT_REPO", EnvValue.of("https://git.example.com/ops.git"))
        .containsEntry("GIT_REPO_TOKEN", EnvValue.fromSecret("claude-sub-agent-ops-env", "GIT_REPO_TOKEN"))
        .containsEntry("REGISTRY_URL", EnvValue.fromSecret("claude-sub-agent-ops-env", "REGISTRY_URL"))
        .containsEntry("DATABASE_URL", EnvValue.fromSecret("claude-sub-agent-ops-env", "DATABASE_URL"))
        .containsEntry("NOTIFY_PASSWORD", EnvValue.fromSecret("claude-sub-agent-ops-env", "NOTIFY_PASSWORD"))
        .containsEntry("STATUS_PAGE", EnvValue.of("https://status.example.com/"))
        .containsEntry("DEBUG", EnvValue.of("yes")).doesNotContainKey("ANTHROPIC_API_KEY"));
    assertThat(yaml).doesNotContain("hunter2", "Zq8xW2mN5vB7cL1k", "pa55word", "sk-ant-", "robot:", "deploy:");
    assertThat(result.report().secrets().get("claude-sub-agent-ops-env")).containsOnlyKeys("DATABASE_URL",
        "GIT_REPO_TOKEN", "NOTIFY_PASSWORD", "REGISTRY_URL");
    assertThat(result.report().secrets()).containsKey("claude-api-credentials");
    assertThat(result.report().notes()).anySatisfy(n -> assertThat(n).startsWith("ops: env_file dropped"));
    assertThat(FleetResolver.resolve(FleetYaml.read(yaml, "fleet.yaml"))).isEqualTo(FleetResolver.resolve(result.spec()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed-yaml.yml | malformed-yaml.yml: not valid YAML (line 3, column",
      "empty.yml | empty.yml: must be a Compose mapping with services:, not an empty file",
      "schema-violation.yml | schema-violation.yml: services.a2-worker: property 'restart_policy' is not defined in the schema",
      "build-only.yml | build-only.yml: services.a2-worker.image: has no image (only build:); Kubernetes runs images from a registry",
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
  void commonPrefix_cutsAtADashAndLeavesEveryNameAnId() {
    assertThat(ComposeImport.commonPrefix(List.of("claude-sub-agent-s1", "claude-sub-agent-s10"))).isEqualTo("claude-sub-agent-");
    assertThat(ComposeImport.commonPrefix(List.of("booking-agent-a2"))).isEqualTo("booking-agent-");
    assertThat(ComposeImport.commonPrefix(List.of("a2", "a3"))).isEmpty();
    assertThat(ComposeImport.commonPrefix(List.of("x-a", "x-"))).isEmpty();
  }

  @Test
  void memory_whenComposeUnits_becomesBinaryQuantities() {
    assertThat(ComposeImport.memory("2g")).contains(Quantity.parse("2Gi"));
    assertThat(ComposeImport.memory("512M")).contains(Quantity.parse("512Mi"));
    assertThat(ComposeImport.memory("1.5GB")).contains(Quantity.parse("1.5Gi"));
    assertThat(ComposeImport.memory("1048576")).contains(Quantity.parse("1048576"));
  }

  /** The schemas agentfleet ships, as the folder of this checkout (the build sets agentfleet.projectRoot). */
  private static Path schemaFolder() {
    String root = System.getProperty("agentfleet.projectRoot");
    Path base = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    return base.resolve("schemas/src/main/resources/io/agentfleet/schemas");
  }
}
