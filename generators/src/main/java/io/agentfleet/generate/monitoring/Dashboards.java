package io.agentfleet.generate.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Monitoring;
import io.agentfleet.model.SubAgent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The Grafana dashboards, built from the model: the fleet overview, Claude API usage against the token budget, a
 * scaling row repeated for each sub-agent picked in a menu (replicas against the bounds, each scaling metric against
 * its target) and the database's health. Thresholds on panels are the model's numbers. Layout is computed: panels
 * fill 24-column rows.
 *
 * <p>Grafana's classic dashboard model (schemaVersion 39), checked against grafana/grafana: a row panel with
 * {@code repeat} is copied for each selected value of that variable, the panels after it (up to the next row) with
 * it, when the row is not collapsed ({@code devenv/dev-dashboards/feature-templating/templating-repeating-rows.json});
 * a Prometheus query variable's {@code query} is a string or an object whose {@code query} is it
 * ({@code packages/grafana-prometheus/src/variables.ts}), {@code label_values(<series>, <label>)} lists a label's
 * values ({@code packages/grafana-prometheus/src/migrations/variableMigration.ts}); {@code refresh} 1 is "on dashboard
 * load", {@code sort} 1 "alphabetical, ascending" ({@code VariableRefresh}, {@code VariableSort} in
 * {@code packages/grafana-data/src/types/templateVars.ts}).
 */
public final class Dashboards {
  /** UID of the provisioned Prometheus data source every panel uses. */
  public static final String DATASOURCE_UID = "prometheus";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Dashboards() {}

  /** One PromQL query of a panel and its legend. */
  public record Target(String expr, String legend) {}

  /** A panel: its kind (stat, gauge, timeseries), width and height in grid units, unit, queries, red threshold. */
  public record Panel(String title, String type, int width, int height, String unit, List<Target> targets,
      BigDecimal redAt, String description) {}

  /** A titled row of panels; {@code repeat} names the variable it is repeated for, or is null. */
  public record Row(String title, List<Panel> panels, String repeat) {
    public Row(String title, List<Panel> panels) {
      this(title, panels, null);
    }
  }

  /**
   * A menu at the top of a dashboard: the values of {@code label} on the series {@code series}, several at once and
   * "All" allowed; {@code selected} is the value shown first, or empty for "All".
   */
  public record Variable(String name, String title, String series, String label, List<String> selected) {
    /** The Prometheus query that lists the values. */
    public String query() {
      return "label_values(" + series + ", " + label + ")";
    }
  }

  /** A dashboard: uid, title, its menus and its rows. */
  public record Dashboard(String uid, String title, List<Variable> variables, List<Row> rows) {
    public Dashboard(String uid, String title, List<Row> rows) {
      this(uid, title, List.of(), rows);
    }

    /** The dashboard as Grafana's JSON model, panel ids 1.. in layout order. */
    public ObjectNode toJson() {
      return Dashboards.toJson(this);
    }

    /** Where each panel sits: row title, panel, x, y, w, h; what the README's grid shows. */
    public List<Placed> layout() {
      return Dashboards.layout(this);
    }
  }

  /** A panel placed on the 24-column grid, in {@code row}. */
  public record Placed(Row row, Panel panel, int x, int y) {}

  /** Every dashboard of the fleet; the first is the main one. */
  public static List<Dashboard> all(Fleet fleet) {
    List<Dashboard> list = new ArrayList<>();
    list.add(overview(fleet));
    list.add(claudeApi(fleet));
    if (!fleet.subAgents().isEmpty()) {
      list.add(scaling(fleet));
    }
    list.add(database(fleet));
    return list;
  }

  private static Panel panel(String title, String type, int w, int h, String unit, BigDecimal redAt, String description,
      Target... targets) {
    return new Panel(title, type, w, h, unit, List.of(targets), redAt, description);
  }

  private static Target t(String expr, String legend) {
    return new Target(expr, legend);
  }

