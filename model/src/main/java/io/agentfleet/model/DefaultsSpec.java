package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Fleet-wide defaults that individual agents and sub-agents may override. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableDefaultsSpec.class)
@JsonDeserialize(as = ImmutableDefaultsSpec.class)
public interface DefaultsSpec {
  /** What every sub-agent (and every agent's worker) takes unless it says otherwise. */
  Optional<SubAgentDefaults> subAgent();

  /** Defaults for every sub-agent (and for agents' Claude Code workers, which run the same image). */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableSubAgentDefaults.class)
  @JsonDeserialize(as = ImmutableSubAgentDefaults.class)
  interface SubAgentDefaults {
    /** The Claude Code agent image of every sub-agent and worker that names none ({@code claude-code-agent:2.1.0}). */
    Optional<String> image();

    /** The scaling policy of every sub-agent; a sub-agent's own {@code scaling} fields win. */
    Optional<ScalingSpec> scaling();

    static ImmutableSubAgentDefaults.Builder builder() {
      return ImmutableSubAgentDefaults.builder();
    }
  }

  static DefaultsSpec none() {
    return ImmutableDefaultsSpec.builder().build();
  }

  static ImmutableDefaultsSpec.Builder builder() {
    return ImmutableDefaultsSpec.builder();
  }
}
