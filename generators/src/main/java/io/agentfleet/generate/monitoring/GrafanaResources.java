package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.ExternalSecrets;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Workloads;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Monitoring;
import io.agentfleet.model.SecretsProvider;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** {@code monitoring/grafana.yaml}: Grafana with a provisioned Prometheus data source and the model's dashboards. */
final class GrafanaResources {
  static final String NAME = "grafana";
  static final int PORT = 3000;
  /** Grafana images run as this user. */
  static final long USER_ID = 472;
  /** Argo CD applies these with server-side apply: no last-applied annotation, so no 256 KiB ceiling. */
  static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";

  private GrafanaResources() {}

  static String dashboardConfigMap(Dashboards.Dashboard d) {
    return "grafana-dashboard-" + d.uid().replace("agentfleet-", "");
  }

  static String datasources(Fleet fleet, PlatformPlan.MonitoringPlan m) {
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("name", "Prometheus");
    ds.put("uid", Dashboards.DATASOURCE_UID);
    ds.put("type", "prometheus");
    ds.put("access", "proxy");
    ds.put("url", m.prometheusUrl());
    ds.put("isDefault", true);
    ds.put("editable", false);
    ds.put("jsonData", Map.of("timeInterval", fleet.monitoring().prometheus().scrapeInterval().toString()));
    return YamlRenderer.toYaml(YamlRenderer.toTree(Map.of("apiVersion", 1, "datasources", List.of(ds))));
  }

  static String providers() {
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("name", "agentfleet");
    provider.put("folder", "agentfleet");
    provider.put("type", "file");
    provider.put("disableDeletion", true);
    provider.put("allowUiUpdates", false);
    provider.put("options", Map.of("path", "/etc/grafana/dashboards"));
    return YamlRenderer.toYaml(YamlRenderer.toTree(Map.of("apiVersion", 1, "providers", List.of(provider))));
  }

