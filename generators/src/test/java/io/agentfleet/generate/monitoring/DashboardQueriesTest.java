package io.agentfleet.generate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard, read back from the generated ConfigMaps: valid JSON, unique panel ids, a grid without overlaps,
 * and queries that use only series the agent contract, the database, the cluster, Prometheus or a recording rule
 * provide. The same holds for every rule expression.
 */
class DashboardQueriesTest {
  private static final ObjectMapper STRICT_JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static GenerationResult operator;
  private static GenerationResult standalone;

  @BeforeAll
  static void generate() {
    operator = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));
    standalone = MonitoringFixtures.generate(MonitoringFixtures.standalone());
  }

  private static List<JsonNode> dashboards(GenerationResult r) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode d : MonitoringFixtures.documents(r, "monitoring/grafana.yaml")) {
      if (d.path("kind").asText().equals("ConfigMap") && d.path("metadata").path("name").asText().startsWith("grafana-dashboard-")) {
        for (JsonNode json : d.path("data")) {
          out.add(STRICT_JSON.readTree(json.asText()));
        }
      }
    }
    return out;
  }

  private static Set<String> available(Fleet fleet) {
    Set<String> names = new TreeSet<>(AgentMetrics.provided());
    names.addAll(Rules.recordedNames(fleet));
    return names;
  }

  @Test
  void promQlNames_whenExpressionHasFunctionsLabelsAndGroupings_returnsOnlyMetrics() {
    assertThat(PromQlNames.of("sum by (namespace, le) (rate(a_total{job=\"x\", pod=~\"a-.*\"}[5m])) / on(pod) "
        + "group_left(container) b:rec:rate5m > 0.9 or vector(1e9) and count(up == 0)"))
        .containsExactly("a_total", "b:rec:rate5m", "up");
  }

  @Test
  void dashboards_whenParsed_areValidJsonWithUniquePanelIds() throws Exception {
    for (GenerationResult r : List.of(operator, standalone)) {
      List<JsonNode> all = dashboards(r);
      assertThat(all).extracting(d -> d.path("uid").asText())
          .containsExactly("agentfleet-overview", "agentfleet-claude-api", "agentfleet-scaling", "agentfleet-database");
      for (JsonNode d : all) {
        List<Integer> ids = new ArrayList<>();
        d.path("panels").forEach(p -> ids.add(p.path("id").asInt()));
        assertThat(ids).as(d.path("uid").asText()).doesNotHaveDuplicates().doesNotContain(0);
      }
    }
  }

  @Test
  void dashboards_whenLaidOut_panelsFitTheGridWithoutOverlap() throws Exception {
    for (JsonNode d : dashboards(operator)) {
      Set<String> taken = new HashSet<>();
      for (JsonNode p : d.path("panels")) {
        JsonNode g = p.path("gridPos");
        assertThat(g.path("x").asInt() + g.path("w").asInt()).as(p.path("title").asText()).isLessThanOrEqualTo(24);
        for (int x = g.path("x").asInt(); x < g.path("x").asInt() + g.path("w").asInt(); x++) {
          for (int y = g.path("y").asInt(); y < g.path("y").asInt() + g.path("h").asInt(); y++) {
            assertThat(taken.add(x + "," + y)).as("%s overlaps at %d,%d", p.path("title").asText(), x, y).isTrue();
          }
        }
      }
    }
  }

  @Test
  void dashboardQueries_useOnlyProvidedOrRecordedMetrics() throws Exception {
    for (GenerationResult r : List.of(operator, standalone)) {
      Set<String> available = available(r.fleet());
      Set<String> used = new TreeSet<>();
      for (JsonNode d : dashboards(r)) {
        for (JsonNode expr : d.findValues("expr")) {
          Set<String> names = PromQlNames.of(expr.asText());
          assertThat(available).as("metrics of %s", expr.asText()).containsAll(names);
          used.addAll(names);
        }
      }
      assertThat(used).contains("workload:claude_api_requests:rate2m", "namespace:claude_api_tokens:increase24h",
          "workload:replicas_max:model", "pod:database_connections:ratio_max");
    }
  }

  @Test
  void ruleExpressions_useOnlyProvidedOrEarlierRecordedMetrics() throws Exception {
    JsonNode groups = MonitoringFixtures.YAML.readTree(MonitoringFixtures.ruleFile(operator)).path("groups");
    Set<String> available = new TreeSet<>(AgentMetrics.provided());
    for (JsonNode g : groups) {
      for (JsonNode rule : g.path("rules")) {
        assertThat(available).as(rule.path("expr").asText()).containsAll(PromQlNames.of(rule.path("expr").asText()));
        if (rule.has("record")) {
          available.add(rule.path("record").asText());
        }
      }
    }
  }

  @Test
  void dashboardVariables_everyOneUsedIsDeclared_andListsARecordedSeries() throws Exception {
    java.util.regex.Pattern use = java.util.regex.Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    for (GenerationResult r : List.of(operator, standalone)) {
      Set<String> available = available(r.fleet());
      for (JsonNode d : dashboards(r)) {
        Set<String> declared = new TreeSet<>();
        for (JsonNode v : d.path("templating").path("list")) {
          declared.add(v.path("name").asText());
          assertThat(v.path("query").path("query").asText()).isEqualTo(v.path("definition").asText());
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("^label_values\\((.+), (\\w+)\\)$")
              .matcher(v.path("definition").asText());
          assertThat(m.matches()).as(v.path("definition").asText()).isTrue();
          assertThat(available).containsAll(PromQlNames.of(m.group(1)));
        }
        Set<String> used = new TreeSet<>();
        for (String field : List.of("expr", "title", "repeat")) {
          for (JsonNode text : d.findValues(field)) {
            java.util.regex.Matcher m = use.matcher(text.asText());
            while (m.find()) {
              used.add(m.group(1));
            }
          }
        }
        d.findValues("repeat").forEach(n -> used.add(n.asText()));
        assertThat(declared).as(d.path("uid").asText()).containsAll(used);
      }
    }
  }

  @Test
  void scalingDashboard_isOneRepeatedRow_whateverTheNumberOfSubAgents() throws Exception {
    JsonNode small = Dashboards.scaling(fleetOf(3)).toJson();
    Fleet largeFleet = fleetOf(Dashboards.ALL_SELECTED_UP_TO + 1);
    JsonNode large = Dashboards.scaling(largeFleet).toJson();
    for (JsonNode d : List.of(small, large)) {
      assertThat(d.path("panels")).hasSize(5);
      JsonNode row = d.path("panels").get(0);
      assertThat(row.path("type").asText()).isEqualTo("row");
      assertThat(row.path("repeat").asText()).isEqualTo("workload");
      assertThat(row.path("collapsed").asBoolean()).isFalse();
    }
    // Up to the bound the dashboard opens on every sub-agent; above it, on the first, so it stays light.
    assertThat(small.at("/templating/list/0/current/value").toString()).isEqualTo("[\"$__all\"]");
    assertThat(large.at("/templating/list/0/current/value").toString()).isEqualTo("[\"" + largeFleet.subAgents().get(0).name() + "\"]");
    ((com.fasterxml.jackson.databind.node.ObjectNode) small.at("/templating/list/0")).remove("current");
    ((com.fasterxml.jackson.databind.node.ObjectNode) large.at("/templating/list/0")).remove("current");
    assertThat(large).isEqualTo(small);
  }

  /** A fleet of {@code n} sub-agents s1..sn. */
  private static Fleet fleetOf(int n) {
    StringBuilder yaml = new StringBuilder("name: f\nsubAgents:\n");
    for (int i = 1; i <= n; i++) {
      yaml.append("  - { id: s").append(i).append(", role: r").append(i)
          .append(", image: ghcr.io/example/a:1.0.0, replicas: 1..3, requests: { cpu: 1, memory: 1Gi } }\n");
    }
    return io.agentfleet.model.FleetResolver.resolve(io.agentfleet.model.FleetYaml.read(yaml.toString(), "fleet.yaml"));
  }

  @Test
  void dashboardQueries_whenAMetricIsMisspelt_areCaught() {
    assertThat(available(operator.fleet()))
        .doesNotContainAnyElementsOf(PromQlNames.of("sum(rate(claude_api_request_total[5m]))"));
  }

  @Test
  void dashboardConfigMaps_areAppliedServerSide() {
    for (JsonNode d : MonitoringFixtures.documents(operator, "monitoring/grafana.yaml")) {
      if (d.path("metadata").path("name").asText().startsWith("grafana-dashboard-")) {
        assertThat(d.path("metadata").path("annotations").path("argocd.argoproj.io/sync-options").asText())
            .isEqualTo("ServerSideApply=true");
      }
    }
  }
}
