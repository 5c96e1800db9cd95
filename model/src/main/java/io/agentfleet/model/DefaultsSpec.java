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
  Optional<SubAgentDefaults> subAgent();

  /** Defaults for every sub-agent (and for agents' Claude Code workers, which run the same image). */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableSubAgentDefaults.class)
  @JsonDeserialize(as = ImmutableSubAgentDefaults.class)
  interface SubAgentDefaults {
    Optional<String> image();

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
