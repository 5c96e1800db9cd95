package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.platform.PlatformPlan.MonitoringPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Monitoring;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** The standalone Alertmanager of {@code monitoring/prometheus.yaml}: one route, to the webhook when the fleet names one. */
final class StandaloneAlertmanager {
  private StandaloneAlertmanager() {}

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

  /** The standalone Alertmanager: its configuration, Deployment and Service. */
  static List<Document> documents(Fleet fleet, MonitoringPlan m) {
    String ns = PrometheusResources.namespace(fleet);
    Monitoring.Alertmanager am = fleet.monitoring().alertmanager();
    SortedMap<String, String> labels = MonitoringParts.labels(fleet, PrometheusResources.ALERTMANAGER, "monitoring");
    String config = alertmanagerConfig(fleet);
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(new ServiceAccountBuilder().withMetadata(Labels.meta(ns, PrometheusResources.ALERTMANAGER, labels))
        .withAutomountServiceAccountToken(false).build()));
    docs.add(Document.of(new ConfigMapBuilder().withMetadata(Labels.meta(ns, PrometheusResources.ALERTMANAGER_CONFIG, labels))
        .withData(Map.of("alertmanager.yml", config)).build(),
        am.webhookSecret().isPresent()
            ? "Every alert goes to the webhook whose URL is key " + am.webhookSecretKey() + " of Secret "
                + am.webhookSecret().get() + " (read from a file:\nthe URL never appears in Git)."
            : "No receiver (monitoring.alertmanager.webhookSecret is unset): alerts are shown in Alertmanager's UI only."));
    var pod = new DeploymentBuilder()
        .withMetadata(Labels.meta(ns, PrometheusResources.ALERTMANAGER, labels))
        .withNewSpec()
        .withReplicas(1)
        .withRevisionHistoryLimit(3)
        .withSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(PrometheusResources.ALERTMANAGER, PrometheusResources.ALERTMANAGER)).build())
        .withNewTemplate()
        .withNewMetadata().withLabels(labels)
        .withAnnotations(Map.of("agentfleet.io/config-checksum", MonitoringParts.checksum(config)))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(PrometheusResources.ALERTMANAGER)
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(AgentPods.podSecurity(65534))
        .addNewContainer()
        .withName(PrometheusResources.ALERTMANAGER)
        .withImage(am.image())
        .withImagePullPolicy("IfNotPresent")
        .withArgs("--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager",
            "--web.listen-address=:" + MonitoringPlan.ALERTMANAGER_PORT, "--cluster.listen-address=")
        .addNewPort().withName("web").withContainerPort(MonitoringPlan.ALERTMANAGER_PORT).withProtocol("TCP").endPort()
        .withResources(MonitoringParts.resources(io.agentfleet.model.Monitoring.ALERTMANAGER_RESOURCES))
        .withLivenessProbe(AgentPods.httpProbe("/-/healthy", "web", 30, 3))
        .withReadinessProbe(AgentPods.httpProbe("/-/ready", "web", 10, 3))
        .withSecurityContext(AgentPods.containerSecurity())
        .addToVolumeMounts(AgentPods.mount("config", "/etc/alertmanager", true),
            AgentPods.mount("data", "/alertmanager", false))
        .endContainer()
        .addNewVolume().withName("config").withNewConfigMap().withName(PrometheusResources.ALERTMANAGER_CONFIG).endConfigMap().endVolume()
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
    docs.add(Document.of(new ServiceBuilder().withMetadata(Labels.meta(ns, PrometheusResources.ALERTMANAGER, labels))
        .withNewSpec().withType("ClusterIP").withSelector(Labels.selector(PrometheusResources.ALERTMANAGER, PrometheusResources.ALERTMANAGER))
        .addNewPort().withName("web").withPort(MonitoringPlan.ALERTMANAGER_PORT).withNewTargetPort("web")
        .withProtocol("TCP").endPort()
        .endSpec().build()));
    return docs;
  }
}
