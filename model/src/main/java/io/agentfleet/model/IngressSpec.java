package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Publishing an agent's frontend: {@code { host: a2.agents.example.com, className: nginx, tlsSecret: … }}. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableIngressSpec.class)
@JsonDeserialize(as = ImmutableIngressSpec.class)
public interface IngressSpec {
  /** Host name the frontend answers on. */
  String host();

  /** IngressClass to use; the cluster's default class when unset. */
  Optional<String> className();

  /** Secret with the TLS certificate for the host; plain HTTP when unset. */
  Optional<String> tlsSecret();

  static ImmutableIngressSpec.Builder builder() {
    return ImmutableIngressSpec.builder();
  }
}
