package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.generate.spi.RenderedTree;
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
  void write_ofATreeNotYetRendered_writesWhatTheRenderedTreeWrites_andFindsItUnchangedAfter() throws Exception {
    RenderedTree rendered = RenderedTree.of(TestFleets.bookingManifests());
    TreeWriter.write(tmp.resolve("rendered"), rendered, "f");
    Path out = tmp.resolve("deferred");

    TreeReport first = TreeWriter.write(out, RenderedTree.deferred(TestFleets.bookingManifests()), "f");
    TreeReport again = TreeWriter.write(out, RenderedTree.deferred(TestFleets.bookingManifests()), "g");

    assertThat(first.added()).hasSize(rendered.files().size() + 1);
    FolderSnapshot.assertUnchanged(FolderSnapshot.of(tmp.resolve("rendered")), FolderSnapshot.of(out));
    assertThat(again.isUpToDate()).isTrue();
    assertThat(again.unchanged()).hasSize(rendered.files().size() + 1);
    // The record holds every file's checksum: the tree is found up to date by it, without generating.
    assertThat(TreeWriter.upToDate(out, "g")).isPresent();
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
    assertThat(tmp).isDirectoryNotContaining(p -> p.getFileName().toString().matches("\\.t\\.agentfleet-(staging|previous)"));
  }

  @Test
  void write_whenDirectoryHoldsForeignFiles_refusesAndChangesNothing() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));
    Files.writeString(out.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> TreeWriter.write(out, tree(Map.of("a.yaml", "changed\n"))))
        .isInstanceOf(TreeWriteException.class)
        .hasMessageContaining("holds entries agentfleet did not write: notes.txt (file)");
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
        .isInstanceOf(TreeWriteException.class)
        .hasMessageContaining("holds entries agentfleet did not write: notes.txt (file)");
  }

  @Test
  void compare_whenTreeDiffers_reportsWithoutWriting() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));

    TreeReport report = TreeWriter.compare(out, tree(Map.of("a.yaml", "b\n")));

    assertThat(report.changed()).containsExactly("a.yaml");
    assertThat(Files.readString(out.resolve("a.yaml"), StandardCharsets.UTF_8)).isEqualTo("a\n");
  }

  @Test
  void write_whenFinished_keepsOnlyTheTreeAndItsLockFileBesideIt() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));
    TreeWriter.write(out, tree(Map.of("b.yaml", "b\n")));

    try (var list = Files.list(tmp)) {
      assertThat(list.map(p -> p.getFileName().toString()).sorted()).containsExactly(".t.agentfleet-lock", "t");
    }
  }

  @Test
  void write_whenOutputFolderIsASymbolicLink_writesThroughAndKeepsTheLink() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("elsewhere/tree"));
    Path link = Files.createSymbolicLink(tmp.resolve("t"), real);

    TreeWriter.write(link, tree(Map.of("a.yaml", "a\n", "gone.yaml", "g\n")));
    TreeReport second = TreeWriter.write(link, tree(Map.of("a.yaml", "A\n")));

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(real);
    assertThat(real.resolve("a.yaml")).hasContent("A\n");
    assertThat(real.resolve("gone.yaml")).doesNotExist();
    assertThat(second.removed()).containsExactly("gone.yaml");
    assertThat(TreeWriter.compare(link, tree(Map.of("a.yaml", "A\n"))).isUpToDate()).isTrue();
    assertThat(TreeWriter.compare(real, tree(Map.of("a.yaml", "A\n"))).isUpToDate()).isTrue();
    // Staged and locked beside the real folder, so the link's side holds nothing but the link.
    try (var list = Files.list(tmp)) {
      assertThat(list.map(p -> p.getFileName().toString()).sorted()).containsExactly("elsewhere", "t");
    }
    try (var list = Files.list(real.getParent())) {
      assertThat(list.map(p -> p.getFileName().toString()).sorted()).containsExactly(".tree.agentfleet-lock", "tree");
    }
  }

  @Test
  void write_whenOutputFolderIsALinkToNothing_refusesNamingTheLinkAndKeepsIt() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("t"), tmp.resolve("missing"));

    assertThatThrownBy(() -> TreeWriter.write(link, tree(Map.of("a.yaml", "a\n"))))
        .isInstanceOf(TreeWriteException.class)
        .hasMessage(tmp.toRealPath().resolve("t") + " is a symbolic link to " + tmp.resolve("missing")
            + ", which does not exist; create that folder (agentfleet writes through the link) or remove the link");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(tmp.resolve("missing")).doesNotExist();
  }

  @Test
  void write_whenTreeHoldsAForeignSymbolicLink_refusesNamingItAndDeletesNothing() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("core/a.yaml", "a\n")));
    Path outside = Files.writeString(tmp.resolve("precious.txt"), "keep");
    Files.createSymbolicLink(out.resolve("core/link.yaml"), outside);

    assertThatThrownBy(() -> TreeWriter.write(out, tree(Map.of("b.yaml", "b\n"))))
        .isInstanceOf(TreeWriteException.class)
        .hasMessageContaining("holds entries agentfleet did not write: core/link.yaml (symbolic link to " + outside
            + "); move them out")
        .satisfies(e -> assertThat(((TreeWriteException) e).foreign())
            .containsExactly("core/link.yaml (symbolic link to " + outside + ")"));
    assertThat(Files.isSymbolicLink(out.resolve("core/link.yaml"))).isTrue();
    assertThat(outside).hasContent("keep");
    assertThat(out.resolve("core/a.yaml")).hasContent("a\n");
  }

  @Test
  void write_whenAnIndexedFileWasReplacedByALink_refusesIt() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));
    Path outside = Files.writeString(tmp.resolve("other.yaml"), "a\n");
    Files.delete(out.resolve("a.yaml"));
    Files.createSymbolicLink(out.resolve("a.yaml"), outside);

    assertThatThrownBy(() -> TreeWriter.write(out, tree(Map.of("b.yaml", "b\n"))))
        .isInstanceOf(TreeWriteException.class)
        .hasMessageContaining("holds entries agentfleet did not write: a.yaml (symbolic link to " + outside + ")");
    assertThat(outside).hasContent("a\n");
  }

  @Test
  void write_whenTreeHoldsAForeignEmptyFolder_refusesNamingItAndKeepsIt() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("core/a.yaml", "a\n")));
    Files.createDirectories(out.resolve("core/cache"));
    Files.createDirectories(out.resolve("notes/deep"));
    Files.writeString(out.resolve("notes/deep/n.txt"), "n");

    assertThatThrownBy(() -> TreeWriter.write(out, tree(Map.of("b.yaml", "b\n"))))
        .isInstanceOf(TreeWriteException.class)
        .hasMessageContaining("holds entries agentfleet did not write: core/cache (empty folder), notes (folder);");
    assertThat(out.resolve("core/cache")).isEmptyDirectory();
    assertThat(out.resolve("notes/deep/n.txt")).hasContent("n");
  }

  @Test
  void compare_whenTreeHoldsAForeignSymbolicLinkToAFolder_refusesWithoutFollowingIt() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")));
    Path folder = Files.createDirectories(tmp.resolve("big"));
    Files.writeString(folder.resolve("x.yaml"), "x");
    Files.createSymbolicLink(out.resolve("big"), folder);

    assertThatThrownBy(() -> TreeWriter.compare(out, tree(Map.of("a.yaml", "a\n"))))
        .isInstanceOf(TreeWriteException.class)
        .hasMessageContaining("holds entries agentfleet did not write: big (symbolic link to " + folder + ")");
  }

  @Test
  void write_whenOutputIsAFile_refusesWithATypedError() throws Exception {
    Path out = Files.writeString(tmp.resolve("t"), "x");

    assertThatThrownBy(() -> TreeWriter.write(out, tree(Map.of("a.yaml", "a\n"))))
        .isInstanceOf(TreeWriteException.class)
        .hasMessageContaining("t is a file, not a folder");
    assertThat(out).hasContent("x");
  }

  @Test
  void write_whenAKilledRunLeftTheOldTreeHalfPruned_finishesPruningByItsIndex() throws Exception {
    Path out = tmp.resolve("t");
    Path old = tmp.resolve(".t.agentfleet-previous");
    TreeWriter.write(old, tree(Map.of("core/a.yaml", "a\n", "core/b.yaml", "b\n")));
    Files.delete(old.resolve("core/a.yaml"));
    TreeWriter.write(out, tree(Map.of("x.yaml", "x\n")));

    assertThat(old).doesNotExist();
    assertThat(out.resolve("x.yaml")).hasContent("x\n");
  }

  @Test
  void write_whenTheOldTreeMovedAsideHoldsAForeignFile_keepsItAndSaysWhere() throws Exception {
    Path out = tmp.resolve("t");
    Path old = tmp.resolve(".t.agentfleet-previous");
    TreeWriter.write(out, tree(Map.of("x.yaml", "x\n")));
    TreeWriter.write(old, tree(Map.of("core/a.yaml", "a\n")));
    Files.writeString(old.resolve("core/mine.txt"), "mine");

    assertThatThrownBy(() -> TreeWriter.write(out, tree(Map.of("y.yaml", "y\n"))))
        .isInstanceOf(TreeWriteException.class)
        .hasMessage("the earlier tree of " + tmp.toRealPath().resolve("t") + ", moved aside to "
            + tmp.toRealPath().resolve(".t.agentfleet-previous") + " to be replaced, holds entries agentfleet did not "
            + "write, so it was not deleted: core/mine.txt (file); move them out and delete "
            + tmp.toRealPath().resolve(".t.agentfleet-previous"));
    assertThat(old.resolve("core/mine.txt")).hasContent("mine");
    assertThat(old.resolve("core/a.yaml")).doesNotExist();
    assertThat(out.resolve("x.yaml")).hasContent("x\n");
  }

  @Test
  void write_asksTheVerdictOnceTheNewTreeIsStagedAndBeforeTheOldOneChanges() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n")), "first");
    Path staging = tmp.resolve(".t.agentfleet-staging");
    Map<String, String> seen = new TreeMap<>();

    TreeWriter.write(out, tree(Map.of("a.yaml", "A\n", "b.yaml", "b\n")), "second", () -> {
      try {
        seen.put("staged a", Files.readString(staging.resolve("a.yaml")));
        seen.put("staged b", Files.readString(staging.resolve("b.yaml")));
        seen.put("in place", Files.readString(out.resolve("a.yaml")));
        seen.put("record", Files.readString(TreeWriter.stateFile(out.toAbsolutePath())).lines().skip(1).findFirst()
            .orElseThrow());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });

    assertThat(seen).containsExactly(Map.entry("in place", "a\n"), Map.entry("record", "fingerprint first"),
        Map.entry("staged a", "A\n"), Map.entry("staged b", "b\n"));
    assertThat(Files.readString(out.resolve("a.yaml"))).isEqualTo("A\n");
    assertThat(TreeWriter.upToDate(out, "second")).isPresent();
  }

  @Test
  void write_whenTheVerdictThrows_leavesTheTreeAndItsRecordAndRemovesTheStagedFiles() throws Exception {
    Path out = tmp.resolve("t");
    TreeWriter.write(out, tree(Map.of("a.yaml", "a\n", "gone.yaml", "g\n")), "first");
    Map<String, byte[]> before = FolderSnapshot.of(tmp);
    IllegalStateException refusal = new IllegalStateException("refused");

    assertThatThrownBy(() -> TreeWriter.write(out, tree(Map.of("a.yaml", "A\n", "b.yaml", "b\n")), "second", () -> {
      throw refusal;
    })).isSameAs(refusal);

    FolderSnapshot.assertUnchanged(before, FolderSnapshot.of(tmp));
    assertThat(TreeWriter.upToDate(out, "first")).isPresent();
  }

  @Test
  void write_whenTheTreeIsUnchangedAndTheVerdictThrows_keepsTheOldRecord() throws Exception {
    Path out = tmp.resolve("t");
    RenderedTree t = tree(Map.of("a.yaml", "a\n"));
    TreeWriter.write(out, t, "first");

    assertThatThrownBy(() -> TreeWriter.write(out, t, "second", () -> {
      throw new IllegalStateException("refused");
    })).hasMessage("refused");

    assertThat(TreeWriter.upToDate(out, "first")).isPresent();
    assertThat(TreeWriter.upToDate(out, "second")).isEmpty();
  }
}
