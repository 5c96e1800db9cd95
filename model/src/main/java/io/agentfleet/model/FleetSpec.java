package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A fleet as its author wrote it in {@code fleet.yaml} or with this builder: nothing resolved, nothing checked
 * beyond syntax. {@link FleetResolver} fills the defaults and checks every rule at once.
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableFleetSpec.class)
@JsonDeserialize(as = ImmutableFleetSpec.class)
@JsonPropertyOrder({"name", "namespace", "agentPrefix", "kubernetesVersion", "imageRegistry", "labels", "claude", "secrets",
    "network", "externalNamespaces", "cluster", "quota", "defaults", "agents", "subAgents", "database", "monitoring", "gitops"})
public interface FleetSpec {
  /** DNS-1123 name of the fleet; prefixes cluster-scoped objects such as PriorityClasses. */
  String name();

  /** Namespace the fleet runs in; the fleet's name unless given. */
  Optional<String> namespace();

  /** Prefix of standard agents' workload names ({@code booking-agent} gives {@code booking-agent-a2}). */
  @Value.Default
  default String agentPrefix() {
    return Defaults.AGENT_PREFIX;
  }

  /** Kubernetes minor version the tree targets and is validated against. */
  @Value.Default
  default String kubernetesVersion() {
    return Defaults.KUBERNETES_VERSION;
  }

  /** Registry prefixed to images given without one ({@code ghcr.io/example}). */
  Optional<String> imageRegistry();

  /** Labels added to every object, next to the {@code app.kubernetes.io/*} labels the generators set. */
  Map<String, String> labels();

  @Value.Default
  default ClaudeSpec claude() {
    return ClaudeSpec.defaults();
  }

  @Value.Default
  default SecretsSpec secrets() {
    return SecretsSpec.manual();
  }

  @Value.Default
  default NetworkSpec network() {
    return NetworkSpec.defaults();
  }

  /**
   * Namespaces that exist before the fleet (an existing {@code monitoring}, say) and that the tree therefore neither
   * creates, labels nor protects: it only places objects in them, and the tree's README lists them as prerequisites.
   * Each must be a namespace the fleet would otherwise create: its own, the monitoring or the logging namespace.
   */
  List<String> externalNamespaces();

  /** The cluster's allocatable size, if stated: the fleet at full scale must fit in it. */
  Optional<CapacitySpec> cluster();

  /** The namespace quota: the fleet at full scale plus a headroom, unless dimensions are stated. */
  Optional<QuotaSpec> quota();

  @Value.Default
  default DefaultsSpec defaults() {
    return DefaultsSpec.none();
  }

  List<AgentSpec> agents();

  /** The PostgreSQL cluster holding the agents' databases; only with agents (sub-agents keep no database). */
  Optional<DatabaseSpec> database();

  /** Metrics, alerts, dashboards and logging. */
  Optional<MonitoringSpec> monitoring();

  /** Where the tree is committed and how Argo CD or Flux apply it. */
  Optional<GitOpsSpec> gitops();

  List<SubAgentSpec> subAgents();

  static ImmutableFleetSpec.Builder builder() {
    return ImmutableFleetSpec.builder();
  }
}
