package io.agentfleet.generate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.agents.AgentNames;
import io.agentfleet.model.PlatformFacts;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The model's copy of platform facts (it depends on no other module) agrees with where they are declared. */
class PlatformFactsTest {

  @Test
  void operatorNamespaces_whenComparedWithTheCatalog_areTheSame() {
    TreeSet<String> catalog = new TreeSet<>();
    Operator.CATALOG.forEach(o -> catalog.addAll(o.namespaces()));

    assertThat(PlatformFacts.OPERATOR_NAMESPACES).containsExactlyElementsOf(catalog);
  }

  @Test
  void ownedLabels_whenComparedWithTheGeneratorsLabels_holdEveryOne() {
    assertThat(PlatformFacts.OWNED_LABELS).containsExactlyInAnyOrder(Labels.NAME, Labels.INSTANCE, Labels.COMPONENT,
        Labels.PART_OF, Labels.MANAGED_BY, Labels.VERSION, Labels.ROLE, Labels.HTTPS_EGRESS, AgentNames.AGENT);
  }

  @Test
  void kubernetesVersions_whenLookedUpInTheBundledSchemas_eachHasItsSchemas() {
    for (String version : PlatformFacts.KUBERNETES_VERSIONS) {
      assertThat(getClass().getResource("/io/agentfleet/schemas/kubernetes/v" + version
          + ".0-standalone-strict/deployment-apps-v1.json")).as("schemas of Kubernetes %s", version).isNotNull();
    }
  }
}
