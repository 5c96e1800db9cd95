package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * Network boundaries. A NetworkPolicy cannot name a host, so HTTPS egress to the Claude API is allowed to every
 * address outside {@link #privateRanges()}: the cluster's pod and service ranges and the cloud metadata address
 * must be listed there so that agents cannot reach them through the HTTPS rule.
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableNetworkSpec.class)
@JsonDeserialize(as = ImmutableNetworkSpec.class)
public interface NetworkSpec {
  /** Address ranges HTTPS egress must never reach: RFC 1918, carrier-grade NAT and link-local (cloud metadata). */
  @Value.Default
  default List<String> privateRanges() {
    return List.of("10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16");
  }

  /** Namespace of the cluster DNS service that every pod must still reach once egress is isolated. */
  @Value.Default
  default String dnsNamespace() {
    return "kube-system";
  }

  /** Namespace Prometheus scrapes from; its pods may reach the metrics ports. */
  @Value.Default
  default String monitoringNamespace() {
    return "monitoring";
  }

  /** Namespace of the ingress controller, the only source admitted to agents' frontends from outside. */
  @Value.Default
  default String ingressNamespace() {
    return "ingress-nginx";
  }

  static NetworkSpec defaults() {
    return ImmutableNetworkSpec.builder().build();
  }

  static ImmutableNetworkSpec.Builder builder() {
    return ImmutableNetworkSpec.builder();
  }
}