  private static BigDecimal ratio(int percent) {
    return BigDecimal.valueOf(percent).movePointLeft(2);
  }

  static Dashboard overview(Fleet fleet) {
    String ns = "namespace=\"" + fleet.namespace() + "\"";
    Monitoring.Alerts al = fleet.monitoring().alerts();
    String s = "{" + ns + "}";
    return new Dashboard("agentfleet-overview", "Fleet overview: " + fleet.name(), List.of(
        new Row("Health", List.of(
            panel("Agent pods up", "stat", 6, 4, "none", null, "Agent and sub-agent pods whose metrics endpoint answers.",
                t("sum(workload:up:sum" + s + ")", "up")),
            panel("Agent pods down", "stat", 6, 4, "none", BigDecimal.ONE,
                "Pods discovered whose metrics endpoint does not answer (AgentDown fires after "
                    + al.agentDownFor() + ").",
                t("sum(workload:pods:count" + s + ") - sum(workload:up:sum" + s + ")", "down")),
            panel("Firing alerts", "stat", 6, 4, "none", BigDecimal.ONE, "Alerts of this fleet firing now.",
                t("count(ALERTS{alertstate=\"firing\", " + ns + "}) or vector(0)", "firing")),
            panel("Claude API requests/s", "stat", 6, 4, "reqps", al.claudeRequestsPerSecond().amount(),
                "The whole fleet; red at the alert threshold.",
                t("sum(namespace:claude_api_requests:rate2m" + s + ")", "requests/s")))),
        new Row("Tasks", List.of(
            panel("Tasks completed/s", "timeseries", 8, 8, "ops", null, "By workload.",
                t("workload:agent_tasks_completed:rate5m" + s, "{{workload}}")),
            panel("Tasks failed/s", "timeseries", 8, 8, "ops", null, "By workload.",
                t("workload:agent_tasks_failed:rate5m" + s, "{{workload}}")),
            panel("Task error ratio", "timeseries", 8, 8, "percentunit", null, "Failed of finished tasks, by workload.",
                t("workload:agent_tasks_failed:rate5m" + s + " / (workload:agent_tasks_completed:rate5m" + s
                    + " + workload:agent_tasks_failed:rate5m" + s + ")", "{{workload}}")),
            panel("Task duration p95", "timeseries", 12, 8, "s", null, "95th percentile of task wall-clock time.",
                t("workload:agent_task_duration_seconds:p95" + s, "{{workload}}")),
            panel("Pod restarts (1h)", "timeseries", 12, 8, "none", null, "Container restarts in the last hour, by pod.",
                t("sum by (pod) (increase(kube_pod_container_status_restarts_total" + s + "[1h]))", "{{pod}}")))),
        new Row("Resources", List.of(
            panel("CPU of limit", "timeseries", 12, 8, "percentunit", ratio(al.resourceUsagePercent()),
                "Busiest container per pod; the alert threshold is red.",
                t("max by (pod) (pod_container:cpu_usage:ratio_limit" + s + ")", "{{pod}}")),
            panel("Memory of limit", "timeseries", 12, 8, "percentunit", ratio(al.resourceUsagePercent()),
                "Busiest container per pod; at 100 % the container is OOM-killed.",
                t("max by (pod) (pod_container:memory_working_set:ratio_limit" + s + ")", "{{pod}}"))))));
  }

