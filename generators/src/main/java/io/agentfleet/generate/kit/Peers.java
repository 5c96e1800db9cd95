package io.agentfleet.generate.kit;

import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;

/** NetworkPolicy peers that several folders allow in the same way. */
public final class Peers {
  private Peers() {}

  /**
   * The only scrapers of metrics ports: pods labelled {@code app.kubernetes.io/name: prometheus} in the fleet's
   * monitoring namespace (not everything in that namespace: Grafana, for one, has no business there).
   */
  public static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer prometheus(Fleet fleet) {
    LabelSelector namespace = new LabelSelector();
    namespace.setMatchLabels(Map.of("kubernetes.io/metadata.name", fleet.network().monitoringNamespace()));
    LabelSelector pods = new LabelSelector();
    pods.setMatchLabels(Map.of(Labels.NAME, "prometheus"));
    var peer = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer();
    peer.setNamespaceSelector(namespace);
    peer.setPodSelector(pods);
    return peer;
  }

  /** Every agent pod of the fleet, sub-agents and agents' workers: the pods that call sub-agents. */
  public static LabelSelector agentPods(Fleet fleet) {
    return new LabelSelectorBuilder()
        .withMatchLabels(Map.of(Labels.PART_OF, fleet.name()))
        .addNewMatchExpression().withKey(Labels.COMPONENT).withOperator("In")
        .withValues(Labels.COMPONENT_SUB_AGENT, Labels.COMPONENT_WORKER).endMatchExpression()
        .build();
  }
}
