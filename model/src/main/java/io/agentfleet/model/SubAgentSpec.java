package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A specialised Claude Code sub-agent as written: {@code { id: s1, role: senior-developer, replicas: 1..8,
 * requests: { cpu: 1, memory: 2Gi }, priority: high }}.
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableSubAgentSpec.class)
@JsonDeserialize(as = ImmutableSubAgentSpec.class)
public interface SubAgentSpec {
  /** Short DNS-1123 id ({@code s1}); the workload is named {@code claude-sub-agent-<id>}. */
  String id();

  /** What the sub-agent is for: a preset ({@code senior-developer} …) or a role of your own ({@code triage-expert}). */
  Role role();

  /** Image, if not the fleet's {@code defaults.subAgent.image}. */
  Optional<String> image();

  /** Replica bounds; an autoscaler moves between them. */
  ReplicaRange replicas();

  /** Resource requests: the unit autoscaling percentages and the quota are measured in. */
  Compute requests();

  /** Limits; unset parts follow {@link Defaults#limitFor}. */
  Optional<Compute> limits();

  /** Scheduling priority; medium unless said otherwise. */
  @Value.Default
  default Priority priority() {
    return Priority.MEDIUM;
  }

  /** Overrides of the fleet's default scaling policy. */
  Optional<ScalingSpec> scaling();

  /** Kubernetes API access; none by default, so no token is mounted. */
  @Value.Default
  default ApiAccess apiAccess() {
    return ApiAccess.NONE;
  }

  /**
   * Tokens one Claude API request of this sub-agent uses on average, if not the fleet's
   * {@code claude.tokensPerRequest}: a reviewer sends long diffs, a UX expert short questions, and the token limits
   * of {@code claude.limits} count each sub-agent's own. Whole numbers, at most 1,000,000 each.
   */
  Optional<TokensSpec> tokensPerRequest();

  /** Size limit of the scratch workspace (an emptyDir) where the sub-agent checks out code. */
  Optional<Quantity> workspace();

  /**
   * Extra environment variables, plain ({@code LOG_LEVEL: info}) or from a Secret ({@code TOKEN: { secret: s, key: k
   * }}); none by default. Names the tree sets itself (the agent contract's variables) are refused.
   */
  Map<String, EnvValue> env();

  static ImmutableSubAgentSpec.Builder builder() {
    return ImmutableSubAgentSpec.builder();
  }
}
