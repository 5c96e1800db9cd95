package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the fleet's Prometheus is run. */
public enum MonitoringMode {
  /** An existing Prometheus Operator (kube-prometheus-stack) scrapes PodMonitors and loads PrometheusRules. */
  PROMETHEUS_OPERATOR,
  /** The tree brings its own Prometheus Deployment, discovering pods in the fleet's namespace only. */
  STANDALONE;

  @JsonCreator
  public static MonitoringMode parse(String text) {
    return Names.parseEnum(MonitoringMode.class, "monitoring mode", text);
  }

  @JsonValue
  @Override
  public String toString() {
    return Names.kebab(this);
  }
}
