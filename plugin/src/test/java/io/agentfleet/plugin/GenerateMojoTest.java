package io.agentfleet.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's error mapping, without Maven: each typed library error names the parameter or the spec field. */
class GenerateMojoTest {
  private static final String VALID = """
      name: tiny
      namespace: tiny
      kubernetesVersion: "1.34"
      imageRegistry: ghcr.io/example
      claude: { apiKeySecret: claude-api-credentials }
      defaults:
        subAgent: { image: claude-code-agent:2.1.0 }
      subAgents:
        - { id: s1, role: senior-developer, replicas: 1..2, requests: { cpu: 1, memory: 2Gi }, priority: high }
      """;

  @TempDir Path project;
  private final List<String> errors = new ArrayList<>();
  private final List<String> infos = new ArrayList<>();
  private final GenerateMojo mojo = new GenerateMojo();

  @BeforeEach
  void configure() {
    mojo.basedir = project.toFile();
    mojo.spec = project.resolve("fleet.yaml").toFile();
    mojo.outputDirectory = project.resolve("generated").toFile();
    mojo.profile = "production";
    mojo.schemaLocation = System.getProperty("agentfleet.schemaLocation");
    mojo.schemaCache = project.resolve("cache").toFile();
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
  void execute_whenTheProfileIsUnknown_failsNamingTheParameter() throws IOException {
    Files.writeString(project.resolve("fleet.yaml"), VALID);
    mojo.profile = "prodction";

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("agentfleet.profile: unknown profile 'prodction'")
        .hasMessageContaining("did you mean 'production'?");
  }

  private static final String ENVIRONMENTS = VALID + """
      gitops: { repository: https://github.com/example/tiny-gitops.git }
      environments:
        dev: { subAgents: [ { id: s1, requests: { memory: 1Gi } } ] }
        staging: {}
        production: {}
      """;

  @Test
  void execute_whenTheFleetDeclaresEnvironments_writesEveryOneAndTheirEntryPoint() throws Exception {
    Files.writeString(project.resolve("fleet.yaml"), ENVIRONMENTS);
    mojo.profile = null;

    mojo.execute();

    for (String env : List.of("dev", "staging", "production")) {
      assertThat(project.resolve("generated/" + env + "/.agentfleet-tree")).as(env).isRegularFile();
    }
    assertThat(Files.readString(project.resolve("generated/dev/core/namespace.yaml"))).contains("name: tiny-dev");
    assertThat(Files.readString(project.resolve("generated/argocd-environments.yaml")))
        .contains("kind: ApplicationSet", "path: generated/dev/ci-cd", "path: generated/production/ci-cd");
  }

  @Test
  void execute_whenOneEnvironmentIsChosen_writesOnlyThatOne() throws Exception {
    Files.writeString(project.resolve("fleet.yaml"), ENVIRONMENTS);
    mojo.profile = null;
    mojo.environment = "dev";

    mojo.execute();

    assertThat(project.resolve("generated/dev/.agentfleet-tree")).isRegularFile();
    assertThat(project.resolve("generated/production")).doesNotExist();
    assertThat(project.resolve("generated/argocd-environments.yaml")).doesNotExist();
  }

  @Test
  void execute_whenTheChosenEnvironmentIsNotDeclared_saysWhichAre() throws Exception {
    Files.writeString(project.resolve("fleet.yaml"), ENVIRONMENTS.replace("  staging: {}\n", ""));
    mojo.profile = "staging";

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("agentfleet.profile: the fleet in fleet.yaml declares no environment 'staging' "
            + "(declared under environments: dev, production)");
  }

  @Test
  void execute_whenOneEnvironmentIsInvalid_writesNoneAndReportsItsProblemsAtTheirPlace() throws Exception {
    Files.writeString(project.resolve("fleet.yaml"), ENVIRONMENTS.replace("requests: { memory: 1Gi }",
        "replicas: 3..1"));
    mojo.profile = null;

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("nothing was written");

    assertThat(errors).anySatisfy(e -> assertThat(e)
        .matches("fleet\\.yaml:[0-9]+:[0-9]+: environments\\.dev\\.subAgents\\[s1\\]\\.replicas: minimum 3 is above maximum 1"));
    assertThat(project.resolve("generated")).doesNotExist();
  }

  @Test
  void execute_whenTheSpecIsMissing_failsNamingTheParameterAndThePath() {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("agentfleet.spec")
        .hasMessageContaining(project.resolve("fleet.yaml").toString());
  }

  @Test
  void execute_whenTheSpecHasProblems_logsEachAtItsFileLineAndColumnAndWritesNothing() throws IOException {
    Files.writeString(project.resolve("fleet.yaml"), VALID.replace("1..2", "5..2").replace("priority: high", "priorty: high"));

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("nothing was written")
        .hasMessageNotContaining("\n");
    assertThat(errors).anySatisfy(e -> assertThat(e).matches("fleet\\.yaml:[0-9]+:[0-9]+: subAgents\\[s1\\]\\.priorty: unknown field.*"));
    assertThat(errors).anySatisfy(e -> assertThat(e).matches("fleet\\.yaml:[0-9]+:[0-9]+: subAgents\\[s1\\]\\.replicas: minimum 5 is above maximum 2"));
    assertThat(project.resolve("generated")).doesNotExist();
  }

  @Test
  void execute_whenThreadsIsNegative_failsNamingTheParameterAndWritesNothing() throws IOException {
    Files.writeString(project.resolve("fleet.yaml"), VALID);
    mojo.threads = -1;

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("agentfleet.threads: -1 is not a number of threads");
    assertThat(project.resolve("generated")).doesNotExist();
  }

  @Test
  void execute_onOneThreadOrThree_writesTheSameTree() throws Exception {
    Files.writeString(project.resolve("fleet.yaml"), VALID);
    mojo.threads = 1;
    mojo.execute();
    Map<String, String> one = files(project.resolve("generated"));

    mojo.outputDirectory = project.resolve("on-three").toFile();
    mojo.threads = 3;
    mojo.execute();

    assertThat(one).isNotEmpty().isEqualTo(files(project.resolve("on-three")));
  }

  /** Every file under {@code dir} by relative path, with its text. */
  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    return out;
  }

