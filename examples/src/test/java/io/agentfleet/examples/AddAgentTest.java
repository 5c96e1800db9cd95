package io.agentfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.AgentSpec;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.profiles.Profiles;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Adding a standard agent is a small, reviewable change: one new file, and only the shared files that must list it. */
class AddAgentTest {
  private static RenderedTree generate(FleetSpec spec) {
    return FleetGenerator.builder().profile(Profiles.named("production")).build().generate(spec).tree();
  }

  @Test
  void addingAgentA5_addsOneFileAndChangesOnlyTheFilesThatListAgents() {
    FleetSpec booking = BookingAgentsTreeTest.yamlFleet();
    AgentSpec a4 = booking.agents().get(booking.agents().size() - 1);
    FleetSpec withA5 = FleetSpec.builder().from(booking)
        .addAgent(AgentSpec.builder().from(a4).id("a5").build())
        .build();

    RenderedTree before = generate(booking);
    RenderedTree after = generate(withA5);

    Set<String> added = new TreeSet<>(after.files().keySet());
    added.removeAll(before.files().keySet());
    Set<String> removed = new TreeSet<>(before.files().keySet());
    removed.removeAll(after.files().keySet());
    Set<String> changed = new TreeSet<>();
    before.files().forEach((path, text) -> {
      if (after.files().containsKey(path) && !after.files().get(path).equals(text)) {
        changed.add(path);
      }
    });

    assertThat(added).containsExactly("agents/booking-agent-a5.yaml");
    assertThat(removed).isEmpty();
    assertThat(changed).containsExactlyInAnyOrder(
        // discovery lists the agent; the quota grows by its pods and claim; the README's tables and matrix gain a row
        "core/configmap.yaml", "core/namespace.yaml", "README.md",
        // the agent's own role, database, credentials template and backup entry; restore.sh knows its database
        "database/postgres-cluster.yaml", "database/postgres-backup.yaml", "database/secrets.yaml",
        "database/restore.sh", "database/README.md",
        // the folder's kustomization lists the new file
        "agents/kustomization.yaml",
        // the scripts and the pull-request summary's list address agents by name; the workflow, which is copied
        // to .github/workflows/, stays as it was
        "migration/deploy.sh", "migration/rollback.sh", "migration/docker-to-k8s.sh", "migration/README.md",
        "ci-cd/agents.txt");
    assertThat(after.files().get("agents/booking-agent-a5.yaml"))
        .isEqualTo(before.files().get("agents/booking-agent-a4.yaml").replace("a4", "a5").replace("A4", "A5"));
  }
}
