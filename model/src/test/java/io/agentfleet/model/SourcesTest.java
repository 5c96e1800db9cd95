package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The sources of a fleet's values, a sub-agent's made when first asked for. */
class SourcesTest {
  /** The example with a profile that changed one sub-agent's maximum and every sub-agent's image. */
  private static FleetSpec applied(FleetSpec written) {
    return FleetSpec.builder().from(written).subAgents(written.subAgents().stream()
        .map(s -> SubAgentSpec.builder().from(s).image("registry.example/agent:9")
            .replicas(s.id().equals("s2") ? ReplicaRange.between(s.replicas().min(), s.replicas().max() + 1) : s.replicas())
            .build())
        .toList()).build();
  }

  @Test
  void note_ofEverySubAgentValue_isWhatTheWholeRecordSays_asWrittenOrByTheProfile() {
    FleetSpec written = TestFleets.exampleSpec();
    Sources sources = Sources.of(written, applied(written), "production");
    SortedMap<String, Sources.Source> all = sources.all();

    assertThat(all.keySet()).filteredOn(p -> p.startsWith("subAgents[")).hasSizeGreaterThan(
        15 * written.subAgents().size());
    // Asked one by one, in the reverse order of the record (every sub-agent's sources made again, out of turn).
    List<String> paths = new ArrayList<>(all.keySet());
    java.util.Collections.reverse(paths);
    for (String path : paths) {
      assertThat(sources.note(path)).as(path).isEqualTo(all.get(path).note());
      assertThat(sources.find(path)).as(path).contains(all.get(path));
    }
    assertThat(sources.note("subAgents[s2].replicas.max")).isEqualTo("profile production: subAgents[s2].replicas");
    assertThat(sources.note("subAgents[s1].replicas.max")).isEqualTo("subAgents[s1].replicas");
    assertThat(sources.note("subAgents[s1].image")).startsWith("profile production: ");
    assertThat(sources.note("database.instances")).isEqualTo(all.get("database.instances").note());
  }

  @Test
  void subAgentNote_byIdAndField_isTheNoteAtTheWholePath_alsoWhereASourceWasReplaced() {
    FleetSpec written = TestFleets.exampleSpec();
    Sources sources = Sources.of(written, applied(written), "production");
    Sources replaced = sources.withDerived(new TreeMap<>(Map.of("subAgents[s3].replicas.max", "lowered")));
    int asked = 0;
    for (String path : sources.all().keySet()) {
      if (!path.startsWith("subAgents[")) {
        continue;
      }
      String id = path.substring("subAgents[".length(), path.indexOf(']'));
      String field = path.substring(path.indexOf(']') + 2);
      assertThat(sources.subAgentNote(id, field)).as(path).isEqualTo(sources.note(path));
      assertThat(replaced.subAgentNote(id, field)).as(path).isEqualTo(replaced.note(path));
      asked++;
    }
    assertThat(asked).isGreaterThan(15 * written.subAgents().size());
    assertThat(replaced.subAgentNote("s3", "replicas.max")).isEqualTo("lowered");
    assertThatThrownBy(() -> sources.subAgentNote("nobody", "replicas.max"))
        .hasMessage("no source recorded for subAgents[nobody].replicas.max");
    assertThatThrownBy(() -> sources.subAgentNote("s1", "nothing"))
        .hasMessage("no source recorded for subAgents[s1].nothing");
    assertThat(Sources.none().subAgentNote("s1", "replicas.max")).isEmpty();
  }

  @Test
  void note_ofASubAgentsValue_namesItsOwnField_theFleetDefault_theBuiltInConstant_orTheRule() {
    Sources sources = Sources.of(TestFleets.spec("name: f",
        "claude: { limits: { inputTokensPerMinute: 60000000 }, tokensPerRequest: { input: 1000, output: 200 } }",
        "network: { apiServer: [ { cidr: 10.96.0.1/32, port: 443 } ] }",
        "defaults: { subAgent: { image: agent:2, scaling: { cpu: 60%, requestsPerSecond: 4 } } }",
        "subAgents:",
        "  - { id: s1, role: senior-developer, replicas: 1..8, requests: { cpu: 1, memory: 2Gi }, priority: high }",
        "  - { id: s2, role: ui-developer, image: a:1, replicas: 2..6, requests: { cpu: 500m, memory: 1Gi },",
        "      limits: { memory: 3Gi }, scaling: { memory: 90, cpu: 50 }, workspace: 5Gi, apiAccess: read,",
        "      tokensPerRequest: { input: 4000, output: 800 } }"));

    assertThat(sources.subAgentNote("s1", "image")).isEqualTo("defaults.subAgent.image");
    assertThat(sources.subAgentNote("s2", "image")).isEqualTo("subAgents[s2].image");
    assertThat(sources.subAgentNote("s2", "replicas.min")).isEqualTo("subAgents[s2].replicas");
    assertThat(sources.subAgentNote("s1", "requests.cpu")).isEqualTo("subAgents[s1].requests.cpu");
    assertThat(sources.subAgentNote("s1", "limits.cpu"))
        .isEqualTo("= 2 × subAgents[s1].requests.cpu (CPU limit rule)");
    assertThat(sources.subAgentNote("s1", "limits.memory"))
        .isEqualTo("= subAgents[s1].requests.memory (memory limit rule)");
    assertThat(sources.subAgentNote("s2", "limits.memory")).isEqualTo("subAgents[s2].limits.memory");
    assertThat(sources.subAgentNote("s1", "scaling.cpu")).isEqualTo("defaults.subAgent.scaling.cpu");
    assertThat(sources.subAgentNote("s2", "scaling.cpu")).isEqualTo("subAgents[s2].scaling.cpu");
    assertThat(sources.subAgentNote("s1", "scaling.requestsPerSecond"))
        .isEqualTo("defaults.subAgent.scaling.requestsPerSecond");
    assertThat(sources.subAgentNote("s1", "scaling.memory")).isEqualTo("default (Defaults.MEMORY_TARGET_PERCENT)");
    assertThat(sources.subAgentNote("s1", "scaling.autoscaler")).isEqualTo("default (Defaults.AUTOSCALER)");
    assertThat(sources.subAgentNote("s1", "priority")).isEqualTo("subAgents[s1].priority");
    assertThat(sources.subAgentNote("s2", "priority")).isEqualTo("subAgents[s2].priority (medium is the default)");
    assertThat(sources.subAgentNote("s1", "apiAccess")).isEqualTo("subAgents[s1].apiAccess (none is the default)");
    assertThat(sources.subAgentNote("s2", "apiAccess")).isEqualTo("subAgents[s2].apiAccess");
    assertThat(sources.subAgentNote("s1", "workspace")).isEqualTo("default (Defaults.SUB_AGENT_WORKSPACE)");
    assertThat(sources.subAgentNote("s2", "workspace")).isEqualTo("subAgents[s2].workspace");
    assertThat(sources.subAgentNote("s1", "tokensPerRequest.input")).isEqualTo("claude.tokensPerRequest.input");
    assertThat(sources.subAgentNote("s2", "tokensPerRequest.output")).isEqualTo("subAgents[s2].tokensPerRequest.output");
    assertThat(sources.all().keySet()).filteredOn(p -> p.startsWith("subAgents[s1]."))
        .contains("subAgents[s1].scaling.scaleDownAfter", "subAgents[s1].tokensPerRequest.output");
  }

