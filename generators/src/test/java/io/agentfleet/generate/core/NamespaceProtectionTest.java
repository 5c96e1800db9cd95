package io.agentfleet.generate.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.FleetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 7: deleting an Application deleted data. The core Application owned the fleet's Namespace (and
 * the monitoring one owned {@code monitoring} and {@code logging}), so a cascading delete or a Flux prune removed
 * every volume in them, and an existing {@code monitoring} namespace was relabelled.
 */
class NamespaceProtectionTest {
  private static GenerationResult generate(FleetSpec spec) {
    return FleetGenerator.builder().generators(FleetGenerator.standardGenerators()).validators(List.of()).build()
        .generate(spec);
  }

  private static List<JsonNode> namespaces(GenerationResult result) {
    return RenderedTree.of(result.manifests()).documents().values().stream().flatMap(List::stream)
        .filter(d -> "Namespace".equals(d.path("kind").asText())).toList();
  }

  @Test
  void namespaceDeletedWithApplication_everyNamespaceTheTreeCreates_isKeptByArgoCdAndFlux() {
    List<JsonNode> created = namespaces(generate(TestFleets.bookingSpec()));

    assertThat(created).extracting(n -> n.path("metadata").path("name").asText())
        .containsExactlyInAnyOrder("booking-agents", "monitoring", "logging");
    assertThat(created).allSatisfy(n -> {
      JsonNode annotations = n.path("metadata").path("annotations");
      assertThat(annotations.path("argocd.argoproj.io/sync-options").asText()).isEqualTo("Prune=false,Delete=false");
      assertThat(annotations.path("kustomize.toolkit.fluxcd.io/prune").asText()).isEqualTo("disabled");
    });
  }

  @Test
  void namespaceDeletedWithApplication_whenNamespacesAreExternal_theTreeNeitherCreatesNorLabelsThem() {
    FleetSpec spec = FleetSpec.builder().from(TestFleets.bookingSpec())
        .externalNamespaces(List.of("monitoring", "booking-agents")).build();
    GenerationResult result = generate(spec);

    assertThat(namespaces(result)).extracting(n -> n.path("metadata").path("name").asText())
        .containsExactly("logging");
    String readme = RenderedTree.of(result.manifests()).files().get("README.md");
    assertThat(readme)
        .contains("- Namespace `monitoring`, declared external in fleet.yaml (`externalNamespaces`)")
        .contains("- Namespace `booking-agents`, declared external")
        .contains("it must enforce Pod Security `restricted` or less strictly");
    assertThat(RenderedTree.of(result.manifests()).files().get("core/namespace.yaml"))
        .contains("kind: ResourceQuota").doesNotContain("kind: Namespace");
  }
}
