package io.agentfleet.generate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling dashboard's per-pod panels, evaluated by the real promtool over the generated recording rules: a
 * sub-agent's row averages its own pods only, also when another sub-agent's name starts with its name and a dash.
 */
class ScalingDashboardPromtoolTest {
  private static final String FLEET = String.join("\n",
      "name: desk",
      "subAgents:",
      "  - { id: review, role: reviewer, image: ghcr.io/desk/helper:1.0.0, replicas: 1..3, requests: { cpu: 1, memory: 1Gi } }",
      "  - { id: review-fast, role: fast-reviewer, image: ghcr.io/desk/helper:1.0.0, replicas: 1..3, requests: { cpu: 1, memory: 1Gi } }",
      "");

  /** The query of target A of the panel whose title ends with {@code title}, for one workload. */
  private static String query(JsonNode dashboard, String title, String workload) {
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("title").asText().endsWith(title)) {
        return panel.at("/targets/0/expr").asText().replace("$" + Dashboards.WORKLOAD_VARIABLE, workload);
      }
    }
    throw new AssertionError("no panel " + title);
  }

  private static Map<String, String> series(String name, String values) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("series", name);
    s.put("values", values);
    return s;
  }

  @Test
  void perPodPanels_averageTheSubAgentsOwnPods_notThoseOfANameItPrefixes(@TempDir Path dir) throws Exception {
    GenerationResult generated = MonitoringFixtures.generate(FleetYaml.read(FLEET, "fleet.yaml"));
    Fleet fleet = generated.fleet();
    String review = fleet.subAgents().get(0).name();
    String fast = fleet.subAgents().get(1).name();
    assertThat(fast).startsWith(review + "-");
    String ns = fleet.namespace();
    // Pods as the Deployment controller names them: <deployment>-<pod-template hash>-<five characters>.
    Map<String, String> pods = new LinkedHashMap<>();
    pods.put(review + "-7c9d8f9b4-x2xkq", review);
    pods.put(review + "-7c9d8f9b4-q8v5n", review);
    pods.put(fast + "-5f6d7c8b9-m4n7p", fast);
    // CPU in cores per pod (a counter of CPU seconds, sampled every 30 s) and memory in GiB, against requests of
    // one core and 1 GiB: review's pods at 0.25 and 0.75, review-fast's at 1.0.
    List<Double> use = List.of(0.25, 0.75, 1.0);
    List<Map<String, String>> input = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> pod : pods.entrySet()) {
      String at = "namespace=\"" + ns + "\", pod=\"" + pod.getKey() + "\", container=\"agent\"";
      double u = use.get(i++);
      input.add(series("container_cpu_usage_seconds_total{" + at + "}", "0+" + u * 30 + "x60"));
      input.add(series("container_memory_working_set_bytes{" + at + "}", (long) (u * (1L << 30)) + "x60"));
      input.add(series("kube_pod_container_resource_requests{" + at + ", resource=\"cpu\"}", "1x60"));
      input.add(series("kube_pod_container_resource_requests{" + at + ", resource=\"memory\"}", (1L << 30) + "x60"));
      input.add(series("up{job=\"" + Rules.AGENTS_JOB + "\", namespace=\"" + ns + "\", workload=\"" + pod.getValue()
          + "\", pod=\"" + pod.getKey() + "\"}", "1x60"));
    }
    JsonNode dashboard = Dashboards.scaling(fleet).toJson();
    List<Map<String, Object>> exprs = new ArrayList<>();
    for (String panel : List.of(" CPU of request", " memory of request")) {
      for (Map.Entry<String, Double> w : Map.of(review, 0.5, fast, 1.0).entrySet()) {
        exprs.add(Map.of("expr", query(dashboard, panel, w.getKey()), "eval_time", "20m",
            "exp_samples", List.of(Map.of("labels", "{}", "value", w.getValue()))));
      }
    }
    Files.writeString(dir.resolve("rules.yaml"), MonitoringFixtures.ruleFile(generated));
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("interval", "30s");
    test.put("input_series", input);
    test.put("promql_expr_test", exprs);
    Files.writeString(dir.resolve("dashboard.test.yaml"), MonitoringFixtures.YAML.writeValueAsString(Map.of(
        "rule_files", List.of("rules.yaml"), "evaluation_interval", "30s", "tests", List.of(test))));

    Promtool.Result r = Promtool.run(dir, "test", "rules", "dashboard.test.yaml");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }
}
