package io.agentfleet.generate.database;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Peers;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
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
      clients.add(pods(backends(fleet)));
    }
    clients.add(pods(jobs(fleet)));
    clients.add(pods(postgres(fleet)));
    ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(clients).withPorts(tcp(DatabaseNames.PORT)).build());
    if (cnpg) {
      ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(pods(postgres(fleet)))
          .withPorts(tcp(DatabaseNames.STATUS_PORT)).build());
    }
    var egress = new ArrayList<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>();
    egress.add(new NetworkPolicyEgressRuleBuilder().withTo(pods(postgres(fleet))).withPorts(tcp(DatabaseNames.PORT)).build());
    if (cnpg) {
      ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(namespace(DatabaseNames.OPERATOR_NAMESPACE))
          .withPorts(tcp(DatabaseNames.STATUS_PORT), tcp(DatabaseNames.PORT)).build());
      egress.add(new NetworkPolicyEgressRuleBuilder().withTo(pods(postgres(fleet)))
          .withPorts(tcp(DatabaseNames.STATUS_PORT)).build());
      egress.add(new NetworkPolicyEgressRuleBuilder()
          .withTo(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("0.0.0.0/0").endIpBlock().build())
          .withPorts(tcp(443), tcp(6443)).build());
    }
    // Both modes serve metrics on the same port: CloudNativePG's exporter, or the StatefulSet's exporter sidecar.
    ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(Peers.prometheus(fleet))
        .withPorts(tcp(DatabaseNames.METRICS_PORT)).build());
    docs.add(Document.of(new NetworkPolicyBuilder()
        .withMetadata(Labels.meta(fleet, DatabaseNames.cluster(fleet), DatabaseNames.labels(fleet)))
        .withNewSpec()
        .withPodSelector(postgres(fleet))
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(ingress)
        .withEgress(egress)
        .endSpec().build(),
        "PostgreSQL on " + DatabaseNames.PORT + " from agent backends (component backend of this fleet), the database\n"
            + "jobs and the other instances (replication); egress to the other instances."
            + (cnpg ? "\nCloudNativePG: the operator (namespace " + DatabaseNames.OPERATOR_NAMESPACE + ") polls each instance on "
                + DatabaseNames.STATUS_PORT + " and connects on " + DatabaseNames.PORT + "; Prometheus scrapes "
                + DatabaseNames.METRICS_PORT + " from namespace " + fleet.network().monitoringNamespace() + ".\n"
                + "Instances reach the Kubernetes API (their instance manager watches the Cluster) and the object store\n"
                + "over HTTPS: a NetworkPolicy cannot name either, and both are usually on private addresses, so TCP\n"
                + "443 and 6443 are open to every address for these pods only." : "")));
    docs.add(Document.of(new NetworkPolicyBuilder()
        .withMetadata(Labels.meta(fleet, DatabaseNames.cluster(fleet) + "-clients", DatabaseNames.labels(fleet)))
        .withNewSpec()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(Labels.PART_OF, fleet.name()))
            .addNewMatchExpression().withKey(Labels.COMPONENT).withOperator("In")
            .withValues(DatabaseNames.BACKEND_COMPONENT, DatabaseNames.JOB_COMPONENT).endMatchExpression().build())
        .withPolicyTypes("Egress")
        .addNewEgress().withTo(pods(postgres(fleet))).withPorts(tcp(DatabaseNames.PORT)).endEgress()
        .endSpec().build(),
        "Agent backends and the database jobs may open connections to PostgreSQL (egress is denied by default)."));
    return docs;
  }

  private static NetworkPolicyPeer pods(LabelSelector selector) {
    return new NetworkPolicyPeerBuilder().withPodSelector(selector).build();
  }

  private static NetworkPolicyPeer namespace(String name) {
    return new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
        .withMatchLabels(Map.of("kubernetes.io/metadata.name", name)).endNamespaceSelector().build();
  }

  private static NetworkPolicyPort tcp(int port) {
    return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
  }

  static LabelSelector postgres(Fleet fleet) {
    return new LabelSelectorBuilder().withMatchLabels(DatabaseNames.selector(fleet)).build();
  }

  private static LabelSelector backends(Fleet fleet) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(Labels.COMPONENT, DatabaseNames.BACKEND_COMPONENT,
        Labels.PART_OF, fleet.name())).build();
  }

  private static LabelSelector jobs(Fleet fleet) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(Labels.COMPONENT, DatabaseNames.JOB_COMPONENT,
        Labels.PART_OF, fleet.name())).build();
  }
}
