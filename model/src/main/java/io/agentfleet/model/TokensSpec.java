package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** Tokens one Claude API request uses on average: {@code { input: 3000, output: 600 }}. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableTokensSpec.class)
@JsonDeserialize(as = ImmutableTokensSpec.class)
@JsonPropertyOrder({"input", "output"})
public interface TokensSpec {
  /** Input tokens per request. */
  Quantity input();

  /** Output tokens per request. */
  Quantity output();

  static TokensSpec of(String input, String output) {
    return ImmutableTokensSpec.builder().input(Quantity.parse(input)).output(Quantity.parse(output)).build();
  }
}
