package io.agentfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeReport;
import io.agentfleet.generate.TreeWriter;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.EnvironmentsEntryPoint;
import io.agentfleet.model.FleetEnvironments;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The booking-agents example: both ways of writing it, the committed tree, and byte-for-byte determinism. */
class BookingAgentsTreeTest {
  static Path root() {
    String root = System.getProperty("agentfleet.projectRoot");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  static FleetSpec yamlFleet() {
    return FleetYaml.read(root().resolve("examples/booking-agents/fleet.yaml"));
  }

  static RenderedTree generate(FleetSpec spec) {
    return FleetGenerator.builder()
        .profile(Profiles.named("production"))
        .build()
        .generate(spec)
        .tree();
  }

  /** Every environment the example declares, as the plugin generates it. */
  static FleetEnvironments environments() {
    return FleetYaml.readEnvironments(root().resolve("examples/booking-agents/fleet.yaml"), "fleet.yaml");
  }

  static GenerationResult generate(String env) {
    return FleetGenerator.builder().profile(Profiles.named(env)).build().generate(environments().get(env));
  }

  static List<String> environmentNames() {
    return List.of("dev", "staging", "production");
  }

  @Test
  void javaFleet_whenGenerated_givesTheSameTreeAsFleetYaml() {
    assertThat(BookingAgents.fleet()).isEqualTo(yamlFleet());
    assertThat(generate(BookingAgents.fleet()).files()).isEqualTo(generate(yamlFleet()).files());
  }

  @Test
  void example_declaresEveryEnvironment() {
    assertThat(environments().names()).containsExactlyElementsOf(environmentNames());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environmentNames")
  void committedTree_whenRegenerated_isUpToDate(String env) {
    TreeReport report = TreeWriter.compare(root().resolve("generated/" + env), generate(env).tree());
    assertThat(report.lines()).as("generated/" + env + " is stale: run the README's first command").hasSize(1);
    assertThat(report.isUpToDate()).isTrue();
  }

  @Test
  void committedEntryPoint_whenRegenerated_isUpToDate() throws Exception {
    java.util.Map<String, GenerationResult> all = new java.util.LinkedHashMap<>();
    environmentNames().forEach(env -> all.put(env, generate(env)));
    RenderedTree entry = EnvironmentsEntryPoint.of(all, null, null);
    assertThat(java.nio.file.Files.readString(root().resolve("generated/" + EnvironmentsEntryPoint.FILE)))
        .as("generated/argocd-environments.yaml is stale: run the README's first command")
        .isEqualTo(entry.files().get(EnvironmentsEntryPoint.FILE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environmentNames")
  void tree_whenGeneratedInAnotherLocaleAndTimeZone_isByteIdentical(String env) {
    RenderedTree reference = generate(env).tree();
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertThat(generate(env).tree().files()).isEqualTo(reference.files());
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void tree_whenGeneratedInParallel_isByteIdenticalToSequential() throws Exception {
    RenderedTree reference = generate(yamlFleet());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<RenderedTree>> runs = pool.invokeAll(
          java.util.Collections.nCopies(8, () -> generate(yamlFleet())));
      for (Future<RenderedTree> run : runs) {
        assertThat(run.get().files()).isEqualTo(reference.files());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tree_whateverTheThreadsOfOneGeneration_isByteIdentical() {
    for (String env : environmentNames()) {
      RenderedTree alone = FleetGenerator.builder().profile(Profiles.named(env)).threads(1).build()
          .generate(environments().get(env)).tree();
      for (int threads : new int[] {2, 3, 8}) {
        RenderedTree shared = FleetGenerator.builder().profile(Profiles.named(env)).threads(threads).build()
            .generate(environments().get(env)).tree();
        assertThat(shared.files()).as(env + " on " + threads + " threads").isEqualTo(alone.files());
      }
    }
  }

  @Test
  void tree_holdsTheSeedLayoutForCoreAndSubAgents() {
    GenerationResult result = FleetGenerator.builder().profile(Profiles.named("production")).build().generate(yamlFleet());
    assertThat(result.tree().files().keySet()).contains(
        "README.md", "core/namespace.yaml", "core/rbac.yaml", "core/configmap.yaml", "core/secrets.yaml",
        "core/priority-classes.yaml", "core/network-policies.yaml",
        "agents/booking-agent-a2.yaml", "agents/booking-agent-a3.yaml", "agents/booking-agent-a4.yaml",
        "sub-agents/claude-sub-agent-s1.yaml", "sub-agents/claude-sub-agent-s6.yaml");
    assertThat(result.tree().files().values()).allSatisfy(text -> {
      assertThat(text).doesNotContain("\r");
      assertThat(text).endsWith("\n");
    });
  }
}
