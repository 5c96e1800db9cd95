package io.agentfleet.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Fills the monitoring section's defaults (declared in {@link Monitoring}) and checks its rules. */
final class MonitoringResolver {
  private static final Pattern INDEX = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,254}$");

  /** A budget above a trillion tokens a day is no budget: no fleet spends that, so the alert could never fire. */
  private static final java.math.BigDecimal MAX_TOKENS_PER_DAY = java.math.BigDecimal.TEN.pow(12);

  private MonitoringResolver() {}

  static Monitoring resolve(Optional<MonitoringSpec> spec, NetworkSpec network, Problems p) {
    MonitoringSpec s = spec.orElse(MonitoringSpec.builder().build());
    MonitoringMode mode = s.mode().orElse(Monitoring.DEFAULT_MODE);
    return new Monitoring(s.enabled().orElse(true), mode, alerts(s.alerts(), p), prometheus(s.prometheus(), mode, p),
        alertmanager(s.alertmanager(), p), grafana(s.grafana(), p), logging(s.logging(), network, p));
  }

  private static Monitoring.Alerts alerts(Optional<MonitoringSpec.AlertsSpec> spec, Problems p) {
    MonitoringSpec.AlertsSpec a = spec.orElse(MonitoringSpec.AlertsSpec.builder().build());
    String path = "monitoring.alerts.";
    Quantity rps = a.claudeRequestsPerSecond().orElse(Monitoring.DEFAULT_CLAUDE_REQUESTS_PER_SECOND);
    FleetRules.rate(p, path + "claudeRequestsPerSecond", rps, FleetRules.MAX_FLEET_REQUESTS_PER_SECOND);
    Quantity tokens = a.tokensPerDay().orElse(Monitoring.DEFAULT_TOKENS_PER_DAY);
    if (Validation.positive(p, path + "tokensPerDay", tokens) && tokens.amount().stripTrailingZeros().scale() > 0) {
      p.add(path + "tokensPerDay", tokens + " must be a whole number of tokens");
    } else if (tokens.isPositive() && tokens.amount().compareTo(MAX_TOKENS_PER_DAY) > 0) {
      p.add(path + "tokensPerDay", tokens + " is above 1T (allowed: 1..1T tokens a day; above it the alert never fires)");
    }
    Span down = a.agentDownFor().orElse(Monitoring.DEFAULT_AGENT_DOWN_FOR);
    span(p, path + "agentDownFor", down, 1);
    int usage = percent(p, path + "resourceUsage", a.resourceUsage(), Monitoring.DEFAULT_RESOURCE_USAGE_PERCENT);
    int connections = percent(p, path + "databaseConnections", a.databaseConnections(),
        Monitoring.DEFAULT_DATABASE_CONNECTIONS_PERCENT);
    Span sustained = a.sustainedFor().orElse(Monitoring.DEFAULT_SUSTAINED_FOR);
    span(p, path + "sustainedFor", sustained, 0);
    return new Monitoring.Alerts(rps, tokens, down, usage, connections, sustained);
  }

  private static Monitoring.Prometheus prometheus(Optional<MonitoringSpec.PrometheusSpec> spec, MonitoringMode mode,
      Problems p) {
    MonitoringSpec.PrometheusSpec s = spec.orElse(MonitoringSpec.PrometheusSpec.builder().build());
    String path = "monitoring.prometheus.";
    Span interval = s.scrapeInterval().orElse(Monitoring.DEFAULT_SCRAPE_INTERVAL);
    if (span(p, path + "scrapeInterval", interval, 1) && interval.seconds() > 60) {
      p.add(path + "scrapeInterval", interval + " is longer than 1m: the 2m rate windows of the rules need at least two samples");
    }
    Span retention = s.retention().orElse(Monitoring.DEFAULT_RETENTION);
    if (span(p, path + "retention", retention, 1) && retention.seconds() < 86400) {
      p.add(path + "retention", retention + " is shorter than the 24h window of the token budget alert");
    }
    Quantity storage = s.storage().orElse(Monitoring.DEFAULT_PROMETHEUS_STORAGE);
    Validation.bytes(p, path + "storage", storage, Validation.MAX_VOLUME, "the largest volume a storage class provisions");
    s.image().ifPresent(i -> FleetRules.image(p, path + "image", i, Optional.empty()));
    s.url().ifPresent(u -> url(p, path + "url", u));
    s.clusterMetricsUrl().ifPresent(u -> {
      url(p, path + "clusterMetricsUrl", u);
      if (mode == MonitoringMode.PROMETHEUS_OPERATOR) {
        p.add(path + "clusterMetricsUrl", "applies to standalone mode only: in prometheus-operator mode the operator's "
            + "Prometheus already scrapes cAdvisor and kube-state-metrics");
      }
    });
    FleetRules.labels(p, path + "selectorLabels.", s.selectorLabels());
    if (mode == MonitoringMode.STANDALONE && !s.selectorLabels().isEmpty()) {
      p.add(path + "selectorLabels", "applies to prometheus-operator mode only: a standalone Prometheus selects nothing by label");
    }
    TreeMap<String, String> selector = s.selectorLabels().isEmpty()
        ? new TreeMap<>(Monitoring.DEFAULT_SELECTOR_LABELS) : new TreeMap<>(s.selectorLabels());
    return new Monitoring.Prometheus(s.image().orElse(Monitoring.DEFAULT_PROMETHEUS_IMAGE), interval, retention, storage,
        selector, s.url(), s.clusterMetricsUrl());
  }

  private static Monitoring.Alertmanager alertmanager(Optional<MonitoringSpec.AlertmanagerSpec> spec, Problems p) {
    MonitoringSpec.AlertmanagerSpec s = spec.orElse(MonitoringSpec.AlertmanagerSpec.builder().build());
    String path = "monitoring.alertmanager.";
    s.image().ifPresent(i -> FleetRules.image(p, path + "image", i, Optional.empty()));
    s.webhookSecret().ifPresent(n -> Validation.dnsName(p, path + "webhookSecret", n));
    if (s.webhookSecretKey().isPresent() && s.webhookSecret().isEmpty()) {
      p.add(path + "webhookSecretKey", "applies only with webhookSecret");
    }
    return new Monitoring.Alertmanager(s.image().orElse(Monitoring.DEFAULT_ALERTMANAGER_IMAGE), s.webhookSecret(),
        s.webhookSecretKey().orElse(Monitoring.DEFAULT_WEBHOOK_SECRET_KEY));
  }

  private static Optional<Monitoring.Grafana> grafana(Optional<MonitoringSpec.GrafanaSpec> spec, Problems p) {
    MonitoringSpec.GrafanaSpec s = spec.orElse(MonitoringSpec.GrafanaSpec.builder().build());
    if (!s.enabled().orElse(true)) {
      return Optional.empty();
    }
    String secret = s.adminSecret().orElse(Monitoring.DEFAULT_GRAFANA_ADMIN_SECRET);
    Validation.dnsName(p, "monitoring.grafana.adminSecret", secret);
    s.image().ifPresent(i -> FleetRules.image(p, "monitoring.grafana.image", i, Optional.empty()));
    return Optional.of(new Monitoring.Grafana(s.image().orElse(Monitoring.DEFAULT_GRAFANA_IMAGE), secret));
  }

  private static Optional<Monitoring.Logging> logging(Optional<MonitoringSpec.LoggingSpec> spec, NetworkSpec network,
      Problems p) {
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    MonitoringSpec.LoggingSpec s = spec.get();
    String path = "monitoring.logging.";
    LogSink sink = s.sink().orElse(Monitoring.DEFAULT_LOG_SINK);
    String url = s.url().orElse("");
    if (url.isEmpty()) {
      p.add(path + "url", "must provide the " + sink + " URL the logs are shipped to (example: "
          + (sink == LogSink.LOKI ? "http://loki-gateway.logging.svc:80" : "https://elasticsearch.logging.svc:9200") + ")");
    } else {
      url(p, path + "url", url);
    }
    String index = s.index().orElse(Monitoring.DEFAULT_LOG_INDEX);
    if (s.index().isPresent() && sink != LogSink.ELASTICSEARCH) {
      p.add(path + "index", "applies to the elasticsearch sink only");
    } else if (!INDEX.matcher(index).matches()) {
      p.add(path + "index", "'" + index + "' is not an Elasticsearch index name (lower-case letters, digits, '-', '_', '.')");
    }
    String namespace = s.namespace().orElse(Monitoring.DEFAULT_LOG_NAMESPACE);
    if (Validation.dnsLabel(p, path + "namespace", namespace, 63)
        && namespace.equals(network.monitoringNamespace())) {
      p.add(path + "namespace", "'" + namespace + "' is the monitoring namespace, which enforces Pod Security "
          + "\"restricted\"; the collector reads host paths and needs a namespace of its own");
    }
    s.image().ifPresent(i -> FleetRules.image(p, path + "image", i, Optional.empty()));
    String image = s.image().orElse(Monitoring.DEFAULT_FLUENT_BIT_IMAGE);
    return Optional.of(new Monitoring.Logging(sink, url, index, namespace, image));
  }

  private static boolean span(Problems p, String path, Span s, long minSeconds) {
    if (!s.isValid()) {
      p.add(path, s.error().orElseThrow());
      return false;
    }
    if (s.seconds() < minSeconds) {
      p.add(path, s + " must be at least " + minSeconds + "s");
      return false;
    }
    return true;
  }

  private static int percent(Problems p, String path, Optional<Percent> given, int fallback) {
    if (given.isEmpty()) {
      return fallback;
    }
    Percent v = given.get();
    if (!v.isValid()) {
      p.add(path, v.error().orElseThrow());
      return fallback;
    }
    if (v.value() < 1 || v.value() > 100) {
      p.add(path, v + " must be between 1% and 100%");
      return fallback;
    }
    return v.value();
  }

  private static void url(Problems p, String path, String url) {
    try {
      URI u = new URI(url);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        p.add(path, "'" + url + "' is not an http(s) URL with a host (example: http://loki-gateway.logging.svc:80)");
      } else {
        Validation.noCredentials(p, path, url, "a Secret");
      }
    } catch (URISyntaxException e) {
      p.add(path, "'" + url + "' is not an http(s) URL: " + unfit(url) + " (example: http://loki-gateway.logging.svc:80)");
    }
  }

  /** Why a text is no URL, in words: the first character a URL cannot hold, by position. */
  private static String unfit(String url) {
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
        return "character " + (i + 1) + (c == ' ' ? " is a space" : " ('" + c + "') cannot stand in a URL");
      }
    }
    return "its parts are not in the order scheme://host:port/path";
  }
}
