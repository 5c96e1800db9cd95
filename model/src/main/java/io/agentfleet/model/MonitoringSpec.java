package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Metrics, alerts, dashboards and logging for the fleet, in the seed's words:
 * {@code { mode: prometheus-operator, alerts: { claudeRequestsPerSecond: 50, tokensPerDay: 900000, agentDownFor: 1m,
 * resourceUsage: 90% }, logging: { sink: loki, url: http://loki.logging.svc:3100 } }}. Every field has a default
 * (see {@link MonitoringResolver} and {@link Defaults}) except the log sink's URL.
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableMonitoringSpec.class)
@JsonDeserialize(as = ImmutableMonitoringSpec.class)
@JsonPropertyOrder({"enabled", "mode", "alerts", "prometheus", "alertmanager", "grafana", "logging"})
public interface MonitoringSpec {
  /** Whether monitoring objects are generated at all; true unless said otherwise. */
  Optional<Boolean> enabled();

  /** {@code prometheus-operator} (default: the GitOps operators install kube-prometheus-stack) or {@code standalone}. */
  Optional<MonitoringMode> mode();

  /** Alert thresholds; each has a default. */
  Optional<AlertsSpec> alerts();

  /** The fleet's Prometheus: how it is found (operator mode) or run (standalone). */
  Optional<PrometheusSpec> prometheus();

  /** The Alertmanager the fleet's Prometheus sends alerts to; where it forwards them (none by default). */
  Optional<AlertmanagerSpec> alertmanager();

  /** Grafana with the generated dashboards; on unless {@code enabled: false}. */
  Optional<GrafanaSpec> grafana();

  /** Central logging (a Fluent Bit DaemonSet); generated only when this section is present. */
  Optional<LoggingSpec> logging();

  /** The seed's five alerts, as thresholds. */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableAlertsSpec.class)
  @JsonDeserialize(as = ImmutableAlertsSpec.class)
  @JsonPropertyOrder({"claudeRequestsPerSecond", "tokensPerDay", "agentDownFor", "resourceUsage", "databaseConnections",
      "sustainedFor"})
  interface AlertsSpec {
    /** Claude API requests per second across the whole fleet above which the alert fires (default 50). */
    Optional<Quantity> claudeRequestsPerSecond();

    /** Tokens consumed in the last 24 hours above which the budget alert fires (default 900000; {@code 900k} works). */
    Optional<Quantity> tokensPerDay();

    /** How long an agent's metrics endpoint must stay unreachable before it counts as down (default 1m). */
    Optional<Span> agentDownFor();

    /** CPU or memory use, as a share of the container's limit, above which the alert fires (default 90%). */
    Optional<Percent> resourceUsage();

    /** Database connections, as a share of PostgreSQL's max_connections, above which the alert fires (90%). */
    Optional<Percent> databaseConnections();

    /** How long a rate or usage must stay above its threshold before its alert fires (5m): spikes do not page. */
    Optional<Span> sustainedFor();

    static ImmutableAlertsSpec.Builder builder() {
      return ImmutableAlertsSpec.builder();
    }
  }

  /** The fleet's Prometheus. */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutablePrometheusSpec.class)
  @JsonDeserialize(as = ImmutablePrometheusSpec.class)
  interface PrometheusSpec {
    /** Image of the standalone Prometheus. */
    Optional<String> image();

    /** How often targets are scraped and rules evaluated (30s). */
    Optional<Span> scrapeInterval();

    /** How long the standalone Prometheus keeps samples (15d). */
    Optional<Span> retention();

    /** Volume size of the standalone Prometheus (20Gi). */
    Optional<Quantity> storage();

    /**
     * Labels the Prometheus Operator's selectors look for on PodMonitors and PrometheusRules (operator mode);
     * {@code release: kube-prometheus-stack} unless given, what that Helm chart selects by default.
     */
    Map<String, String> selectorLabels();

    /**
     * URL of the Prometheus that Grafana and prometheus-adapter query. Operator mode: the operator's
     * {@code prometheus-operated} Service in the monitoring namespace unless given; standalone: the tree's own.
     */
    Optional<String> url();

    /**
     * Standalone only: a cluster Prometheus that holds cAdvisor and kube-state-metrics series, federated for the
     * fleet's namespace. A namespace-scoped Prometheus cannot scrape kubelets, so without it the CPU and memory
     * alert has no data.
     */
    Optional<String> clusterMetricsUrl();

    static ImmutablePrometheusSpec.Builder builder() {
      return ImmutablePrometheusSpec.builder();
    }
  }

  /** The fleet's Alertmanager. */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableAlertmanagerSpec.class)
  @JsonDeserialize(as = ImmutableAlertmanagerSpec.class)
  @JsonPropertyOrder({"image", "webhookSecret", "webhookSecretKey"})
  interface AlertmanagerSpec {
    Optional<String> image();

    /**
     * Secret in the monitoring namespace holding the URL every alert is posted to (a webhook: Slack, PagerDuty's
     * Events API, an on-call bridge). The URL usually carries a token, so it is a Secret, never a value here.
     * Unset: alerts are only shown in Alertmanager's own UI.
     */
    Optional<String> webhookSecret();

    /** The key of {@link #webhookSecret()} holding the URL ({@code url}). */
    Optional<String> webhookSecretKey();

    static ImmutableAlertmanagerSpec.Builder builder() {
      return ImmutableAlertmanagerSpec.builder();
    }
  }

  /** Grafana and its dashboards. */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableGrafanaSpec.class)
  @JsonDeserialize(as = ImmutableGrafanaSpec.class)
  interface GrafanaSpec {
    /** Whether Grafana is generated (true). */
    Optional<Boolean> enabled();

    /** Grafana's image, pinned; a tested version unless given. */
    Optional<String> image();

    /** Secret in the monitoring namespace with keys admin-user and admin-password ({@code grafana-admin}). */
    Optional<String> adminSecret();

    static ImmutableGrafanaSpec.Builder builder() {
      return ImmutableGrafanaSpec.builder();
    }
  }

  /** Central logging. */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableLoggingSpec.class)
  @JsonDeserialize(as = ImmutableLoggingSpec.class)
  @JsonPropertyOrder({"sink", "url", "index", "namespace", "image"})
  interface LoggingSpec {
    /** {@code loki} (default) or {@code elasticsearch}. */
    Optional<LogSink> sink();

    /** Base URL of the sink, for example {@code http://loki-gateway.logging.svc:80}; required. */
    Optional<String> url();

    /** Elasticsearch index the logs go to ({@code agentfleet}). */
    Optional<String> index();

    /** The collector's own namespace, labelled Pod Security "privileged" ({@code logging}). */
    Optional<String> namespace();

    /** The collector's (Fluent Bit) image, pinned; a tested version unless given. */
    Optional<String> image();

    static ImmutableLoggingSpec.Builder builder() {
      return ImmutableLoggingSpec.builder();
    }
  }

  static ImmutableMonitoringSpec.Builder builder() {
    return ImmutableMonitoringSpec.builder();
  }
}
