package io.agentfleet.generate.monitoring;

import io.agentfleet.model.Fleet;
import io.agentfleet.model.Monitoring;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * promtool unit tests for the seed's alerts, generated from the fleet's thresholds: for each alert one case with
 * synthetic series just past its threshold (the alert must be firing) and one just below it (it must be silent).
 * "Just" is 2 % for rates and amounts, one evaluation step (30 s) for durations.
 */
public final class AlertUnitTests {
  public static final int STEP_SECONDS = 30;
  public static final int DAY_STEP_SECONDS = 300;

  private AlertUnitTests() {}

  /** One case: which alert, the series, when to look, and whether it must fire. */
  public record Case(String alert, boolean fires, String evalTime, List<Map<String, String>> series, int step) {
    Case(String alert, boolean fires, String evalTime, List<Map<String, String>> series) {
      this(alert, fires, evalTime, series, STEP_SECONDS);
    }

    String describe() {
      return alert + (fires ? " fires just past" : " stays silent just below") + " its threshold";
    }
  }

  public static List<Case> cases(Fleet fleet) {
    Monitoring.Alerts al = fleet.monitoring().alerts();
    String ns = fleet.namespace();
    String agent = "{job=\"" + Rules.AGENTS_JOB + "\", namespace=\"" + ns + "\", workload=\"w\", pod=\"w-1\"}";
    String pg = "{job=\"" + Rules.POSTGRES_JOB + "\", namespace=\"" + ns + "\", pod=\"pg-1\"}";
    long sustained = al.sustainedFor().seconds();
    long down = al.agentDownFor().seconds();
    String settled = seconds(sustained + 600);
    List<Case> cases = new ArrayList<>();
    for (boolean past : List.of(true, false)) {
      BigDecimal factor = past ? new BigDecimal("1.02") : new BigDecimal("0.98");
      // Requests: a counter rising at threshold × factor per second.
      BigDecimal rps = al.claudeRequestsPerSecond().amount().multiply(factor);
      cases.add(new Case("ClaudeApiRequestsHigh", past, settled, List.of(
          series("claude_api_requests_total" + agent, counter(rps.multiply(BigDecimal.valueOf(STEP_SECONDS)),
              sustained + 900)))));
      // Tokens: a counter that adds budget × factor every 24 hours, looked at 30 minutes after the first full day
      // (sampled and evaluated every 5 minutes: a day at 30 s steps makes promtool evaluate every rule 2,900 times).
      BigDecimal perStep = al.tokensPerDay().amount().multiply(factor)
          .divide(BigDecimal.valueOf(86400 / DAY_STEP_SECONDS), MathContext.DECIMAL64);
      cases.add(new Case("ClaudeTokenBudgetApproaching", past, seconds(86400 + Math.max(sustained, DAY_STEP_SECONDS) + 1800),
          List.of(series("claude_api_tokens_total{job=\"" + Rules.AGENTS_JOB + "\", namespace=\"" + ns
              + "\", workload=\"w\", pod=\"w-1\", direction=\"output\"}",
              "0+" + perStep.stripTrailingZeros().toPlainString() + "x" + (86400 + sustained + 3600) / DAY_STEP_SECONDS)),
          DAY_STEP_SECONDS));
      // Resources: usage at threshold × factor of a 2-core, 1e9-byte limit.
      BigDecimal usage = BigDecimal.valueOf(al.resourceUsagePercent()).movePointLeft(2).multiply(factor);
      String container = "{namespace=\"" + ns + "\", pod=\"w-1\", container=\"agent\"";
      cases.add(new Case("ContainerCpuUsageHigh", past, settled, List.of(
          series("container_cpu_usage_seconds_total" + container + "}",
              counter(usage.multiply(BigDecimal.valueOf(2L * STEP_SECONDS)), sustained + 900)),
          series("kube_pod_container_resource_limits" + container + ", resource=\"cpu\"}", constant("2", sustained + 900)))));
      cases.add(new Case("ContainerMemoryUsageHigh", past, settled, List.of(
          series("container_memory_working_set_bytes" + container + "}",
              constant(usage.multiply(new BigDecimal("1000000000")).toPlainString(), sustained + 900)),
          series("kube_pod_container_resource_limits" + container + ", resource=\"memory\"}",
              constant("1000000000", sustained + 900)))));
      // Connections: threshold × factor of max_connections 1000.
      BigDecimal backends = BigDecimal.valueOf(al.databaseConnectionsPercent()).movePointLeft(2).multiply(factor)
          .multiply(BigDecimal.valueOf(1000));
      cases.add(new Case("DatabaseConnectionsHigh", past, settled, List.of(
          series("cnpg_backends_total" + pg.replace("}", ", datname=\"a2\"}"),
              constant(backends.toPlainString(), sustained + 900)),
          series("cnpg_pg_settings_setting" + pg.replace("}", ", name=\"max_connections\"}"),
              constant("1000", sustained + 900)))));
      // Down: healthy for 2 minutes, then down; looked at exactly agentDownFor later, or one step sooner.
      String at = seconds(120 + down - (past ? 0 : STEP_SECONDS));
      cases.add(new Case("AgentDown", past, at, List.of(series("up" + agent, downAfter(120, down + 600)))));
      cases.add(new Case("DatabaseDown", past, at, List.of(
          series("cnpg_collector_up" + pg, downAfter(120, down + 600)),
          series("up" + pg, constant("1", 120 + down + 600)))));
      // The statefulset mode's exporter answers (up stays 1) while PostgreSQL is down: pg_up goes to 0.
      cases.add(new Case("DatabaseDown", past, at, List.of(
          series("pg_up" + pg, downAfter(120, down + 600)),
          series("up" + pg, constant("1", 120 + down + 600)))));
    }
    return cases;
  }

