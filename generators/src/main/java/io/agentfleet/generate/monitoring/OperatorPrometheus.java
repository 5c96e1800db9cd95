package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan.MonitoringPlan;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Monitoring;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The Prometheus Operator mode of {@code monitoring/prometheus.yaml}: the fleet's {@code Prometheus} and
 * {@code Alertmanager} (unless the fleet names its own Prometheus), the PodMonitors that scrape the fleet and the
 * PrometheusRule.
 */
final class OperatorPrometheus {
  private OperatorPrometheus() {}

  /** The operator mode's objects: the servers when the tree runs them, the PodMonitors and the rule. */
  static List<Document> documents(Fleet fleet, PlatformPlan plan) {
    MonitoringPlan m = plan.monitoring();
    List<Document> docs = new ArrayList<>();
    if (m.prometheusInTree()) {
      docs.addAll(prometheusServer(fleet, plan));
    }
    docs.add(Document.of(podMonitor(fleet, m, m.agentsJob(),
        Map.of("matchLabels", Map.of(Labels.PART_OF, fleet.name()),
            "matchExpressions", List.of(Map.of("key", Labels.COMPONENT, "operator", "In", "values", PrometheusResources.AGENT_COMPONENTS)))),
        "Sub-agents and workers (and frontends or backends that name a port \"metrics\"), in namespace "
            + fleet.namespace() + ".\nIt lives beside the Prometheus that selects it by the labels " + m.selectorLabels()
            + "\n(a Prometheus whose podMonitorNamespaceSelector is unset reads only its own namespace)."));
    if (fleet.database().enabled()) {
      docs.add(Document.of(podMonitor(fleet, m, m.postgresJob(), Map.of("matchLabels", PrometheusResources.POSTGRES_POD)),
          "PostgreSQL instances: the exporter on the port named \"metrics\"."));
    }
    docs.add(Document.of(prometheusRule(fleet, m),
        "Loaded by the Prometheus whose ruleSelector matches these labels (same namespace rule as the PodMonitors)."));
    morePrometheusRules(fleet, m).forEach(r -> docs.add(Document.of(r,
        "More model constants, split off so that no PrometheusRule exceeds what etcd stores; same labels, same ruleSelector.")));
    return docs;
  }

