package io.agentfleet.generate.subagents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.SubAgent;
import io.agentfleet.model.SubAgentSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubAgentGeneratorTest {
  private final Fleet fleet = TestFleets.booking();
  private final SubAgent s1 = fleet.subAgents().get(0);

  @Test
  void generate_writesOneFilePerSubAgentNamedAsInTheSeed() {
    List<ManifestFile> files = new SubAgentGenerator().generate(fleet);
    assertThat(files).extracting(ManifestFile::path).containsExactly(
        "sub-agents/claude-sub-agent-s1.yaml", "sub-agents/claude-sub-agent-s2.yaml",
        "sub-agents/claude-sub-agent-s3.yaml", "sub-agents/claude-sub-agent-s4.yaml",
        "sub-agents/claude-sub-agent-s5.yaml", "sub-agents/claude-sub-agent-s6.yaml");
    // Its ServiceAccount first, beside what runs under it (core/ holds none per sub-agent: it would grow with the
    // fleet, and one Application records every object of its folder).
    assertThat(files.get(0).documents()).extracting(d -> d.resource().getKind()).containsExactly(
        "ServiceAccount", "Deployment", "Service", "HorizontalPodAutoscaler", "VerticalPodAutoscaler", "PodDisruptionBudget",
        "NetworkPolicy");
  }

  @Test
  void generate_whenAFleetHasSeveralSubAgents_theirObjectsShareTheFleetsPartsAndNoneCanGrowThem() {
    List<ManifestFile> files = new SubAgentGenerator().generate(fleet);
    PodSpec a = ((Deployment) files.get(0).documents().get(1).resource()).getSpec().getTemplate().getSpec();
    PodSpec b = ((Deployment) files.get(1).documents().get(1).resource()).getSpec().getTemplate().getSpec();
    Container ca = a.getContainers().get(0);
    Container cb = b.getContainers().get(0);
    // Made once per fleet, not once per sub-agent: a fleet of thousands would otherwise build each thousands of times.
    assertThat(a.getSecurityContext()).isSameAs(b.getSecurityContext());
    assertThat(ca.getSecurityContext()).isSameAs(cb.getSecurityContext());
    assertThat(ca.getLivenessProbe()).isSameAs(cb.getLivenessProbe());
    assertThat(ca.getVolumeMounts()).isSameAs(cb.getVolumeMounts());
    assertThat(ca.getEnv().get(5)).isSameAs(cb.getEnv().get(5));
    assertThat(a.getVolumes().get(3)).isSameAs(b.getVolumes().get(3));
    // What is a sub-agent's own is not shared.
    assertThat(ca.getResources()).isNotSameAs(cb.getResources());
    assertThat(a.getVolumes().get(2)).isNotSameAs(b.getVolumes().get(2));
    assertThat(ca.getEnv().get(0)).isNotSameAs(cb.getEnv().get(0));
    // A decorator that added to a shared list in place would change every sub-agent at once: it fails instead.
    assertThatThrownBy(() -> ca.getVolumeMounts().add(ca.getVolumeMounts().get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ca.getPorts().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void deployment_whenAnHpaScalesIt_leavesReplicasUnset() {
    assertThat(SubAgentGenerator.deployment(fleet, s1).getSpec().getReplicas()).isNull();
  }

  @Test
  void deployment_whenReplicasAreFixed_setsThemAndHasNoHpa() {
    Fleet fixed = FleetResolver.resolve(io.agentfleet.model.FleetSpec.builder().from(TestFleets.bookingSpec())
        .subAgents(List.of(SubAgentSpec.builder().from(TestFleets.bookingSpec().subAgents().get(0))
            .replicas(ReplicaRange.exactly(2)).build()))
        .build());
    ManifestFile file = new SubAgentGenerator().generate(fixed).get(0);
    Deployment d = (Deployment) file.documents().get(1).resource();
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(file.documents()).extracting(x -> x.resource().getKind()).doesNotContain("HorizontalPodAutoscaler");
  }

  @Test
  void deployment_whenEnvIsGiven_appendsPlainValuesAndSecretReferencesAfterTheContractsVariables() {
    Fleet withEnv = FleetResolver.resolve(io.agentfleet.model.FleetSpec.builder().from(TestFleets.bookingSpec())
        .subAgents(List.of(SubAgentSpec.builder().from(TestFleets.bookingSpec().subAgents().get(0))
            .putEnv("LOG_LEVEL", io.agentfleet.model.EnvValue.of("debug"))
            .putEnv("GITHUB_TOKEN", io.agentfleet.model.EnvValue.fromSecret("s1-env", "github-token")).build()))
        .build());
    Container c = SubAgentGenerator.deployment(withEnv, withEnv.subAgents().get(0)).getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    int n = c.getEnv().size();
    assertThat(c.getEnv().get(0).getName()).isEqualTo("AGENT_ID");
    assertThat(c.getEnv().get(n - 2).getName()).isEqualTo("GITHUB_TOKEN");
    assertThat(c.getEnv().get(n - 2).getValueFrom().getSecretKeyRef().getName()).isEqualTo("s1-env");
    assertThat(c.getEnv().get(n - 2).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("github-token");
    assertThat(c.getEnv().get(n - 1).getName()).isEqualTo("LOG_LEVEL");
    assertThat(c.getEnv().get(n - 1).getValue()).isEqualTo("debug");
  }

  @Test
  void deployment_meetsPodSecurityRestrictedAndMountsWritableDirsUnderAReadOnlyRoot() {
    PodSpec pod = SubAgentGenerator.deployment(fleet, s1).getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath())
        .contains("/tmp", "/home/agent", "/workspace");
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("workspace"))
        .singleElement().satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit().toString()).isEqualTo("10Gi"));
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getPriorityClassName()).isEqualTo("booking-agents-high");
  }

  @Test
  void deployment_takesTheApiKeyFromTheSecretAndSetsRequestsAndLimits() {
    Container c = SubAgentGenerator.deployment(fleet, s1).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("ANTHROPIC_API_KEY")).singleElement()
        .satisfies(e -> {
          assertThat(e.getValue()).isNull();
          assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("claude-api-credentials");
          assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api-key");
        });
    assertThat(c.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
    assertThat(c.getResources().getRequests().get("cpu").toString()).isEqualTo("1");
    assertThat(c.getResources().getLimits().get("cpu").toString()).isEqualTo("2");
    assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getImage()).isEqualTo("ghcr.io/example/claude-code-agent:2.1.0");
  }

  @Test
  void hpa_scalesOnCpuMemoryAndClaudeRequestsWithASlowScaleDown() {
    HorizontalPodAutoscaler hpa = SubAgentAutoscaling.hpa(fleet, s1, true);
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("claude-sub-agent-s1");
    assertThat(hpa.getSpec().getMetrics()).hasSize(3);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
    assertThat(hpa.getSpec().getMetrics().get(1).getResource().getTarget().getAverageUtilization()).isEqualTo(80);
    assertThat(hpa.getSpec().getMetrics().get(2).getPods().getMetric().getName())
        .isEqualTo("claude_api_requests_per_second");
    assertThat(hpa.getSpec().getMetrics().get(2).getPods().getTarget().getAverageValue().toString()).isEqualTo("10");
    assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
    assertThat(hpa.getSpec().getBehavior().getScaleDown().getPolicies()).singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(1));
  }

  @Test
  void vpa_onlyRecommendsBecauseTheHpaScalesOnTheSameResources() {
    GenericKubernetesResource vpa = SubAgentAutoscaling.vpa(fleet, s1);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) vpa.getAdditionalProperties().get("spec");
    assertThat(spec.get("updatePolicy")).isEqualTo(Map.of("updateMode", "Off"));
    assertThat(vpa.getApiVersion()).isEqualTo("autoscaling.k8s.io/v1");
  }

  @Test
  void pdb_alwaysLeavesASingleReplicaEvictable() {
    PodDisruptionBudget pdb = SubAgentGenerator.pdb(fleet, s1);
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getMinAvailable()).isNull();
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(SubAgentGenerator.selector(s1));
  }

  @Test
  void selectors_matchThePodTemplateAndStayOnTwoStableLabels() {
    Deployment d = SubAgentGenerator.deployment(fleet, s1);
    Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
    assertThat(selector).containsOnlyKeys(Labels.NAME, Labels.INSTANCE);
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
    assertThat(SubAgentGenerator.service(fleet, s1).getSpec().getSelector()).isEqualTo(selector);
    assertThat(SubAgentGenerator.networkPolicy(fleet, s1).getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(selector);
  }

  @Test
  void networkPolicy_admitsAgentsOnHttpAndMonitoringOnMetricsOnly() {
    var np = SubAgentGenerator.networkPolicy(fleet, s1);
    assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(np.getSpec().getIngress()).hasSize(2);
    assertThat(np.getSpec().getIngress().get(0).getPorts()).singleElement()
        .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
    assertThat(np.getSpec().getIngress().get(1).getFrom().get(0).getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "monitoring");
    assertThat(np.getSpec().getIngress().get(1).getFrom().get(0).getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "prometheus");
  }

  @Test
  void everyObject_carriesTheRecommendedLabels() {
    for (ManifestFile f : new SubAgentGenerator().generate(fleet)) {
      for (var d : f.documents()) {
        HasMetadata r = d.resource();
        assertThat(r.getMetadata().getLabels()).containsKeys(Labels.NAME, Labels.INSTANCE, Labels.COMPONENT,
            Labels.PART_OF, Labels.MANAGED_BY);
        assertThat(r.getMetadata().getNamespace()).isEqualTo("booking-agents");
      }
    }
  }
}
