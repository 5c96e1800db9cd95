package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.model.Defaults;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric contract of agent images (sub-agents and standard agents' workers), next to the
 * {@link AgentContract}: what every agent serves on the {@code metrics} port at {@code /metrics}, plus the series the
 * rules and dashboards read from other sources (CloudNativePG, the kubelet's cAdvisor, kube-state-metrics). The
 * dashboards' cross-check test holds every query to these names and the recording rules.
 */
public final class AgentMetrics {
  private AgentMetrics() {}

  /** One metric family: name as exposed, Prometheus type, labels beyond the target labels, and what it means. */
  public record Metric(String name, String type, List<String> labels, String help) {
    /** The series names a family exposes (a histogram's _bucket, _sum and _count). */
    public List<String> seriesNames() {
      return type.equals("histogram") ? List.of(name + "_bucket", name + "_sum", name + "_count") : List.of(name);
    }
  }

  /** Claude API requests made, by outcome; its per-pod rate is the autoscaling metric. */
  public static final Metric REQUESTS = new Metric(AgentContract.REQUESTS_COUNTER, "counter",
      List.of("model", "status"), "Claude API requests made (status: HTTP status class, 2xx, 4xx, 5xx).");
  /** Tokens consumed. */
  public static final Metric TOKENS = new Metric("claude_api_tokens_total", "counter",
      List.of("model", "direction"), "Tokens consumed (direction: input or output), as the API reports them in usage.");
  /** HTTP 429 answers. */
  public static final Metric RATE_LIMITED = new Metric("claude_api_rate_limited_total", "counter",
      List.of("model"), "Requests the Claude API refused with 429 (rate limit hit); retries count again.");
  /** Claude API latency. */
  public static final Metric REQUEST_DURATION = new Metric("claude_api_request_duration_seconds", "histogram",
      List.of("model"), "Time from sending a Claude API request to its last byte (response time).");
  /** Tasks finished successfully. */
  public static final Metric TASKS_COMPLETED = new Metric("agent_tasks_completed_total", "counter",
      List.of(), "Tasks (issues, reviews, test runs) the agent finished successfully.");
  /** Tasks that ended in failure. */
  public static final Metric TASKS_FAILED = new Metric("agent_tasks_failed_total", "counter",
      List.of("reason"), "Tasks the agent gave up on (reason: error, timeout, rejected).");
  /** How long tasks take. */
  public static final Metric TASK_DURATION = new Metric("agent_task_duration_seconds", "histogram",
      List.of("outcome"), "Wall-clock time of a task from pick-up to result (outcome: completed or failed).");
  /** Work in hand. */
  public static final Metric TASKS_IN_PROGRESS = new Metric("agent_tasks_in_progress", "gauge",
      List.of(), "Tasks the agent is working on now.");

  /**
   * Work handed to another agent that has not been taken up yet, by the caller: the demand signal that wakes a
   * sub-agent KEDA scaled to zero (a sub-agent with no pod makes no requests, so its own rate cannot).
   */
  public static final Metric DELEGATIONS_PENDING = new Metric(AgentContract.DELEGATIONS_PENDING_METRIC, "gauge",
      List.of("target"), "Tasks this agent has delegated and that are not yet accepted (target: the workload, "
          + Defaults.SUB_AGENT_PREFIX + "-<id> for a sub-agent); KEDA wakes a sub-agent scaled to zero on it.");

  /** Everything an agent image must expose. */
  public static final List<Metric> AGENT = List.of(REQUESTS, TOKENS, RATE_LIMITED, REQUEST_DURATION, TASKS_COMPLETED,
      TASKS_FAILED, TASK_DURATION, TASKS_IN_PROGRESS, DELEGATIONS_PENDING);

  /**
   * CloudNativePG's built-in exporter (port 9187, named metrics; the default-monitoring queries), which the
   * statefulset mode's postgres_exporter serves under the same names, plus its own {@code pg_up}.
   */
  public static final List<String> CLOUDNATIVE_PG = List.of("cnpg_collector_up", "cnpg_backends_total",
      "cnpg_pg_settings_setting", "cnpg_pg_replication_lag", "cnpg_pg_database_size_bytes", "pg_up");

  /** Per-container usage from the kubelet's cAdvisor and requests/limits/restarts from kube-state-metrics. */
  public static final List<String> CLUSTER = List.of("container_cpu_usage_seconds_total",
      "container_memory_working_set_bytes", "kube_pod_container_resource_limits", "kube_pod_container_resource_requests",
      "kube_pod_container_status_restarts_total");

  /** Series Prometheus makes itself: target health per scrape, and the state of alerts. */
  public static final List<String> PROMETHEUS = List.of("up", "ALERTS");

  /** Every series name the agent contract, the database, the cluster and Prometheus provide (not recording rules). */
  public static Set<String> provided() {
    Set<String> names = new TreeSet<>();
    AGENT.forEach(m -> names.addAll(m.seriesNames()));
    names.addAll(CLOUDNATIVE_PG);
    names.addAll(CLUSTER);
    names.addAll(PROMETHEUS);
    return names;
  }
}
