package io.agentfleet.generate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.MonitoringSpec;
import io.agentfleet.model.Percent;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated rules, checked and unit-tested by the real promtool (both modes, default and changed thresholds). */
class PromtoolRulesTest {
  @TempDir
  Path dir;

  private Promtool.Result check(GenerationResult r) throws Exception {
    Files.writeString(dir.resolve("rules.yaml"), MonitoringFixtures.ruleFile(r));
    return Promtool.run(dir, "check", "rules", "rules.yaml");
  }

  private Promtool.Result unitTest(GenerationResult rules, GenerationResult thresholds) throws Exception {
    Files.writeString(dir.resolve("rules.yaml"), MonitoringFixtures.ruleFile(rules));
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    for (var file : AlertUnitTests.testFiles(thresholds.fleet(), "rules.yaml").entrySet()) {
      String name = "rules.test." + file.getKey() + "s.yaml";
      Files.writeString(dir.resolve(name), MonitoringFixtures.YAML.writeValueAsString(file.getValue()));
      args.add(name);
    }
    return Promtool.run(dir, args.toArray(String[]::new));
  }

  @Test
  void operatorRules_whenCheckedByPromtool_areAccepted() throws Exception {
    Promtool.Result r = check(MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m)));
    System.out.println("[promtool] check rules (prometheus-operator):\n" + r.output());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void standaloneRules_whenCheckedByPromtool_areAccepted() throws Exception {
    Promtool.Result r = check(MonitoringFixtures.generate(MonitoringFixtures.standalone()));
    System.out.println("[promtool] check rules (standalone):\n" + r.output());
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void seedAlerts_whenUnitTestedJustPastAndJustBelowThresholds_fireOnlyPast() throws Exception {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));
    Promtool.Result result = unitTest(r, r);
    System.out.println("[promtool] test rules (seed thresholds, " + AlertUnitTests.cases(r.fleet()).size()
        + " cases):\n" + result.output());
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void unitTests_coverEveryAlertRule_bothWays() throws Exception {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));
    Set<String> rules = new TreeSet<>();
    JsonNode groups = MonitoringFixtures.YAML.readTree(MonitoringFixtures.ruleFile(r)).path("groups");
    groups.forEach(g -> g.path("rules").forEach(rule -> {
      if (rule.has("alert")) {
        rules.add(rule.path("alert").asText());
      }
    }));
    var cases = AlertUnitTests.cases(r.fleet());

    Set<String> firing = cases.stream().filter(AlertUnitTests.Case::fires).map(AlertUnitTests.Case::alert)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> silent = cases.stream().filter(c -> !c.fires()).map(AlertUnitTests.Case::alert)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(firing).isEqualTo(rules);
    assertThat(silent).isEqualTo(rules);
    assertThat(rules).contains("ClaudeApiRequestsHigh", "ClaudeTokenBudgetApproaching", "AgentDown",
        "ContainerCpuUsageHigh", "ContainerMemoryUsageHigh", "DatabaseDown", "DatabaseConnectionsHigh");
  }

  @Test
  void changedThresholds_whenUnitTested_followTheModel() throws Exception {
    FleetSpec spec = MonitoringFixtures.booking(m -> m.alerts(MonitoringSpec.AlertsSpec.builder()
        .claudeRequestsPerSecond(Quantity.parse("7.5"))
        .tokensPerDay(Quantity.parse("2M"))
        .agentDownFor(Span.parse("3m"))
        .resourceUsage(Percent.of(75))
        .databaseConnections(Percent.of(60))
        .sustainedFor(Span.parse("2m"))
        .build()));
    GenerationResult r = MonitoringFixtures.generate(spec);
    Promtool.Result result = unitTest(r, r);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void unitTests_whenRulesUseOtherThresholds_fail() throws Exception {
    GenerationResult seed = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));
    GenerationResult higher = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m.alerts(
        MonitoringSpec.AlertsSpec.builder().claudeRequestsPerSecond(Quantity.parse("52"))
            .tokensPerDay(Quantity.parse("920000")).resourceUsage(Percent.of(92)).databaseConnections(Percent.of(92))
            .agentDownFor(Span.parse("90s")).build())));
    Promtool.Result result = unitTest(higher, seed);

    assertThat(result.exitCode()).isNotZero();
    for (String alert : new String[] {"ClaudeApiRequestsHigh", "ClaudeTokenBudgetApproaching", "AgentDown",
        "ContainerCpuUsageHigh", "ContainerMemoryUsageHigh", "DatabaseDown", "DatabaseConnectionsHigh"}) {
      assertThat(result.output()).contains(alert);
    }
  }
}
