package io.agentfleet.generate.core;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.NetworkPolicies;
import io.agentfleet.generate.kit.Peers;
import io.agentfleet.generate.kit.Workloads;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

/**
 * The namespace's network baseline: deny everything, then allow DNS for all pods, HTTPS to the internet (not to
 * private ranges) for pods labelled for it, and agent-to-agent calls on the agents' HTTP port.
 */
final class NetworkBaseline {
  private NetworkBaseline() {}

  static List<Document> documents(Fleet fleet) {
    List<Document> docs = new java.util.ArrayList<>(List.of(
        Document.of(NetworkPolicies.policy(Labels.meta(fleet, "default-deny-all", Labels.common(fleet)),
                new LabelSelector(), List.of("Ingress", "Egress"), List.of(), List.of()),
            "Nothing in or out unless a policy below (or a workload's own) allows it."),
        Document.of(NetworkPolicies.policy(Labels.meta(fleet, "allow-dns", Labels.common(fleet)),
                new LabelSelector(), List.of("Egress"), List.of(),
                List.of(NetworkPolicies.to(
                    List.of(NetworkPolicies.podsIn(fleet.network().dnsNamespace(),
                        Workloads.selector(Map.of("k8s-app", "kube-dns")))),
                    List.of(NetworkPolicies.port("UDP", 53), NetworkPolicies.port("TCP", 53))))),
            "Once egress is isolated, name lookups must be allowed explicitly (UDP and TCP 53 to cluster DNS)."),
        Document.of(NetworkPolicies.policy(Labels.meta(fleet, "allow-https-egress", Labels.common(fleet)),
                Workloads.selector(Map.of(Labels.HTTPS_EGRESS, "true")), List.of("Egress"), List.of(),
                List.of(NetworkPolicies.to(
                    List.of(NetworkPolicies.addresses("0.0.0.0/0", fleet.network().privateRanges())),
                    List.of(NetworkPolicies.port("TCP", 443))))),
            "HTTPS to the Claude API and Git hosting. A NetworkPolicy cannot name a host, so this allows port 443 to\n"
                + "every address outside the private ranges in fleet.yaml (network.privateRanges), which must cover\n"
                + "the cluster's pod and service ranges and the cloud metadata address."),
        Document.of(NetworkPolicies.policy(Labels.meta(fleet, "allow-calls-to-sub-agents", Labels.common(fleet)),
                Peers.agentPods(fleet), List.of("Egress"), List.of(),
                List.of(NetworkPolicies.to(List.of(NetworkPolicies.pods(subAgents(fleet))),
                    List.of(NetworkPolicies.port("TCP", AgentContract.HTTP_PORT))))),
            "Workers and sub-agents may hand work to sub-agents over their HTTP API (each sub-agent's own policy\n"
                + "admits the call). Workers of different agents never reach each other.")));
    if (fleet.subAgents().isEmpty()) {
      // No sub-agent to call: a policy whose only peer selects nothing would mislead a reviewer.
      docs.removeIf(d -> d.resource().getMetadata().getName().equals("allow-calls-to-sub-agents"));
    }
    return docs;
  }

  private static LabelSelector subAgents(Fleet fleet) {
    return Workloads.selector(Map.of(Labels.PART_OF, fleet.name(), Labels.COMPONENT, Labels.COMPONENT_SUB_AGENT));
  }
}
