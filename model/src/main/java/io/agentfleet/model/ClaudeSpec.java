package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How agents reach the Claude API: which Secret holds the key (the key itself never enters the model), and,
 * optionally, the organisation's rate limits and the tokens a request uses, which bound the sub-agents' replicas.
 */
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

  /** The organisation's Claude API limits; none unless given (then replicas are bounded by nothing but themselves). */
  Optional<ClaudeLimitsSpec> limits();

  /**
   * Tokens one request uses on average (whole numbers, at most 1,000,000 each); a sub-agent may state its own
   * ({@code subAgents[].tokensPerRequest}). Required when a token limit is given, unless every sub-agent states its
   * own.
   */
  Optional<TokensSpec> tokensPerRequest();

  /**
   * {@code refuse} (default) or {@code cap}: when the sub-agents at maximum scale, each pod at its
   * {@code scaling.requestsPerSecond}, would exceed {@code limits}, refuse the fleet or lower its maxima.
   */
  Optional<OverBudget> overBudget();

  static ClaudeSpec defaults() {
    return ImmutableClaudeSpec.builder().build();
  }

  static ImmutableClaudeSpec.Builder builder() {
    return ImmutableClaudeSpec.builder();
  }
}
