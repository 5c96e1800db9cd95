package io.agentfleet.generate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.model.AgentSpec;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.ImmutableFleetSpec;
import io.agentfleet.model.SubAgentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FleetDiagramTest {
  private static final Pattern BLOCK = Pattern.compile("^```mermaid\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);
  /** A node or subgraph id where it is declared: first word of a line before a shape or label. */
  private static final Pattern DECLARED = Pattern.compile("^\\s*(?:subgraph )?([A-Za-z0-9_]+)[\\[(]", Pattern.MULTILINE);

  private static List<String> diagrams(FleetSpec spec) {
    String readme = FleetGenerator.builder().build().generate(spec).tree().files().get("README.md");
    List<String> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The booking fleet with {@code n} sub-agents alike to its s1 (the others dropped). */
  private static FleetSpec withSubAgents(int n) {
    FleetSpec base = TestFleets.bookingSpec();
    SubAgentSpec s1 = base.subAgents().get(0);
    List<SubAgentSpec> subAgents = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      subAgents.add(SubAgentSpec.builder().from(s1).id("s" + i).build());
    }
    return ImmutableFleetSpec.copyOf(base).withSubAgents(subAgents);
  }

  @Test
  void bookingReadme_drawsTheComputedGroupsFlowsAndWaves() {
    List<String> d = diagrams(TestFleets.bookingSpec());

    assertThat(d).hasSize(2);
    String network = d.get(0);
    assertThat(network).startsWith("flowchart LR\n")
        .contains("g10[(\"booking-agents-postgres<br/>PostgreSQL, 3 instances\")]")
        .contains("g11[\"s1 … s5<br/>5 sub-agents, alike\"]")
        .contains("g12[\"s6<br/>sub-agent\"]")
        // a worker reaches its own frontend and backend and every sub-agent, never another agent's parts
        .contains("g1 -->|\"3000\"| g2", "g1 -->|\"8080\"| g3", "g1 -->|\"8080\"| g11", "g3 -->|\"5432\"| g10")
        .doesNotContain("g1 -->|\"3000\"| g5", "g2 -->|\"5432\"| g10")
        .contains("m3[\"booking-agents<br/>Prometheus\"]", "m3 -->|\"9187\"| g10")
        .contains("m2 -.->|\"queries 9090\"| m3", "m3 -.->|\"alerts 9093\"| m4");
    assertThat(d.get(1)).contains("subgraph w1[\"wave 0\"]", "app7[\"booking-agents-core<br/>generated/default/core\"]",
        "w1 --> w2");
  }

  @Test
  void nodeIds_areGeneratedNeverNames_soNoneIsAMermaidKeyword() {
    for (String diagram : diagrams(TestFleets.bookingSpec())) {
      Matcher m = DECLARED.matcher(diagram);
      int ids = 0;
      while (m.find()) {
        assertThat(m.group(1)).matches("(g|m|x|ns|ag|w|app)[0-9]+");
        ids++;
      }
      assertThat(ids).isGreaterThan(5);
    }
  }

  @Test
  void alikeSubAgents_areOneBoxWithTheirCount_soThePictureKeepsItsSize() {
    List<String> few = diagrams(withSubAgents(4));
    List<String> many = diagrams(withSubAgents(60));

    assertThat(many.get(0)).contains("[\"s1 … s60<br/>60 sub-agents, alike\"]");
    assertThat(few.get(0)).contains("[\"s1 … s4<br/>4 sub-agents, alike\"]");
    assertThat(many.get(0).lines().count()).isEqualTo(few.get(0).lines().count());
  }

  @Test
  void readmeMatrixAndDiagram_nameAGroupByItsFirstAndLastInTheFleetsOrder() {
    // Declared s12 down to s1: neither the tree's file order (s1, s10, s11, s12, s2 …) nor the numbers' order.
    List<SubAgentSpec> reversed = new ArrayList<>(withSubAgents(12).subAgents());
    java.util.Collections.reverse(reversed);
    FleetSpec spec = ImmutableFleetSpec.copyOf(TestFleets.bookingSpec()).withSubAgents(reversed);
    String readme = FleetGenerator.builder().build().generate(spec).tree().files().get("README.md");
    List<String> all = new ArrayList<>();
    for (int i = 12; i >= 1; i--) {
      all.add("s" + i);
    }

    // The matrix's row, column and listing, the table of rules beyond the namespace, and the diagram's box agree.
    assertThat(readme).contains("| s12 … s1 (12) |", "`s12 … s1 (12)`: " + String.join(", ", all) + ".",
        "[\"s12 … s1<br/>12 sub-agents, alike\"]").doesNotContain("s1 … s9");
    assertThat(readme).contains("| a2-worker, a3-worker, a4-worker, s12 … s1 (12) | to addresses `0.0.0.0/0`");
  }

  /** The booking fleet with {@code n} agents alike to its a2. */
  private static FleetSpec withAgents(int n) {
    FleetSpec base = TestFleets.bookingSpec();
    AgentSpec a2 = base.agents().get(0);
    List<AgentSpec> agents = new ArrayList<>();
    for (int i = 2; i < 2 + n; i++) {
      agents.add(AgentSpec.builder().from(a2).id("a" + i).build());
    }
    return ImmutableFleetSpec.copyOf(base).withAgents(agents);
  }

  @Test
  void manyAlikeAgents_areOneFrameWithTheirCount_andTheirArrowsDrawnOnce() {
    String five = diagrams(withAgents(5)).get(0);
    String eight = diagrams(withAgents(8)).get(0);

    assertThat(five).contains("[\"agents A2 … A6, 5 alike\"]").doesNotContain("a3-worker");
    assertThat(eight).contains("[\"agents A2 … A9, 8 alike\"]");
    assertThat(eight.lines().count()).isEqualTo(five.lines().count());
    // the one drawn agent still shows its own flows
    assertThat(eight).contains("g1 -->|\"3000\"| g2", "g3 -->|\"5432\"|");
  }

  @Test
  void labels_escapeQuotesAndMarkup() {
    assertThat(FleetDiagram.esc("a \"b\" #1 <i>\nx")).isEqualTo("a #quot;b#quot; #35;1 #lt;i#gt; x");
  }
}
