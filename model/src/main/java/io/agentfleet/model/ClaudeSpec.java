package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** How agents reach the Claude API: which Secret holds the key. The key itself never enters the model. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableClaudeSpec.class)
@JsonDeserialize(as = ImmutableClaudeSpec.class)
public interface ClaudeSpec {
  /** Name of the Secret holding the API key. */
  @Value.Default
  default String apiKeySecret() {
    return "claude-api-credentials";
  }

  /** Key inside that Secret. */
  @Value.Default
  default String apiKeyKey() {
    return "api-key";
  }

  static ClaudeSpec defaults() {
    return ImmutableClaudeSpec.builder().build();
  }

  static ImmutableClaudeSpec.Builder builder() {
    return ImmutableClaudeSpec.builder();
  }
}
