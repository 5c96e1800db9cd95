package io.agentfleet.generate.monitoring;

import io.agentfleet.model.Fleet;
import io.agentfleet.model.Monitoring;
import io.agentfleet.model.SubAgent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's Prometheus rules as data: recording rules for the rates that alerts and dashboards share, the fleet's
 * five alerts (thresholds from the model), and the model's own numbers (replica bounds, scaling targets) as constant
 * series so that dashboards can draw them beside the measured values. Rendered into a rule file (standalone) or a
 * PrometheusRule (operator) with the same content.
 */
public final class Rules {
  /** The job label of agent targets (sub-agents, workers, and frontends or backends that name a metrics port). */
  public static final String AGENTS_JOB = io.agentfleet.generate.platform.PlatformPlan.MonitoringPlan.AGENTS_JOB;
  /** The job label of the PostgreSQL instances' exporters. */
  public static final String POSTGRES_JOB = io.agentfleet.generate.platform.PlatformPlan.MonitoringPlan.POSTGRES_JOB;
  /** Rate window: four samples at the default 30 s scrape interval. */
  static final String RATE = io.agentfleet.generate.platform.PlatformPlan.MonitoringPlan.RATE_WINDOW;

  private Rules() {}

  /** A recording rule ({@code alert} null) or an alerting rule. */
  public record Rule(String record, String alert, String expr, String forDuration, Map<String, String> labels,
      Map<String, String> annotations) {
    static Rule recording(String name, String expr) {
      return new Rule(name, null, expr, null, Map.of(), Map.of());
    }

    static Rule constant(String name, BigDecimal value, Map<String, String> labels) {
      return new Rule(name, null, "vector(" + value.stripTrailingZeros().toPlainString() + ")", null, labels, Map.of());
    }

    /** The rule as it is written in a rule file: keys in Prometheus' documented order. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      if (alert == null) {
        m.put("record", record);
      } else {
        m.put("alert", alert);
      }
      m.put("expr", expr);
      if (forDuration != null) {
        m.put("for", forDuration);
      }
      if (!labels.isEmpty()) {
        m.put("labels", new TreeMap<>(labels));
      }
      if (!annotations.isEmpty()) {
        m.put("annotations", new TreeMap<>(annotations));
      }
      return m;
    }
  }

  /** A named group of rules. */
  public record Group(String name, List<Rule> rules) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("rules", rules.stream().map(Rule::toMap).toList());
      return m;
    }
  }

  /** The groups, in evaluation order: recording rules, model constants, alerts. */
  public static List<Group> groups(Fleet fleet) {
    return List.of(recording(fleet), model(fleet), alerts(fleet));
  }

  /** Every recording rule's name (what dashboards may query besides the provided series). */
  public static List<String> recordedNames(Fleet fleet) {
    return groups(fleet).stream().flatMap(g -> g.rules().stream()).filter(r -> r.alert() == null)
        .map(Rule::record).distinct().toList();
  }

  /** The alerting rules. */
  public static List<Rule> alertRules(Fleet fleet) {
    return alerts(fleet).rules();
  }

  private static String agents(Fleet fleet) {
    return "{job=\"" + AGENTS_JOB + "\", namespace=\"" + fleet.namespace() + "\"}";
  }

  private static String postgres(Fleet fleet) {
    return "{job=\"" + POSTGRES_JOB + "\", namespace=\"" + fleet.namespace() + "\"}";
  }

  static Group recording(Fleet fleet) {
    String a = agents(fleet);
    String ns = "namespace=\"" + fleet.namespace() + "\"";
    String containers = "{" + ns + ", container!=\"\", container!=\"POD\"}";
    List<Rule> r = new ArrayList<>();
    r.add(Rule.recording("pod:claude_api_requests:rate" + RATE,
        "sum by (namespace, workload, pod) (rate(claude_api_requests_total" + a + "[" + RATE + "]))"));
    r.add(Rule.recording("workload:claude_api_requests:rate" + RATE,
        "sum by (namespace, workload) (pod:claude_api_requests:rate" + RATE + ")"));
    r.add(Rule.recording("namespace:claude_api_requests:rate" + RATE,
        "sum by (namespace) (pod:claude_api_requests:rate" + RATE + ")"));
    r.add(Rule.recording("workload:claude_api_rate_limited:rate5m",
        "sum by (namespace, workload) (rate(claude_api_rate_limited_total" + a + "[5m]))"));
    r.add(Rule.recording("workload:claude_api_tokens:rate5m",
        "sum by (namespace, workload, direction) (rate(claude_api_tokens_total" + a + "[5m]))"));
    r.add(Rule.recording("namespace:claude_api_tokens:increase24h",
        "sum by (namespace) (increase(claude_api_tokens_total" + a + "[24h]))"));
    r.add(Rule.recording("workload:claude_api_request_duration_seconds:p95",
        "histogram_quantile(0.95, sum by (namespace, workload, le) (rate(claude_api_request_duration_seconds_bucket"
            + a + "[5m])))"));
    r.add(Rule.recording("workload:agent_tasks_completed:rate5m",
        "sum by (namespace, workload) (rate(agent_tasks_completed_total" + a + "[5m]))"));
    r.add(Rule.recording("workload:agent_tasks_failed:rate5m",
        "sum by (namespace, workload) (rate(agent_tasks_failed_total" + a + "[5m]))"));
    r.add(Rule.recording("workload:agent_task_duration_seconds:p95",
        "histogram_quantile(0.95, sum by (namespace, workload, le) (rate(agent_task_duration_seconds_bucket"
            + a + "[5m])))"));
    r.add(Rule.recording("workload:up:sum", "sum by (namespace, workload) (up" + a + ")"));
    r.add(Rule.recording("workload:pods:count", "count by (namespace, workload) (up" + a + ")"));
    r.add(Rule.recording("pod_container:cpu_usage:ratio_limit",
        "sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total" + containers + "[5m]))\n"
            + "/ sum by (namespace, pod, container) (kube_pod_container_resource_limits{" + ns + ", resource=\"cpu\"})"));
    r.add(Rule.recording("pod_container:memory_working_set:ratio_limit",
        "sum by (namespace, pod, container) (container_memory_working_set_bytes" + containers + ")\n"
            + "/ sum by (namespace, pod, container) (kube_pod_container_resource_limits{" + ns
            + ", resource=\"memory\"})"));
    r.add(Rule.recording("pod_container:cpu_usage:ratio_request",
        "sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total" + containers + "[5m]))\n"
            + "/ sum by (namespace, pod, container) (kube_pod_container_resource_requests{" + ns
            + ", resource=\"cpu\"})"));
    r.add(Rule.recording("pod_container:memory_working_set:ratio_request",
        "sum by (namespace, pod, container) (container_memory_working_set_bytes" + containers + ")\n"
            + "/ sum by (namespace, pod, container) (kube_pod_container_resource_requests{" + ns
            + ", resource=\"memory\"})"));
    String pg = postgres(fleet);
    r.add(Rule.recording("pod:database_connections:ratio_max",
        "sum by (namespace, pod) (cnpg_backends_total" + pg + ")\n"
            + "/ max by (namespace, pod) (cnpg_pg_settings_setting{job=\"" + POSTGRES_JOB + "\", " + ns
            + ", name=\"max_connections\"})"));
    return new Group("agentfleet.recording", r);
  }

  /** The model's numbers as constant series, labelled like the measured ones. */
  static Group model(Fleet fleet) {
    List<Rule> r = new ArrayList<>();
    for (SubAgent s : fleet.subAgents()) {
      Map<String, String> labels = Map.of("namespace", fleet.namespace(), "workload", s.name());
      r.add(Rule.constant("workload:replicas_min:model", BigDecimal.valueOf(s.scaling().minReplicas()), labels));
      r.add(Rule.constant("workload:replicas_max:model", BigDecimal.valueOf(s.scaling().maxReplicas()), labels));
      r.add(Rule.constant("workload:claude_api_requests_per_pod_target:model", s.scaling().requestsPerSecond().amount(),
          labels));
      r.add(Rule.constant("workload:cpu_request_ratio_target:model",
          BigDecimal.valueOf(s.scaling().cpuPercent()).movePointLeft(2), labels));
      r.add(Rule.constant("workload:memory_request_ratio_target:model",
          BigDecimal.valueOf(s.scaling().memoryPercent()).movePointLeft(2), labels));
    }
    Map<String, String> ns = Map.of("namespace", fleet.namespace());
    Monitoring.Alerts al = fleet.monitoring().alerts();
    r.add(Rule.constant("namespace:claude_api_requests_threshold:model", al.claudeRequestsPerSecond().amount(), ns));
    r.add(Rule.constant("namespace:claude_api_tokens_per_day_budget:model", al.tokensPerDay().amount(), ns));
    return new Group("agentfleet.model", r);
  }

  static Group alerts(Fleet fleet) {
    Monitoring.Alerts al = fleet.monitoring().alerts();
    String ns = "{namespace=\"" + fleet.namespace() + "\"}";
    String sustained = al.sustainedFor().toString();
    String usage = ratio(al.resourceUsagePercent());
    List<Rule> r = new ArrayList<>();
    r.add(alert("ClaudeApiRequestsHigh",
        "namespace:claude_api_requests:rate" + RATE + ns + " > " + plain(al.claudeRequestsPerSecond().amount()),
        sustained, "warning",
        "The fleet makes more than " + plain(al.claudeRequestsPerSecond().amount()) + " Claude API requests per second",
        "{{ $labels.namespace }} has made {{ $value | humanize }} Claude API requests/s for " + sustained
            + " (threshold " + plain(al.claudeRequestsPerSecond().amount()) + ", monitoring.alerts.claudeRequestsPerSecond).",
        "Open the Claude API dashboard and find the workload with the highest rate. A sub-agent scaled to its maximum "
            + "multiplies the rate: check its replicas on the scaling dashboard. Rate-limit answers (429) mean the "
            + "organisation's limit is near; lower replicas.max of the busiest sub-agents in fleet.yaml or raise the limit."));
    r.add(alert("ClaudeTokenBudgetApproaching",
        "namespace:claude_api_tokens:increase24h" + ns + " > " + plain(al.tokensPerDay().amount()),
        sustained, "warning",
        "The fleet has used more than " + plain(al.tokensPerDay().amount()) + " tokens in the last 24 hours",
        "{{ $labels.namespace }} consumed {{ $value | humanize }} tokens in the last 24h (budget "
            + plain(al.tokensPerDay().amount()) + ", monitoring.alerts.tokensPerDay).",
        "See which workloads consume the tokens (Claude API dashboard, tokens by workload). Pause or scale down "
            + "low-priority sub-agents (kubectl scale is undone by the autoscaler: lower replicas.max in fleet.yaml) "
            + "until the 24h window rolls over."));
    r.add(alert("AgentDown",
        "up" + agents(fleet) + " == 0",
        al.agentDownFor().toString(), "critical",
        "Agent pod {{ $labels.pod }} is down",
        "The metrics endpoint of {{ $labels.pod }} ({{ $labels.workload }}) has not answered for "
            + al.agentDownFor() + " (monitoring.alerts.agentDownFor).",
        "kubectl -n " + fleet.namespace() + " describe pod {{ $labels.pod }} and kubectl logs --previous: look for "
            + "OOMKilled, a failing liveness probe (/healthz) or a missing Secret. A pod that is Running but not "
            + "scraped means its metrics port 9090 does not answer."));
    r.add(alert("ContainerCpuUsageHigh",
        "pod_container:cpu_usage:ratio_limit" + ns + " > " + usage,
        sustained, "warning",
        "Container {{ $labels.container }} of {{ $labels.pod }} uses more than " + al.resourceUsagePercent()
            + "% of its CPU limit",
        "{{ $labels.pod }}/{{ $labels.container }} has used {{ $value | humanizePercentage }} of its CPU limit for "
            + sustained + " (monitoring.alerts.resourceUsage); it is being throttled.",
        "Autoscaled sub-agents at this level are usually at replicas.max: check the scaling dashboard, then raise "
            + "replicas.max or the CPU request in fleet.yaml. The VPA recommendation (kubectl describe vpa) shows "
            + "what the pod needs."));
    r.add(alert("ContainerMemoryUsageHigh",
        "pod_container:memory_working_set:ratio_limit" + ns + " > " + usage,
        sustained, "warning",
        "Container {{ $labels.container }} of {{ $labels.pod }} uses more than " + al.resourceUsagePercent()
            + "% of its memory limit",
        "{{ $labels.pod }}/{{ $labels.container }} has used {{ $value | humanizePercentage }} of its memory limit for "
            + sustained + " (monitoring.alerts.resourceUsage); at 100% it is OOM-killed.",
        "Memory limits equal requests, so raise the memory request in fleet.yaml (kubectl describe vpa shows the "
            + "recommendation). A steady climb across restarts points to a leak in the agent image."));
    r.add(alert("DatabaseDown",
        // cnpg_collector_up: CloudNativePG's exporter; pg_up: the statefulset mode's postgres_exporter, which keeps
        // answering (up stays 1) while PostgreSQL itself is down.
        "cnpg_collector_up" + postgres(fleet) + " == 0 or pg_up" + postgres(fleet) + " == 0 or up" + postgres(fleet)
            + " == 0",
        al.agentDownFor().toString(), "critical",
        "PostgreSQL instance {{ $labels.pod }} is unreachable",
        "{{ $labels.pod }} has not accepted the metrics exporter's connection (or its exporter is not answering) for "
            + al.agentDownFor() + ".",
        "kubectl -n " + fleet.namespace() + " get cluster and describe the pod; check the instance's log for "
            + "crash recovery or a full volume (database health dashboard, database size). Agents whose database "
            + "is on this instance fail their tasks until a replica is promoted."));
    r.add(alert("DatabaseConnectionsHigh",
        "pod:database_connections:ratio_max" + ns + " > " + ratio(al.databaseConnectionsPercent()),
        sustained, "warning",
        "PostgreSQL instance {{ $labels.pod }} uses more than " + al.databaseConnectionsPercent()
            + "% of max_connections",
        "{{ $labels.pod }} has {{ $value | humanizePercentage }} of max_connections in use for " + sustained
            + " (monitoring.alerts.databaseConnections); new connections will soon be refused.",
        "Find the database with the most backends (database health dashboard). A backend that scaled out opens a "
            + "pool per pod: lower its pool size or add a pooler; otherwise raise max_connections."));
    return new Group("agentfleet.alerts", r);
  }

  private static Rule alert(String name, String expr, String forDuration, String severity, String summary,
      String description, String runbook) {
    Map<String, String> labels = Map.of("severity", severity);
    Map<String, String> annotations = Map.of("summary", summary, "description", description, "runbook", runbook);
    return new Rule(null, name, expr, forDuration, labels, annotations);
  }

  private static String ratio(int percent) {
    return plain(BigDecimal.valueOf(percent).movePointLeft(2));
  }

  static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