  @Test
  void execute_whenSkipped_writesNothing() throws Exception {
    Files.writeString(project.resolve("fleet.yaml"), VALID);
    mojo.skip = true;

    mojo.execute();

    assertThat(project.resolve("generated")).doesNotExist();
    assertThat(infos).containsExactly("Skipping agentfleet (agentfleet.skip=true)");
  }

  @Test
  void execute_whenTheSpecIsValid_writesTheProfileFolderAndLogsTheReport() throws Exception {
    Files.writeString(project.resolve("fleet.yaml"), VALID);

    mojo.execute();

    assertThat(project.resolve("generated/production/.agentfleet-tree")).isRegularFile();
    assertThat(infos).anySatisfy(l -> assertThat(l).matches("\\d+ added, 0 changed, 0 removed, 0 unchanged"));
  }

  @Test
  void execute_whenTheTreeHoldsAForeignEntry_failsNamingItWithoutAStackTrace() throws Exception {
    Files.writeString(project.resolve("fleet.yaml"), VALID);
    mojo.execute();
    Files.createDirectories(project.resolve("generated/production/scratch"));

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasNoCause()
        .hasMessageStartingWith("agentfleet.outputDirectory: ")
        .hasMessageContaining("holds entries agentfleet did not write: scratch (empty folder)");
    assertThat(project.resolve("generated/production/scratch")).isEmptyDirectory();
  }

  @Test
  void execute_whenTheOneTreeFailsValidation_reportsItsProblemsByItsFolderAndWritesNoFileOfIt() throws Exception {
    Files.writeString(project.resolve("fleet.yaml"), VALID);
    // The project's own schema for ServiceAccounts, tried before the shipped ones, asks for a field none has.
    Path schemas = project.resolve("schemas/kubernetes/v1.34.0-standalone-strict");
    Files.createDirectories(schemas);
    Files.writeString(schemas.resolve("serviceaccount-v1.json"),
        "{\"type\": \"object\", \"required\": [\"reviewedBy\"]}");
    mojo.schemaLocation = "schemas,bundled";

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasNoCause()
        .hasMessageContaining("fails validation; nothing was written");

    assertThat(errors).anySatisfy(e -> assertThat(e)
        .isEqualTo("generated/production: sub-agents/claude-sub-agent-s1.yaml ServiceAccount/claude-sub-agent-s1: "
            + "reviewedBy: is required"));
    // Only the writers' lock file (kept on purpose) may be left beside where the tree would be.
    try (var left = Files.list(project.resolve("generated"))) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".production.agentfleet-lock");
    }
  }
}
