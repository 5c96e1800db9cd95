package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The canonical form a tree's fingerprint hashes: it must hold every value {@link FleetYaml#write} writes and nothing
 * else, whatever the order of the file's keys, or a changed fleet would find its old tree up to date.
 */
class CanonicalSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Numbers compared by value: the mapper's tree keeps a long field's type, a JSON reader reads the smallest. */
  private static final java.util.Comparator<JsonNode> SAME_NUMBER = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private static String canonical(FleetSpec spec) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FleetYaml.writeCanonical(spec, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyFleetOfTheProjectAndItsMutants_holdWhatWriteWrites_andTellApartWhatItTellsApart() throws IOException {
    List<String> bases = TestFleets.fuzzBases();
    List<String> texts = new ArrayList<>(bases);
    for (long seed = 0; seed < 3_000; seed++) {
      texts.add(new String(FleetMutator.mutate(bases.get((int) (seed % bases.size())), seed), StandardCharsets.UTF_8));
    }
    Map<String, String> byCanonical = new HashMap<>();
    Map<String, String> byYaml = new HashMap<>();
    int bound = 0;
    for (String text : texts) {
      // Bound as reading binds a file that passed the shape check, before the resolver's rules: more of the mutants'
      // odd values get this far than a whole read lets through.
      Optional<FleetSpec> spec = TestFleets.shapeChecked(text).flatMap(SpecBinder::bind);
      if (spec.isEmpty()) {
        continue;
      }
      bound++;
      String canonical = canonical(spec.get());
      // What the writing mapper makes of the spec, before YAML's text (which a JSON reader could not compare).
      JsonNode written = FleetYaml.tree(spec.get());
      assertThat(canonical).startsWith("{").doesNotContain("\n");
      assertThat(written.equals(SAME_NUMBER, JSON.readTree(canonical))).as("%s%n%s", text, canonical).isTrue();
      // One canonical form for one written fleet, and the other way round: it tells apart exactly what the YAML does.
      String yaml = FleetYaml.write(spec.get());
      String earlier = byCanonical.putIfAbsent(canonical, yaml);
      assertThat(earlier == null ? yaml : earlier).as("fleets with one canonical form: %s", text).isEqualTo(yaml);
      String earlierForm = byYaml.putIfAbsent(yaml, canonical);
      assertThat(earlierForm == null ? canonical : earlierForm).as("one fleet's canonical form: %s", text)
          .isEqualTo(canonical);
    }
    assertThat(bound).as("fleets bound").isGreaterThan(500);
    assertThat(byCanonical.size()).as("distinct fleets").isGreaterThan(400);
  }

  @Test
  void valuesOfEveryKind_areWrittenAsTheMapperWritesThem() {
    // Value classes as their @JsonValue gives them, choices, numbers, ranges.
    FleetSpec spec = TestFleets.shapeChecked(TestFleets.EVERY_KIND).flatMap(SpecBinder::bind).orElseThrow();
    String canonical = canonical(spec);
    assertThat(FleetYaml.tree(spec).equals(SAME_NUMBER, readTree(canonical))).as(canonical).isTrue();
    assertThat(canonical).contains("\"FROM_SECRET\":{\"key\":\"token\",\"secret\":\"api\"}",
        "\"priority\":\"high\"", "\"replicas\":\"1..8\"");
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aSpecPartOfAnotherClass_isReadThroughTheModelsAccessors() {
    // Every part made by the model is an Immutables class, read from its fields; any other implementation of a spec
    // interface is read through its accessors, its optional values unwrapped, to the same form.
    FleetSpec base = TestFleets.shapeChecked(TestFleets.EVERY_KIND).flatMap(SpecBinder::bind).orElseThrow();
    SubAgentSpec real = base.subAgents().get(1);
    assertThat(real.limits()).isPresent();
    assertThat(real.workspace()).isPresent();
    SubAgentSpec other = (SubAgentSpec) java.lang.reflect.Proxy.newProxyInstance(
        SubAgentSpec.class.getClassLoader(), new Class<?>[] {SubAgentSpec.class},
        (proxy, method, args) -> method.invoke(real, args));
    List<SubAgentSpec> subAgents = new ArrayList<>(base.subAgents());
    subAgents.set(1, other);
    String canonical = canonical(FleetSpec.builder().from(base).subAgents(subAgents).build());
    assertThat(canonical).isEqualTo(canonical(base));
  }

  @Test
  void theOrderOfAMappingsKeys_changesNothing_andAnyValueDoes() {
    Map<String, String> one = new LinkedHashMap<>();
    one.put("team", "platform");
    one.put("cost-centre", "42");
    Map<String, String> other = new LinkedHashMap<>();
    other.put("cost-centre", "42");
    other.put("team", "platform");
    FleetSpec base = TestFleets.exampleSpec();
    FleetSpec a = FleetSpec.builder().from(base).labels(one).build();
    FleetSpec b = FleetSpec.builder().from(base).labels(other).build();
    assertThat(canonical(a)).isEqualTo(canonical(b)).contains("\"labels\":{\"cost-centre\":\"42\",\"team\":\"platform\"}");

    other.put("team", "platform2");
    assertThat(canonical(FleetSpec.builder().from(base).labels(other).build())).isNotEqualTo(canonical(a));
    assertThat(canonical(FleetSpec.builder().from(base).namespace(base.namespace() + "x").build()))
        .isNotEqualTo(canonical(base));
  }

  @Test
  void texts_areJsonStrings_soAQuoteOrALineEndCannotPassForStructure() throws IOException {
    FleetSpec base = TestFleets.exampleSpec();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("a", "x\",\"b\":\"y");
    labels.put("c", "line\nend\\ \u0001 caf\u00e9 \u2014");
    String canonical = canonical(FleetSpec.builder().from(base).labels(labels).build());
    JsonNode read = JSON.readTree(canonical);
    assertThat(read.path("labels").path("a").asText()).isEqualTo("x\",\"b\":\"y");
    assertThat(read.path("labels").path("c").asText()).isEqualTo("line\nend\\ \u0001 caf\u00e9 \u2014");
    assertThat(read.path("labels").has("b")).isFalse();
  }
}
