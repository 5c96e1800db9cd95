package io.agentfleet.model;

import static io.agentfleet.model.TestFleets.SUB_AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * fleet.yaml is read with YAML 1.2 core-schema semantics: a plain scalar in a text field keeps the characters it
 * was written with, where a YAML 1.1 reader would have made a boolean or a number of it.
 */
class FleetYamlTextTest {

  @Test
  void read_whenIdsLookLikeYaml11BooleansOrOctals_keepsTheirText() {
    FleetSpec spec = TestFleets.spec("name: f", "subAgents:",
        "  - " + SUB_AGENT.replace("id: s1", "id: no"),
        "  - " + SUB_AGENT.replace("id: s1", "id: on"),
        "  - " + SUB_AGENT.replace("id: s1", "id: 012"));

    assertThat(spec.subAgents()).extracting(SubAgentSpec::id).containsExactly("no", "on", "012");
  }

  @Test
  void read_whenLabelValueIsYes_keepsYes() {
    FleetSpec spec = TestFleets.spec("name: f", "labels: { env: yes, tier: 1.10, shift: 0130, team: off }",
        "subAgents:", "  - " + SUB_AGENT);

    assertThat(spec.labels()).containsEntry("env", "yes").containsEntry("tier", "1.10")
        .containsEntry("shift", "0130").containsEntry("team", "off");
  }

  @Test
  void read_whenImageTagRevisionAndVersionLookLikeNumbers_keepsTheirDigits() {
    FleetSpec spec = TestFleets.spec("name: f", "kubernetesVersion: 1.34",
        "gitops: { repository: https://github.com/example/gitops.git, revision: 012 }",
        "subAgents:", "  - " + SUB_AGENT.replace("claude-code-agent:2.1.0", "claude-code-agent:1.10"));

    assertThat(spec.kubernetesVersion()).isEqualTo("1.34");
    assertThat(spec.gitops().flatMap(GitOpsSpec::revision)).contains("012");
    assertThat(spec.subAgents().get(0).image()).contains("claude-code-agent:1.10");
  }

  @Test
  void read_whenEnvValuesAreYesOrLeadingZeros_keepsTheirText() {
    FleetSpec spec = TestFleets.spec("name: f", "agents:",
        "  - { id: a1, worker: { image: w:1.0, env: { DEBUG: yes, MODE: 0755, RATIO: 1.50 } } }");

    assertThat(spec.agents().get(0).worker().env()).containsEntry("DEBUG", EnvValue.of("yes"))
        .containsEntry("MODE", EnvValue.of("0755")).containsEntry("RATIO", EnvValue.of("1.50"));
  }

  @Test
  void read_whenSwitchWrittenTrueInAnyYaml12Case_readsTrue() {
    FleetSpec spec = TestFleets.spec("name: f", "monitoring: { enabled: True, grafana: { enabled: FALSE } }",
        "subAgents:", "  - " + SUB_AGENT);

    assertThat(spec.monitoring().flatMap(MonitoringSpec::enabled)).contains(true);
  }

  @Test
  void read_whenBillionLaughs_refusesEveryAnchorAndAliasWithoutExpandingThem() {
    StringBuilder yaml = new StringBuilder("name: f\nsubAgents:\n  - " + SUB_AGENT + "\nlabels:\n  l0: &l0 lol\n");
    for (int level = 1; level <= 9; level++) {
      yaml.append("  l").append(level).append(": &l").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (level - 1)))).append("]\n");
    }

    FleetValidationException e = catchThrowableOfType(FleetValidationException.class,
        () -> FleetYaml.read(yaml.toString(), "fleet.yaml"));

    // Ten anchors and 81 aliases, each at its place; expanded, the last label would hold 9^9 values.
    assertThat(e.problems()).filteredOn(p -> p.message().startsWith("YAML anchors, aliases")).hasSize(91);
  }

  @Test
  void read_whenFileIsUtf16_saysSoAtItsStart() {
    byte[] utf16 = ("\uFEFFname: f\n").getBytes(StandardCharsets.UTF_16LE);

    FleetValidationException e = catchThrowableOfType(FleetValidationException.class,
        () -> FleetYaml.read(utf16, "fleet.yaml"));

    assertThat(e.lines()).containsExactly("fleet.yaml:1:1: the file is UTF-16 text; save it as UTF-8");
  }

  @Test
  void read_whenUtf8ByteOrderMarkStartsTheFile_readsItAsIfAbsent() {
    byte[] bom = ("\uFEFFname: f\nsubAgents:\n  - " + SUB_AGENT + "\n").getBytes(StandardCharsets.UTF_8);

    assertThat(FleetYaml.read(bom, "fleet.yaml").name()).isEqualTo("f");
  }
}
