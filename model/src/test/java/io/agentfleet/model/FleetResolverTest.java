package io.agentfleet.model;

import static io.agentfleet.model.TestFleets.SUB_AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FleetResolverTest {
  private static final Optional<String> REGISTRY = Optional.of("ghcr.io/example");

  @Test
  void resolve_ofTheSpecReadingChecked_reusesThatFleetWithTheSourcesGiven_andAnotherSpecAfresh() {
    FleetSpec read = TestFleets.exampleSpec();
    FleetSpec equal = FleetSpec.builder().from(read).build();
    java.util.Map<String, String> labels = new java.util.TreeMap<>(read.labels());
    labels.put("team", "other");
    FleetSpec other = FleetSpec.builder().from(read).labels(labels).build();

    Fleet first = FleetResolver.resolve(equal, () -> Sources.of(read));
    Fleet again = FleetResolver.resolve(read, Sources::none);
    Fleet afresh = FleetResolver.resolve(other, () -> Sources.of(other));

    // Reading checked the spec; resolving an equal one takes that fleet, with the sources given.
    assertThat(again.subAgents()).isSameAs(first.subAgents());
    assertThat(first.sources().note("subAgents[s1].replicas.max")).isEqualTo("subAgents[s1].replicas");
    assertThat(again.sources().note("subAgents[s1].replicas.max")).isEmpty();
    assertThat(afresh.subAgents()).isNotSameAs(first.subAgents()).isEqualTo(first.subAgents());
    assertThat(afresh.labels()).containsEntry("team", "other");
    assertThat(FleetResolver.resolve(equal, () -> Sources.of(read))).isEqualTo(first);
  }

  @Test
  void resolve_whenExampleFleet_reportsNoProblems() {
    assertThatCode(TestFleets::exampleFleet).doesNotThrowAnyException();

    Fleet fleet = TestFleets.exampleFleet();
    assertThat(fleet.name()).isEqualTo("booking-agents");
    assertThat(fleet.namespace()).isEqualTo("booking-agents");
    assertThat(fleet.kubernetesVersion()).isEqualTo("1.34");
    assertThat(fleet.agents()).extracting(Agent::name)
        .containsExactly("booking-agent-a2", "booking-agent-a3", "booking-agent-a4");
    assertThat(fleet.subAgents()).extracting(SubAgent::name).containsExactly("claude-sub-agent-s1",
        "claude-sub-agent-s2", "claude-sub-agent-s3", "claude-sub-agent-s4", "claude-sub-agent-s5", "claude-sub-agent-s6");
  }

  @Test
  void resolve_whenExampleFleet_keepsTheSeedTableOfSubAgents() {
    Fleet fleet = TestFleets.exampleFleet();

    assertThat(fleet.subAgents()).extracting(s -> s.scaling().minReplicas()).containsOnly(1);
    assertThat(fleet.subAgents()).extracting(s -> s.scaling().maxReplicas()).containsExactly(8, 6, 4, 6, 6, 5);
    assertThat(fleet.subAgents()).extracting(s -> s.resources().cpuRequest().describeCpu())
        .containsExactly("1 CPU", "1.5 CPUs", "1 CPU", "1 CPU", "2 CPUs", "1.5 CPUs");
    assertThat(fleet.subAgents()).extracting(s -> s.resources().memoryRequest().toString())
        .containsExactly("2Gi", "3Gi", "2Gi", "2Gi", "4Gi", "3Gi");
    assertThat(fleet.prioritiesUsed()).containsExactly(Priority.MEDIUM, Priority.HIGH);
    assertThat(fleet.priorityClassName(Priority.HIGH)).isEqualTo("booking-agents-high");
  }

  @Test
  void resolve_whenSubAgentNamesNoImage_usesDefaultsSubAgentImageWithTheRegistry() {
    Fleet fleet = TestFleets.exampleFleet();

    assertThat(fleet.subAgents()).extracting(SubAgent::image).containsOnly("ghcr.io/example/claude-code-agent:2.1.0");
    assertThat(fleet.agents()).extracting(a -> a.worker().image())
        .containsOnly("ghcr.io/example/claude-code-agent:2.1.0");
  }

  @Test
  void resolve_whenImageNamesNoRegistry_prefixesTheFleetRegistry() {
    Fleet fleet = TestFleets.exampleFleet();

    assertThat(fleet.agents()).extracting(a -> a.frontend().orElseThrow().image())
        .containsOnly("ghcr.io/example/booking-frontend:1.4.0");
    assertThat(fleet.agents()).extracting(a -> a.backend().orElseThrow().image())
        .containsOnly("ghcr.io/example/booking-backend:1.4.0");
    assertThat(FleetResolver.qualify("team/agent:1.0", REGISTRY)).isEqualTo("ghcr.io/example/team/agent:1.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker.io/library/postgres:16.4", "quay.io/org/agent:1.0", "localhost/agent:1.0",
      "localhost:5000/agent:1.0", "registry.example.com:5000/team/agent:1.0"})
  void qualify_whenImageNamesARegistry_keepsItAsWritten(String image) {
    assertThat(FleetResolver.qualify(image, REGISTRY)).isEqualTo(image);
  }

  @Test
  void resolve_whenImageNamesARegistry_keepsItAsWritten() {
    Fleet fleet = TestFleets.fleet("name: f", "imageRegistry: ghcr.io/example", "subAgents:",
        "  - " + SUB_AGENT.replace("image: claude-code-agent:2.1.0", "image: quay.io/other/agent:1.2.3"));

    assertThat(fleet.subAgents().get(0).image()).isEqualTo("quay.io/other/agent:1.2.3");
  }

  @Test
  void resolve_whenNoRegistryGiven_keepsImagesAsWritten() {
    Fleet fleet = TestFleets.fleet("name: f", "subAgents:", "  - " + SUB_AGENT);

    assertThat(fleet.subAgents().get(0).image()).isEqualTo("claude-code-agent:2.1.0");
  }

  @Test
  void resolve_whenNoScalingWritten_usesTheSeedTargets70And80And10PerSecondAnd5Minutes() {
    Scaling scaling = TestFleets.fleet("name: f", "subAgents:", "  - " + SUB_AGENT).subAgents().get(0).scaling();

    assertThat(scaling.cpuPercent()).isEqualTo(70);
    assertThat(scaling.memoryPercent()).isEqualTo(80);
    assertThat(scaling.requestsPerSecond()).isEqualTo(Quantity.parse("10"));
    assertThat(scaling.scaleDownAfter()).isEqualTo(Span.parse("5m"));
    assertThat(scaling.scaleDownAfter().seconds()).isEqualTo(300);
    assertThat(scaling.scaleDownPodsPerMinute()).isEqualTo(1);
    assertThat(scaling.minReplicas()).isEqualTo(1);
    assertThat(scaling.maxReplicas()).isEqualTo(2);
    assertThat(scaling.isScaled()).isTrue();
  }

  @Test
  void resolve_whenSubAgentOverridesOneTarget_keepsFleetDefaultsForTheRest() {
    Fleet fleet = TestFleets.fleet("name: f",
        "defaults: { subAgent: { scaling: { cpu: 60%, requestsPerSecond: 4 } } }",
        "subAgents:",
        "  - " + SUB_AGENT.replace("2Gi } }", "2Gi }, scaling: { memory: 90, cpu: 50 } }"),
        "  - " + SUB_AGENT.replace("s1", "s2"));

    Scaling own = fleet.subAgents().get(0).scaling();
    Scaling inherited = fleet.subAgents().get(1).scaling();
    assertThat(own.cpuPercent()).isEqualTo(50);
    assertThat(own.memoryPercent()).isEqualTo(90);
    assertThat(own.requestsPerSecond()).isEqualTo(Quantity.parse("4"));
    assertThat(inherited.cpuPercent()).isEqualTo(60);
    assertThat(inherited.memoryPercent()).isEqualTo(80);
    assertThat(inherited.scaleDownAfter()).isEqualTo(Span.parse("5m"));
  }

  @Test
  void resolve_whenFixedReplicaCount_isNotScaled() {
    Scaling scaling = TestFleets.fleet("name: f", "subAgents:", "  - " + SUB_AGENT.replace("1..2", "3"))
        .subAgents().get(0).scaling();

    assertThat(scaling.minReplicas()).isEqualTo(3);
    assertThat(scaling.maxReplicas()).isEqualTo(3);
    assertThat(scaling.isScaled()).isFalse();
  }

  @Test
  void resolve_whenNoLimitsWritten_setsCpuToTwiceAndMemoryToTheRequest() {
    Resources r = TestFleets.fleet("name: f", "subAgents:",
        "  - " + SUB_AGENT.replace("cpu: 1, memory: 2Gi", "cpu: 1.5, memory: 3Gi")).subAgents().get(0).resources();

    assertThat(r.cpuRequest()).isEqualTo(Quantity.parse("1.5"));
    assertThat(r.cpuLimit().toString()).isEqualTo("3");
    assertThat(r.memoryRequest().toString()).isEqualTo("3Gi");
    assertThat(r.memoryLimit().toString()).isEqualTo("3Gi");
  }

  @Test
  void resolve_whenOnlyOneLimitWritten_defaultsTheOther() {
    Resources r = TestFleets.fleet("name: f", "subAgents:",
        "  - " + SUB_AGENT.replace("2Gi } }", "2Gi }, limits: { memory: 4Gi } }")).subAgents().get(0).resources();

    assertThat(r.memoryLimit().toString()).isEqualTo("4Gi");
    assertThat(r.cpuLimit().toString()).isEqualTo("2");
  }

  @Test
  void resolve_whenLimitEqualsRequest_accepts() {
    assertThatCode(() -> TestFleets.fleet("name: f", "subAgents:",
        "  - " + SUB_AGENT.replace("2Gi } }", "2Gi }, limits: { cpu: 1000m, memory: 2048Mi } }")))
        .doesNotThrowAnyException();
  }

  @Test
  void resolve_whenNamespaceOmitted_usesTheFleetName() {
    Fleet fleet = TestFleets.fleet("name: team-agents", "subAgents:", "  - " + SUB_AGENT);

    assertThat(fleet.namespace()).isEqualTo("team-agents");
  }

  @Test
  void resolve_whenSubAgentOmitsOptionalFields_usesMediumPriorityNoApiAccessAnd10GiWorkspace() {
    SubAgent s = TestFleets.fleet("name: f", "subAgents:", "  - " + SUB_AGENT).subAgents().get(0);

    assertThat(s.priority()).isEqualTo(Priority.MEDIUM);
    assertThat(s.apiAccess()).isEqualTo(ApiAccess.NONE);
    assertThat(s.workspace().toString()).isEqualTo("10Gi");
    assertThat(s.role()).isEqualTo(Role.SENIOR_DEVELOPER);
  }

  @Test
  void resolve_whenAgentOmitsSizesAndPorts_usesWorkerFrontendAndBackendDefaults() {
    Agent a = TestFleets.fleet("name: f", "defaults: { subAgent: { image: claude-code-agent:2.1.0 } }", "agents:",
        "  - { id: a-2, frontend: { image: fe:1.0.0 }, backend: { image: be:1.0.0 } }").agents().get(0);

    assertThat(a.name()).isEqualTo("agent-a-2");
    assertThat(a.database()).isEqualTo("a_2");
    assertThat(a.worker().image()).isEqualTo("claude-code-agent:2.1.0");
    assertThat(a.worker().workspace().toString()).isEqualTo("20Gi");
    assertThat(a.worker().resources()).isEqualTo(new Resources(Quantity.parse("1"), Quantity.parse("2Gi"),
        Quantity.parse("2"), Quantity.parse("2Gi")));
    Component fe = a.frontend().orElseThrow();
    Component be = a.backend().orElseThrow();
    assertThat(fe.port()).isEqualTo(3000);
    assertThat(fe.replicas()).isEqualTo(1);
    assertThat(fe.resources()).isEqualTo(new Resources(Quantity.parse("100m"), Quantity.parse("256Mi"),
        Quantity.parse("200m"), Quantity.parse("256Mi")));
    assertThat(be.port()).isEqualTo(8080);
    assertThat(be.resources()).isEqualTo(new Resources(Quantity.parse("250m"), Quantity.parse("512Mi"),
        Quantity.parse("500m"), Quantity.parse("512Mi")));
  }

  @Test
  void resolve_whenAgentHasNoFrontendOrBackend_acceptsAWorkerAlone() {
    Agent a = TestFleets.fleet("name: f", "agents:", "  - { id: a2, worker: { image: w:1.0.0 } }").agents().get(0);

    assertThat(a.frontend()).isEmpty();
    assertThat(a.backend()).isEmpty();
    assertThat(TestFleets.fleet("name: f", "agents:", "  - { id: a2, worker: { image: w:1.0.0 } }").prioritiesUsed())
        .containsExactly(Priority.MEDIUM);
  }

  @Test
  void resolve_whenScaleDownAfterIsExactlyOneHour_accepts() {
    assertThatCode(() -> TestFleets.fleet("name: f", "subAgents:",
        "  - " + SUB_AGENT.replace("2Gi } }", "2Gi }, scaling: { scaleDownAfter: 60m } }")))
        .doesNotThrowAnyException();
  }

  @Test
  void resolve_whenImagePinnedByDigest_accepts() {
    String digest = "sha256:" + "a".repeat(64);

    assertThatCode(() -> TestFleets.fleet("name: f", "subAgents:",
        "  - " + SUB_AGENT.replace("claude-code-agent:2.1.0", "claude-code-agent@" + digest),
        "  - " + SUB_AGENT.replace("s1", "s2").replace("claude-code-agent:2.1.0", "claude-code-agent:latest@" + digest)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres:16", "claude-code-agent:2", "ghcr.io/example/postgres:16"})
  void resolve_whenTagIsDigitsOnly_acceptsItAsATag(String image) {
    assertThatCode(() -> TestFleets.fleet("name: f", "subAgents:",
        "  - " + SUB_AGENT.replace("claude-code-agent:2.1.0", image))).doesNotThrowAnyException();
  }

  @Test
  void resolve_whenInvalid_namesTheFleetAndCountsItsProblems() {
    assertThatThrownBy(() -> TestFleets.fleet("name: f", "subAgents:", "  - " + SUB_AGENT.replace("1..2", "7..6")))
        .isInstanceOf(FleetValidationException.class)
        .hasMessage("The fleet 'f' in test is not valid (1 problem):\n  - test:3:81: subAgents[s1].replicas: minimum 7 is above maximum 6");
  }

  @Test
  void resolve_whenBuiltInJava_checksTheSameRules() {
    FleetSpec spec = FleetSpec.builder().name("f")
        .addSubAgent(SubAgentSpec.builder().id("s5").role(Role.ARCHITECTURE_EXPERT).image("agent:1.0.0")
            .replicas(ReplicaRange.between(7, 6)).requests(Compute.of("2", "4Gi")).build())
        .build();

    assertThatThrownBy(() -> FleetResolver.resolve(spec))
        .isInstanceOfSatisfying(FleetValidationException.class, e -> {
          assertThat(e.lines()).containsExactly("subAgents[s5].replicas: minimum 7 is above maximum 6");
          assertThat(e.problems()).containsExactly(new Problem("subAgents[s5].replicas", "minimum 7 is above maximum 6"));
        });
  }

  @Test
  void resolve_whenClusterHoldsTheFleetExactlyAtFullScale_accepts() {
    assertThatCode(() -> TestFleets.fleet("name: f", "cluster: { cpu: 3, memory: 6Gi, pods: 3 }",
        "quota: { cpu: 3000m, memory: 6144Mi, pods: 3, headroom: 0% }", "subAgents:", "  - " + SUB_AGENT))
        .doesNotThrowAnyException();
  }

  @Test
  void resolve_whenClusterIsOneMillicoreShort_reportsTheShortfall() {
    assertThatThrownBy(() -> TestFleets.fleet("name: f", "cluster: { cpu: 2999m, memory: 6Gi }", "subAgents:",
        "  - " + SUB_AGENT))
        .isInstanceOfSatisfying(FleetValidationException.class,
            e -> assertThat(e.lines()).singleElement().asString().startsWith("test:2:10: cluster: ").endsWith(": short by 0.001 CPUs"));
  }

  @Test
  void resolve_whenClusterPodsNotPositive_saysItMustBeAtLeastOne() {
    assertThatThrownBy(() -> TestFleets.fleet("name: f", "cluster: { cpu: 100, memory: 100Gi, pods: -1 }", "subAgents:",
        "  - " + SUB_AGENT))
        .isInstanceOfSatisfying(FleetValidationException.class, e -> assertThat(e.lines())
            .anySatisfy(l -> assertThat(l).startsWith("test:2:43: cluster.pods: -1 is outside 1..150000")));
  }
}
