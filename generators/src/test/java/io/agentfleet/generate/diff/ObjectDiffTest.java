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
  void diff_whenSubAgentsAreSharedOut_flagsEachFileMovedToAnotherApplication_andChangesOnlyTheirFiles() throws IOException {
    String yaml = bookingYaml();
    String sharded = yaml.replaceFirst("\ngitops:\n", "\ngitops:\n  subAgentShards: 2\n");
    assertThat(sharded).isNotEqualTo(yaml);
    TreeChanges changes = ObjectDiff.compare(generate(yaml), generate(sharded), "base", "head");

    // Each sub-agent's file moved into a part of sub-agents/: its objects are the same, under another Application.
    List<Flag> moved = changes.flags(Flag.Category.MOVED_BETWEEN_APPLICATIONS);
    assertThat(moved).hasSize(6).allSatisfy(f -> {
      assertThat(f.subject()).matches("sub-agents/shard-0[01]/claude-sub-agent-s[1-6]\\.yaml");
      assertThat(f.text()).matches("[0-9]+ objects from sub-agents/claude-sub-agent-s[1-6]\\.yaml: another "
          + "Application and Flux Kustomization apply them, and may delete and re-create them \\(argoproj/argo-cd#16721\\)");
    });
    // The sub-agents' objects change their file and nothing else.
    assertThat(changes.objects()).filteredOn(c -> c.key().toString().contains("/claude-sub-agent-s"))
        .hasSizeGreaterThan(6 * 6).allSatisfy(c -> {
          assertThat(c.status()).isEqualTo(ObjectChange.Status.CHANGED);
          assertThat(c.fields()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("(file)"));
        });
    assertThat(changes.markdown()).contains("**moved to another Application**");
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
  /** A change to each of {@code n} Deployments (their image), each flagged, and one deleted database Secret. */
  private static TreeChanges wideChange(int n) {
    List<ObjectChange> objects = new java.util.ArrayList<>();
    List<Flag> flags = new java.util.ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ObjectKey key = new ObjectKey("apps", "Deployment", "wide", "helper-" + i);
      objects.add(new ObjectChange(ObjectChange.Status.CHANGED, key, "sub-agents/helper-" + i + ".yaml",
          List.of(new FieldChange("spec.template.spec.containers[helper].image",
              java.util.Optional.of("ghcr.io/wide/helper:1.0.0"), java.util.Optional.of("ghcr.io/wide/helper:1.1.0 → ✓")))));
      flags.add(new Flag(Flag.Category.IMAGE_CHANGED, key.toString(), "ghcr.io/wide/helper:1.0.0 → 1.1.0"));
    }
    flags.add(new Flag(Flag.Category.STATEFUL_DELETION, "Secret wide/db-credentials", "the database's credentials"));
    return new TreeChanges("base", "head", objects, List.of(new FileChange(FileChange.Status.CHANGED, "README.md", 3, 1)),
        flags, List.of());
  }

  @Test
  void markdown_withinABudget_keepsWholePiecesFlagsFirst_andCountsWhatItLeftOut() {
    TreeChanges changes = wideChange(3000);
    String whole = changes.markdown();
    assertThat(changes.markdown(0)).isEqualTo(whole);
    assertThat(whole.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(1_000_000);

    String cut = changes.markdown(100_000);
    byte[] bytes = cut.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(bytes.length).isLessThanOrEqualTo(100_000).isGreaterThan(90_000);
    // The same text as the whole, up to the line that says what was left out.
    String kept = cut.substring(0, cut.lastIndexOf("\n_Left out to stay within 100000 bytes: "));
    assertThat(whole).startsWith(kept);
    assertThat(kept).endsWith("\n");
    // Flags come first: the stateful deletion is there although 3 000 image flags come after it.
    assertThat(cut.indexOf("- **stateful object deleted**: Secret wide/db-credentials"))
        .isPositive().isLessThan(cut.indexOf("- **image changed**"));
    // Everything the budget did not hold is counted, by kind, and nothing is counted twice.
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("_Left out to stay within 100000 bytes: (\\d+) flags, "
        + "(\\d+) rows of the table of changes, (\\d+) changed objects' field tables\\. `mvn agentfleet:diff` prints "
        + "every change\\._\\n$").matcher(cut);
    assertThat(m.find()).as(cut.substring(Math.max(0, cut.length() - 300))).isTrue();
    long flagsShown = cut.lines().filter(l -> l.startsWith("- **")).count();
    long rowsShown = cut.lines().filter(l -> l.startsWith("| changed |")).count();
    assertThat(flagsShown + Long.parseLong(m.group(1))).isEqualTo(3001);
    assertThat(rowsShown + Long.parseLong(m.group(2))).isEqualTo(3001);
    assertThat(Long.parseLong(m.group(3))).isEqualTo(3000);

    // A budget the change fits in leaves it whole.
    assertThat(changes.markdown(whole.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 400L)).isEqualTo(whole);
    assertThat(wideChange(3).markdown(1_000_000)).isEqualTo(wideChange(3).markdown()).doesNotContain("Left out");
  }
}
