package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.platform.PlatformPlan.MonitoringPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Monitoring;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The standalone Prometheus of {@code monitoring/prometheus.yaml} (mode {@code standalone}): a Deployment that
 * discovers the fleet's pods itself, its configuration and rule files, and the Alertmanager it sends to.
 */
final class StandalonePrometheus {
  private StandalonePrometheus() {}

  /** The standalone server's configuration, as the map that is written to prometheus.yml. */
  static Map<String, Object> config(Fleet fleet) {
    Monitoring.Prometheus p = fleet.monitoring().prometheus();
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("scrape_interval", p.scrapeInterval().toString());
    global.put("evaluation_interval", p.scrapeInterval().toString());
    global.put("external_labels", Map.of("fleet", fleet.name()));
    List<Object> jobs = new ArrayList<>();
    jobs.add(podJob(fleet, Rules.AGENTS_JOB, List.of(keep("__meta_kubernetes_pod_label_app_kubernetes_io_component",
        String.join("|", PrometheusResources.AGENT_COMPONENTS)))));
    jobs.add(podJob(fleet, Rules.POSTGRES_JOB, List.of(keep("__meta_kubernetes_pod_label_app_kubernetes_io_name",
        PrometheusResources.POSTGRES_POD.get(Labels.NAME)))));
    jobs.add(Map.of("job_name", "prometheus", "static_configs", List.of(Map.of("targets", List.of("localhost:" + PrometheusResources.PORT)))));
    p.clusterMetricsUrl().ifPresent(u -> jobs.add(federation(fleet, u)));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("global", global);
    config.put("alerting", Map.of("alertmanagers", List.of(Map.of("static_configs",
        List.of(Map.of("targets", List.of(PrometheusResources.ALERTMANAGER + "." + PrometheusResources.namespace(fleet) + ".svc:" + MonitoringPlan.ALERTMANAGER_PORT)))))));
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
    PrometheusResources.targetLabels().forEach((target, source) -> relabel.add(copy(source, target)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_name", job);
    m.put("metrics_path", AgentContract.METRICS_PATH);
    m.put("kubernetes_sd_configs", List.of(Map.of("role", "pod", "namespaces", Map.of("names", List.of(fleet.namespace())))));
    m.put("relabel_configs", relabel);
    return m;
  }

  /** A relabelling that keeps the targets whose {@code label} matches {@code regex}. */
  private static Map<String, Object> keep(String label, String regex) {
    return relabel(label, "regex", regex, "keep");
  }

  /** A relabelling that copies a discovered label to the target's label {@code target}. */
  private static Map<String, Object> copy(String source, String target) {
    return relabel(source, "target_label", target, "replace");
  }

  private static Map<String, Object> relabel(String source, String key, String value, String action) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source_labels", List.of(source));
    m.put(key, value);
    m.put("action", action);
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

  /** The standalone server: its configuration and rules, ServiceAccount, Role, volume, Deployment and Service. */
  static List<Document> documents(Fleet fleet, MonitoringPlan m) {
    String ns = PrometheusResources.namespace(fleet);
    Monitoring.Prometheus p = fleet.monitoring().prometheus();
    SortedMap<String, String> labels = MonitoringParts.labels(fleet, PrometheusResources.NAME, "monitoring");
    String configText = configFile(fleet);
    String rulesText = ruleFile(fleet);
    String discovery = fleet.name() + "-prometheus-discovery";
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(new ServiceAccountBuilder().withMetadata(Labels.meta(ns, PrometheusResources.NAME, labels))
        .withAutomountServiceAccountToken(true).build(),
        "Mounts a token: Kubernetes service discovery lists pods through the API."));
    docs.add(Document.of(MonitoringParts.podReader(fleet, discovery, labels),
        "Discovery is limited to the fleet's namespace: read pods there, nothing else, nowhere else."));
    docs.add(Document.of(MonitoringParts.bind(fleet, discovery, labels, ns, PrometheusResources.NAME)));
    docs.add(Document.of(new ConfigMapBuilder().withMetadata(Labels.meta(ns, PrometheusResources.CONFIG, labels))
        .withData(Map.of("prometheus.yml", configText)).build(),
        "Kubernetes pod discovery in namespace " + fleet.namespace() + " only; targets are the containers' ports named\n"
            + "\"metrics\" (agent contract: 9090, " + AgentContract.METRICS_PATH + "; CloudNativePG: 9187)."
            + (p.clusterMetricsUrl().isPresent() ? "\ncAdvisor and kube-state-metrics series are federated from "
                + p.clusterMetricsUrl().get() + "." : "")));
    docs.add(Document.of(new ConfigMapBuilder().withMetadata(Labels.meta(ns, PrometheusResources.RULES, labels))
        .withData(Map.of(PrometheusResources.RULE_FILE, rulesText)).build(),
        "Recording rules, the model's numbers as series, and the fleet's alerts (checked by promtool in the build)."));
    docs.add(Document.of(new PersistentVolumeClaimBuilder().withMetadata(Labels.meta(ns, PrometheusResources.NAME, labels))
        .withNewSpec().withAccessModes("ReadWriteOnce")
        .withNewResources().withRequests(Map.of("storage", new Quantity(p.storage().toString()))).endResources()
        .endSpec().build()));
    docs.add(Document.of(new DeploymentBuilder()
        .withMetadata(Labels.meta(ns, PrometheusResources.NAME, labels))
        .withNewSpec()
        .withReplicas(1)
        .withRevisionHistoryLimit(3)
        .withSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(PrometheusResources.NAME, PrometheusResources.NAME)).build())
        .withNewStrategy().withType("Recreate").endStrategy()
        .withNewTemplate()
        .withNewMetadata().withLabels(labels)
        .withAnnotations(Map.of("agentfleet.io/config-checksum", MonitoringParts.checksum(configText)))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(PrometheusResources.NAME)
        .withAutomountServiceAccountToken(true)
        .withEnableServiceLinks(false)
        .withSecurityContext(AgentPods.podSecurity(65534))
        .addNewContainer()
        .withName(PrometheusResources.NAME)
        .withImage(p.image())
        .withImagePullPolicy("IfNotPresent")
        .withArgs("--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus",
            "--storage.tsdb.retention.time=" + p.retention(), "--web.listen-address=:" + PrometheusResources.PORT, "--web.enable-lifecycle")
        .addNewPort().withName("web").withContainerPort(PrometheusResources.PORT).withProtocol("TCP").endPort()
        .withResources(MonitoringParts.resources(io.agentfleet.model.Monitoring.PROMETHEUS_RESOURCES))
        .withStartupProbe(AgentPods.httpProbe("/-/ready", "web", 10, 60))
        .withLivenessProbe(AgentPods.httpProbe("/-/healthy", "web", 30, 3))
        .withReadinessProbe(AgentPods.httpProbe("/-/ready", "web", 10, 3))
        .withSecurityContext(AgentPods.containerSecurity())
        .withVolumeMounts(AgentPods.mount("config", "/etc/prometheus", true),
            AgentPods.mount("rules", "/etc/prometheus/rules", true), AgentPods.mount("data", "/prometheus", false))
        .endContainer()
        .addNewContainer()
        .withName("rules-reloader")
        .withImage(PrometheusResources.CONFIG_RELOADER_IMAGE)
        .withImagePullPolicy("IfNotPresent")
        .withArgs("--watched-dir=/etc/prometheus/rules", "--reload-url=http://127.0.0.1:" + PrometheusResources.PORT + "/-/reload",
            "--listen-address=:8081")
        .addNewPort().withName("reloader").withContainerPort(8081).withProtocol("TCP").endPort()
        .withResources(MonitoringParts.resources(io.agentfleet.model.Monitoring.CONFIG_RELOADER_RESOURCES))
        .withLivenessProbe(AgentPods.httpProbe("/healthz", "reloader", 30, 3))
        .withReadinessProbe(AgentPods.httpProbe("/healthz", "reloader", 10, 3))
        .withSecurityContext(AgentPods.containerSecurity())
        .withVolumeMounts(AgentPods.mount("rules", "/etc/prometheus/rules", true))
        .endContainer()
        .addNewVolume().withName("config").withNewConfigMap().withName(PrometheusResources.CONFIG).endConfigMap().endVolume()
        .addNewVolume().withName("rules").withNewConfigMap().withName(PrometheusResources.RULES).endConfigMap().endVolume()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(PrometheusResources.NAME).endPersistentVolumeClaim()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build(),
        "One replica with Recreate: the ReadWriteOnce volume cannot be mounted by two pods during a rollout.\n"
            + "The checksum annotation rolls the pod when prometheus.yml changes; rule changes (every replica bound\n"
            + "is a rule constant) are reloaded in place by the rules-reloader sidecar, without a restart."));
    docs.add(Document.of(new ServiceBuilder().withMetadata(Labels.meta(ns, PrometheusResources.NAME, labels))
        .withNewSpec().withType("ClusterIP").withSelector(Labels.selector(PrometheusResources.NAME, PrometheusResources.NAME))
        .addNewPort().withName("web").withPort(PrometheusResources.PORT).withNewTargetPort("web").withProtocol("TCP").endPort()
        .endSpec().build()));
    docs.addAll(StandaloneAlertmanager.documents(fleet, m));
    return docs;
  }
}
