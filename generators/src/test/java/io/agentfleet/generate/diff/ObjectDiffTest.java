package io.agentfleet.generate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.FleetYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change to fleet.yaml reads, in the diff, as the objects and fields it changes and the flags it raises. */
class ObjectDiffTest {
  private static final String S2 = "{ id: s2, role: ui-developer,        replicas: 1..6,";
  private static final String A4 = """
        - id: a4
          worker: { workspace: 20Gi, repository: https://github.com/example/booking.git }
          frontend: { image: booking-frontend:1.4.0 }
          backend: { image: booking-backend:1.4.0 }
      """;

  private static String bookingYaml() throws IOException {
    return Files.readString(TestFleets.root().resolve("examples/booking-agents/fleet.yaml"));
  }

  private static RenderedTree generate(String yaml) {
    return FleetGenerator.builder().validators(List.of()).build().generate(FleetYaml.read(yaml, "fleet.yaml"))
        .tree();
  }

  private static String edit(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  @Test
  void diff_whenOneSubAgentMayGrow_namesItsMaximumAndWhatFollowsFromIt() throws IOException {
    String yaml = bookingYaml();
    TreeChanges changes = ObjectDiff.compare(generate(yaml), generate(edit(yaml, S2,
        S2.replace("1..6", "1..8"))), "base", "head");
    String md = changes.markdown();

    ObjectChange hpa = changes.objects().stream()
        .filter(c -> c.key().equals(new ObjectKey("autoscaling", "HorizontalPodAutoscaler", "booking-agents",
            "claude-sub-agent-s2"))).findFirst().orElseThrow();
    assertThat(hpa.fields()).extracting(FieldChange::toString).containsExactly("spec.maxReplicas: 6 → 8");
    assertThat(changes.flags()).extracting(f -> f.category() + " " + f.subject() + " " + f.text())
        .containsExactly("REPLICA_BOUNDS HorizontalPodAutoscaler booking-agents/claude-sub-agent-s2 "
            + "spec.maxReplicas: 6 → 8");
    assertThat(md).contains("- **replica bounds changed**: HorizontalPodAutoscaler "
        + "booking-agents/claude-sub-agent-s2: spec.maxReplicas: 6 → 8")
        .contains("| `spec.maxReplicas` | `6` | `8` |")
        .containsPattern("#### ResourceQuota booking-agents/[a-z-]+ \\(core/[a-z-]+\\.yaml\\)")
        .containsPattern("\\| `spec\\.hard\\[\"requests\\.cpu\"]` \\| `73920m` \\| `77520m` \\|")
        .containsPattern("\\| changed \\| \\(file\\) \\| README\\.md \\| \\+[1-9]\\d* −[1-9]\\d* lines \\|");
    assertThat(changes.objects()).allMatch(c -> c.status() == ObjectChange.Status.CHANGED);
    assertThat(md.indexOf("### Flags")).isLessThan(md.indexOf("### Changed objects"));
    assertThat(md).contains("| `data[\"discovery.yaml\"] line 33` | `  replicas: 1..6` | `  replicas: 1..8` |")
        .contains("| `spec.groups[agentfleet.model].rules[workload:replicas_max:model{namespace=booking-agents,"
            + "workload=claude-sub-agent-s2}].expr` | `vector(6)` | `vector(8)` |")
        .doesNotContain("\\n");
  }

  @Test
  void diff_whenAnAgentIsDeleted_flagsItsVolumeAndDatabaseObjects() throws IOException {
    String yaml = bookingYaml();
    TreeChanges changes = ObjectDiff.compare(generate(yaml), generate(edit(yaml, A4, "")), "base", "head");

    assertThat(changes.flags(Flag.Category.STATEFUL_DELETION)).extracting(Flag::subject)
        .contains("PersistentVolumeClaim booking-agents/booking-agent-a4-worker",
            "Database booking-agents/booking-agent-a4", "ExternalSecret booking-agents/booking-agent-a4-db")
        .allMatch(s -> s.contains("a4"));
    assertThat(changes.markdown()).contains("- **stateful object deleted**: "
        + "PersistentVolumeClaim booking-agents/booking-agent-a4-worker: removed (agents/booking-agent-a4.yaml)");
  }

  @Test
  void diff_whenANetworkPolicyAdmitsAnotherAgent_showsTheMatrixCellThatOpens() throws IOException {
    RenderedTree base = generate(bookingYaml());
    TreeMap<String, String> files = new TreeMap<>(base.files());
    files.put("agents/booking-agent-a2.yaml", edit(files.get("agents/booking-agent-a2.yaml"), """
          - from:
            - podSelector:
                matchLabels:
                  app.kubernetes.io/instance: booking-agent-a2-worker
                  app.kubernetes.io/name: claude-code-worker
            ports:
            - port: 3000
        """, """
          - from:
            - podSelector: {}
            ports:
            - port: 3000
        """));
    files.put("agents/booking-agent-a3.yaml", edit(files.get("agents/booking-agent-a3.yaml"),
        "          app.kubernetes.io/instance: booking-agent-a3-frontend\n"
            + "          app.kubernetes.io/name: booking-agent-frontend\n",
        "          app.kubernetes.io/name: booking-agent-frontend\n"));
    TreeChanges changes = ObjectDiff.compare(base, new RenderedTree(files), "base", "head");

    assertThat(changes.matrixCells()).extracting(c -> c.from() + " → " + c.to() + ": " + c.before() + " → "
        + c.after()).containsExactly(
            "booking-agents/booking-agent-a3-worker → booking-agents/booking-agent-a2-frontend: [] → [3000]");
    assertThat(changes.flags(Flag.Category.NETWORK_WIDENED)).hasSize(1);
    assertThat(changes.markdown()).contains("| booking-agents/booking-agent-a3-worker | "
        + "booking-agents/booking-agent-a2-frontend | · | 3000 (wider) |");
  }

  @Test
  void diff_ofAnUnchangedFleet_saysNoChanges(@TempDir Path dir) throws IOException {
    RenderedTree tree = generate(bookingYaml());
    for (var e : tree.files().entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
    Files.writeString(dir.resolve(TreeFiles.INDEX), "README.md\n");
    TreeChanges changes = ObjectDiff.compare(TreeFiles.read(dir), tree, "committed", "generated");

    assertThat(changes.isEmpty()).isTrue();
    assertThat(changes.markdown()).isEqualTo(TreeChanges.MARKER + "\n## agentfleet diff: committed → generated\n\n"
        + "No changes: both trees hold the same objects and files.\n");
  }
}