  static Dashboard claudeApi(Fleet fleet) {
    String s = "{namespace=\"" + fleet.namespace() + "\"}";
    Monitoring.Alerts al = fleet.monitoring().alerts();
    return new Dashboard("agentfleet-claude-api", "Claude API usage and token budget: " + fleet.name(), List.of(
        new Row("Requests", List.of(
            panel("Requests/s, fleet", "timeseries", 12, 8, "reqps", al.claudeRequestsPerSecond().amount(),
                "Against the alert threshold (monitoring.alerts.claudeRequestsPerSecond).",
                t("sum(namespace:claude_api_requests:rate2m" + s + ")", "requests/s"),
                t("sum(namespace:claude_api_requests_threshold:model" + s + ")", "alert threshold")),
            panel("Requests/s by workload", "timeseries", 12, 8, "reqps", null, "",
                t("workload:claude_api_requests:rate2m" + s, "{{workload}}")),
            panel("Rate limits hit/s (429)", "timeseries", 12, 8, "reqps", null, "Requests refused by the API.",
                t("workload:claude_api_rate_limited:rate5m" + s, "{{workload}}")),
            panel("Response time p95", "timeseries", 12, 8, "s", null, "",
                t("workload:claude_api_request_duration_seconds:p95" + s, "{{workload}}")))),
        new Row("Token budget", List.of(
            panel("Tokens used of daily budget", "gauge", 8, 6, "percentunit", BigDecimal.ONE,
                "Rolling 24 hours against monitoring.alerts.tokensPerDay.",
                t("sum(namespace:claude_api_tokens:increase24h" + s + ") / sum(namespace:claude_api_tokens_per_day_budget:model"
                    + s + ")", "of budget")),
            panel("Tokens used, 24h", "stat", 8, 6, "short", al.tokensPerDay().amount(), "",
                t("sum(namespace:claude_api_tokens:increase24h" + s + ")", "tokens")),
            panel("Daily budget", "stat", 8, 6, "short", null, "monitoring.alerts.tokensPerDay",
                t("sum(namespace:claude_api_tokens_per_day_budget:model" + s + ")", "budget")),
            panel("Tokens/s by workload", "timeseries", 24, 8, "short", null, "Input and output tokens.",
                t("workload:claude_api_tokens:rate5m" + s, "{{workload}} {{direction}}"))))));
  }

  /**
   * Sub-agents the scaling dashboard shows all at once when first opened: up to this many, "All" is selected (four
   * panels each); a larger fleet opens on its first sub-agent, and the menu picks others. The dashboard itself is the
   * same size for any fleet: its row is repeated by Grafana, not written once per sub-agent.
   */
  static final int ALL_SELECTED_UP_TO = 100;

  /** The variable the scaling row repeats for: a sub-agent's workload name. */
  static final String WORKLOAD_VARIABLE = "workload";

  /**
   * One row of four panels, repeated for each sub-agent picked in the "Sub-agent" menu. The menu lists the
   * {@code workload} label of the model's replica bounds ({@code workload:replicas_max:model}), which Prometheus holds
   * for every sub-agent of this fleet and for nothing else, so it lists exactly the fleet's sub-agents.
   */
  static Dashboard scaling(Fleet fleet) {
    String ns = "namespace=\"" + fleet.namespace() + "\"";
    String v = "$" + WORKLOAD_VARIABLE;
    String w = "{" + ns + ", workload=\"" + v + "\"}";
    // The workload's pods by the label its scrape targets carry, not by a prefix of their names: a pod of
    // sub-agent "review-fast" is named review-fast-<hash>-<id>, which "review-.*" would take for one of review's.
    String pods = "{" + ns + ", container=\"agent\"} and on (namespace, pod) up{job=\"" + Rules.AGENTS_JOB + "\", "
        + ns + ", workload=\"" + v + "\"}";
    List<SubAgent> all = fleet.subAgents();
    List<String> selected = all.size() <= ALL_SELECTED_UP_TO ? List.of() : List.of(all.get(0).name());
    Variable workload = new Variable(WORKLOAD_VARIABLE, "Sub-agent", "workload:replicas_max:model{" + ns + "}",
        "workload", selected);
    Row row = new Row(v, List.of(
        panel(v + " replicas", "timeseries", 6, 7, "none", null, "Pods against the bounds in fleet.yaml.",
            t("workload:pods:count" + w, "pods"), t("workload:replicas_min:model" + w, "min"),
            t("workload:replicas_max:model" + w, "max")),
        panel(v + " Claude API requests/s per pod", "timeseries", 6, 7, "reqps", null,
            "The autoscaler's custom metric against its target.",
            t("workload:claude_api_requests:rate2m" + w + " / workload:pods:count" + w, "per pod"),
            t("workload:claude_api_requests_per_pod_target:model" + w, "target")),
        panel(v + " CPU of request", "timeseries", 6, 7, "percentunit", null,
            "Average over pods, as the autoscaler measures it, against its target.",
            t("avg(pod_container:cpu_usage:ratio_request" + pods + ")", "average"),
            t("workload:cpu_request_ratio_target:model" + w, "target")),
        panel(v + " memory of request", "timeseries", 6, 7, "percentunit", null,
            "Average over pods against its target.",
            t("avg(pod_container:memory_working_set:ratio_request" + pods + ")", "average"),
            t("workload:memory_request_ratio_target:model" + w, "target"))), WORKLOAD_VARIABLE);
    return new Dashboard("agentfleet-scaling", "Sub-agent scaling: " + fleet.name(), List.of(workload), List.of(row));
  }

