package io.agentfleet.generate.cicd;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An operator the tree may need, installed from a Helm chart pinned to one version. The catalog lists them in a
 * fixed order; {@link FolderGraph} keeps those whose API groups (or, for the metrics adapter, whose metrics) the
 * tree uses, plus what they need themselves.
 *
 * @param id         the Application's name and the node's name in the dependency graph
 * @param title      how documents name it
 * @param repoUrl    the Helm repository
 * @param chart      the chart
 * @param version    the pinned chart version: upgrades are a reviewed change here, never a floating tag
 * @param namespace  where it runs (created by Argo CD)
 * @param groups     API groups whose kinds it serves; a folder using one of them needs this operator first
 * @param needs      operators that must run before this one
 */
public record Operator(String id, String title, String repoUrl, String chart, String version, String namespace,
    Set<String> groups, List<String> needs) {

  public static final Operator CERT_MANAGER = new Operator("cert-manager", "cert-manager",
      "https://charts.jetstack.io", "cert-manager", "v1.18.2", "cert-manager", Set.of("cert-manager.io"), List.of());
  public static final Operator EXTERNAL_SECRETS = new Operator("external-secrets", "External Secrets Operator",
      "https://charts.external-secrets.io", "external-secrets", "0.19.2", "external-secrets",
      Set.of("external-secrets.io", "generators.external-secrets.io"), List.of());
  public static final Operator CLOUDNATIVE_PG = new Operator("cloudnative-pg", "CloudNativePG",
      "https://cloudnative-pg.github.io/charts", "cloudnative-pg", "0.26.0", "cnpg-system",
      Set.of("postgresql.cnpg.io"), List.of());
  /** The Barman Cloud plugin runs beside the CloudNativePG operator and needs cert-manager for its TLS. */
  public static final Operator BARMAN_CLOUD = new Operator("plugin-barman-cloud", "Barman Cloud plugin",
      "https://cloudnative-pg.github.io/charts", "plugin-barman-cloud", "0.8.1", "cnpg-system",
      Set.of("barmancloud.cnpg.io"), List.of("cloudnative-pg", "cert-manager"));
  /** kube-prometheus-stack with everything but the operator (and its CRDs) switched off: the tree brings its own Prometheus. */
  public static final Operator PROMETHEUS_OPERATOR = new Operator("prometheus-operator", "Prometheus Operator",
      "https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack", "77.0.0", "prometheus-operator",
      Set.of("monitoring.coreos.com"), List.of());
  public static final Operator VPA = new Operator("vertical-pod-autoscaler", "Vertical Pod Autoscaler",
      "https://charts.fairwinds.com/stable", "vpa", "4.7.1", "vpa", Set.of("autoscaling.k8s.io"), List.of());
  /** Serves custom.metrics.k8s.io for HPAs with per-pod metrics; found by metric, not by API group. */
  public static final Operator PROMETHEUS_ADAPTER = new Operator("prometheus-adapter", "prometheus-adapter",
      "https://prometheus-community.github.io/helm-charts", "prometheus-adapter", "4.11.0", "prometheus-adapter",
      Set.of(), List.of());
  public static final Operator KEDA = new Operator("keda", "KEDA", "https://kedacore.github.io/charts", "keda",
      "2.17.0", "keda", Set.of("keda.sh"), List.of());

  /** Every operator the wiring knows, in the order they are listed. */
  public static final List<Operator> CATALOG = List.of(CERT_MANAGER, EXTERNAL_SECRETS, CLOUDNATIVE_PG, BARMAN_CLOUD,
      PROMETHEUS_OPERATOR, VPA, PROMETHEUS_ADAPTER, KEDA);

  public static Optional<Operator> byId(String id) {
    return CATALOG.stream().filter(o -> o.id.equals(id)).findFirst();
  }

  /** The operator serving an API group, if the catalog has one. */
  public static Optional<Operator> serving(String group) {
    return CATALOG.stream().filter(o -> o.groups.contains(group)).findFirst();
  }
}
