package io.agentfleet.generate.migration;

import io.agentfleet.generate.inspect.FolderGraph;
import io.agentfleet.generate.kit.Template;
import io.agentfleet.model.Fleet;
import java.util.List;
import java.util.Map;

/** {@code migration/README.md}: what each script does, in which order, and what it needs. */
final class MigrationReadme {
  private static final Template README = Template.of(MigrationReadme.class, "README.md.tmpl");

  private MigrationReadme() {}

  static String text(Fleet fleet, FolderGraph graph, Map<String, List<String>> crds, Map<String, List<String>> waits) {
    StringBuilder rows = new StringBuilder();
    int i = 1;
    for (FolderGraph.Node n : graph.folders()) {
      rows.append("| ").append(i++).append(" | `").append(n.name()).append("/` | ")
          .append(crds.get(n.name()).isEmpty() ? "—" : String.join(", ", crds.get(n.name()))).append(" | ")
          .append(waits.get(n.name()).isEmpty() ? "—" : waits.get(n.name()).size() + " objects (rollouts, readiness)")
          .append(" |\n");
    }
    String exampleId = !fleet.agents().isEmpty() ? fleet.agents().get(0).id()
        : !fleet.subAgents().isEmpty() ? fleet.subAgents().get(0).id() : "<id>";
    return README.with("fleet", fleet.name()).with("folders", rows).with("apply", MigrationGenerator.APPLY)
        .with("fieldManager", MigrationGenerator.FIELD_MANAGER).with("exampleId", exampleId).text();
  }
}