  /** The fleet's Prometheus and Alertmanager as the operator runs them, with what they need to scrape and route. */
  private static List<Document> prometheusServer(Fleet fleet, PlatformPlan plan) {
    MonitoringPlan m = plan.monitoring();
    Monitoring.Prometheus p = fleet.monitoring().prometheus();
    Monitoring.Alertmanager am = fleet.monitoring().alertmanager();
    String ns = PrometheusResources.namespace(fleet);
    SortedMap<String, String> labels = MonitoringParts.labels(fleet, PrometheusResources.NAME, "monitoring");
    String clusterRole = fleet.name() + "-prometheus";
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(new ServiceAccountBuilder().withMetadata(Labels.meta(ns, PrometheusResources.NAME, labels))
        .withAutomountServiceAccountToken(true).build(),
        "Mounts a token: Prometheus discovers its targets through the API."));
    docs.add(Document.of(new ClusterRoleBuilder().withMetadata(Labels.clusterMeta(clusterRole, labels))
        .withRules(
            new PolicyRuleBuilder().withApiGroups("").withResources("pods", "services", "endpoints")
                .withVerbs("get", "list", "watch").build(),
            new PolicyRuleBuilder().withApiGroups("discovery.k8s.io").withResources("endpointslices")
                .withVerbs("get", "list", "watch").build(),
            new PolicyRuleBuilder().withApiGroups("").withResources("nodes", "nodes/metrics")
                .withVerbs("get", "list", "watch").build(),
            new PolicyRuleBuilder().withNonResourceURLs("/metrics", "/metrics/cadvisor").withVerbs("get").build())
        .build(),
        "Read-only discovery across namespaces (the fleet's pods, kube-state-metrics in the operator's namespace, the\n"
            + "kubelets' Service in kube-system) and the kubelets' /metrics/cadvisor, for the CPU and memory alerts."));
    docs.add(Document.of(new ClusterRoleBindingBuilder().withMetadata(Labels.clusterMeta(clusterRole, labels))
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(clusterRole)
        .endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(PrometheusResources.NAME).withNamespace(ns).endSubject()
        .build()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("image", p.image());
    spec.put("replicas", 1);
    spec.put("serviceAccountName", PrometheusResources.NAME);
    spec.put("securityContext", restrictedPod());
    spec.put("scrapeInterval", p.scrapeInterval().toString());
    spec.put("evaluationInterval", p.scrapeInterval().toString());
    spec.put("retention", p.retention().toString());
    spec.put("externalLabels", Map.of("fleet", fleet.name()));
    spec.put("podMonitorSelector", Map.of("matchLabels", m.selectorLabels()));
    spec.put("ruleSelector", Map.of("matchLabels", m.selectorLabels()));
    // kube-prometheus-stack labels its kubelet and kube-state-metrics ServiceMonitors with its release name.
    spec.put("serviceMonitorSelector", Map.of("matchLabels", Map.of("release", Operator.PROMETHEUS_OPERATOR.id())));
    spec.put("serviceMonitorNamespaceSelector", Map.of("matchLabels",
        Map.of("kubernetes.io/metadata.name", Operator.PROMETHEUS_OPERATOR.namespace())));
    spec.put("alerting", Map.of("alertmanagers", List.of(Map.of("namespace", ns, "name", m.alertmanagerService(),
        "port", "web", "apiVersion", "v2"))));
    spec.put("resources", resources(io.agentfleet.model.Monitoring.PROMETHEUS_RESOURCES));
    spec.put("storage", Map.of("volumeClaimTemplate", Map.of("spec", Map.of("accessModes", List.of("ReadWriteOnce"),
        "resources", Map.of("requests", Map.of("storage", p.storage().toString()))))));
    docs.add(Document.of(custom("monitoring.coreos.com/v1", "Prometheus", Labels.meta(ns, m.prometheusName(), labels),
        spec),
        "The fleet's Prometheus. The operator runs it as a StatefulSet whose pods it labels app.kubernetes.io/name:\n"
            + "prometheus and serves it as Service " + m.prometheusService() + " (port web, " + m.prometheusPort()
            + "): the URL Grafana, prometheus-adapter\nand KEDA query is " + m.prometheusUrl() + ". It loads the "
            + "PodMonitors and PrometheusRule below and the chart's kubelet and\nkube-state-metrics ServiceMonitors; "
            + "the pod security context meets \"restricted\" (the operator's containers drop\nevery capability and "
            + "forbid privilege escalation: prometheus-operator/prometheus-operator@v0.93.0\n"
            + "pkg/prometheus/server/statefulset.go, pkg/operator/config_reloader.go)."));
    Map<String, Object> amSpec = new LinkedHashMap<>();
    amSpec.put("image", am.image());
    amSpec.put("replicas", 1);
    amSpec.put("securityContext", restrictedPod());
    amSpec.put("alertmanagerConfigSelector", Map.of("matchLabels", m.selectorLabels()));
    // The fleet's alerts carry the fleet's namespace; the default matcher strategy would only route alerts of
    // the AlertmanagerConfig's own namespace (monitoring).
    amSpec.put("alertmanagerConfigMatcherStrategy", Map.of("type", "None"));
    amSpec.put("resources", resources(io.agentfleet.model.Monitoring.ALERTMANAGER_RESOURCES));
    docs.add(Document.of(custom("monitoring.coreos.com/v1", "Alertmanager",
        Labels.meta(ns, m.alertmanagerName(), labels), amSpec),
        "The Alertmanager the Prometheus above sends to, served as Service " + m.alertmanagerService() + " (port web, "
            + m.alertmanagerPort() + ").\n" + (am.webhookSecret().isPresent()
                ? "Alerts go to the webhook of the AlertmanagerConfig below."
                : "No receiver (monitoring.alertmanager.webhookSecret is unset): alerts are shown in its UI only.")));
    am.webhookSecret().ifPresent(secret -> {
      SortedMap<String, String> cfgLabels = MonitoringParts.labels(fleet, PrometheusResources.ALERTMANAGER, "monitoring");
      cfgLabels.putAll(m.selectorLabels());
      Map<String, Object> route = new LinkedHashMap<>();
      route.put("receiver", "webhook");
      route.put("groupBy", List.of("alertname", "namespace", "workload"));
      route.put("groupWait", "30s");
      route.put("groupInterval", "5m");
      route.put("repeatInterval", "4h");
      Map<String, Object> cfg = new LinkedHashMap<>();
      cfg.put("route", route);
      cfg.put("receivers", List.of(Map.of("name", "webhook", "webhookConfigs", List.of(Map.of(
          "urlSecret", Map.of("name", secret, "key", am.webhookSecretKey()), "sendResolved", true)))));
      docs.add(Document.of(custom("monitoring.coreos.com/v1alpha1", "AlertmanagerConfig",
          Labels.meta(ns, fleet.name() + "-webhook", cfgLabels), cfg),
          "Every alert of the fleet goes to the URL in key " + am.webhookSecretKey() + " of Secret " + secret
              + " (never in Git)."));
    });
    return docs;
  }

  /** A pod security context that meets "restricted" for the operator-run servers (their images run as nobody). */
  private static Map<String, Object> restrictedPod() {
    Map<String, Object> sc = new LinkedHashMap<>();
    sc.put("runAsNonRoot", true);
    sc.put("runAsUser", 65534);
    sc.put("runAsGroup", 65534);
    sc.put("fsGroup", 65534);
    sc.put("seccompProfile", Map.of("type", "RuntimeDefault"));
    return sc;
  }

  private static GenericKubernetesResource custom(String apiVersion, String kind, io.fabric8.kubernetes.api.model.ObjectMeta meta,
      Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind).withMetadata(meta)
        .withAdditionalProperties(Map.of("spec", spec)).build();
  }

