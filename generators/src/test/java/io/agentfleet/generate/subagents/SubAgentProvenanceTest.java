package io.agentfleet.generate.subagents;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reviewer reading a sub-agent's Deployment and HPA sees beside each value the fleet chose where it came from:
 * the sub-agent's own field, the fleet-level default, a built-in default or the limit rule. Each sub-agent field is
 * tested written on the sub-agent (s1), from {@code defaults.subAgent} (s2) and from the built-in defaults (s3).
 */
class SubAgentProvenanceTest {
  private static final String WITH_FLEET_DEFAULTS = """
      name: f
      network: { apiServer: [ { cidr: 10.96.0.1/32, port: 443 } ] }
      defaults:
        subAgent:
          image: example.org/fleet-agent:1.0.0
          scaling: { cpu: 60%, memory: 85%, requestsPerSecond: 7, scaleDownAfter: 3m, scaleDownPodsPerMinute: 2 }
      subAgents:
        - id: s1
          role: senior-developer
          image: example.org/own-agent:3.0.0
          replicas: 2..9
          requests: { cpu: 1.5, memory: 3Gi }
          limits: { cpu: 4, memory: 4Gi }
          scaling: { cpu: 65%, memory: 75%, requestsPerSecond: 12, scaleDownAfter: 10m, scaleDownPodsPerMinute: 3 }
          priority: high
          apiAccess: read
          workspace: 15Gi
        - { id: s2, role: test-expert, replicas: 1..4, requests: { cpu: 1, memory: 2Gi }, priority: low }
      monitoring: { mode: prometheus-operator }
      """;

  private static final String WITH_BUILT_IN_DEFAULTS = """
      name: g
      subAgents:
        - { id: s3, role: ux-expert, image: example.org/agent:1.0.0, replicas: 1..3, requests: { cpu: 500m, memory: 1Gi } }
      monitoring: { mode: prometheus-operator }
      """;

  @Test
  void subAgent_whenEveryValueIsWrittenOnIt_eachLineNamesTheSubAgentsField() {
    List<String> lines = rendered(WITH_FLEET_DEFAULTS, "s1");
    assertThat(lines).containsSubsequence(
        "automountServiceAccountToken: true  # subAgents[s1].apiAccess",
        "image: example.org/own-agent:3.0.0  # subAgents[s1].image",
        "cpu: \"4\"  # subAgents[s1].limits.cpu",
        "memory: 4Gi  # subAgents[s1].limits.memory",
        "cpu: \"1.5\"  # subAgents[s1].requests.cpu",
        "memory: 3Gi  # subAgents[s1].requests.memory",
        "priorityClassName: f-high  # subAgents[s1].priority",
        "sizeLimit: 15Gi  # subAgents[s1].workspace");
    assertThat(lines).containsSubsequence(
        "kind: HorizontalPodAutoscaler",
        "value: 3  # subAgents[s1].scaling.scaleDownPodsPerMinute",
        "stabilizationWindowSeconds: 600  # subAgents[s1].scaling.scaleDownAfter (10m)",
        "maxReplicas: 9  # subAgents[s1].replicas",
        "averageUtilization: 65  # subAgents[s1].scaling.cpu",
        "averageUtilization: 75  # subAgents[s1].scaling.memory",
        "averageValue: \"12\"  # subAgents[s1].scaling.requestsPerSecond",
        "minReplicas: 2  # subAgents[s1].replicas");
    assertThat(lines).contains("egress:  # subAgents[s1].apiAccess");
  }

  @Test
  void subAgent_whenValuesComeFromFleetDefaults_eachLineNamesTheFleetLevelDefault() {
    List<String> lines = rendered(WITH_FLEET_DEFAULTS, "s2");
    assertThat(lines).containsSubsequence(
        "automountServiceAccountToken: false  # subAgents[s2].apiAccess (none is the default)",
        "image: example.org/fleet-agent:1.0.0  # defaults.subAgent.image",
        "cpu: \"2\"  # = 2 × subAgents[s2].requests.cpu (CPU limit rule)",
        "memory: 2Gi  # = subAgents[s2].requests.memory (memory limit rule)",
        "cpu: \"1\"  # subAgents[s2].requests.cpu",
        "memory: 2Gi  # subAgents[s2].requests.memory",
        "priorityClassName: f-low  # subAgents[s2].priority");
    assertThat(lines).containsSubsequence(
        "kind: HorizontalPodAutoscaler",
        "value: 2  # defaults.subAgent.scaling.scaleDownPodsPerMinute",
        "stabilizationWindowSeconds: 180  # defaults.subAgent.scaling.scaleDownAfter (3m)",
        "maxReplicas: 4  # subAgents[s2].replicas",
        "averageUtilization: 60  # defaults.subAgent.scaling.cpu",
        "averageUtilization: 85  # defaults.subAgent.scaling.memory",
        "averageValue: \"7\"  # defaults.subAgent.scaling.requestsPerSecond",
        "minReplicas: 1  # subAgents[s2].replicas");
  }

