package io.agentfleet.generate.database;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.NetworkPolicies;
import io.agentfleet.generate.kit.Peers;
import io.agentfleet.generate.kit.Workloads;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The database's holes in the namespace's default-deny: who may reach PostgreSQL, and where PostgreSQL and its jobs
 * may go. Agent backends, the database jobs and the instances themselves reach 5432; with CloudNativePG also the
 * operator (status port and 5432), Prometheus (metrics), and the instances reach the API server and object store.
 */
final class DatabaseNetwork {
  private DatabaseNetwork() {}

  static List<Document> documents(Fleet fleet) {
    boolean cnpg = fleet.database().mode() == DatabaseMode.CLOUDNATIVE_PG;
    List<Document> docs = new ArrayList<>();
    var ingress = new ArrayList<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>();
    // Backends are named only when an agent has one: a peer that selects no pod is a reference to nothing.
    List<NetworkPolicyPeer> clients = new ArrayList<>();
    if (fleet.agents().stream().anyMatch(a -> a.backend().isPresent())) {
      clients.add(NetworkPolicies.pods(backends(fleet)));
    }
    clients.add(NetworkPolicies.pods(jobs(fleet)));
    NetworkPolicyPeer instances = NetworkPolicies.pods(postgres(fleet));
    clients.add(instances);
    ingress.add(NetworkPolicies.from(clients, List.of(tcp(DatabaseNames.PORT))));
    if (cnpg) {
      ingress.add(NetworkPolicies.from(List.of(instances), List.of(tcp(DatabaseNames.STATUS_PORT))));
    }
    var egress = new ArrayList<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>();
    egress.add(NetworkPolicies.to(List.of(instances), List.of(tcp(DatabaseNames.PORT))));
    if (cnpg) {
      ingress.add(NetworkPolicies.from(List.of(NetworkPolicies.namespace(DatabaseNames.OPERATOR_NAMESPACE)),
          List.of(tcp(DatabaseNames.STATUS_PORT), tcp(DatabaseNames.PORT))));
      egress.add(NetworkPolicies.to(List.of(instances), List.of(tcp(DatabaseNames.STATUS_PORT))));
      egress.add(NetworkPolicies.to(List.of(NetworkPolicies.addresses("0.0.0.0/0", List.of())),
          List.of(tcp(443), tcp(6443))));
    }
    // Both modes serve metrics on the same port: CloudNativePG's exporter, or the StatefulSet's exporter sidecar.
    ingress.add(NetworkPolicies.from(List.of(Peers.prometheus(fleet)), List.of(tcp(DatabaseNames.METRICS_PORT))));
    docs.add(Document.of(NetworkPolicies.policy(
            Labels.meta(fleet, DatabaseNames.cluster(fleet), DatabaseNames.labels(fleet)), postgres(fleet),
            List.of("Ingress", "Egress"), ingress, egress),
        "PostgreSQL on " + DatabaseNames.PORT + " from agent backends (component backend of this fleet), the database\n"
            + "jobs and the other instances (replication); egress to the other instances."
            + (cnpg ? "\nCloudNativePG: the operator (namespace " + DatabaseNames.OPERATOR_NAMESPACE + ") polls each instance on "
                + DatabaseNames.STATUS_PORT + " and connects on " + DatabaseNames.PORT + "; Prometheus scrapes "
                + DatabaseNames.METRICS_PORT + " from namespace " + fleet.network().monitoringNamespace() + ".\n"
                + "Instances reach the Kubernetes API (their instance manager watches the Cluster) and the object store\n"
                + "over HTTPS: a NetworkPolicy cannot name either, and both are usually on private addresses, so TCP\n"
                + "443 and 6443 are open to every address for these pods only." : "")));
    docs.add(Document.of(NetworkPolicies.policy(
            Labels.meta(fleet, DatabaseNames.cluster(fleet) + "-clients", DatabaseNames.labels(fleet)),
            NetworkPolicies.selectorIn(Map.of(Labels.PART_OF, fleet.name()), Labels.COMPONENT,
                DatabaseNames.BACKEND_COMPONENT, DatabaseNames.JOB_COMPONENT),
            List.of("Egress"), List.of(),
            List.of(NetworkPolicies.to(List.of(instances), List.of(tcp(DatabaseNames.PORT))))),
        "Agent backends and the database jobs may open connections to PostgreSQL (egress is denied by default)."));
    return docs;
  }

  private static NetworkPolicyPort tcp(int port) {
    return NetworkPolicies.port("TCP", port);
  }

  static LabelSelector postgres(Fleet fleet) {
    return Workloads.selector(DatabaseNames.selector(fleet));
  }

  private static LabelSelector backends(Fleet fleet) {
    return Workloads.selector(Map.of(Labels.COMPONENT, DatabaseNames.BACKEND_COMPONENT, Labels.PART_OF, fleet.name()));
  }

  private static LabelSelector jobs(Fleet fleet) {
    return Workloads.selector(Map.of(Labels.COMPONENT, DatabaseNames.JOB_COMPONENT, Labels.PART_OF, fleet.name()));
  }
}