  static Dashboard database(Fleet fleet) {
    String pg = "{job=\"" + Rules.POSTGRES_JOB + "\", namespace=\"" + fleet.namespace() + "\"}";
    String s = "{namespace=\"" + fleet.namespace() + "\"}";
    Monitoring.Alerts al = fleet.monitoring().alerts();
    return new Dashboard("agentfleet-database", "Database health: " + fleet.name(), List.of(
        new Row("Instances", List.of(
            panel("Instances up", "stat", 6, 4, "none", null, "PostgreSQL instances whose exporter reaches the server; "
                    + fleet.database().instances() + " expected.",
                t("sum(cnpg_collector_up" + pg + ")", "up")),
            panel("Exporters down", "stat", 6, 4, "none", BigDecimal.ONE, "",
                t("count(up" + pg + " == 0) or vector(0)", "down")),
            panel("Connections of max (busiest)", "gauge", 6, 4, "percentunit", ratio(al.databaseConnectionsPercent()),
                "Red at the alert threshold (monitoring.alerts.databaseConnections).",
                t("max(pod:database_connections:ratio_max" + s + ")", "of max_connections")),
            panel("Replication lag (max)", "stat", 6, 4, "s", null, "",
                t("max(cnpg_pg_replication_lag" + pg + ")", "lag")))),
        new Row("Load", List.of(
            panel("Connections by database", "timeseries", 12, 8, "none", null, "One database per agent.",
                t("sum by (datname) (cnpg_backends_total" + pg + ")", "{{datname}}")),
            panel("Connections of max by instance", "timeseries", 12, 8, "percentunit",
                ratio(al.databaseConnectionsPercent()), "",
                t("pod:database_connections:ratio_max" + s, "{{pod}}")),
            panel("Replication lag by instance", "timeseries", 12, 8, "s", null, "",
                t("cnpg_pg_replication_lag" + pg, "{{pod}}")),
            panel("Database size", "timeseries", 12, 8, "bytes", null, "",
                t("max by (datname) (cnpg_pg_database_size_bytes" + pg + ")", "{{datname}}"))))));
  }

  static List<Placed> layout(Dashboard d) {
    List<Placed> out = new ArrayList<>();
    int y = 0;
    for (Row row : d.rows()) {
      y += 1;
      int x = 0;
      int rowHeight = 0;
      for (Panel p : row.panels()) {
        if (x + p.width() > 24) {
          y += rowHeight;
          x = 0;
          rowHeight = 0;
        }
        out.add(new Placed(row, p, x, y));
        x += p.width();
        rowHeight = Math.max(rowHeight, p.height());
      }
      y += rowHeight;
    }
    return out;
  }

