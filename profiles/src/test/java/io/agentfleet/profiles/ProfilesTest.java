package io.agentfleet.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.model.Compute;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.Role;
import io.agentfleet.model.SubAgentSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class ProfilesTest {
  private static FleetSpec spec() {
    return FleetSpec.builder().name("f")
        .addSubAgent(SubAgentSpec.builder().id("s1").role(Role.SENIOR_DEVELOPER).image("agent:1.0")
            .replicas(ReplicaRange.between(1, 8)).requests(Compute.of("1", "2Gi")).build())
        .addSubAgent(SubAgentSpec.builder().id("s2").role(Role.UX_EXPERT).image("agent:1.0")
            .replicas(ReplicaRange.exactly(1)).requests(Compute.of("1", "2Gi")).build())
        .build();
  }

  @Test
  void named_whenUnknown_listsTheKnownProfilesAndSuggestsOne() {
    assertThatThrownBy(() -> Profiles.named("prod"))
        .hasMessage("unknown profile 'prod' (known: dev, production); did you mean 'production'?");
  }

  @Test
  void dev_capsSubAgentsAtTwoReplicasAndLeavesSmallerOnesAlone() {
    FleetSpec dev = Profiles.named("dev").apply(spec());
    assertThat(dev.subAgents()).extracting(s -> s.replicas().toString()).containsExactly("1..2", "1");
  }

  @Test
  void production_keepsTheSpecAsWritten() {
    assertThat(Profiles.named("production").apply(spec())).isEqualTo(spec());
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
  void addTopologySpread_leavesOtherKindsUntouched() {
    HasMetadata svc = new ServiceBuilder().withNewMetadata().withName("s").endMetadata().build();
    assertThat(new AddTopologySpread().apply(svc, FleetResolver.resolve(spec()))).isSameAs(svc);
  }

  /** The sub-agent file of s1 as the named profile generates it (sub-agents only, unvalidated: this is about comments). */
  private static java.util.List<String> s1Lines(String profile) {
    return io.agentfleet.generate.FleetGenerator.builder().profile(Profiles.named(profile))
        .generators(java.util.List.of(new io.agentfleet.generate.subagents.SubAgentGenerator()))
        .validators(java.util.List.of()).build().generate(spec())
        .tree().files().get("sub-agents/claude-sub-agent-s1.yaml").lines().map(String::strip).toList();
  }

  @Test
  void dev_whenItCapsReplicas_theHpaSaysTheProfileSetTheMaximum() {
    assertThat(s1Lines("dev")).contains("maxReplicas: 2  # profile dev: subAgents[s1].replicas",
        "minReplicas: 1  # subAgents[s1].replicas");
  }

  @Test
  void production_theSpreadItAddsSaysItComesFromTheProfile() {
    assertThat(s1Lines("production")).contains("topologySpreadConstraints:  # profile production: topology spread",
        "maxReplicas: 8  # subAgents[s1].replicas");
  }
}
