package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.AgentContract;
import io.agentfleet.generate.AgentPods;
import io.agentfleet.generate.Document;
import io.agentfleet.generate.Labels;
import io.agentfleet.generate.YamlRenderer;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Monitoring;
import io.agentfleet.model.MonitoringMode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code monitoring/prometheus.yaml}: how the fleet is scraped (a Prometheus of its own, or PodMonitors for the
 * operator's), its rules, the scrape allowance into the fleet's namespace, and the prometheus-adapter rule that
 * serves the sub-agents' per-pod request rate to their HPAs.
 */
final class PrometheusResources {
  static final String NAME = "prometheus";
  static final String CONFIG = "prometheus-config";
  static final String RULES = "prometheus-rules";
  static final String RULE_FILE = "agentfleet.rules.yaml";
  static final String ADAPTER_CONFIG = "prometheus-adapter-agentfleet";
  static final int PORT = 9090;
  /** Pod label of the PostgreSQL instances, per the database folder's contract. */
  static final Map<String, String> POSTGRES_POD = Map.of(Labels.NAME, "postgres");
  static final List<String> AGENT_COMPONENTS = List.of(Labels.COMPONENT_SUB_AGENT, Labels.COMPONENT_WORKER, "frontend",
      "backend");

  private PrometheusResources() {}

  static String namespace(Fleet fleet) {
    return fleet.network().monitoringNamespace();
  }

  /** The URL Grafana and the adapter query. */
  static String url(Fleet fleet) {
    Monitoring.Prometheus p = fleet.monitoring().prometheus();
    String service = fleet.monitoring().mode() == MonitoringMode.STANDALONE ? NAME : "prometheus-operated";
    return p.url().orElse("http://" + service + "." + namespace(fleet) + ".svc:" + PORT);
  }

  static List<Document> documents(Fleet fleet) {
    List<Document> docs = new ArrayList<>();
    Objects.namespace(fleet, namespace(fleet), "restricted").ifPresent(ns -> docs.add(Document.of(ns,
        "Prometheus and Grafana run here, outside the fleet's namespace and its quota. Every pod in it meets Pod\n"
            + "Security \"restricted\"" + (fleet.monitoring().mode() == MonitoringMode.PROMETHEUS_OPERATOR
                ? "; kube-prometheus-stack's node-exporter (hostNetwork, hostPath) must be installed in a\n"
                    + "namespace of its own (see monitoring/README.md)." : "."))));
    docs.add(Document.of(scrapeAllowance(fleet),
        "The fleet's namespace denies all ingress; this admits Prometheus (pods labelled app.kubernetes.io/name:\n"
            + "prometheus in namespace " + namespace(fleet) + ") to every pod's port named \"metrics\", and nothing else."));
    if (fleet.monitoring().mode() == MonitoringMode.STANDALONE) {
      docs.addAll(standalone(fleet));
    } else {
      docs.addAll(operator(fleet));
    }
    docs.add(Document.of(adapterConfig(fleet),
        "prometheus-adapter rule serving " + AgentContract.REQUESTS_PER_SECOND_METRIC + " (custom.metrics.k8s.io, per pod)\n"
            + "from the counter " + AgentContract.REQUESTS_COUNTER + ": the sub-agents' HPAs read it. The adapter itself\n"
            + "is installed by the GitOps operators; start it with --config on this ConfigMap's config.yaml and\n"
            + "--prometheus-url=" + url(fleet) + "."));
    return docs;
  }

  static NetworkPolicy scrapeAllowance(Fleet fleet) {
    return new NetworkPolicyBuilder()
        .withMetadata(Labels.meta(fleet, "allow-prometheus-scrape", Labels.common(fleet)))
        .withNewSpec()
        .withPodSelector(new io.fabric8.kubernetes.api.model.LabelSelector())
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .withFrom(Labels.prometheus(fleet))
        .addNewPort().withProtocol("TCP").withPort(new IntOrString("metrics")).endPort()
        .endIngress()
        .endSpec()
        .build();
  }

  // ---------------------------------------------------------------------------------------------- standalone

  /** The standalone server's configuration, as the map that is written to prometheus.yml. */
  static Map<String, Object> config(Fleet fleet) {
    Monitoring.Prometheus p = fleet.monitoring().prometheus();
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("scrape_interval", p.scrapeInterval().toString());
    global.put("evaluation_interval", p.scrapeInterval().toString());
    global.put("external_labels", Map.of("fleet", fleet.name()));
    List<Object> jobs = new ArrayList<>();
    jobs.add(podJob(fleet, Rules.AGENTS_JOB, List.of(keep("__meta_kubernetes_pod_label_app_kubernetes_io_component",
        String.join("|", AGENT_COMPONENTS)))));
    jobs.add(podJob(fleet, Rules.POSTGRES_JOB, List.of(keep("__meta_kubernetes_pod_label_app_kubernetes_io_name",
        POSTGRES_POD.get(Labels.NAME)))));
    jobs.add(Map.of("job_name", "prometheus", "static_configs", List.of(Map.of("targets", List.of("localhost:" + PORT)))));
    p.clusterMetricsUrl().ifPresent(u -> jobs.add(federation(fleet, u)));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("global", global);
    config.put("rule_files", List.of("/etc/prometheus/rules/*.yaml"));
    config.put("scrape_configs", jobs);
    return config;
  }

  private static Map<String, Object> podJob(Fleet fleet, String job, List<Map<String, Object>> select) {
    List<Map<String, Object>> relabel = new ArrayList<>(select);
    relabel.add(keep("__meta_kubernetes_pod_container_port_name", "metrics"));
    Map<String, Object> notRunning = new LinkedHashMap<>();
    notRunning.put("source_labels", List.of("__meta_kubernetes_pod_phase"));
    notRunning.put("regex", "Pending|Succeeded|Failed|Unknown");
    notRunning.put("action", "drop");
    relabel.add(notRunning);
    targetLabels().forEach((target, source) -> relabel.add(copy(source, target)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_name", job);
    m.put("metrics_path", AgentContract.METRICS_PATH);
    m.put("kubernetes_sd_configs", List.of(Map.of("role", "pod", "namespaces", Map.of("names", List.of(fleet.namespace())))));
    m.put("relabel_configs", relabel);
    return m;
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

  private static Map<String, Object> keep(String label, String regex) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source_labels", List.of(label));
    m.put("regex", regex);
    m.put("action", "keep");
    return m;
  }

  private static Map<String, Object> copy(String source, String target) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source_labels", List.of(source));
    m.put("target_label", target);
    m.put("action", "replace");
    return m;
  }

  private static Map<String, Object> federation(Fleet fleet, String url) {
    URI u = URI.create(url);
    int port = u.getPort() > 0 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_name", "kubernetes-cluster");
    m.put("honor_labels", true);
    m.put("scheme", u.getScheme());
    m.put("metrics_path", "/federate");
    m.put("params", Map.of("match[]", List.of("{__name__=~\"" + String.join("|", AgentMetrics.CLUSTER)
        + "\", namespace=\"" + fleet.namespace() + "\"}")));
    m.put("static_configs", List.of(Map.of("targets", List.of(u.getHost() + ":" + port))));
    return m;
  }

  /** The rule file: every group of {@link Rules}. */
  static String ruleFile(Fleet fleet) {
    Map<String, Object> file = Map.of("groups", Rules.groups(fleet).stream().map(Rules.Group::toMap).toList());
    return YamlRenderer.toYaml(YamlRenderer.toTree(file));
  }

  static String configFile(Fleet fleet) {
    return YamlRenderer.toYaml(YamlRenderer.toTree(config(fleet)));
  }

  private static List<Document> standalone(Fleet fleet) {
    String ns = namespace(fleet);
    Monitoring.Prometheus p = fleet.monitoring().prometheus();
    SortedMap<String, String> labels = Objects.labels(fleet, NAME, "monitoring");
    String configText = configFile(fleet);
    String rulesText = ruleFile(fleet);
    String discovery = fleet.name() + "-prometheus-discovery";
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(new ServiceAccountBuilder().withMetadata(Labels.meta(ns, NAME, labels))
        .withAutomountServiceAccountToken(true).build(),
        "Mounts a token: Kubernetes service discovery lists pods through the API."));
    docs.add(Document.of(Objects.podReader(fleet, discovery, labels),
        "Discovery is limited to the fleet's namespace: read pods there, nothing else, nowhere else."));
    docs.add(Document.of(Objects.bind(fleet, discovery, labels, ns, NAME)));
    docs.add(Document.of(new ConfigMapBuilder().withMetadata(Labels.meta(ns, CONFIG, labels))
        .withData(Map.of("prometheus.yml", configText)).build(),
        "Kubernetes pod discovery in namespace " + fleet.namespace() + " only; targets are the containers' ports named\n"
            + "\"metrics\" (agent contract: 9090, " + AgentContract.METRICS_PATH + "; CloudNativePG: 9187)."
            + (p.clusterMetricsUrl().isPresent() ? "\ncAdvisor and kube-state-metrics series are federated from "
                + p.clusterMetricsUrl().get() + "." : "")));
    docs.add(Document.of(new ConfigMapBuilder().withMetadata(Labels.meta(ns, RULES, labels))
        .withData(Map.of(RULE_FILE, rulesText)).build(),
        "Recording rules, the model's numbers as series, and the seed's alerts (checked by promtool in the build)."));
    docs.add(Document.of(new PersistentVolumeClaimBuilder().withMetadata(Labels.meta(ns, NAME, labels))
        .withNewSpec().withAccessModes("ReadWriteOnce")
        .withNewResources().withRequests(Map.of("storage", new Quantity(p.storage().toString()))).endResources()
        .endSpec().build()));
    docs.add(Document.of(new DeploymentBuilder()
        .withMetadata(Labels.meta(ns, NAME, labels))
        .withNewSpec()
        .withReplicas(1)
        .withRevisionHistoryLimit(3)
        .withSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(NAME, NAME)).build())
        .withNewStrategy().withType("Recreate").endStrategy()
        .withNewTemplate()
        .withNewMetadata().withLabels(labels)
        .withAnnotations(Map.of("agentfleet.io/config-checksum", Objects.checksum(configText, rulesText)))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(NAME)
        .withAutomountServiceAccountToken(true)
        .withEnableServiceLinks(false)
        .withSecurityContext(AgentPods.podSecurity(65534))
        .addNewContainer()
        .withName(NAME)
        .withImage(p.image())
        .withImagePullPolicy("IfNotPresent")
        .withArgs("--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus",
            "--storage.tsdb.retention.time=" + p.retention(), "--web.listen-address=:" + PORT)
        .addNewPort().withName("web").withContainerPort(PORT).withProtocol("TCP").endPort()
        .withResources(Objects.resources("500m", "2Gi", "2", "2Gi"))
        .withStartupProbe(AgentPods.httpProbe("/-/ready", "web", 10, 60))
        .withLivenessProbe(AgentPods.httpProbe("/-/healthy", "web", 30, 3))
        .withReadinessProbe(AgentPods.httpProbe("/-/ready", "web", 10, 3))
        .withSecurityContext(AgentPods.containerSecurity())
        .withVolumeMounts(AgentPods.mount("config", "/etc/prometheus", true),
            AgentPods.mount("rules", "/etc/prometheus/rules", true), AgentPods.mount("data", "/prometheus", false))
        .endContainer()
        .addNewVolume().withName("config").withNewConfigMap().withName(CONFIG).endConfigMap().endVolume()
        .addNewVolume().withName("rules").withNewConfigMap().withName(RULES).endConfigMap().endVolume()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(NAME).endPersistentVolumeClaim()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build(),
        "One replica with Recreate: the ReadWriteOnce volume cannot be mounted by two pods during a rollout.\n"
            + "The checksum annotation rolls the pod when the configuration or the rules change (Prometheus does\n"
            + "not watch its files)."));
    docs.add(Document.of(new ServiceBuilder().withMetadata(Labels.meta(ns, NAME, labels))
        .withNewSpec().withType("ClusterIP").withSelector(Labels.selector(NAME, NAME))
        .addNewPort().withName("web").withPort(PORT).withNewTargetPort("web").withProtocol("TCP").endPort()
        .endSpec().build()));
    return docs;
  }

  // ------------------------------------------------------------------------------------------------ operator

  private static List<Document> operator(Fleet fleet) {
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(podMonitor(fleet, Rules.AGENTS_JOB,
        Map.of("matchLabels", Map.of(Labels.PART_OF, fleet.name()),
            "matchExpressions", List.of(Map.of("key", Labels.COMPONENT, "operator", "In", "values", AGENT_COMPONENTS)))),
        "Sub-agents and workers (and frontends or backends that name a port \"metrics\"), in namespace "
            + fleet.namespace() + ".\nIt lives in the monitoring namespace with the selector labels "
            + fleet.monitoring().prometheus().selectorLabels() + ":\na Prometheus whose podMonitorNamespaceSelector is "
            + "unset only reads its own namespace."));
    docs.add(Document.of(podMonitor(fleet, Rules.POSTGRES_JOB, Map.of("matchLabels", POSTGRES_POD)),
        "CloudNativePG instances: the exporter on port 9187, named \"metrics\"."));
    docs.add(Document.of(prometheusRule(fleet),
        "Loaded by the operator's Prometheus when these labels match its ruleSelector (same namespace rule as the\n"
            + "PodMonitors)."));
    return docs;
  }

  private static SortedMap<String, String> operatorLabels(Fleet fleet, String name) {
    SortedMap<String, String> labels = Objects.labels(fleet, name, "monitoring");
    labels.putAll(fleet.monitoring().prometheus().selectorLabels());
    return labels;
  }

  private static GenericKubernetesResource podMonitor(Fleet fleet, String job, Map<String, Object> selector) {
    List<Map<String, Object>> relabelings = new ArrayList<>();
    targetLabels().forEach((target, source) -> {
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
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("monitoring.coreos.com/v1").withKind("PodMonitor")
        .withMetadata(Labels.meta(namespace(fleet), job, operatorLabels(fleet, job)))
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  private static GenericKubernetesResource prometheusRule(Fleet fleet) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("monitoring.coreos.com/v1").withKind("PrometheusRule")
        .withMetadata(Labels.meta(namespace(fleet), "agentfleet", operatorLabels(fleet, "agentfleet")))
        .withAdditionalProperties(Map.of("spec",
            Map.of("groups", Rules.groups(fleet).stream().map(Rules.Group::toMap).toList())))
        .build();
  }

  // ------------------------------------------------------------------------------------------------- adapter

  /** The prometheus-adapter configuration: one rule, the per-pod rate of the agents' request counter. */
  static String adapterRules(Fleet fleet) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("seriesQuery", AgentContract.REQUESTS_COUNTER + "{job=\"" + Rules.AGENTS_JOB + "\", namespace=\""
        + fleet.namespace() + "\", pod!=\"\"}");
    rule.put("resources", Map.of("overrides", Map.of("namespace", Map.of("resource", "namespace"),
        "pod", Map.of("resource", "pod"))));
    rule.put("name", Map.of("matches", "^" + AgentContract.REQUESTS_COUNTER + "$",
        "as", AgentContract.REQUESTS_PER_SECOND_METRIC));
    rule.put("metricsQuery", "sum(rate(<<.Series>>{<<.LabelMatchers>>}[" + Rules.RATE + "])) by (<<.GroupBy>>)");
    return YamlRenderer.toYaml(YamlRenderer.toTree(Map.of("rules", List.of(rule))));
  }

  private static io.fabric8.kubernetes.api.model.ConfigMap adapterConfig(Fleet fleet) {
    return new ConfigMapBuilder()
        .withMetadata(Labels.meta(namespace(fleet), ADAPTER_CONFIG, Objects.labels(fleet, "prometheus-adapter", "monitoring")))
        .withData(Map.of("config.yaml", adapterRules(fleet)))
        .build();
  }
}
