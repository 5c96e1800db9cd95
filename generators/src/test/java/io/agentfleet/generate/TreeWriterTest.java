package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWriterTest {
  @TempDir Path tmp;

  private static RenderedTree tree(Map<String, String> files) {
    return new RenderedTree(new TreeMap<>(files));
  }

  @Test
  void write_whenDirectoryIsNew_writesEveryFileAndTheIndex() throws Exception {
    Path out = tmp.resolve("generated/production");
    TreeReport report = TreeWriter.write(out, tree(Map.of("core/a.yaml", "a: 1\n", "README.md", "# x\n")));

    assertThat(report.added()).containsExactly(".agentfleet-tree", "README.md", "core/a.yaml");
    assertThat(Files.readString(out.resolve("core/a.yaml"))).isEqualTo("a: 1\n");
    assertThat(Files.readAllLines(out.resolve(TreeWriter.INDEX))).containsExactly("README.md", "core/a.yaml");
  }

  @Test
  void write_whenFileIsAShellScript_makesItExecutable() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("migration/deploy.sh", "#!/usr/bin/env bash\n", "core/a.yaml", "a: 1\n")));
    assertThat(Files.isExecutable(out.resolve("migration/deploy.sh"))).isTrue();
    assertThat(Files.getPosixFilePermissions(out.resolve("core/a.yaml")))
        .doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
  }

  @Test
  void write_whenNothingChanged_touchesNoFile() throws Exception {
    Path out = tmp.resolve("t");
    RenderedTree t = tree(Map.of("core/a.yaml", "a: 1\n"));
    TreeWriter.write(out, t);
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(out.resolve("core/a.yaml"), old);
    Object inode = Files.readAttributes(out.resolve("core/a.yaml"), "unix:ino").get("ino");

    TreeReport again = TreeWriter.write(out, t);

    assertThat(again.isUpToDate()).isTrue();
    assertThat(again.lines().get(0)).isEqualTo("0 added, 0 changed, 0 removed, 2 unchanged");
    assertThat(Files.getLastModifiedTime(out.resolve("core/a.yaml"))).isEqualTo(old);
    assertThat(Files.readAttributes(out.resolve("core/a.yaml"), "unix:ino").get("ino")).isEqualTo(inode);
  }

  @Test
  void write_whenOneFileChanges_keepsUnchangedFilesIdentityAndRemovesDroppedFiles() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n", "b.yaml", "b\n", "gone.yaml", "g\n")));
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(out.resolve("a.yaml"), old);

    TreeReport report = TreeWriter.write(out, tree(Map.of("a.yaml", "a\n", "b.yaml", "B\n", "new.yaml", "n\n")));

    assertThat(report.added()).containsExactly("new.yaml");
    assertThat(report.changed()).containsExactly(".agentfleet-tree", "b.yaml");
    assertThat(report.removed()).containsExactly("gone.yaml");
    assertThat(report.unchanged()).containsExactly("a.yaml");
    assertThat(out.resolve("gone.yaml")).doesNotExist();
    assertThat(Files.readString(out.resolve("b.yaml"))).isEqualTo("B\n");
    assertThat(Files.getLastModifiedTime(out.resolve("a.yaml"))).isEqualTo(old);
    assertThat(tmp).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith(".t.agentfleet"));
  }

  @Test
  void write_whenDirectoryHoldsForeignFiles_refusesAndChangesNothing() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));
    Files.writeString(out.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> TreeWriter.write(out, tree(Map.of("a.yaml", "changed\n"))))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("holds files agentfleet did not write: notes.txt");
    assertThat(Files.readString(out.resolve("a.yaml"))).isEqualTo("a\n");
    assertThat(out.resolve("notes.txt")).exists();
  }

  @Test
  void write_whenDirectoryWasNotWrittenByAgentfleet_refusesToReplaceIt() throws Exception {
    Path out = tmp.resolve("repo");
    Files.createDirectories(out);
    Files.writeString(out.resolve("pom.xml"), "<project/>");

    assertThatThrownBy(() -> TreeWriter.write(out, tree(Map.of("a.yaml", "a\n"))))
        .hasMessageContaining("is not empty and has no .agentfleet-tree");
    assertThat(out.resolve("pom.xml")).hasContent("<project/>");
  }

  @Test
  void write_whenAnEarlierRunStoppedBetweenTheRenames_restoresThePreviousTreeFirst() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));
    // An interrupted swap: the old tree was moved aside, the staged one never moved in.
    Files.move(out, tmp.resolve(".t.agentfleet-previous"));
    Files.createDirectories(tmp.resolve(".t.agentfleet-staging"));
    Files.writeString(tmp.resolve(".t.agentfleet-staging/half.yaml"), "x");

    TreeReport report = TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));

    assertThat(report.isUpToDate()).isTrue();
    assertThat(out.resolve("a.yaml")).hasContent("a\n");
    assertThat(tmp.resolve(".t.agentfleet-staging")).doesNotExist();
    assertThat(tmp.resolve(".t.agentfleet-previous")).doesNotExist();
  }

  @Test
  void compare_whenDirectoryHoldsForeignFiles_refusesAsWriteWould() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));
    Files.writeString(out.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> TreeWriter.compare(out, tree(Map.of("a.yaml", "a\n"))))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("holds files agentfleet did not write: notes.txt");
  }

  @Test
  void compare_whenTreeDiffers_reportsWithoutWriting() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));

    TreeReport report = TreeWriter.compare(out, tree(Map.of("a.yaml", "b\n")));

    assertThat(report.changed()).containsExactly("a.yaml");
    assertThat(Files.readString(out.resolve("a.yaml"), StandardCharsets.UTF_8)).isEqualTo("a\n");
  }
}
