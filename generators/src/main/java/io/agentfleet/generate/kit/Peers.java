package io.agentfleet.generate.kit;

import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/** NetworkPolicy peers that several folders allow in the same way. */
public final class Peers {
  private Peers() {}

  /**
   * The only scrapers of metrics ports: pods labelled {@code app.kubernetes.io/name: prometheus} in the fleet's
   * monitoring namespace (not everything in that namespace: Grafana, for one, has no business there).
   */
  public static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer prometheus(Fleet fleet) {
    return NetworkPolicies.podsIn(fleet.network().monitoringNamespace(),
        Workloads.selector(Map.of(Labels.NAME, "prometheus")));
  }

  /** Every agent pod of the fleet, sub-agents and agents' workers: the pods that call sub-agents. */
  public static LabelSelector agentPods(Fleet fleet) {
    return NetworkPolicies.selectorIn(Map.of(Labels.PART_OF, fleet.name()), Labels.COMPONENT,
        Labels.COMPONENT_SUB_AGENT, Labels.COMPONENT_WORKER);
  }
}
