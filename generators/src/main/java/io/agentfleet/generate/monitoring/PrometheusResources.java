package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Peers;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan.MonitoringPlan;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Monitoring;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code monitoring/prometheus.yaml}: the fleet's Prometheus and Alertmanager (run by the Prometheus Operator from a
 * {@code Prometheus} and an {@code Alertmanager}, or standalone as Deployments), how the fleet is scraped (PodMonitors,
 * or the standalone server's pod discovery), its rules and the scrape allowance into the fleet's namespace. Names,
 * Services and URLs come from the platform plan, which the adapter's and KEDA's configuration read too. This class
 * holds what both modes share; {@link StandalonePrometheus}, {@link StandaloneAlertmanager} and
 * {@link OperatorPrometheus} make each mode's objects.
 */
final class PrometheusResources {
  static final String NAME = "prometheus";
  static final String CONFIG = "prometheus-config";
  static final String RULES = "prometheus-rules";
  static final String RULE_FILE = "agentfleet.rules.yaml";
  static final String ALERTMANAGER = "alertmanager";
  static final String ALERTMANAGER_CONFIG = "alertmanager-config";
  static final int PORT = MonitoringPlan.PROMETHEUS_PORT;
  /** Restarts the standalone server's rules without a restart: prometheus-operator/prometheus-operator@v0.93.0
   * cmd/prometheus-config-reloader/main.go (flags --watched-dir, --reload-url). */
  static final String CONFIG_RELOADER_IMAGE = "quay.io/prometheus-operator/prometheus-config-reloader:v0.93.0";
  /** Pod label of the PostgreSQL instances, per the database folder's contract. */
  static final Map<String, String> POSTGRES_POD = Map.of(Labels.NAME, "postgres");
  static final List<String> AGENT_COMPONENTS = List.of(Labels.COMPONENT_SUB_AGENT, Labels.COMPONENT_WORKER, "frontend",
      "backend");

  private PrometheusResources() {}

  static String namespace(Fleet fleet) {
    return fleet.network().monitoringNamespace();
  }

  static List<Document> documents(Fleet fleet, PlatformPlan plan) {
    MonitoringPlan m = plan.monitoring();
    List<Document> docs = new ArrayList<>();
    MonitoringParts.namespace(fleet, namespace(fleet), "restricted").ifPresent(ns -> docs.add(Document.of(ns,
        "Prometheus, Alertmanager and Grafana run here, outside the fleet's namespace and its quota. Every pod in it\n"
            + "meets Pod Security \"restricted\".")));
    docs.add(Document.of(scrapeAllowance(fleet),
        "The fleet's namespace denies all ingress; this admits Prometheus (pods labelled app.kubernetes.io/name:\n"
            + "prometheus in namespace " + namespace(fleet) + ") to every pod's port named \"metrics\", and nothing else."));
    if (!m.operatorMode()) {
      docs.addAll(StandalonePrometheus.documents(fleet, m));
    } else {
      docs.addAll(OperatorPrometheus.documents(fleet, plan));
    }
    Monitoring.Alertmanager am = fleet.monitoring().alertmanager();
    if (m.prometheusInTree() && am.webhookSecret().isPresent()
        && fleet.secrets().provider() == io.agentfleet.model.SecretsProvider.EXTERNAL_SECRETS) {
      docs.add(Document.of(io.agentfleet.generate.kit.ExternalSecrets.of(fleet, namespace(fleet), am.webhookSecret().get(),
          MonitoringParts.labels(fleet, ALERTMANAGER, "monitoring"), null, List.of(am.webhookSecretKey())),
          "The alert webhook's URL, filled from store key "
              + io.agentfleet.generate.kit.ExternalSecrets.remoteKey(fleet, am.webhookSecret().get()) + "."));
    }
    return docs;
  }

  static NetworkPolicy scrapeAllowance(Fleet fleet) {
    return io.agentfleet.generate.kit.NetworkPolicies.policy(
        Labels.meta(fleet, "allow-prometheus-scrape", Labels.common(fleet)),
        new io.fabric8.kubernetes.api.model.LabelSelector(), List.of("Ingress"),
        List.of(io.agentfleet.generate.kit.NetworkPolicies.from(List.of(Peers.prometheus(fleet)),
            List.of(io.agentfleet.generate.kit.NetworkPolicies.port("TCP", "metrics")))),
        List.of());
  }

  /** The labels each target gets, named as the Prometheus Operator names them so that both modes match the rules. */
  static SortedMap<String, String> targetLabels() {
    SortedMap<String, String> m = new TreeMap<>();
    m.put("namespace", "__meta_kubernetes_namespace");
    m.put("pod", "__meta_kubernetes_pod_name");
    m.put("container", "__meta_kubernetes_pod_container_name");
    m.put("workload", "__meta_kubernetes_pod_label_app_kubernetes_io_instance");
    m.put("component", "__meta_kubernetes_pod_label_app_kubernetes_io_component");
    m.put("role", "__meta_kubernetes_pod_label_agentfleet_io_role");
    return m;
  }
}
