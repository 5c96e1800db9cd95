package io.agentfleet.generate.agents;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.NetworkPolicies;
import io.agentfleet.generate.kit.Peers;
import io.agentfleet.generate.kit.Workloads;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Agent;
import io.agentfleet.model.Component;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One NetworkPolicy per part of an agent, on top of the namespace's default deny: the worker reaches its own
 * frontend and backend, the frontend its own backend, the backend the PostgreSQL cluster; each part admits only
 * those callers (plus the ingress controller for a published frontend and Prometheus on metrics ports).
 */
final class AgentNetwork {
  private AgentNetwork() {}

  static List<Document> policies(Fleet fleet, Agent agent) {
    List<Document> docs = new ArrayList<>();
    docs.add(worker(fleet, agent));
    agent.frontend().ifPresent(c -> docs.add(frontend(fleet, agent, c)));
    agent.backend().ifPresent(c -> docs.add(backend(fleet, agent, c)));
    return docs;
  }

  private static Document worker(Fleet fleet, Agent agent) {
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    agent.frontend().ifPresent(c -> egress.add(egressTo(own(agent, AgentNames.FRONTEND), c.port())));
    agent.backend().ifPresent(c -> egress.add(egressTo(own(agent, AgentNames.BACKEND), c.port())));
    return policy(fleet, agent, AgentNames.WORKER,
        List.of(ingressFrom(monitoring(fleet), AgentContract.METRICS_PORT)), egress,
        "The worker calls only its own frontend and backend here; DNS, HTTPS to the Claude API and Git, and calls\n"
            + "to sub-agents come from core/network-policies.yaml. Nothing calls the worker but Prometheus.");
  }

  private static Document frontend(Fleet fleet, Agent agent, Component c) {
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
    ingress.add(ingressFrom(own(agent, AgentNames.WORKER), c.port()));
    if (agent.ingress().isPresent()) {
      ingress.add(ingressFrom(NetworkPolicies.namespace(fleet.network().ingressNamespace()), c.port()));
    }
    c.metricsPort().ifPresent(m -> ingress.add(ingressFrom(monitoring(fleet), m)));
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    agent.backend().ifPresent(b -> egress.add(egressTo(own(agent, AgentNames.BACKEND), b.port())));
    return policy(fleet, agent, AgentNames.FRONTEND, ingress, egress,
        "Browsers reach the frontend only through the ingress controller"
            + (agent.ingress().isPresent() ? "" : " (no ingress is configured for this agent)")
            + "; the frontend calls its own backend\nserver-side and nothing else.");
  }

  private static Document backend(Fleet fleet, Agent agent, Component c) {
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
    ingress.add(ingressFrom(own(agent, AgentNames.WORKER), c.port()));
    agent.frontend().ifPresent(f -> ingress.add(ingressFrom(own(agent, AgentNames.FRONTEND), c.port())));
    c.metricsPort().ifPresent(m -> ingress.add(ingressFrom(monitoring(fleet), m)));
    NetworkPolicyPeer postgres = NetworkPolicies.pods(
        Workloads.selector(Map.of(Labels.NAME, "postgres", Labels.INSTANCE, fleet.name() + "-postgres")));
    return policy(fleet, agent, AgentNames.BACKEND, ingress, List.of(egressTo(postgres, AgentParts.POSTGRES_PORT)),
        "The backend admits its own worker and frontend and reaches only the PostgreSQL cluster, where its role\n"
            + "can connect to its own database alone.");
  }

  private static Document policy(Fleet fleet, Agent agent, String part, List<NetworkPolicyIngressRule> ingress,
      List<NetworkPolicyEgressRule> egress, String comment) {
    return Document.of(NetworkPolicies.policy(
        Labels.meta(fleet, AgentNames.name(agent, part), AgentNames.labels(fleet, agent, part)),
        Workloads.selector(AgentNames.selector(agent, part)), List.of("Ingress", "Egress"), ingress, egress), comment);
  }

  private static NetworkPolicyPeer own(Agent agent, String part) {
    return NetworkPolicies.pods(Workloads.selector(AgentNames.selector(agent, part)));
  }

  private static NetworkPolicyPeer monitoring(Fleet fleet) {
    return Peers.prometheus(fleet);
  }

  private static NetworkPolicyIngressRule ingressFrom(NetworkPolicyPeer peer, int port) {
    return NetworkPolicies.from(List.of(peer), List.of(NetworkPolicies.port("TCP", port)));
  }

  private static NetworkPolicyEgressRule egressTo(NetworkPolicyPeer peer, int port) {
    return NetworkPolicies.to(List.of(peer), List.of(NetworkPolicies.port("TCP", port)));
  }
}