  static List<Document> documents(Fleet fleet, Monitoring.Grafana g, PlatformPlan.MonitoringPlan m) {
    String ns = PrometheusResources.namespace(fleet);
    SortedMap<String, String> labels = MonitoringParts.labels(fleet, NAME, "monitoring");
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(Workloads.serviceAccount(Labels.meta(ns, NAME, labels), false)));
    if (fleet.secrets().provider() == SecretsProvider.EXTERNAL_SECRETS) {
      docs.add(Document.of(ExternalSecrets.of(fleet, ns, g.adminSecret(), labels, null,
          List.of("admin-user", "admin-password")),
          "Grafana's admin login, filled from store key " + ExternalSecrets.remoteKey(fleet, g.adminSecret())
              + " (properties admin-user, admin-password):\nGrafana does not start until this Secret exists."));
    }
    String datasources = datasources(fleet, m);
    String providers = providers();
    docs.add(Document.of(Workloads.configMap(Labels.meta(ns, "grafana-provisioning", labels),
            Map.of("datasources.yaml", datasources, "dashboards.yaml", providers)),
        "The Prometheus data source (uid \"" + Dashboards.DATASOURCE_UID + "\", which every panel names) and a file\n"
            + "provider for the dashboards below; neither can be edited in the UI, so Git stays the source."));
    List<String> dashboardMaps = new ArrayList<>();
    for (Dashboards.Dashboard d : Dashboards.all(fleet)) {
      String json = Dashboards.json(d);
      String cm = dashboardConfigMap(d);
      var meta = Labels.meta(ns, cm, labels);
      meta.setAnnotations(Map.of(SYNC_OPTIONS, "ServerSideApply=true"));
      docs.add(Document.of(Workloads.configMap(meta, Map.of(d.uid() + ".json", json)),
          "Dashboard \"" + d.title() + "\", generated from fleet.yaml (" + json.length() + " bytes). Server-side apply:\n"
              + "client-side apply copies the object into a last-applied annotation capped at 256 KiB."));
      dashboardMaps.add(cm);
    }
    Container container = Workloads.container(NAME, g.image());
    container.setEnv(List.of(AgentPods.env("GF_PATHS_PROVISIONING", "/etc/grafana/provisioning"),
            AgentPods.env("GF_PATHS_DATA", "/var/lib/grafana"),
            AgentPods.env("GF_PATHS_LOGS", "/var/lib/grafana/logs"),
            AgentPods.env("GF_PATHS_PLUGINS", "/var/lib/grafana/plugins"),
            AgentPods.env("GF_ANALYTICS_REPORTING_ENABLED", "false"),
            AgentPods.env("GF_ANALYTICS_CHECK_FOR_UPDATES", "false"),
            AgentPods.env("GF_USERS_ALLOW_SIGN_UP", "false"),
            AgentPods.secretEnv("GF_SECURITY_ADMIN_USER", g.adminSecret(), "admin-user"),
            AgentPods.secretEnv("GF_SECURITY_ADMIN_PASSWORD", g.adminSecret(), "admin-password")));
    container.setPorts(List.of(AgentPods.containerPort("http", PORT)));
    container.setResources(MonitoringParts.resources(io.agentfleet.model.Monitoring.GRAFANA_RESOURCES));
    container.setLivenessProbe(AgentPods.httpProbe("/api/health", "http", 20, 3));
    container.setReadinessProbe(AgentPods.httpProbe("/api/health", "http", 10, 3));
    container.setSecurityContext(AgentPods.containerSecurity());
    container.setVolumeMounts(List.of(AgentPods.mount("data", "/var/lib/grafana", false),
        AgentPods.mount("tmp", "/tmp", false),
        AgentPods.mount("provisioning", "/etc/grafana/provisioning/datasources", true),
        AgentPods.mount("providers", "/etc/grafana/provisioning/dashboards", true),
        AgentPods.mount("dashboards", "/etc/grafana/dashboards", true)));
    PodSpec pod = new PodSpec();
    pod.setServiceAccountName(NAME);
    pod.setAutomountServiceAccountToken(false);
    pod.setEnableServiceLinks(false);
    pod.setSecurityContext(AgentPods.podSecurity(USER_ID));
    pod.setContainers(List.of(container));
    pod.setVolumes(List.of(AgentPods.emptyDir("data", "1Gi"), AgentPods.emptyDir("tmp", "256Mi"),
        Workloads.configMapVolume("provisioning", "grafana-provisioning", "datasources.yaml"),
        Workloads.configMapVolume("providers", "grafana-provisioning", "dashboards.yaml"),
        Workloads.projectedConfigMaps("dashboards", dashboardMaps)));
    DeploymentSpec spec = new DeploymentSpec();
    spec.setReplicas(1);
    spec.setRevisionHistoryLimit(3);
    spec.setSelector(Workloads.selector(Labels.selector(NAME, NAME)));
    spec.setTemplate(new PodTemplateSpec(Workloads.podMeta(labels,
        Map.of("agentfleet.io/config-checksum", MonitoringParts.checksum(datasources, providers))), pod));
    Deployment deployment = new Deployment();
    deployment.setMetadata(Labels.meta(ns, NAME, labels));
    deployment.setSpec(spec);
    docs.add(Document.of(deployment,
        "Stateless: everything it shows is provisioned from the ConfigMaps above, so its data directory is an\n"
            + "emptyDir. The checksum rolls it when the data source or provider changes; dashboards are re-read from\n"
            + "their projected volume in place (a replica bound changed in fleet.yaml does not restart Grafana).\n"
            + "The admin login comes from Secret " + g.adminSecret() + " (keys admin-user, admin-password),\n"
            + "which the tree does not hold."));
    docs.add(Document.of(Workloads.clusterIp(Labels.meta(ns, NAME, labels), Labels.selector(NAME, NAME),
        List.of(Workloads.servicePort("http", PORT, "http")))));
    return docs;
  }
}
