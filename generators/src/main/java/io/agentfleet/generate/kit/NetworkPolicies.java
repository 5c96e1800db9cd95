package io.agentfleet.generate.kit;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicies and their rules, peers and ports, put together with setters as {@link Workloads} puts workloads
 * together (fabric8's builders copy every rule and peer twice on the way, and load a builder class for each).
 */
public final class NetworkPolicies {
  private NetworkPolicies() {}

  /** A policy of {@code types} ({@code Ingress}, {@code Egress}) for the pods {@code podSelector} selects. */
  public static NetworkPolicy policy(ObjectMeta meta, LabelSelector podSelector, List<String> types,
      List<NetworkPolicyIngressRule> ingress, List<NetworkPolicyEgressRule> egress) {
    NetworkPolicySpec spec = new NetworkPolicySpec();
    spec.setPodSelector(podSelector);
    spec.setPolicyTypes(types);
    spec.setIngress(ingress);
    spec.setEgress(egress);
    NetworkPolicy policy = new NetworkPolicy();
    policy.setMetadata(meta);
    policy.setSpec(spec);
    return policy;
  }

  /** Calls from {@code peers} to {@code ports}. */
  public static NetworkPolicyIngressRule from(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    NetworkPolicyIngressRule rule = new NetworkPolicyIngressRule();
    rule.setFrom(peers);
    rule.setPorts(ports);
    return rule;
  }

  /** Calls to {@code peers} on {@code ports}. */
  public static NetworkPolicyEgressRule to(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    NetworkPolicyEgressRule rule = new NetworkPolicyEgressRule();
    rule.setTo(peers);
    rule.setPorts(ports);
    return rule;
  }

  /** The pods {@code pods} selects in the policy's namespace. */
  public static NetworkPolicyPeer pods(LabelSelector pods) {
    NetworkPolicyPeer peer = new NetworkPolicyPeer();
    peer.setPodSelector(pods);
    return peer;
  }

  /** Every pod of the namespace named {@code name}. */
  public static NetworkPolicyPeer namespace(String name) {
    NetworkPolicyPeer peer = new NetworkPolicyPeer();
    peer.setNamespaceSelector(Workloads.selector(Map.of("kubernetes.io/metadata.name", name)));
    return peer;
  }

  /** The pods {@code pods} selects in the namespace named {@code name}. */
  public static NetworkPolicyPeer podsIn(String name, LabelSelector pods) {
    NetworkPolicyPeer peer = namespace(name);
    peer.setPodSelector(pods);
    return peer;
  }

  /** The addresses of {@code cidr} but those of {@code except}. */
  public static NetworkPolicyPeer addresses(String cidr, List<String> except) {
    IPBlock block = new IPBlock();
    block.setCidr(cidr);
    block.setExcept(except);
    NetworkPolicyPeer peer = new NetworkPolicyPeer();
    peer.setIpBlock(block);
    return peer;
  }

  /** A port by number. */
  public static NetworkPolicyPort port(String protocol, int port) {
    return port(protocol, new IntOrString(port));
  }

  /** A port by the container port's name. */
  public static NetworkPolicyPort port(String protocol, String name) {
    return port(protocol, new IntOrString(name));
  }

  private static NetworkPolicyPort port(String protocol, IntOrString port) {
    NetworkPolicyPort p = new NetworkPolicyPort();
    p.setProtocol(protocol);
    p.setPort(port);
    return p;
  }

  /** Pods labelled {@code matchLabels} whose {@code key} label is one of {@code values}. */
  public static LabelSelector selectorIn(Map<String, String> matchLabels, String key, String... values) {
    LabelSelectorRequirement in = new LabelSelectorRequirement();
    in.setKey(key);
    in.setOperator("In");
    in.setValues(List.of(values));
    LabelSelector selector = Workloads.selector(matchLabels);
    selector.setMatchExpressions(List.of(in));
    return selector;
  }
}
