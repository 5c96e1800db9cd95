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

  /**
   * Where pods granted {@code apiAccess: read} reach the Kubernetes API server. A NetworkPolicy cannot name the
   * API server, and it is on a private address that the HTTPS rule excludes, so the addresses must be stated; no
   * default would be right on more than one kind of cluster (kubeadm serves on the control-plane nodes' port 6443,
   * managed clusters on 443 at addresses of their own). List the backing endpoints of Service {@code kubernetes}
   * ({@code kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes}) with their port,
   * and the Service's ClusterIP with port 443: whether a plugin applies policy before or after the ClusterIP is
   * rewritten to an endpoint is not defined (Kubernetes docs, "Network Policies", ipBlock). Required as soon as a
   * sub-agent has API access; empty otherwise.
   */
  List<ApiServerEndpoint> apiServer();

  /** One address range and port the API server answers on: {@code { cidr: 172.20.0.6/32, port: 6443 }}. */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableApiServerEndpoint.class)
  @JsonDeserialize(as = ImmutableApiServerEndpoint.class)
  @com.fasterxml.jackson.annotation.JsonPropertyOrder({"cidr", "port"})
  interface ApiServerEndpoint {
    /** IPv4 CIDR of the endpoint, usually one address ({@code /32}). */
    String cidr();

    /** TCP port the endpoint listens on: 6443 (kubeadm endpoints), 443 (managed endpoints, the ClusterIP). */
    int port();

    static ApiServerEndpoint of(String cidr, int port) {
      return ImmutableApiServerEndpoint.builder().cidr(cidr).port(port).build();
    }
  }

  static NetworkSpec defaults() {
    return ImmutableNetworkSpec.builder().build();
  }

  static ImmutableNetworkSpec.Builder builder() {
    return ImmutableNetworkSpec.builder();
  }
}
