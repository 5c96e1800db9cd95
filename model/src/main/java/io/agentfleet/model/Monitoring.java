package io.agentfleet.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The resolved monitoring section. The defaults are the seed's numbers where it gives one, each declared here with
 * its reason.
 */
public record Monitoring(
    boolean enabled,
    MonitoringMode mode,
    Alerts alerts,
    Prometheus prometheus,
    Alertmanager alertmanager,
    Optional<Grafana> grafana,
    Optional<Logging> logging) {

  /** The operator is what the GitOps operators install (kube-prometheus-stack); standalone is the fallback. */
  public static final MonitoringMode DEFAULT_MODE = MonitoringMode.PROMETHEUS_OPERATOR;
  /** Seed: "High Claude API usage (>50 req/sec)", fleet-wide. */
  public static final Quantity DEFAULT_CLAUDE_REQUESTS_PER_SECOND = Quantity.parse("50");
  /** Seed: "Token limit approaching (>900k tokens/day)", over a rolling 24 hours. */
  public static final Quantity DEFAULT_TOKENS_PER_DAY = Quantity.parse("900000");
  /** Seed: "Agent downtime (>1 minute)". */
  public static final Span DEFAULT_AGENT_DOWN_FOR = Span.parse("1m");
  /** Seed: "High resource usage (>90% CPU/Memory)", of the container's limit (where throttling and OOM start). */
  public static final int DEFAULT_RESOURCE_USAGE_PERCENT = 90;
  /** The seed says only "database connection issues": 90 % of max_connections leaves room to react before refusals. */
  public static final int DEFAULT_DATABASE_CONNECTIONS_PERCENT = 90;
  /** Rates and usage must hold for 5 minutes: one busy build or a burst of requests should not page anyone. */
  public static final Span DEFAULT_SUSTAINED_FOR = Span.parse("5m");
  /** Prometheus 2.x LTS line; pinned so every sync runs the same server. */
  public static final String DEFAULT_PROMETHEUS_IMAGE = "quay.io/prometheus/prometheus:v2.53.3";
  /** Twice a minute: rate() over 2m windows then sees four samples. */
  public static final Span DEFAULT_SCRAPE_INTERVAL = Span.parse("30s");
  /** Two weeks of history: enough to compare this week with the last. */
  public static final Span DEFAULT_RETENTION = Span.parse("15d");
  /** About two weeks of the fleet's series at 30 s with room to spare. */
  public static final Quantity DEFAULT_PROMETHEUS_STORAGE = Quantity.parse("20Gi");
  /**
   * No stated selector labels: the fleet's own Prometheus selects its PodMonitors and PrometheusRule by the label
   * every object of the fleet carries, {@code app.kubernetes.io/part-of: <fleet name>}, so two fleets sharing a
   * monitoring namespace never load each other's rules.
   */
  public static final SortedMap<String, String> DEFAULT_SELECTOR_LABELS = java.util.Collections.emptySortedMap();
  /**
   * Alertmanager's release (prometheus/alertmanager@586ba3d1:VERSION reads 0.32.3); pinned so every sync runs the
   * same server. Its webhook receiver reads the URL from a file ({@code url_file}), so the URL stays in a Secret.
   */
  public static final String DEFAULT_ALERTMANAGER_IMAGE = "quay.io/prometheus/alertmanager:v0.32.3";
  /** The conventional key of a webhook URL Secret. */
  public static final String DEFAULT_WEBHOOK_SECRET_KEY = "url";
  public static final String DEFAULT_GRAFANA_IMAGE = "docker.io/grafana/grafana:11.3.1";
  public static final String DEFAULT_GRAFANA_ADMIN_SECRET = "grafana-admin";
  public static final LogSink DEFAULT_LOG_SINK = LogSink.LOKI;
  public static final String DEFAULT_LOG_NAMESPACE = "logging";
  public static final String DEFAULT_LOG_INDEX = "agentfleet";
  public static final String DEFAULT_FLUENT_BIT_IMAGE = "cr.fluentbit.io/fluent/fluent-bit:3.2.2";

  /**
   * Prometheus: half a core scrapes and evaluates a fleet's series every 30 s; up to 2 cores for a query burst from
   * a dashboard. Memory limit = request (2Gi holds the head block of a large fleet), as for every pod of the tree.
   */
  public static final Resources PROMETHEUS_RESOURCES = resources("500m", "2Gi", "2", "2Gi");
  /** The standalone Prometheus's configuration reloader sidecar: it only watches files. */
  public static final Resources CONFIG_RELOADER_RESOURCES = resources("10m", "32Mi", "100m", "64Mi");
  /** Alertmanager: a handful of alerts, routed and deduplicated. */
  public static final Resources ALERTMANAGER_RESOURCES = resources("50m", "64Mi", "200m", "128Mi");
  /** Grafana: a few people reading dashboards; the limit lets a dashboard render its panels at once. */
  public static final Resources GRAFANA_RESOURCES = resources("100m", "256Mi", "500m", "512Mi");
  /** The log shipper on every node: tailing files is cheap, a backlog after a sink outage is not. */
  public static final Resources LOG_SHIPPER_RESOURCES = resources("50m", "64Mi", "500m", "256Mi");

  /** Alert thresholds. */
  public record Alerts(
      Quantity claudeRequestsPerSecond,
      Quantity tokensPerDay,
      Span agentDownFor,
      int resourceUsagePercent,
      int databaseConnectionsPercent,
      Span sustainedFor) {}

  /** The fleet's Prometheus: run by the operator or by the tree. */
  public record Prometheus(
      String image,
      Span scrapeInterval,
      Span retention,
      Quantity storage,
      SortedMap<String, String> selectorLabels,
      Optional<String> url,
      Optional<String> clusterMetricsUrl) {}

  /** The Alertmanager and the Secret holding its webhook URL, if alerts leave the cluster. */
  public record Alertmanager(String image, Optional<String> webhookSecret, String webhookSecretKey) {}

  /** Grafana. */
  public record Grafana(String image, String adminSecret) {}

  /** The log collector and where it ships. */
  public record Logging(LogSink sink, String url, String index, String namespace, String image) {}

  /** The namespace demand of monitoring workloads that run in the fleet's namespace: none, they run beside it. */
  public List<Demand> demands() {
    return List.of();
  }

  /**
   * The monitoring servers the tree runs beside the fleet's namespace (in {@code network.monitoringNamespace} and
   * the log namespace), with the requests and limits the tree gives them: Prometheus and Alertmanager unless the
   * fleet names its own Prometheus, Grafana and the log shipper when configured. The log shipper, a DaemonSet, is
   * one pod here; it runs one on every node. Charts the operators install are not counted: the tree sets no
   * requests for them.
   */
  public List<Demand> servers() {
    if (!enabled) {
      return List.of();
    }
    List<Demand> out = new java.util.ArrayList<>();
    Quantity none = Quantity.parse("0");
    if (prometheus.url().isEmpty()) {
      Resources server = mode == MonitoringMode.STANDALONE
          ? plus(PROMETHEUS_RESOURCES, CONFIG_RELOADER_RESOURCES) : PROMETHEUS_RESOURCES;
      out.add(new Demand("prometheus", server, 1, false, prometheus.storage()));
      // The operator runs it as a StatefulSet; standalone, it is a Deployment rolling with a surge pod (the
      // standalone Prometheus recreates: its volume mounts once).
      out.add(new Demand("alertmanager", ALERTMANAGER_RESOURCES, 1, mode == MonitoringMode.STANDALONE, none));
    }
    grafana.ifPresent(g -> out.add(new Demand("grafana", GRAFANA_RESOURCES, 1, true, none)));
    logging.ifPresent(l -> out.add(new Demand("log shipper (per node)", LOG_SHIPPER_RESOURCES, 1, false, none)));
    return List.copyOf(out);
  }

  private static Resources resources(String cpu, String memory, String cpuLimit, String memoryLimit) {
    return new Resources(Quantity.parse(cpu), Quantity.parse(memory), Quantity.parse(cpuLimit),
        Quantity.parse(memoryLimit));
  }

  private static Resources plus(Resources a, Resources b) {
    return new Resources(Quantity.cores(a.cpuRequest().amount().add(b.cpuRequest().amount())),
        Quantity.bytes(a.memoryRequest().amount().add(b.memoryRequest().amount())),
        Quantity.cores(a.cpuLimit().amount().add(b.cpuLimit().amount())),
        Quantity.bytes(a.memoryLimit().amount().add(b.memoryLimit().amount())));
  }
}
