package io.agentfleet.generate.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.agents.AgentGenerator;
import io.agentfleet.generate.core.CoreGenerator;
import io.agentfleet.generate.database.DatabaseGenerator;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.subagents.SubAgentGenerator;
import io.agentfleet.model.Fleet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The allowed-connection matrix of the booking fleet, computed from the generated NetworkPolicies alone: each
 * agent's parts reach exactly their own parts, no path crosses agents, sub-agents reach no agent part.
 */
class NetworkIsolationTest {
  private final Fleet fleet = TestFleets.booking();
  private final NetworkModel model = NetworkModel.of(RenderedTree.of(FleetGenerator.builder()
      .generators(List.of(new CoreGenerator(), new AgentGenerator(), new SubAgentGenerator(),
          new DatabaseGenerator()))
      .validators(List.of()).build().generate(TestFleets.bookingSpec()).manifests()).documents());

  private static final String POSTGRES = "booking-agents-postgres";

  /** What the design allows, by source and destination pod name; every other pair must be closed. */
  private Map<String, List<Integer>> expected() {
    Map<String, List<Integer>> allowed = new TreeMap<>();
    fleet.agents().forEach(a -> {
      allowed.put(a.name() + "-worker>" + a.name() + "-frontend", List.of(3000));
      allowed.put(a.name() + "-worker>" + a.name() + "-backend", List.of(8080));
      allowed.put(a.name() + "-frontend>" + a.name() + "-backend", List.of(8080));
      fleet.subAgents().forEach(s -> allowed.put(a.name() + "-worker>" + s.name(), List.of(8080)));
      allowed.put(a.name() + "-backend>" + POSTGRES, List.of(5432));
    });
    fleet.subAgents().forEach(s -> fleet.subAgents().forEach(t -> {
      if (s != t) {
        allowed.put(s.name() + ">" + t.name(), List.of(8080));
      }
    }));
    return allowed;
  }

  @Test
  void matrix_whenComputedFromThePolicies_isExactlyTheDesignedOne() {
    assertThat(model.pods()).hasSize(fleet.agents().size() * 3 + fleet.subAgents().size() + 1);
    Map<String, List<Integer>> expected = expected();
    for (NetworkModel.Pod from : model.pods()) {
      for (NetworkModel.Pod to : model.pods()) {
        if (from == to || from.name().equals(POSTGRES)) {
          continue; // instances replicate among themselves, which the database tests prove
        }
        assertThat(model.allowedPorts(from, to)).as(from.name() + " -> " + to.name())
            .isEqualTo(expected.getOrDefault(from.name() + ">" + to.name(), List.of()));
      }
    }
  }

  @Test
  void agents_neverReachAnotherAgentsParts() {
    for (NetworkModel.Pod from : model.pods()) {
      for (NetworkModel.Pod to : model.pods()) {
        String a = from.labels().get("agentfleet.io/agent");
        String b = to.labels().get("agentfleet.io/agent");
        if (a != null && b != null && !a.equals(b)) {
          assertThat(model.allowedPorts(from, to)).as(from.name() + " -> " + to.name()).isEmpty();
        }
      }
    }
  }

  @Test
  void subAgents_reachNoPartOfAnyAgent() {
    for (NetworkModel.Pod from : model.pods()) {
      if (!"sub-agent".equals(from.labels().get("app.kubernetes.io/component"))) {
        continue;
      }
      model.pods().stream().filter(p -> p.labels().containsKey("agentfleet.io/agent"))
          .forEach(to -> assertThat(model.allowedPorts(from, to)).as(from.name() + " -> " + to.name()).isEmpty());
    }
  }

  @Test
  void database_isReachedOnlyByBackendsNeverByWorkersOrSubAgents() {
    NetworkModel.Pod postgres = model.pods().stream().filter(p -> p.name().equals(POSTGRES)).findFirst().orElseThrow();
    for (NetworkModel.Pod from : model.pods()) {
      String component = from.labels().getOrDefault("app.kubernetes.io/component", "");
      if (!component.equals("backend") && from != postgres) {
        assertThat(model.allowedPorts(from, postgres)).as(from.name() + " -> postgres").isEmpty();
      }
    }
  }