  static ObjectNode toJson(Dashboard d) {
    ObjectNode root = F.objectNode();
    root.put("uid", d.uid());
    root.put("title", d.title());
    root.putArray("tags").add("agentfleet");
    root.put("editable", false);
    root.put("schemaVersion", 39);
    root.put("refresh", "1m");
    root.putObject("time").put("from", "now-6h").put("to", "now");
    ArrayNode variables = root.putObject("templating").putArray("list");
    d.variables().forEach(v -> variables.add(variableJson(v)));
    root.putObject("annotations").putArray("list");
    ArrayNode panels = root.putArray("panels");
    int id = 1;
    List<Placed> placed = layout(d);
    Row currentRow = null;
    for (Placed p : placed) {
      if (p.row() != currentRow) {
        currentRow = p.row();
        ObjectNode row = panels.addObject();
        row.put("id", id++);
        row.put("type", "row");
        row.put("title", currentRow.title());
        row.put("collapsed", false);
        if (currentRow.repeat() != null) {
          row.put("repeat", currentRow.repeat());
        }
        row.putObject("gridPos").put("h", 1).put("w", 24).put("x", 0).put("y", p.y() - 1);
        row.putArray("panels");
      }
      panels.add(panelJson(p, id++));
    }
    return root;
  }

  private static ObjectNode panelJson(Placed placed, int id) {
    Panel p = placed.panel();
    ObjectNode n = F.objectNode();
    n.put("id", id);
    n.put("type", p.type());
    n.put("title", p.title());
    if (!p.description().isEmpty()) {
      n.put("description", p.description());
    }
    n.putObject("gridPos").put("h", p.height()).put("w", p.width()).put("x", placed.x()).put("y", placed.y());
    n.set("datasource", datasource());
    ArrayNode targets = n.putArray("targets");
    char ref = 'A';
    for (Target t : p.targets()) {
      ObjectNode tn = targets.addObject();
      tn.put("refId", String.valueOf(ref++));
      tn.set("datasource", datasource());
      tn.put("expr", t.expr());
      tn.put("legendFormat", t.legend());
    }
    ObjectNode fieldConfig = n.putObject("fieldConfig");
    ObjectNode defaults = fieldConfig.putObject("defaults");
    fieldConfig.putArray("overrides");
    defaults.put("unit", p.unit());
    if (p.type().equals("gauge") && p.unit().equals("percentunit")) {
      defaults.put("min", 0);
      defaults.put("max", 1);
    }
    ObjectNode thresholds = defaults.putObject("thresholds");
    thresholds.put("mode", "absolute");
    ArrayNode steps = thresholds.putArray("steps");
    steps.addObject().put("color", "green").putNull("value");
    if (p.redAt() != null) {
      steps.addObject().put("color", "red").put("value", p.redAt());
    }
    if (p.type().equals("timeseries")) {
      n.putObject("options").putObject("legend").put("displayMode", "list").put("placement", "bottom");
      if (p.redAt() != null) {
        defaults.putObject("custom").putObject("thresholdsStyle").put("mode", "line");
      }
    }
    return n;
  }

  private static ObjectNode variableJson(Variable v) {
    ObjectNode n = F.objectNode();
    n.put("name", v.name());
    n.put("label", v.title());
    n.put("type", "query");
    n.set("datasource", datasource());
    n.put("definition", v.query());
    n.putObject("query").put("query", v.query()).put("refId", "PrometheusVariableQueryEditor-VariableQuery");
    n.put("refresh", 1);
    n.put("sort", 1);
    n.put("multi", true);
    n.put("includeAll", true);
    ObjectNode current = n.putObject("current");
    ArrayNode text = current.putArray("text");
    ArrayNode value = current.putArray("value");
    if (v.selected().isEmpty()) {
      text.add("All");
      value.add("$__all");
    } else {
      v.selected().forEach(text::add);
      v.selected().forEach(value::add);
    }
    n.putArray("options");
    return n;
  }

  private static ObjectNode datasource() {
    return F.objectNode().put("type", "prometheus").put("uid", DATASOURCE_UID);
  }

  /** The dashboard as pretty-printed JSON, the text Grafana reads. */
  public static String json(Dashboard d) {
    try {
      return JSON.writeValueAsString(d.toJson()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
