package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Peers;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan.MonitoringPlan;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.YamlRenderer;
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
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code monitoring/prometheus.yaml}: the fleet's Prometheus and Alertmanager (run by the Prometheus Operator from a
 * {@code Prometheus} and an {@code Alertmanager}, or standalone as Deployments), how the fleet is scraped (PodMonitors,
 * or the standalone server's pod discovery), its rules and the scrape allowance into the fleet's namespace. Names,
 * Services and URLs come from the platform plan, which the adapter's and KEDA's configuration read too.
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
      docs.addAll(standalone(fleet, m));
    } else {
      docs.addAll(operator(fleet, plan));
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
    return new NetworkPolicyBuilder()
        .withMetadata(Labels.meta(fleet, "allow-prometheus-scrape", Labels.common(fleet)))
        .withNewSpec()
        .withPodSelector(new io.fabric8.kubernetes.api.model.LabelSelector())
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .withFrom(Peers.prometheus(fleet))
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
    config.put("alerting", Map.of("alertmanagers", List.of(Map.of("static_configs",
        List.of(Map.of("targets", List.of(ALERTMANAGER + "." + namespace(fleet) + ".svc:" + MonitoringPlan.ALERTMANAGER_PORT)))))));
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

  private static List<Document> standalone(Fleet fleet, MonitoringPlan m) {
    String ns = namespace(fleet);
    Monitoring.Prometheus p = fleet.monitoring().prometheus();
    SortedMap<String, String> labels = MonitoringParts.labels(fleet, NAME, "monitoring");
    String configText = configFile(fleet);
    String rulesText = ruleFile(fleet);
    String discovery = fleet.name() + "-prometheus-discovery";
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(new ServiceAccountBuilder().withMetadata(Labels.meta(ns, NAME, labels))
        .withAutomountServiceAccountToken(true).build(),
        "Mounts a token: Kubernetes service discovery lists pods through the API."));
    docs.add(Document.of(MonitoringParts.podReader(fleet, discovery, labels),
        "Discovery is limited to the fleet's namespace: read pods there, nothing else, nowhere else."));
    docs.add(Document.of(MonitoringParts.bind(fleet, discovery, labels, ns, NAME)));
    docs.add(Document.of(new ConfigMapBuilder().withMetadata(Labels.meta(ns, CONFIG, labels))
        .withData(Map.of("prometheus.yml", configText)).build(),
        "Kubernetes pod discovery in namespace " + fleet.namespace() + " only; targets are the containers' ports named\n"
            + "\"metrics\" (agent contract: 9090, " + AgentContract.METRICS_PATH + "; CloudNativePG: 9187)."
            + (p.clusterMetricsUrl().isPresent() ? "\ncAdvisor and kube-state-metrics series are federated from "
                + p.clusterMetricsUrl().get() + "." : "")));
    docs.add(Document.of(new ConfigMapBuilder().withMetadata(Labels.meta(ns, RULES, labels))
        .withData(Map.of(RULE_FILE, rulesText)).build(),
        "Recording rules, the model's numbers as series, and the fleet's alerts (checked by promtool in the build)."));
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
        .withAnnotations(Map.of("agentfleet.io/config-checksum", MonitoringParts.checksum(configText)))
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
            "--storage.tsdb.retention.time=" + p.retention(), "--web.listen-address=:" + PORT, "--web.enable-lifecycle")
        .addNewPort().withName("web").withContainerPort(PORT).withProtocol("TCP").endPort()
        .withResources(MonitoringParts.resources("500m", "2Gi", "2", "2Gi"))
        .withStartupProbe(AgentPods.httpProbe("/-/ready", "web", 10, 60))
        .withLivenessProbe(AgentPods.httpProbe("/-/healthy", "web", 30, 3))
        .withReadinessProbe(AgentPods.httpProbe("/-/ready", "web", 10, 3))
        .withSecurityContext(AgentPods.containerSecurity())
        .withVolumeMounts(AgentPods.mount("config", "/etc/prometheus", true),
            AgentPods.mount("rules", "/etc/prometheus/rules", true), AgentPods.mount("data", "/prometheus", false))
        .endContainer()
        .addNewContainer()
        .withName("rules-reloader")
        .withImage(CONFIG_RELOADER_IMAGE)
        .withImagePullPolicy("IfNotPresent")
        .withArgs("--watched-dir=/etc/prometheus/rules", "--reload-url=http://127.0.0.1:" + PORT + "/-/reload",
            "--listen-address=:8081")
        .addNewPort().withName("reloader").withContainerPort(8081).withProtocol("TCP").endPort()
        .withResources(MonitoringParts.resources("10m", "32Mi", "100m", "64Mi"))
        .withLivenessProbe(AgentPods.httpProbe("/healthz", "reloader", 30, 3))
        .withReadinessProbe(AgentPods.httpProbe("/healthz", "reloader", 10, 3))
        .withSecurityContext(AgentPods.containerSecurity())
        .withVolumeMounts(AgentPods.mount("rules", "/etc/prometheus/rules", true))
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
            + "The checksum annotation rolls the pod when prometheus.yml changes; rule changes (every replica bound\n"
            + "is a rule constant) are reloaded in place by the rules-reloader sidecar, without a restart."));
    docs.add(Document.of(new ServiceBuilder().withMetadata(Labels.meta(ns, NAME, labels))
        .withNewSpec().withType("ClusterIP").withSelector(Labels.selector(NAME, NAME))
        .addNewPort().withName("web").withPort(PORT).withNewTargetPort("web").withProtocol("TCP").endPort()
        .endSpec().build()));
    docs.addAll(standaloneAlertmanager(fleet, m));
    return docs;
  }

  /** The standalone Alertmanager's configuration: one route, to the webhook when the fleet names one. */
  static String alertmanagerConfig(Fleet fleet) {
    Monitoring.Alertmanager am = fleet.monitoring().alertmanager();
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("receiver", am.webhookSecret().isPresent() ? "webhook" : "none");
    route.put("group_by", List.of("alertname", "namespace", "workload"));
    route.put("group_wait", "30s");
    route.put("group_interval", "5m");
    route.put("repeat_interval", "4h");
    Map<String, Object> receiver = new LinkedHashMap<>();
    receiver.put("name", route.get("receiver"));
    am.webhookSecret().ifPresent(s -> receiver.put("webhook_configs", List.of(Map.of("url_file",
        "/etc/alertmanager/webhook/" + am.webhookSecretKey(), "send_resolved", true))));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", route);
    config.put("receivers", List.of(receiver));
    return YamlRenderer.toYaml(YamlRenderer.toTree(config));
  }

  private static List<Document> standaloneAlertmanager(Fleet fleet, MonitoringPlan m) {
    String ns = namespace(fleet);
    Monitoring.Alertmanager am = fleet.monitoring().alertmanager();
    SortedMap<String, String> labels = MonitoringParts.labels(fleet, ALERTMANAGER, "monitoring");
    String config = alertmanagerConfig(fleet);
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(new ServiceAccountBuilder().withMetadata(Labels.meta(ns, ALERTMANAGER, labels))
        .withAutomountServiceAccountToken(false).build()));
    docs.add(Document.of(new ConfigMapBuilder().withMetadata(Labels.meta(ns, ALERTMANAGER_CONFIG, labels))
        .withData(Map.of("alertmanager.yml", config)).build(),
        am.webhookSecret().isPresent()
            ? "Every alert goes to the webhook whose URL is key " + am.webhookSecretKey() + " of Secret "
                + am.webhookSecret().get() + " (read from a file:\nthe URL never appears in Git)."
            : "No receiver (monitoring.alertmanager.webhookSecret is unset): alerts are shown in Alertmanager's UI only."));
    var pod = new DeploymentBuilder()
        .withMetadata(Labels.meta(ns, ALERTMANAGER, labels))
        .withNewSpec()
        .withReplicas(1)
        .withRevisionHistoryLimit(3)
        .withSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(ALERTMANAGER, ALERTMANAGER)).build())
        .withNewTemplate()
        .withNewMetadata().withLabels(labels)
        .withAnnotations(Map.of("agentfleet.io/config-checksum", MonitoringParts.checksum(config)))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(ALERTMANAGER)
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(AgentPods.podSecurity(65534))
        .addNewContainer()
        .withName(ALERTMANAGER)
        .withImage(am.image())
        .withImagePullPolicy("IfNotPresent")
        .withArgs("--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager",
            "--web.listen-address=:" + MonitoringPlan.ALERTMANAGER_PORT, "--cluster.listen-address=")
        .addNewPort().withName("web").withContainerPort(MonitoringPlan.ALERTMANAGER_PORT).withProtocol("TCP").endPort()
        .withResources(MonitoringParts.resources("50m", "64Mi", "200m", "128Mi"))
        .withLivenessProbe(AgentPods.httpProbe("/-/healthy", "web", 30, 3))
        .withReadinessProbe(AgentPods.httpProbe("/-/ready", "web", 10, 3))
        .withSecurityContext(AgentPods.containerSecurity())
        .addToVolumeMounts(AgentPods.mount("config", "/etc/alertmanager", true),
            AgentPods.mount("data", "/alertmanager", false))
        .endContainer()
        .addNewVolume().withName("config").withNewConfigMap().withName(ALERTMANAGER_CONFIG).endConfigMap().endVolume()
        .addToVolumes(AgentPods.emptyDir("data", "1Gi"))
        .endSpec()
        .endTemplate()
        .endSpec();
    am.webhookSecret().ifPresent(secret -> pod.editSpec().editTemplate().editSpec()
        .editFirstContainer().addToVolumeMounts(AgentPods.mount("webhook", "/etc/alertmanager/webhook", true))
        .endContainer()
        .addNewVolume().withName("webhook").withNewSecret().withSecretName(secret).endSecret().endVolume()
        .endSpec().endTemplate().endSpec());
    docs.add(Document.of(pod.build(),
        "One replica, silences kept in an emptyDir (lost on restart; alerts themselves are re-sent by Prometheus)."));
    docs.add(Document.of(new ServiceBuilder().withMetadata(Labels.meta(ns, ALERTMANAGER, labels))
        .withNewSpec().withType("ClusterIP").withSelector(Labels.selector(ALERTMANAGER, ALERTMANAGER))
        .addNewPort().withName("web").withPort(MonitoringPlan.ALERTMANAGER_PORT).withNewTargetPort("web")
        .withProtocol("TCP").endPort()
        .endSpec().build()));
    return docs;
  }

  // ------------------------------------------------------------------------------------------------ operator

  private static List<Document> operator(Fleet fleet, PlatformPlan plan) {
    MonitoringPlan m = plan.monitoring();
    List<Document> docs = new ArrayList<>();
    if (m.prometheusInTree()) {
      docs.addAll(prometheusServer(fleet, plan));
    }
    docs.add(Document.of(podMonitor(fleet, m, m.agentsJob(),
        Map.of("matchLabels", Map.of(Labels.PART_OF, fleet.name()),
            "matchExpressions", List.of(Map.of("key", Labels.COMPONENT, "operator", "In", "values", AGENT_COMPONENTS)))),
        "Sub-agents and workers (and frontends or backends that name a port \"metrics\"), in namespace "
            + fleet.namespace() + ".\nIt lives beside the Prometheus that selects it by the labels " + m.selectorLabels()
            + "\n(a Prometheus whose podMonitorNamespaceSelector is unset reads only its own namespace)."));
    if (fleet.database().enabled()) {
      docs.add(Document.of(podMonitor(fleet, m, m.postgresJob(), Map.of("matchLabels", POSTGRES_POD)),
          "PostgreSQL instances: the exporter on the port named \"metrics\"."));
    }
    docs.add(Document.of(prometheusRule(fleet, m),
        "Loaded by the Prometheus whose ruleSelector matches these labels (same namespace rule as the PodMonitors)."));
    return docs;
  }

  /** The fleet's Prometheus and Alertmanager as the operator runs them, with what they need to scrape and route. */
  private static List<Document> prometheusServer(Fleet fleet, PlatformPlan plan) {
    MonitoringPlan m = plan.monitoring();
    Monitoring.Prometheus p = fleet.monitoring().prometheus();
    Monitoring.Alertmanager am = fleet.monitoring().alertmanager();
    String ns = namespace(fleet);
    SortedMap<String, String> labels = MonitoringParts.labels(fleet, NAME, "monitoring");
    String clusterRole = fleet.name() + "-prometheus";
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(new ServiceAccountBuilder().withMetadata(Labels.meta(ns, NAME, labels))
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
        .addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(ns).endSubject()
        .build()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("image", p.image());
    spec.put("replicas", 1);
    spec.put("serviceAccountName", NAME);
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
    spec.put("resources", Map.of("requests", Map.of("cpu", "500m", "memory", "2Gi"),
        "limits", Map.of("cpu", "2", "memory", "2Gi")));
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
    amSpec.put("resources", Map.of("requests", Map.of("cpu", "50m", "memory", "64Mi"),
        "limits", Map.of("cpu", "200m", "memory", "128Mi")));
    docs.add(Document.of(custom("monitoring.coreos.com/v1", "Alertmanager",
        Labels.meta(ns, m.alertmanagerName(), labels), amSpec),
        "The Alertmanager the Prometheus above sends to, served as Service " + m.alertmanagerService() + " (port web, "
            + m.alertmanagerPort() + ").\n" + (am.webhookSecret().isPresent()
                ? "Alerts go to the webhook of the AlertmanagerConfig below."
                : "No receiver (monitoring.alertmanager.webhookSecret is unset): alerts are shown in its UI only.")));
    am.webhookSecret().ifPresent(secret -> {
      SortedMap<String, String> cfgLabels = MonitoringParts.labels(fleet, ALERTMANAGER, "monitoring");
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
    return custom("monitoring.coreos.com/v1", "PodMonitor", Labels.meta(namespace(fleet), job, operatorLabels(fleet, m, job)),
        spec);
  }

  private static GenericKubernetesResource prometheusRule(Fleet fleet, MonitoringPlan m) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("monitoring.coreos.com/v1").withKind("PrometheusRule")
        .withMetadata(Labels.meta(namespace(fleet), "agentfleet", operatorLabels(fleet, m, "agentfleet")))
        .withAdditionalProperties(Map.of("spec",
            Map.of("groups", Rules.groups(fleet).stream().map(Rules.Group::toMap).toList())))
        .build();
  }
}