  @Test
  void matrix_rendersOneRowAndColumnPerGroupOfAlikePods_andAgreesWithEveryPodPair() {
    String md = ConnectionMatrix.markdown(model, fleet.namespace(), "booking-agent-");
    List<NetworkModel.Group> groups = model.groups(fleet.namespace());
    assertThat(md.lines().filter(l -> l.startsWith("|")).count()).isEqualTo(2 + groups.size());
    assertThat(groups.size()).isLessThan(model.pods().size());
    assertThat(md).contains("| a2-worker | · | 3000 | 8080 |");
    // A group's verdict is every member's: check all pairs against the group cells.
    for (NetworkModel.Group g : groups) {
      for (NetworkModel.Group h : groups) {
        for (NetworkModel.Pod from : g.members()) {
          for (NetworkModel.Pod to : h.members()) {
            if (from != to) {
              assertThat(model.allowedPorts(from, to)).as(from.name() + " -> " + to.name())
                  .isEqualTo(model.allowedPorts(g, h));
            }
          }
        }
      }
    }
  }

  @Test
  void evaluator_whenNoPolicySelectsAPod_leavesItOpenAndDefaultDenyClosesIt() {
    String pods = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: a, namespace: n}
        spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 80}]}]}}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: b, namespace: n}
        spec: {template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, ports: [{name: web, containerPort: 81}]}]}}}
        """;
    NetworkModel open = model(pods);
    assertThat(open.allowedPorts(pod(open, "a"), pod(open, "b"))).containsExactly(81);

    NetworkModel denied = model(pods + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: n}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        """);
    assertThat(denied.allowedPorts(pod(denied, "a"), pod(denied, "b"))).isEmpty();
  }

  @Test
  void evaluator_needsBothEgressAndIngressAndResolvesNamedPortsAndExpressions() {
    String base = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: a, namespace: n}
        spec: {template: {metadata: {labels: {app: a, tier: x}}, spec: {containers: [{name: c}]}}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: b, namespace: n}
        spec: {template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, ports: [{name: web, containerPort: 81}, {name: admin, containerPort: 82}]}]}}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: n}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: b-in, namespace: n}
        spec:
          podSelector: {matchLabels: {app: b}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchExpressions: [{key: tier, operator: In, values: [x]}]}}], ports: [{port: web}]}]
        """;
    NetworkModel ingressOnly = model(base);
    assertThat(ingressOnly.allowedPorts(pod(ingressOnly, "a"), pod(ingressOnly, "b"))).isEmpty();

    NetworkModel both = model(base + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: a-out, namespace: n}
        spec: {podSelector: {matchLabels: {app: a}}, policyTypes: [Egress], egress: [{to: [{podSelector: {matchLabels: {app: b}}}]}]}
        """);
    assertThat(both.allowedPorts(pod(both, "a"), pod(both, "b"))).containsExactly(81);
  }

  @Test
  void evaluator_whenPeerIsInAnotherNamespace_matchesItsNamespaceLabels() {
    NetworkModel m = model("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: prom, namespace: monitoring}
        spec: {template: {metadata: {labels: {app: prom}}, spec: {containers: [{name: c}]}}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: b, namespace: n}
        spec: {template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, ports: [{name: metrics, containerPort: 9090}]}]}}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: b-in, namespace: n}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
          ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}], ports: [{port: metrics}]}]
        """);
    assertThat(m.allowedPorts(pod(m, "prom"), pod(m, "b"))).containsExactly(9090);
    assertThat(Set.copyOf(m.pods().stream().map(NetworkModel.Pod::namespace).toList()))
        .containsExactlyInAnyOrder("monitoring", "n");
  }

  /**
   * For random trees of pods and policies (peers by labels, expressions, namespaces, addresses or none; rules open to
   * any peer; pods no policy selects): the connections found from the peers the rules name are every pair of groups
   * the pairwise verdict lets through, in the matrix's order; every pod a pod may connect to is among those it may
   * reach; and every member of a group gets its group's verdict.
   */
  @Test
  void connections_foundFromTheRulesPeers_areEveryPairTheVerdictAllows() {
    java.util.Random random = new java.util.Random(20261207);
    int connections = 0;
    for (int round = 0; round < 150; round++) {
      StringBuilder yaml = new StringBuilder();
      for (int i = 0; i < 3 + random.nextInt(10); i++) {
        String ns = random.nextInt(4) == 0 ? "m" : "n";
        yaml.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d").append(i).append(", namespace: ")
            .append(ns).append("}\nspec: {template: {metadata: {labels: {app: a").append(random.nextInt(3))
            .append(", tier: t").append(random.nextInt(2)).append("}}, spec: {containers: [{name: c, ports: [")
            .append("{name: web, containerPort: ").append(80 + random.nextInt(2)).append("}]}]}}}\n");
      }
      for (int i = 0; i < random.nextInt(6); i++) {
        String selector = random.nextBoolean() ? "{}" : "{matchLabels: {app: a" + random.nextInt(3) + "}}";
        yaml.append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p").append(i)
            .append(", namespace: ").append(random.nextInt(5) == 0 ? "m" : "n").append("}\nspec:\n  podSelector: ")
            .append(selector).append("\n  policyTypes: ")
            .append(List.of("[Ingress]", "[Egress]", "[Ingress, Egress]").get(random.nextInt(3))).append('\n');
        for (String direction : List.of("ingress", "egress")) {
          if (random.nextInt(3) > 0) {
            yaml.append("  ").append(direction).append(":\n");
            for (int r = 0; r < 1 + random.nextInt(2); r++) {
              yaml.append("    - ").append(peers(random, direction.equals("ingress") ? "from" : "to"))
                  .append(random.nextBoolean() ? "" : "\n      ports: [{port: " + (random.nextBoolean() ? "web" : "80")
                      + "}]").append('\n');
            }
          }
        }
      }
      String text = yaml.toString();
      NetworkModel m = model(text);
      for (String ns : List.of("n", "m")) {
        List<NetworkModel.Group> groups = m.groups(ns);
        List<String> pairwise = new java.util.ArrayList<>();
        for (NetworkModel.Group g : groups) {
          for (NetworkModel.Group h : groups) {
            if (!m.allowedPorts(g, h).isEmpty()) {
              pairwise.add(g.first().name() + ">" + h.first().name() + " " + m.allowedPorts(g, h));
            }
            for (NetworkModel.Pod from : g.members()) {
              for (NetworkModel.Pod to : h.members()) {
                if (from != to) {
                  assertThat(m.allowedPorts(from, to)).as(text).isEqualTo(m.allowedPorts(g, h));
                }
              }
            }
          }
        }
        assertThat(m.connections(ns).stream().map(c -> c.from().first().name() + ">" + c.to().first().name() + " "
            + c.ports()).toList()).as(text).isEqualTo(pairwise);
        connections += pairwise.size();
      }
      for (NetworkModel.Pod from : m.pods()) {
        for (NetworkModel.Pod to : m.pods()) {
          if (from != to && !m.allowedPorts(from, to).isEmpty()) {
            assertThat(m.mayReach(from)).as(text + "\n" + from.name() + " -> " + to.name()).contains(to);
          }
        }
      }
    }
    assertThat(connections).as("connections met in all").isGreaterThan(300);
  }

  /** A rule's peers: none (any peer), or a list of peers by labels, expressions, namespace or address. */
  private static String peers(java.util.Random random, String key) {
    return switch (random.nextInt(6)) {
      case 0 -> key + ": []";
      case 1 -> "ports: [{port: 81}]";
      case 2 -> key + ": [{podSelector: {matchLabels: {app: a" + random.nextInt(3) + "}}}]";
      case 3 -> key + ": [{podSelector: {matchExpressions: [{key: tier, operator: In, values: [t"
          + random.nextInt(2) + "]}]}}, {ipBlock: {cidr: 10.0.0.0/8}}]";
      case 4 -> key + ": [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "
          + (random.nextBoolean() ? "m" : "n") + "}}, podSelector: {matchLabels: {tier: t" + random.nextInt(2) + "}}}]";
      default -> key + ": [{namespaceSelector: {}}]";
    };
  }

  private static NetworkModel model(String yaml) {
    TreeMap<String, String> files = new TreeMap<>(Map.of("t.yaml", yaml));
    return NetworkModel.of(new RenderedTree(files).documents());
  }

  private static NetworkModel.Pod pod(NetworkModel m, String name) {
    return m.pods().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }
}