  @Test
  void subAgent_whenValuesComeFromBuiltInDefaults_eachLineNamesTheDefault() {
    List<String> lines = rendered(WITH_BUILT_IN_DEFAULTS, "s3");
    assertThat(lines).containsSubsequence(
        "automountServiceAccountToken: false  # subAgents[s3].apiAccess (none is the default)",
        "cpu: \"1\"  # = 2 × subAgents[s3].requests.cpu (CPU limit rule)",
        "memory: 1Gi  # = subAgents[s3].requests.memory (memory limit rule)",
        "cpu: 500m  # subAgents[s3].requests.cpu",
        "memory: 1Gi  # subAgents[s3].requests.memory",
        "priorityClassName: g-medium  # subAgents[s3].priority (medium is the default)",
        "sizeLimit: 10Gi  # default (Defaults.SUB_AGENT_WORKSPACE)");
    assertThat(lines).containsSubsequence(
        "kind: HorizontalPodAutoscaler",
        "value: 1  # default (Defaults.SCALE_DOWN_PODS_PER_MINUTE)",
        "stabilizationWindowSeconds: 300  # default (Defaults.SCALE_DOWN_AFTER) (5m)",
        "maxReplicas: 3  # subAgents[s3].replicas",
        "averageUtilization: 70  # default (Defaults.CPU_TARGET_PERCENT)",
        "averageUtilization: 80  # default (Defaults.MEMORY_TARGET_PERCENT)",
        "averageValue: \"10\"  # default (Defaults.REQUESTS_PER_SECOND)",
        "minReplicas: 1  # subAgents[s3].replicas");
  }

  @Test
  void subAgent_whenItsReplicasAreFixed_theDeploymentsCountNamesTheField() {
    String fixed = WITH_BUILT_IN_DEFAULTS.replace("replicas: 1..3", "replicas: 2");
    assertThat(rendered(fixed, "s3")).contains("replicas: 2  # subAgents[s3].replicas")
        .noneMatch(l -> l.startsWith("kind: HorizontalPodAutoscaler"));
  }

  @Test
  void subAgent_withKeda_theScaledObjectsThresholdsNameTheirSources() {
    String keda = WITH_FLEET_DEFAULTS.replace("scaleDownPodsPerMinute: 3 }", "scaleDownPodsPerMinute: 3, autoscaler: keda }");
    assertThat(rendered(keda, "s1")).containsSubsequence(
        "kind: ScaledObject",
        "stabilizationWindowSeconds: 600  # subAgents[s1].scaling.scaleDownAfter (10m)",
        "cooldownPeriod: 600  # subAgents[s1].scaling.scaleDownAfter (10m)",
        "maxReplicaCount: 9  # subAgents[s1].replicas",
        "minReplicaCount: 2  # subAgents[s1].replicas",
        "value: \"65\"  # subAgents[s1].scaling.cpu",
        "value: \"75\"  # subAgents[s1].scaling.memory",
        "threshold: \"12\"  # subAgents[s1].scaling.requestsPerSecond");
  }

  /** The sub-agent's file as rendered, each line without its indentation. */
  private static List<String> rendered(String yaml, String id) {
    Fleet fleet = FleetResolver.resolve(FleetYaml.read(yaml, "fleet.yaml"));
    ManifestFile file = new SubAgentGenerator().generate(fleet).stream()
        .filter(f -> f.path().equals("sub-agents/claude-sub-agent-" + id + ".yaml")).findFirst().orElseThrow();
    return YamlRenderer.render(file.documents()).lines().map(String::strip).map(l -> l.startsWith("- ") ? l.substring(2)
        : l).toList();
  }
}
