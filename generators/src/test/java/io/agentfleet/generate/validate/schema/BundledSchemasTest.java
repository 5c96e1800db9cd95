package io.agentfleet.generate.validate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.validate.FleetVariants;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.schemas.Schemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The schemas agentfleet ships are exactly those its trees need: fleets in every mode generate and validate with the
 * default location (the classpath), and every shipped Kubernetes and CRD schema is used by at least one of them.
 */
class BundledSchemasTest {
  private static final String VERSION = "v1.34.0";

  @Test
  void everyMode_whenGeneratedWithDefaults_findsASchemaForEveryKind_andUsesEveryShippedOne() {
    Map<String, FleetSpec> fleets = new LinkedHashMap<>();
    fleets.put("booking example", TestFleets.bookingSpec());
    fleets.putAll(FleetVariants.all());
    List<SchemaTemplate> bundled = SchemaLocation.parse(null, null).templates();
    Set<String> used = new TreeSet<>();
    Set<String> kinds = new TreeSet<>();

    // The entry point of several environments (an ApplicationSet) is written beside their trees.
    Map<String, io.agentfleet.generate.GenerationResult> environments = new LinkedHashMap<>();
    environments.put("production", FleetGenerator.builder().build().generate(TestFleets.bookingSpec()));
    List<io.agentfleet.generate.spi.RenderedTree> trees = new java.util.ArrayList<>();
    trees.add(io.agentfleet.generate.EnvironmentsEntryPoint.of(environments, null, null));
    fleets.forEach((name, spec) -> {
      // Generation validates every document against the shipped schemas: a kind without one fails here.
      trees.add(FleetGenerator.builder().build().generate(spec).tree());
    });
    trees.forEach(tree -> {
      String name = tree.files().keySet().iterator().next();
      for (List<JsonNode> docs : tree.documents().values()) {
        for (JsonNode d : docs) {
          ResourceType type = new ResourceType(d.path("apiVersion").asText(), d.path("kind").asText());
          kinds.add(type.toString());
          String found = bundled.stream().map(t -> t.render(type, VERSION))
              .map(loc -> loc.substring((SchemaTemplate.CLASSPATH + Schemas.ROOT).length()))
              .filter(p -> Schemas.find(p).isPresent()).findFirst()
              .orElseThrow(() -> new AssertionError(name + ": no shipped schema for " + type));
          used.add(found);
        }
      }
    });

    Set<String> shipped = Schemas.manifest().stream().map(Schemas.Entry::path)
        .filter(p -> p.startsWith("kubernetes/") || p.startsWith("crds/"))
        .collect(Collectors.toCollection(TreeSet::new));
    System.out.println("[schemas] " + kinds.size() + " kinds emitted across " + fleets.size() + " fleets: " + kinds);
    assertThat(used).as("shipped schemas no fleet uses (drop them from schemas/.../manifest.tsv)").isEqualTo(shipped);
  }

  @Test
  void otherSchemas_areThoseTheLibraryAndTestsRead() {
    assertThat(Schemas.manifest()).extracting(Schemas.Entry::path).filteredOn(p -> p.startsWith("other/"))
        .containsExactlyInAnyOrder("other/compose-spec.json", "other/github-workflow.json", "other/kustomization.json",
            "other/prometheus.json");
  }
}
