package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The organisation's Claude API rate limits, as its console states them: {@code { requestsPerMinute: 4000,
 * inputTokensPerMinute: 2000000, outputTokensPerMinute: 400000, tokensPerDay: 50000000 }}. Each one given bounds the
 * sub-agents' replicas at maximum scale (see {@code claude.overBudget}).
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableClaudeLimitsSpec.class)
@JsonDeserialize(as = ImmutableClaudeLimitsSpec.class)
@JsonPropertyOrder({"requestsPerMinute", "inputTokensPerMinute", "outputTokensPerMinute", "tokensPerDay"})
public interface ClaudeLimitsSpec {
  /** Requests per minute the organisation may send. */
  Optional<Quantity> requestsPerMinute();

  /** Input tokens per minute the organisation may send. */
  Optional<Quantity> inputTokensPerMinute();

  /** Output tokens per minute the organisation may receive. */
  Optional<Quantity> outputTokensPerMinute();

  /** Tokens (input and output) per day; it also sets the default of {@code monitoring.alerts.tokensPerDay}. */
  Optional<Quantity> tokensPerDay();

  static ImmutableClaudeLimitsSpec.Builder builder() {
    return ImmutableClaudeLimitsSpec.builder();
  }
}
