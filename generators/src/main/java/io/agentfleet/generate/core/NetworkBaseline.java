package io.agentfleet.generate.core;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Peers;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
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
        Document.of(new NetworkPolicyBuilder()
            .withMetadata(Labels.meta(fleet, "default-deny-all", Labels.common(fleet)))
            .withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Ingress", "Egress").endSpec()
            .build(), "Nothing in or out unless a policy below (or a workload's own) allows it."),
        Document.of(new NetworkPolicyBuilder()
            .withMetadata(Labels.meta(fleet, "allow-dns", Labels.common(fleet)))
            .withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Egress")
            .addNewEgress()
            .addNewTo()
            .withNewNamespaceSelector()
            .withMatchLabels(Map.of("kubernetes.io/metadata.name", fleet.network().dnsNamespace()))
            .endNamespaceSelector()
            .withNewPodSelector().withMatchLabels(Map.of("k8s-app", "kube-dns")).endPodSelector()
            .endTo()
            .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
            .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
            .endEgress()
            .endSpec()
            .build(), "Once egress is isolated, name lookups must be allowed explicitly (UDP and TCP 53 to cluster DNS)."),
        Document.of(new NetworkPolicyBuilder()
            .withMetadata(Labels.meta(fleet, "allow-https-egress", Labels.common(fleet)))
            .withNewSpec()
            .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(Labels.HTTPS_EGRESS, "true")).build())
            .withPolicyTypes("Egress")
            .addNewEgress()
            .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept(fleet.network().privateRanges())
            .endIpBlock().endTo()
            .addNewPort().withProtocol("TCP").withPort(new IntOrString(443)).endPort()
            .endEgress()
            .endSpec()
            .build(),
            "HTTPS to the Claude API and Git hosting. A NetworkPolicy cannot name a host, so this allows port 443 to\n"
                + "every address outside the private ranges in fleet.yaml (network.privateRanges), which must cover\n"
                + "the cluster's pod and service ranges and the cloud metadata address."),
        Document.of(new NetworkPolicyBuilder()
            .withMetadata(Labels.meta(fleet, "allow-calls-to-sub-agents", Labels.common(fleet)))
            .withNewSpec()
            .withPodSelector(Peers.agentPods(fleet))
            .withPolicyTypes("Egress")
            .addNewEgress()
            .addNewTo().withPodSelector(subAgents(fleet)).endTo()
            .addNewPort().withProtocol("TCP").withPort(new IntOrString(AgentContract.HTTP_PORT)).endPort()
            .endEgress()
            .endSpec()
            .build(), "Workers and sub-agents may hand work to sub-agents over their HTTP API (each sub-agent's own policy\n"
                + "admits the call). Workers of different agents never reach each other.")));
    if (fleet.subAgents().isEmpty()) {
      // No sub-agent to call: a policy whose only peer selects nothing would mislead a reviewer.
      docs.removeIf(d -> d.resource().getMetadata().getName().equals("allow-calls-to-sub-agents"));
    }
    return docs;
  }

  private static LabelSelector subAgents(Fleet fleet) {
    return new LabelSelectorBuilder()
        .withMatchLabels(Map.of(Labels.PART_OF, fleet.name(), Labels.COMPONENT, Labels.COMPONENT_SUB_AGENT))
        .build();
  }
}