  /**
   * The promtool test files for {@code ruleFile}, one per evaluation step (30 s; 5 min for the day-long token case):
   * firing cases are checked through ALERTS, silent ones with an empty exp_alerts.
   */
  public static Map<Integer, Map<String, Object>> testFiles(Fleet fleet, String ruleFile) {
    Map<Integer, Map<String, Object>> files = new java.util.TreeMap<>();
    for (Case c : cases(fleet)) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("name", c.describe());
      t.put("interval", c.step() + "s");
      t.put("input_series", c.series());
      if (c.fires()) {
        Map<String, Object> expr = new LinkedHashMap<>();
        expr.put("expr", "count(ALERTS{alertname=\"" + c.alert() + "\", alertstate=\"firing\"})");
        expr.put("eval_time", c.evalTime());
        expr.put("exp_samples", List.of(Map.of("labels", "{}", "value", 1)));
        t.put("promql_expr_test", List.of(expr));
      } else {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("alertname", c.alert());
        check.put("eval_time", c.evalTime());
        check.put("exp_alerts", List.of());
        t.put("alert_rule_test", List.of(check));
      }
      Map<String, Object> file = files.computeIfAbsent(c.step(), step -> {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("rule_files", List.of(ruleFile));
        f.put("evaluation_interval", step + "s");
        f.put("tests", new ArrayList<>());
        return f;
      });
      @SuppressWarnings("unchecked")
      List<Object> tests = (List<Object>) file.get("tests");
      tests.add(t);
    }
    return files;
  }

  private static Map<String, String> series(String name, String values) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("series", name);
    m.put("values", values);
    return m;
  }

  private static String counter(BigDecimal perStep, long seconds) {
    return "0+" + perStep.stripTrailingZeros().toPlainString() + "x" + (seconds / STEP_SECONDS);
  }

  private static String constant(String value, long seconds) {
    return value + "x" + (seconds / STEP_SECONDS);
  }

  private static String downAfter(long upSeconds, long downSeconds) {
    return "1x" + (upSeconds / STEP_SECONDS - 1) + " 0x" + (downSeconds / STEP_SECONDS);
  }

  private static String seconds(long s) {
    return s + "s";
  }
}