  @Test
  void note_ofAValueNoSubAgentHas_isAProgrammingError_unlessNothingIsKnown() {
    Sources sources = Sources.of(TestFleets.exampleSpec());

    assertThatThrownBy(() -> sources.note("subAgents[nobody].replicas.max"))
        .hasMessage("no source recorded for subAgents[nobody].replicas.max");
    assertThatThrownBy(() -> sources.note("subAgents[s1].nothing"))
        .hasMessage("no source recorded for subAgents[s1].nothing");
    assertThat(sources.find("subAgents[nobody].replicas.max")).isEmpty();
    assertThat(Sources.none().note("subAgents[s1].replicas.max")).isEmpty();
  }

  @Test
  void withDerivedAndWithWritten_replaceWhatTheWalkSays_forOneValue() {
    Sources sources = Sources.of(TestFleets.exampleSpec());
    SortedMap<String, String> capped = new TreeMap<>(Map.of("subAgents[s1].replicas.max", "lowered by the budget"));
    SortedMap<String, String> own = new TreeMap<>(Map.of("subAgents[s1].replicas.min", "environments.dev.x"));

    Sources replaced = sources.withDerived(capped).withWritten(own);

    assertThat(replaced.find("subAgents[s1].replicas.max")).contains(
        new Sources.Source(Sources.Kind.DERIVED, "lowered by the budget"));
    assertThat(replaced.find("subAgents[s1].replicas.min")).contains(
        new Sources.Source(Sources.Kind.WRITTEN, "environments.dev.x"));
    assertThat(replaced.all().get("subAgents[s1].replicas.max").note()).isEqualTo("lowered by the budget");
    assertThat(replaced.note("subAgents[s2].replicas.max")).isEqualTo(sources.note("subAgents[s2].replicas.max"));
    assertThat(sources.note("subAgents[s1].replicas.max")).isEqualTo("subAgents[s1].replicas");
    assertThat(replaced).isNotEqualTo(sources);
    assertThat(Sources.of(TestFleets.exampleSpec())).isEqualTo(sources).hasSameHashCodeAs(sources);
  }

  @Test
  void note_askedFromSeveralThreadsAtOnce_givesEachSubAgentItsOwn() throws Exception {
    StringBuilder yaml = new StringBuilder("name: many\nagentPrefix: m\nsubAgents:\n");
    for (int i = 0; i < 300; i++) {
      yaml.append("  - { id: s").append(i).append(", role: senior-developer, image: agent:1, replicas: 1..")
          .append(2 + i % 7).append(", requests: { cpu: ").append(1 + i % 3).append(", memory: 2Gi } }\n");
    }
    FleetSpec spec = FleetYaml.read(yaml.toString(), "many.yaml");
    Sources sources = Sources.of(spec);
    SortedMap<String, Sources.Source> all = sources.all();
    List<String> paths = new ArrayList<>(all.keySet());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> askers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t;
        askers.add(() -> {
          int checked = 0;
          for (int i = first; i < paths.size(); i += 4) {
            assertThat(sources.note(paths.get(i))).isEqualTo(all.get(paths.get(i)).note());
            checked++;
          }
          return checked;
        });
      }
      int checked = 0;
      for (Future<Integer> f : pool.invokeAll(askers)) {
        checked += f.get();
      }
      assertThat(checked).isEqualTo(paths.size());
    } finally {
      pool.shutdown();
    }
    assertThat(sources.note("subAgents[s123].requests.cpu")).isEqualTo("subAgents[s123].requests.cpu");
    assertThat(sources.note("subAgents[s123].limits.cpu")).contains("subAgents[s123].requests.cpu");
  }
}
