package io.agentfleet.generate.platform;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.model.Autoscaler;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.MonitoringMode;
import io.agentfleet.model.SecretsProvider;
import io.agentfleet.model.SubAgent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What crosses folders, decided once from the resolved fleet before any folder generator runs: the operators the
 * tree installs (each as {@link Operator} data, with the Helm values the plan gives it), the in-cluster endpoints the
 * folders share ({@link MonitoringPlan}: Prometheus, Alertmanager, the adapter's rule and rate window) and the
 * prerequisites the tree expects from outside. Generators read the plan; none reaches into another folder's class.
 * The tree validation proves the plan against the tree (see {@code ReferencesRule}).
 */
public final class PlatformPlan {
  private final List<Operator> operators;
  private final boolean installsOperators;
  private final MonitoringPlan monitoring;
  private final List<Prerequisite> prerequisites;

  private PlatformPlan(List<Operator> operators, boolean installsOperators, MonitoringPlan monitoring,
      List<Prerequisite> prerequisites) {
    this.operators = List.copyOf(operators);
    this.installsOperators = installsOperators;
    this.monitoring = monitoring;
    this.prerequisites = List.copyOf(prerequisites);
  }

  /** The plan of a resolved fleet. Pure: the same fleet always gives the same plan. */
  public static PlatformPlan of(Fleet fleet) {
    SortedSet<String> ids = new TreeSet<>();
    if (fleet.secrets().provider() == SecretsProvider.EXTERNAL_SECRETS) {
      ids.add(Operator.EXTERNAL_SECRETS.id());
    }
    if (fleet.database().enabled() && fleet.database().mode() == DatabaseMode.CLOUDNATIVE_PG) {
      ids.add(Operator.CLOUDNATIVE_PG.id());
    }
    if (fleet.database().barman()) {
      ids.add(Operator.BARMAN_CLOUD.id());
    }
    if (fleet.monitoring().enabled() && fleet.monitoring().mode() == MonitoringMode.PROMETHEUS_OPERATOR) {
      ids.add(Operator.PROMETHEUS_OPERATOR.id());
    }
    // A VPA recommends for sub-agents that autoscale; one fixed at its count (dev's 1..1) has nothing to tune.
    if (fleet.subAgents().stream().anyMatch(s -> s.scaling().isScaled())) {
      ids.add(Operator.VPA.id());
    }
    boolean metrics = fleet.monitoring().enabled() || fleet.monitoring().prometheus().url().isPresent();
    for (SubAgent s : fleet.subAgents()) {
      if (s.scaling().isScaled() && s.scaling().autoscaler() == Autoscaler.KEDA) {
        ids.add(Operator.KEDA.id());
      } else if (s.scaling().isScaled() && metrics) {
        // The adapter serves the request rate from Prometheus: without one it would serve nothing.
        ids.add(Operator.PROMETHEUS_ADAPTER.id());
      }
    }
    List<String> pending = new ArrayList<>(ids);
    while (!pending.isEmpty()) {
      for (String dep : Operator.byId(pending.remove(0)).orElseThrow().needs()) {
        if (ids.add(dep)) {
          pending.add(dep);
        }
      }
    }
    List<Operator> ops = Operator.CATALOG.stream().filter(o -> ids.contains(o.id())).toList();
    MonitoringPlan monitoring = MonitoringPlan.of(fleet);
    List<Prerequisite> prerequisites = Prerequisite.of(fleet, monitoring,
        fleet.gitops().argocd().installOperators() ? List.of() : ops);
    return new PlatformPlan(ops, fleet.gitops().argocd().installOperators(), monitoring, prerequisites);
  }

  /** The operators the fleet needs, in catalog order, each after the operators it needs. */
  public List<Operator> operators() {
    return operators;
  }

  /** True when the tree installs its operators (Argo CD Applications of their charts); else they are prerequisites. */
  public boolean installsOperators() {
    return installsOperators;
  }

  /** The operator of the plan serving an API group. */
  public Optional<Operator> serving(String group) {
    return operators.stream().filter(o -> o.groups().contains(group)).findFirst();
  }

  public boolean needs(Operator op) {
    return operators.contains(op);
  }

  public MonitoringPlan monitoring() {
    return monitoring;
  }

  /** What the tree expects from outside: the tree's README lists each, and references to them resolve. */
  public List<Prerequisite> prerequisites() {
    return prerequisites;
  }

  /** Hosts of the URLs the fleet states itself (log sink, its own Prometheus): prerequisites, not tree objects. */
  public SortedSet<String> externalHosts() {
    SortedSet<String> hosts = new TreeSet<>();
    prerequisites.forEach(p -> p.host().ifPresent(hosts::add));
    return hosts;
  }

  /**
   * Pods the tree expects to exist outside it, which its NetworkPolicies admit: the fleet's own Prometheus when it
   * names one ({@code monitoring.prometheus.url}; the Prometheus Operator labels its pods
   * {@code app.kubernetes.io/name: prometheus}).
   */
  public List<Created> prerequisitePods() {
    if (monitoring.prometheusInTree()) {
      return List.of();
    }
    return List.of(new Created("Pod", monitoring.namespace(), "prometheus",
        new java.util.TreeMap<>(Map.of("app.kubernetes.io/name", "prometheus"))));
  }

  /** API groups served by what the tree expects to run already: Argo CD and Flux, which apply the tree. */
  public static final java.util.Set<String> PREREQUISITE_GROUPS = java.util.Set.of("argoproj.io",
      "source.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io");

  /**
   * The Helm values the plan gives an operator's chart, as its catalog entry computes them from the plan's shared
   * endpoints ({@link Operator#values()}).
   */
  public Map<String, Object> helmValues(Operator op) {
    return op.values().of(op, monitoring);
  }

  /** A prerequisite: something the tree uses and does not create, as the README states it, and its host if any. */
  public record Prerequisite(String name, String what, Optional<String> host) {
    static List<Prerequisite> of(Fleet fleet, MonitoringPlan monitoring, List<Operator> notInstalled) {
      List<Prerequisite> out = new ArrayList<>();
      out.add(new Prerequisite("A CNI that enforces NetworkPolicy", "Calico, Cilium, …; otherwise the isolation "
          + "below is not in force", Optional.empty()));
      if (!fleet.subAgents().isEmpty()) {
        out.add(new Prerequisite("metrics-server", "for the HPAs' CPU and memory metrics", Optional.empty()));
      }
      fleet.secrets().store().filter(s -> fleet.secrets().provider() == SecretsProvider.EXTERNAL_SECRETS)
          .ifPresent(store -> out.add(new Prerequisite("ClusterSecretStore `" + store + "`",
              "the store the External Secrets Operator fills every Secret from", Optional.empty())));
      out.add(new Prerequisite("cluster DNS", "pods labelled k8s-app: kube-dns in kube-system (UDP and TCP 53)",
          Optional.empty()));
      out.add(new Prerequisite("API server", "the kubernetes Service in default (kubernetes.default.svc)",
          Optional.of("kubernetes.default.svc")));
      monitoring.externalPrometheus().ifPresent(u -> out.add(new Prerequisite("Prometheus",
          "the Prometheus at " + u + " (monitoring.prometheus.url), selecting the PodMonitors and PrometheusRule "
              + "labelled " + monitoring.selectorLabels(), host(u))));
      fleet.monitoring().prometheus().clusterMetricsUrl().ifPresent(u -> out.add(new Prerequisite("cluster metrics",
          "the Prometheus at " + u + " holding cAdvisor and kube-state-metrics series "
              + "(monitoring.prometheus.clusterMetricsUrl)", host(u))));
      fleet.monitoring().logging().ifPresent(l -> out.add(new Prerequisite("log sink",
          "the " + l.sink() + " endpoint " + l.url() + " (monitoring.logging.url)", host(l.url()))));
      if (fleet.gitops().repository().isPresent() && fleet.gitops().argocd().enabled()) {
        out.add(new Prerequisite("Argo CD", "in namespace " + fleet.gitops().argocd().namespace()
            + ", with the two settings of ci-cd/argocd-cm.yaml", Optional.empty()));
      }
      if (fleet.gitops().repository().isPresent() && fleet.gitops().flux().enabled()) {
        out.add(new Prerequisite("Flux", "in namespace " + fleet.gitops().flux().namespace()
            + " (source and kustomize controllers), if Flux applies the tree instead of Argo CD", Optional.empty()));
      }
      for (Operator op : notInstalled) {
        out.add(new Prerequisite(op.title(), "chart " + op.chart() + " " + op.version()
            + " or compatible, running before the tree is applied (gitops.argocd.installOperators: false)",
            Optional.empty()));
      }
      return out;
    }

    private static Optional<String> host(String url) {
      try {
        return Optional.ofNullable(java.net.URI.create(url).getHost());
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  /** The in-cluster monitoring endpoints every folder uses, and the custom-metric adapter's rule. */
  public record MonitoringPlan(String namespace, boolean operatorMode, String prometheusName, String prometheusService,
      int prometheusPort, Optional<String> externalPrometheus, String alertmanagerName, String alertmanagerService,
      int alertmanagerPort, java.util.SortedMap<String, String> selectorLabels, String agentsJob, String postgresJob,
      String rateWindow, String namespaceOfFleet) {
    /** The label every agent's scrape job gets, shared by the rules, the adapter and KEDA's queries. */
    public static final String AGENTS_JOB = "agentfleet-agents";
    public static final String POSTGRES_JOB = "agentfleet-postgres";
    /** The window of every per-second rate: four samples at the default 30 s scrape interval. */
    public static final String RATE_WINDOW = "2m";
    public static final int PROMETHEUS_PORT = 9090;
    public static final int ALERTMANAGER_PORT = 9093;

    static MonitoringPlan of(Fleet fleet) {
      boolean operator = fleet.monitoring().mode() == MonitoringMode.PROMETHEUS_OPERATOR;
      String ns = fleet.network().monitoringNamespace();
      java.util.SortedMap<String, String> selector = new java.util.TreeMap<>(fleet.monitoring().prometheus().selectorLabels());
      if (selector.isEmpty()) {
        selector.put("app.kubernetes.io/part-of", fleet.name());
      }
      // The operator names the governing Service of every Prometheus (Alertmanager) in a namespace
      // prometheus-operated (alertmanager-operated); the standalone server's Service is the tree's own.
      return new MonitoringPlan(ns, operator, operator ? fleet.name() : "prometheus",
          operator ? "prometheus-operated" : "prometheus", PROMETHEUS_PORT, fleet.monitoring().prometheus().url(),
          operator ? fleet.name() : "alertmanager", operator ? "alertmanager-operated" : "alertmanager",
          ALERTMANAGER_PORT, java.util.Collections.unmodifiableSortedMap(selector), AGENTS_JOB, POSTGRES_JOB,
          RATE_WINDOW, fleet.namespace());
    }

    /** True when the tree runs the Prometheus (and Alertmanager) itself; false when the fleet names its own. */
    public boolean prometheusInTree() {
      return externalPrometheus.isEmpty();
    }

    /** The URL in-cluster clients (Grafana, prometheus-adapter, KEDA) query, port included. */
    public String prometheusUrl() {
      return externalPrometheus.orElse(prometheusBaseUrl() + ":" + prometheusPort);
    }

    /** Scheme and host of the in-cluster Prometheus, without the port (prometheus-adapter takes them apart). */
    public String prometheusBaseUrl() {
      return externalPrometheus.map(u -> u.replaceFirst(":[0-9]+/?$", ""))
          .orElse("http://" + prometheusService + "." + namespace + ".svc");
    }

    public String alertmanagerUrl() {
      return "http://" + alertmanagerService + "." + namespace + ".svc:" + alertmanagerPort;
    }

    /** The prometheus-adapter rule: the per-pod rate of the agents' request counter, as a per-pod custom metric. */
    public Map<String, Object> adapterRule() {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("seriesQuery", AgentContract.REQUESTS_COUNTER + "{job=\"" + agentsJob + "\", namespace=\""
          + namespaceOfFleet + "\", pod!=\"\"}");
      rule.put("resources", Map.of("overrides", Map.of("namespace", Map.of("resource", "namespace"),
          "pod", Map.of("resource", "pod"))));
      rule.put("name", Map.of("matches", "^" + AgentContract.REQUESTS_COUNTER + "$",
          "as", AgentContract.REQUESTS_PER_SECOND_METRIC));
      rule.put("metricsQuery", "sum(rate(<<.Series>>{<<.LabelMatchers>>}[" + rateWindow + "])) by (<<.GroupBy>>)");
      return rule;
    }
  }
}
