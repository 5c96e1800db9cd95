package io.agentfleet.generate.platform;

import io.agentfleet.generate.kit.AgentContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An operator a tree may need, installed from a Helm chart pinned to one version, as data: where the chart comes
 * from and where that version was verified, the namespaces the chart writes to with the values the
 * {@link PlatformPlan} gives it, the API groups whose kinds it serves and the Services it brings. The catalog lists
 * them in a fixed order; {@link PlatformPlan#of} keeps those the fleet needs, plus what they need themselves.
 *
 * @param id         the Application's name, the Helm release name and the node's name in the dependency graph
 * @param title      how documents name it
 * @param repoUrl    the Helm repository
 * @param chart      the chart
 * @param version    the pinned chart version: upgrades are a reviewed change here, never a floating tag
 * @param verifiedAt where the chart version, name and repository were read upstream (repository@commit:path)
 * @param namespace  where it runs (created by Argo CD)
 * @param writesTo   namespaces other than {@link #namespace} the chart writes objects to with the plan's values
 * @param groups     API groups whose kinds it serves; a folder using one of them needs this operator first
 * @param services   Services the chart creates in {@link #namespace} for release {@link #id}
 * @param needs      operators that must run before this one
 * @param purpose    what the fleet needs it for, as the tree's README says
 * @param values     the Helm values the plan gives the chart: only what differs from the chart's defaults, and every
 *                   value that keeps the chart's objects inside {@link #namespaces()}
 * @param note       what its Argo CD Application's comment adds about the chart as the plan configures it ("" if
 *                   nothing)
 */
public record Operator(String id, String title, String repoUrl, String chart, String version, String verifiedAt,
    String namespace, SortedSet<String> writesTo, Set<String> groups, SortedSet<String> services, List<String> needs,
    String purpose, Values values, String note) {

  /** The Helm values of a chart, from the plan's shared endpoints. */
  @FunctionalInterface
  public interface Values {
    Map<String, Object> of(Operator op, PlatformPlan.MonitoringPlan monitoring);
  }

  public Operator {
    writesTo = new TreeSet<>(writesTo);
    services = new TreeSet<>(services);
    groups = Set.copyOf(groups);
    needs = List.copyOf(needs);
  }

  public static final Operator CERT_MANAGER = new Operator("cert-manager", "cert-manager",
      "https://charts.jetstack.io", "cert-manager", "v1.18.2",
      "cert-manager/cert-manager@v1.18.2 (686afa62):deploy/charts/cert-manager, chart version = release tag", "cert-manager",
      set(), Set.of("cert-manager.io", "acme.cert-manager.io"), set("cert-manager", "cert-manager-webhook"), List.of(), "TLS of the Barman Cloud plugin",
      (op, m) -> {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("crds", Map.of("enabled", true));
        // Leader election Role and RoleBinding go to kube-system unless told otherwise.
        v.put("global", Map.of("leaderElection", Map.of("namespace", op.namespace())));
        return v;
      }, "");
  public static final Operator EXTERNAL_SECRETS = new Operator("external-secrets", "External Secrets Operator",
      "https://charts.external-secrets.io", "external-secrets", "0.19.2",
      "external-secrets/external-secrets@helm-chart-0.19.2 (1c60db34):deploy/charts/external-secrets/Chart.yaml",
      "external-secrets", set(), Set.of("external-secrets.io", "generators.external-secrets.io"),
      set("external-secrets-webhook"), List.of(), "fills every Secret from the store",
      (op, m) -> Map.of("installCRDs", true), "");
  public static final Operator CLOUDNATIVE_PG = new Operator("cloudnative-pg", "CloudNativePG",
      "https://cloudnative-pg.github.io/charts", "cloudnative-pg", "0.26.0",
      "cloudnative-pg/charts@cloudnative-pg-v0.26.0 (0dcefbe6):charts/cloudnative-pg/Chart.yaml", "cnpg-system", set(),
      Set.of("postgresql.cnpg.io"), set("cnpg-webhook-service"), List.of(), "runs the PostgreSQL cluster (replication, failover)",
      (op, m) -> Map.of(), "");
  /**
   * The Barman Cloud plugin runs beside the CloudNativePG operator and needs cert-manager for its TLS. 0.7.0 is the
   * newest chart (the repository's gh-pages index.yaml lists 0.1.0 to 0.7.0).
   */
  public static final Operator BARMAN_CLOUD = new Operator("plugin-barman-cloud", "Barman Cloud plugin",
      "https://cloudnative-pg.github.io/charts", "plugin-barman-cloud", "0.7.0",
      "cloudnative-pg/charts@plugin-barman-cloud-v0.7.0 (83bd9c59):charts/plugin-barman-cloud/Chart.yaml", "cnpg-system", set(),
      Set.of("barmancloud.cnpg.io"), set("barman-cloud"), List.of("cloudnative-pg", "cert-manager"), "backups to the object store",
      (op, m) -> Map.of(), "");
  /**
   * kube-prometheus-stack with the operator, its CRDs, kube-state-metrics and the kubelet ServiceMonitor; its own
   * Prometheus, Alertmanager, Grafana, node-exporter and control-plane Services are switched off: the fleet's
   * {@code monitoring/} folder brings its own Prometheus and Alertmanager. With release name prometheus-operator the
   * chart's full name is truncated to {@code prometheus-operator-kube-p} (templates/_helpers.tpl), hence the Service
   * names. The operator itself keeps the kubelet Service in kube-system at run time: that is not an Argo CD write.
   */
  public static final Operator PROMETHEUS_OPERATOR = new Operator("prometheus-operator", "Prometheus Operator",
      "https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack", "77.0.0",
      "prometheus-community/helm-charts@kube-prometheus-stack-77.0.0 (879e78b2):charts/kube-prometheus-stack/Chart.yaml", "prometheus-operator", set(),
      Set.of("monitoring.coreos.com"), set("prometheus-operator-kube-p-operator", "prometheus-operator-kube-state-metrics"),
      List.of(), "runs the fleet's Prometheus and Alertmanager; kube-state-metrics and kubelet scraping",
      (op, m) -> {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String off : List.of("alertmanager", "grafana", "nodeExporter", "prometheus")) {
          v.put(off, Map.of("enabled", false));
        }
        // The control-plane Services and their ServiceMonitors would be written to kube-system.
        for (String off : List.of("coreDns", "kubeControllerManager", "kubeEtcd", "kubeScheduler", "kubeProxy",
            "kubeApiServer")) {
          v.put(off, Map.of("enabled", false));
        }
        v.put("defaultRules", Map.of("create", false));
        // cAdvisor (through the kubelet) and kube-state-metrics feed the CPU and memory alerts.
        v.put("kubelet", Map.of("enabled", true));
        v.put("kubeStateMetrics", Map.of("enabled", true));
        return v;
      },
      "\nThe operator, its CRDs, kube-state-metrics and the kubelet ServiceMonitor; the fleet's monitoring/ folder"
          + "\nbrings its own Prometheus and Alertmanager. Control-plane Services are off: they would be written to kube-system.");
  public static final Operator VPA = new Operator("vertical-pod-autoscaler", "Vertical Pod Autoscaler",
      "https://charts.fairwinds.com/stable", "vpa", "4.7.1", "FairwindsOps/charts@97d4b317 (sets version 4.7.1):stable/vpa/Chart.yaml", "vpa",
      set(), Set.of("autoscaling.k8s.io"), set(), List.of(), "the sub-agents' request recommendations",
      (op, m) -> {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("recommender", Map.of("enabled", true));
        v.put("updater", Map.of("enabled", false));
        v.put("admissionController", Map.of("enabled", false));
        return v;
      },
      "\nRecommender only: every VPA of the tree only recommends (updateMode \"Off\").");
  /**
   * Serves custom.metrics.k8s.io for HPAs with per-pod metrics; found by metric, not by API group. Writes the
   * RoleBinding {@code prometheus-adapter-auth-reader} to kube-system (templates/role-binding-auth-reader.yaml): the
   * Role it binds exists only there, so the chart cannot be told otherwise without a ClusterRole of our own.
   */
  public static final Operator PROMETHEUS_ADAPTER = new Operator("prometheus-adapter", "prometheus-adapter",
      "https://prometheus-community.github.io/helm-charts", "prometheus-adapter", "4.11.0",
      "prometheus-community/helm-charts@prometheus-adapter-4.11.0 (cfa73074):charts/prometheus-adapter/Chart.yaml", "prometheus-adapter",
      set("kube-system"), Set.of(), set("prometheus-adapter"), List.of(), "serves the per-pod Claude API request rate to the HPAs",
      (op, m) -> {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("prometheus", Map.of("url", m.prometheusBaseUrl(), "port", m.prometheusPort()));
        v.put("rules", Map.of("default", false, "custom", List.of(m.adapterRule())));
        return v;
      },
      "\nServes " + AgentContract.REQUESTS_PER_SECOND_METRIC + " per pod from the agents' "
          + AgentContract.REQUESTS_COUNTER + " counter: without it\nthe HPAs scale up on CPU and memory but never scale down.");
  /**
   * KEDA writes RoleBinding {@code keda-operator-auth-reader} to kube-system (keda/templates/metrics-server/
   * clusterrolebinding.yaml): only switching off its metrics API server removes it, and ScaledObjects need that.
   */
  public static final Operator KEDA = new Operator("keda", "KEDA", "https://kedacore.github.io/charts", "keda",
      "2.17.0", "kedacore/charts@v2.17.0 (61b9fc22):keda/Chart.yaml", "keda", set("kube-system"), Set.of("keda.sh", "eventing.keda.sh"),
      set("keda-operator", "keda-operator-metrics-apiserver", "keda-admission-webhooks"), List.of(), "scales the sub-agents that use KEDA, down to zero",
      (op, m) -> Map.of(), "");

  /** Every operator the plan knows, in the order they are listed. */
  public static final List<Operator> CATALOG = List.of(CERT_MANAGER, EXTERNAL_SECRETS, CLOUDNATIVE_PG, BARMAN_CLOUD,
      PROMETHEUS_OPERATOR, VPA, PROMETHEUS_ADAPTER, KEDA);

  public static Optional<Operator> byId(String id) {
    return CATALOG.stream().filter(o -> o.id.equals(id)).findFirst();
  }

  /** Every namespace the chart writes to: its own and {@link #writesTo}. */
  public SortedSet<String> namespaces() {
    SortedSet<String> all = new TreeSet<>(writesTo);
    all.add(namespace);
    return all;
  }

  private static SortedSet<String> set(String... values) {
    return new TreeSet<>(List.of(values));
  }
}
