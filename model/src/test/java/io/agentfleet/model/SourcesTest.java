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
