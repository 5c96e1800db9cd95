package io.agentfleet.generate.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.agents.AgentGenerator;
import io.agentfleet.generate.core.CoreGenerator;
import io.agentfleet.generate.database.DatabaseGenerator;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.subagents.SubAgentGenerator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 5: S6 ({@code apiAccess: read}) got a token but could not reach the API server, because egress
 * allowed only HTTPS outside the private ranges and the API server is on a private address. Evaluated here from the
 * generated NetworkPolicies alone, against the endpoints the example fleet states in {@code network.apiServer}.
 */
class ApiServerEgressTest {
  private final SortedDocs tree = new SortedDocs(RenderedTree.of(FleetGenerator.builder()
      .generators(List.of(new CoreGenerator(), new AgentGenerator(), new SubAgentGenerator(), new DatabaseGenerator()))
      .validators(List.of()).build().generate(TestFleets.bookingSpec()).manifests()).documents());
  private final NetworkModel model = NetworkModel.of(tree.docs);

  @Test
  void apiServerUnreachable_whenS6HasApiAccess_itReachesEveryStatedEndpointOnItsOwnPort() {
    NetworkModel.Pod s6 = pod("claude-sub-agent-s6");

    assertThat(egressAllows(s6, "10.0.0.10", 6443)).as("the kubeadm-style endpoint").isTrue();
    assertThat(egressAllows(s6, "10.96.0.1", 443)).as("the kubernetes Service's ClusterIP").isTrue();
    assertThat(egressAllows(s6, "10.0.0.10", 22)).as("no other port on the endpoint").isFalse();
    assertThat(egressAllows(s6, "10.96.0.1", 6443)).as("each address only with its own port").isFalse();
    assertThat(egressAllows(s6, "10.0.0.11", 6443)).as("no other private address").isFalse();
  }

  @Test
  void apiServerUnreachable_whenSubAgentHasNoApiAccess_itStillCannotReachTheApiServer() {
    for (String name : List.of("claude-sub-agent-s1", "claude-sub-agent-s5")) {
      assertThat(egressAllows(pod(name), "10.0.0.10", 6443)).as(name).isFalse();
      assertThat(egressAllows(pod(name), "10.96.0.1", 443)).as(name).isFalse();
    }
    assertThat(egressAllows(pod("claude-sub-agent-s1"), "203.0.113.7", 443)).as("HTTPS outside stays open").isTrue();
  }

  private NetworkModel.Pod pod(String name) {
    return model.pods().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** Whether the pod's egress policies allow a TCP connection to an address outside the cluster's pods. */
  private boolean egressAllows(NetworkModel.Pod pod, String ip, int port) {
    List<JsonNode> selecting = tree.policies().stream()
        .filter(p -> p.path("metadata").path("namespace").asText().equals(pod.namespace()))
        .filter(p -> types(p).contains("Egress"))
        .filter(p -> selects(p.path("spec").path("podSelector"), pod.labels()))
        .toList();
    if (selecting.isEmpty()) {
      return true;
    }
    for (JsonNode policy : selecting) {
      for (JsonNode rule : policy.path("spec").path("egress")) {
        boolean portOk = !rule.has("ports") || rule.path("ports").isEmpty();
        for (JsonNode p : rule.path("ports")) {
          portOk |= "TCP".equals(p.path("protocol").asText("TCP")) && p.path("port").asInt(-1) == port;
        }
        boolean toOk = !rule.has("to") || rule.path("to").isEmpty();
        for (JsonNode peer : rule.path("to")) {
          JsonNode block = peer.path("ipBlock");
          if (block.isObject() && inCidr(ip, block.path("cidr").asText())) {
            boolean excepted = false;
            for (JsonNode e : block.path("except")) {
              excepted |= inCidr(ip, e.asText());
            }
            toOk |= !excepted;
          }
        }
        if (portOk && toOk) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> types(JsonNode policy) {
    List<String> types = new ArrayList<>();
    policy.path("spec").path("policyTypes").forEach(t -> types.add(t.asText()));
    return types;
  }

  private static boolean selects(JsonNode selector, Map<String, String> labels) {
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode x : selector.path("matchExpressions")) {
      List<String> values = new ArrayList<>();
      x.path("values").forEach(v -> values.add(v.asText()));
      String value = labels.get(x.path("key").asText());
      boolean in = value != null && values.contains(value);
      if ("In".equals(x.path("operator").asText()) != in) {
        return false;
      }
    }
    return true;
  }

  private static boolean inCidr(String ip, String cidr) {
    String[] parts = cidr.split("/");
    int bits = Integer.parseInt(parts[1]);
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    return (address(ip) & mask) == (address(parts[0]) & mask);
  }

  private static long address(String ip) {
    long a = 0;
    for (String octet : ip.split("\\.")) {
      a = (a << 8) | Integer.parseInt(octet);
    }
    return a;
  }

  /** The rendered documents, and the NetworkPolicies among them. */
  private record SortedDocs(java.util.SortedMap<String, List<JsonNode>> docs) {
    List<JsonNode> policies() {
      return docs.values().stream().flatMap(List::stream)
          .filter(d -> "NetworkPolicy".equals(d.path("kind").asText())).toList();
    }
  }
}
