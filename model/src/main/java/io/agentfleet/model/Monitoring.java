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
}
