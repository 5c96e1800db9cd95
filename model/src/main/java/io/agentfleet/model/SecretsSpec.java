package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Where Secrets come from: {@code { provider: external-secrets, store: vault }} or {@code { provider: manual }}. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableSecretsSpec.class)
@JsonDeserialize(as = ImmutableSecretsSpec.class)
public interface SecretsSpec {
  /** Manual by default: it needs nothing installed, and the tree's README says which Secrets to create. */
  @Value.Default
  default SecretsProvider provider() {
    return SecretsProvider.MANUAL;
  }

  /** The ClusterSecretStore to read from; required with {@code external-secrets}. */
  Optional<String> store();

  /** Prefix of the keys in the external store; {@code <fleet name>/} by default. */
  Optional<String> keyPrefix();

  /** How often the operator re-reads the store. */
  @Value.Default
  default Span refreshInterval() {
    return Span.parse("1h");
  }

  static SecretsSpec manual() {
    return ImmutableSecretsSpec.builder().build();
  }

  static ImmutableSecretsSpec.Builder builder() {
    return ImmutableSecretsSpec.builder();
  }
}
