package io.agentfleet.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.subagents.SubAgentGenerator;
import io.agentfleet.model.Compute;
import io.agentfleet.model.DatabaseSpec;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetEnvironments;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.Role;
import io.agentfleet.model.SubAgentSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfilesTest {
  private static FleetSpec spec() {
    return FleetSpec.builder().name("f")
        .addSubAgent(SubAgentSpec.builder().id("s1").role(Role.SENIOR_DEVELOPER).image("agent:1.0")
            .replicas(ReplicaRange.between(1, 8)).requests(Compute.of("1", "2Gi")).build())
        .addSubAgent(SubAgentSpec.builder().id("s2").role(Role.UX_EXPERT).image("agent:1.0")
            .replicas(ReplicaRange.between(2, 3)).requests(Compute.of("150m", "200Mi")).build())
        // The database serves the agents' own databases: one agent, so that it is made.
        .addAgent(io.agentfleet.model.AgentSpec.builder().id("a1").worker(io.agentfleet.model.WorkerSpec.builder()
            .image("claude-code-agent:2.1.0").build()).build())
        .database(DatabaseSpec.builder().instances(3).backups(DatabaseSpec.BackupsSpec.builder()
            .objectStore(DatabaseSpec.ObjectStoreSpec.builder().destinationPath("s3://backups/postgres").secret("s3").build())
            .build()).build())
        .build();
  }

  @Test
  void names_areTheEnvironmentsAFleetFileMayDeclare() {
    assertThat(Profiles.names()).isEqualTo(FleetEnvironments.KNOWN);
  }

  @Test
  void named_whenUnknown_listsTheKnownProfilesAndSuggestsOne() {
    assertThatThrownBy(() -> Profiles.named("prod"))
        .hasMessage("unknown profile 'prod' (known: dev, staging, production); did you mean 'production'?");
  }

  @Test
  void dev_runsOneReplicaOfEverythingOnOneDatabaseInstanceWithoutObjectStoreBackups() {
    FleetSpec dev = Profiles.named("dev").apply(spec());

    assertThat(dev.subAgents()).extracting(s -> s.replicas().toString()).containsExactly("1", "1");
    assertThat(dev.database().orElseThrow().instances()).contains(1);
    assertThat(dev.database().orElseThrow().backups().orElseThrow().objectStore()).isEmpty();
  }

  @Test
  void dev_halvesRequestsButNeverBelowWhatAProcessNeedsToStart() {
    FleetSpec dev = Profiles.named("dev").apply(spec());

    assertThat(dev.subAgents()).extracting(s -> s.requests().cpu().orElseThrow() + "/" + s.requests().memory()
        .orElseThrow()).containsExactly("500m/1Gi", "100m/200Mi");
  }

  @Test
  void dev_suffixesTheFleetAndItsNamespaces_productionKeepsItsNames() {
    FleetSpec dev = Profiles.named("dev").apply(spec());
    FleetSpec production = Profiles.named("production").apply(spec());

    assertThat(List.of(dev.name(), dev.namespace().orElseThrow(), dev.network().monitoringNamespace()))
        .containsExactly("f-dev", "f-dev", "monitoring-dev");
    assertThat(production).isEqualTo(spec());
  }

  @Test
  void staging_inheritsProductionAndChangesOnlyMaximaAndDatabaseInstances() {
    Preset staging = Profiles.preset("staging");
    Preset production = Profiles.preset("production");

    assertThat(staging.parent()).contains("production");
    assertThat(staging.topologySpread()).isEqualTo(production.topologySpread()).contains(true);
    assertThat(staging.physicalBackups()).isEqualTo(production.physicalBackups());
    assertThat(staging.requestsDivisor()).isEqualTo(production.requestsDivisor());
    FleetSpec applied = Profiles.named("staging").apply(spec());
    assertThat(applied.subAgents()).extracting(s -> s.replicas().toString()).containsExactly("1..4", "2");
    assertThat(applied.database().orElseThrow().instances()).contains(2);
    assertThat(applied.database().orElseThrow().backups().orElseThrow().objectStore()).isPresent();
    assertThat(applied.subAgents()).extracting(SubAgentSpec::requests)
        .containsExactlyElementsOf(spec().subAgents().stream().map(SubAgentSpec::requests).toList());
    assertThat(Profiles.named("staging").decorators()).hasSameSizeAs(Profiles.named("production").decorators());
  }

  @Test
  void everyProfile_labelsItsObjectsWithItsEnvironment() {
    Profiles.names().forEach(n -> assertThat(Profiles.named(n).labels())
        .containsExactlyEntriesOf(java.util.Map.of("agentfleet.io/environment", n)));
  }

  static List<String> profiles() {
    return Profiles.names();
  }

  /** What an environment writes for itself beats whatever its preset would set. */
  @ParameterizedTest
  @MethodSource("profiles")
  void anEnvironmentsOwnValue_beatsItsPreset(String profile) {
    String yaml = String.join("\n",
        "name: f",
        "database: { instances: 3, storage: 10Gi, backups: { objectStore: { destinationPath: s3://backups/postgres, secret: s3 } } }",
        "subAgents:",
        "  - { id: s1, role: senior-developer, image: agent:1.0, replicas: 1..8, requests: { cpu: 1, memory: 2Gi } }",
        "agents: [ { id: a1, worker: { image: claude-code-agent:2.1.0 } } ]",
        "environments:",
        "  " + profile + ":",
        "    subAgents: [ { id: s1, replicas: 2..7, requests: { cpu: 3 } } ]",
        "    database: { instances: 4 }") + "\n";
    FleetEnvironment env = FleetYaml.readEnvironments(yaml, "fleet.yaml").get(profile);

    FleetSpec applied = env.pin(Profiles.named(profile).apply(env.spec()));

    SubAgentSpec s1 = applied.subAgents().get(0);
    assertThat(s1.replicas()).isEqualTo(ReplicaRange.between(2, 7));
    assertThat(s1.requests().cpu()).contains(Quantity.parse("3"));
    assertThat(applied.database().orElseThrow().instances()).contains(4);
    List<String> hpa = s1Lines(profile, env);
    assertThat(hpa).contains("maxReplicas: 7  # environments." + profile + ".subAgents[s1].replicas",
        "minReplicas: 2  # environments." + profile + ".subAgents[s1].replicas");
  }

  @Test
  void addTopologySpread_spreadsDeploymentsOverNodesAndZonesWithoutBlockingScheduling() {
    Fleet fleet = FleetResolver.resolve(spec());
    Deployment d = new DeploymentBuilder().withNewMetadata().withName("d").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app.kubernetes.io/name", "x").endSelector()
        .withNewTemplate().withNewSpec().endSpec().endTemplate().endSpec().build();

    Deployment spread = (Deployment) new AddTopologySpread().apply(d, fleet);

    assertThat(spread.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .extracting(c -> c.getTopologyKey() + "/" + c.getWhenUnsatisfiable() + "/" + c.getMaxSkew())
        .containsExactly("kubernetes.io/hostname/ScheduleAnyway/1", "topology.kubernetes.io/zone/ScheduleAnyway/1");
    assertThat(spread.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().get(0)
        .getLabelSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "x");
    assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).isNullOrEmpty();
  }

  @Test
  void addTopologySpread_changesNothingButTheConstraints_andLeavesItsInputAsItWas() {
    Fleet fleet = FleetResolver.resolve(spec());
    Deployment d = new DeploymentBuilder().withNewMetadata().withName("d").addToLabels("a", "b").endMetadata()
        .withNewSpec().withReplicas(3).withMinReadySeconds(5).withPaused(false).withProgressDeadlineSeconds(60)
        .withRevisionHistoryLimit(2).withNewStrategy().withType("Recreate").endStrategy()
        .withNewSelector().addToMatchLabels("app.kubernetes.io/name", "x").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "x").endMetadata()
        .withNewSpec().withServiceAccountName("sa").addNewContainer().withName("c").withImage("i").endContainer()
        .endSpec().endTemplate().endSpec().withNewStatus().withReplicas(1).endStatus().build();
    d.setAdditionalProperty("extra", "kept");
    d.getSpec().setAdditionalProperty("specExtra", 1);
    d.getSpec().getTemplate().setAdditionalProperty("templateExtra", true);
    com.fasterxml.jackson.databind.JsonNode before = io.agentfleet.generate.spi.YamlRenderer.toTree(d);

    Deployment spread = (Deployment) new AddTopologySpread().apply(d, fleet);

    com.fasterxml.jackson.databind.node.ObjectNode after = io.agentfleet.generate.spi.YamlRenderer.toTree(spread);
    assertThat(after.at("/spec/template/spec/topologySpreadConstraints")).hasSize(2);
    // What it declares it sets (where the generator puts its notes, without comparing) is all that changed.
    List<String> declared = new AddTopologySpread().sets(spread);
    assertThat(declared).containsExactly("/spec/template/spec/topologySpreadConstraints");
    for (String pointer : declared) {
      int cut = pointer.lastIndexOf('/');
      assertThat(before.at(pointer).isMissingNode()).as(pointer + " before").isTrue();
      ((com.fasterxml.jackson.databind.node.ObjectNode) after.at(pointer.substring(0, cut)))
          .remove(pointer.substring(cut + 1));
    }
    assertThat(after).isEqualTo(before);
    assertThat(io.agentfleet.generate.spi.YamlRenderer.toTree(d)).isEqualTo(before);
  }

  @Test
  void addTopologySpread_leavesOtherKindsUntouched() {
    HasMetadata svc = new ServiceBuilder().withNewMetadata().withName("s").endMetadata().build();
    assertThat(new AddTopologySpread().apply(svc, FleetResolver.resolve(spec()))).isSameAs(svc);
  }

  /** The sub-agent file of s1 as the named profile generates it (sub-agents only, unvalidated: this is about comments). */
  private static List<String> s1Lines(String profile, FleetEnvironment env) {
    return FleetGenerator.builder().profile(Profiles.named(profile))
        .generators(List.of(new SubAgentGenerator()))
        .validators(List.of()).build().generate(env)
        .tree().files().get("sub-agents/claude-sub-agent-s1.yaml").lines().map(String::strip).toList();
  }

  private static List<String> s1Lines(String profile) {
    return s1Lines(profile, FleetEnvironment.of(profile, spec()));
  }

  @Test
  void staging_whenItLowersAMaximum_theHpaSaysTheProfileSetIt() {
    assertThat(s1Lines("staging")).contains("maxReplicas: 4  # profile staging: subAgents[s1].replicas",
        "minReplicas: 1  # subAgents[s1].replicas");
  }

  @Test
  void dev_whenItFixesReplicas_emitsNoAutoscalers() {
    assertThat(s1Lines("dev")).noneMatch(l -> l.startsWith("kind: HorizontalPodAutoscaler")
        || l.startsWith("kind: VerticalPodAutoscaler") || l.startsWith("kind: ScaledObject"))
        .contains("replicas: 1  # subAgents[s1].replicas",
            "# Fixed at 1 replica (minimum = maximum): no HPA, ScaledObject or VPA, nothing autoscales it.");
  }

  @Test
  void production_theSpreadItAddsSaysItComesFromTheProfile() {
    assertThat(s1Lines("production")).contains("topologySpreadConstraints:  # profile production: topology spread",
        "maxReplicas: 8  # subAgents[s1].replicas");
  }
}
