package io.agentfleet.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the diff's Markdown names the trees it compares: as the pull request shows their paths. */
class DiffMojoTest {
  @TempDir Path root;

  private DiffMojo mojo(Path basedir) {
    DiffMojo mojo = new DiffMojo();
    mojo.basedir = basedir.toFile();
    return mojo;
  }

  @Test
  void maxBytes_whenNegative_isRefusedByNameBeforeAnyGenerationOrGitRead() {
    DiffMojo mojo = mojo(root);
    mojo.maxBytes = -1;
    // A base that is no revision: reading Git first would fail on it instead.
    mojo.base = "no-such-revision";

    assertThatThrownBy(() -> mojo.executeWithoutGeneration(root.resolve("generated"), "production"))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("agentfleet.diff.maxBytes: must be 0 (no limit) or more, not -1");
  }

  @Test
  void inRepository_whenTheTreeIsBesideTheProject_isRelativeToTheGitWorkTree() throws IOException {
    Files.createDirectories(root.resolve(".git"));
    Path project = Files.createDirectories(root.resolve("deploy"));

    DiffMojo mojo = mojo(project);

    assertThat(mojo.inRepository(project.resolve("../generated/production"))).isEqualTo("generated/production");
    assertThat(mojo.inRepository(project.resolve("fleet.yaml"))).isEqualTo("deploy/fleet.yaml");
  }

  @Test
  void inRepository_whenAWorkTreeIsAFileLink_findsItToo() throws IOException {
    // git worktree and submodules leave a .git file, not a folder.
    Files.writeString(root.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/x\n");

    assertThat(mojo(root).inRepository(root.resolve("generated/dev"))).isEqualTo("generated/dev");
  }

  @Test
  void inRepository_outsideAnyWorkTree_namesThePathAsOtherMessagesDo() throws IOException {
    Path project = Files.createDirectories(root.resolve("project"));
    Path outside = root.resolve("elsewhere/generated");

    DiffMojo mojo = mojo(project);

    boolean inAnyTree = false;
    for (Path p = outside.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      inAnyTree |= Files.exists(p.resolve(".git"));
    }
    assumeFalse(inAnyTree, "the temporary folder " + root + " lies inside a Git work tree");

    assertThat(mojo.inRepository(outside)).isEqualTo(mojo.display(outside));
    assertThat(mojo.inRepository(project.resolve("generated"))).isEqualTo("generated");
  }
}