  private static SortedMap<String, String> operatorLabels(Fleet fleet, MonitoringPlan m, String name) {
    SortedMap<String, String> labels = MonitoringParts.labels(fleet, name, "monitoring");
    labels.putAll(m.selectorLabels());
    return labels;
  }

  private static GenericKubernetesResource podMonitor(Fleet fleet, MonitoringPlan m, String job, Map<String, Object> selector) {
    List<Map<String, Object>> relabelings = new ArrayList<>();
    PrometheusResources.targetLabels().forEach((target, source) -> {
      if (!List.of("namespace", "pod", "container").contains(target)) {
        relabelings.add(Map.of("sourceLabels", List.of(source), "targetLabel", target, "action", "replace"));
      }
    });
    relabelings.add(Map.of("targetLabel", "job", "replacement", job, "action", "replace"));
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", "metrics");
    endpoint.put("path", AgentContract.METRICS_PATH);
    endpoint.put("interval", fleet.monitoring().prometheus().scrapeInterval().toString());
    endpoint.put("relabelings", relabelings);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("namespaceSelector", Map.of("matchNames", List.of(fleet.namespace())));
    spec.put("selector", selector);
    spec.put("podMetricsEndpoints", List.of(endpoint));
    return custom("monitoring.coreos.com/v1", "PodMonitor", Labels.meta(PrometheusResources.namespace(fleet), job, operatorLabels(fleet, m, job)),
        spec);
  }

  private static GenericKubernetesResource prometheusRule(Fleet fleet, MonitoringPlan m) {
    List<Rules.Group> groups = new ArrayList<>(Rules.groups(fleet));
    // The model constants beyond the first page go to PrometheusRules of their own (see modelPages).
    groups.set(1, new Rules.Group(groups.get(1).name(), modelPages(groups.get(1)).get(0)));
    return prometheusRule(fleet, m, "agentfleet", groups);
  }

  private static GenericKubernetesResource prometheusRule(Fleet fleet, MonitoringPlan m, String name,
      List<Rules.Group> groups) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("monitoring.coreos.com/v1").withKind("PrometheusRule")
        .withMetadata(Labels.meta(PrometheusResources.namespace(fleet), name, operatorLabels(fleet, m, "agentfleet")))
        .withAdditionalProperties(Map.of("spec", Map.of("groups", groups.stream().map(Rules.Group::toMap).toList())))
        .build();
  }

  /**
   * Model constants per PrometheusRule. Each sub-agent adds five constant rules, about 820 bytes; a custom resource is
   * one etcd object, refused above 1.5 MiB by default, so a fleet of more than this many sub-agents gets further
   * PrometheusRules ({@code agentfleet-model-2}, …) with the same labels, which the same ruleSelector loads.
   */
  static final int MODEL_RULES_PER_OBJECT = 5 * 1000;

  private static List<List<Rules.Rule>> modelPages(Rules.Group model) {
    List<List<Rules.Rule>> pages = new ArrayList<>();
    List<Rules.Rule> rules = model.rules();
    for (int from = 0; from < rules.size() || pages.isEmpty(); from += MODEL_RULES_PER_OBJECT) {
      pages.add(rules.subList(from, Math.min(rules.size(), from + MODEL_RULES_PER_OBJECT)));
    }
    return pages;
  }

  /** The PrometheusRules that hold the model constants past the first page, if the fleet is that large. */
  private static List<GenericKubernetesResource> morePrometheusRules(Fleet fleet, MonitoringPlan m) {
    Rules.Group model = Rules.groups(fleet).get(1);
    List<List<Rules.Rule>> pages = modelPages(model);
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (int i = 1; i < pages.size(); i++) {
      out.add(prometheusRule(fleet, m, "agentfleet-model-" + (i + 1),
          List.of(new Rules.Group(model.name() + "." + (i + 1), pages.get(i)))));
    }
    return out;
  }

  /** Requests and limits as a custom resource's {@code resources} field. */
  private static Map<String, Object> resources(io.agentfleet.model.Resources r) {
    return Map.of("requests", Map.of("cpu", r.cpuRequest().toString(), "memory", r.memoryRequest().toString()),
        "limits", Map.of("cpu", r.cpuLimit().toString(), "memory", r.memoryLimit().toString()));
  }
}
