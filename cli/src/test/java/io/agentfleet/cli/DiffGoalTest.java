package io.agentfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the diff checks its settings and names the trees it compares: as the pull request shows their paths. */
class DiffGoalTest {
  @TempDir Path root;

  private static FleetRun run(Path basedir) {
    return FleetRun.builder().basedir(basedir).spec(Path.of("fleet.yaml")).outputDirectory(Path.of("generated"))
        .log(new Commands.StreamLog(System.out, System.err)).build();
  }

  private static DiffGoal diff(String base, long maxBytes) {
    return new DiffGoal(base, null, Path.of("diff.md"), maxBytes, false, DiffGoal.Names.MAVEN);
  }

  @Test
  void maxBytes_whenNegative_isRefusedByNameBeforeAnyGenerationOrGitRead() {
    // A base that is no revision: reading Git first would fail on it instead.
    assertThatThrownBy(() -> diff("no-such-revision", -1).withoutGeneration(run(root), root.resolve("generated"),
        "production"))
        .isInstanceOf(FleetRun.Failure.class)
        .hasMessage("agentfleet.diff.maxBytes: must be 0 (no limit) or more, not -1");
  }

  @Test
  void inRepository_whenTheTreeIsBesideTheProject_isRelativeToTheGitWorkTree() throws IOException {
    Files.createDirectories(root.resolve(".git"));
    Path project = Files.createDirectories(root.resolve("deploy"));

    assertThat(DiffGoal.inRepository(run(project), project.resolve("../generated/production")))
        .isEqualTo("generated/production");
    assertThat(DiffGoal.inRepository(run(project), project.resolve("fleet.yaml"))).isEqualTo("deploy/fleet.yaml");
  }

  @Test
  void inRepository_whenAWorkTreeIsAFileLink_findsItToo() throws IOException {
    // git worktree and submodules leave a .git file, not a folder.
    Files.writeString(root.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/x\n");

    assertThat(DiffGoal.inRepository(run(root), root.resolve("generated/dev"))).isEqualTo("generated/dev");
  }

  @Test
  void inRepository_outsideAnyWorkTree_namesThePathAsOtherMessagesDo() throws IOException {
    Path project = Files.createDirectories(root.resolve("project"));
    Path outside = root.resolve("elsewhere/generated");
    boolean inAnyTree = false;
    for (Path p = outside.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      inAnyTree |= Files.exists(p.resolve(".git"));
    }
    assumeFalse(inAnyTree, "the temporary folder " + root + " lies inside a Git work tree");

    FleetRun run = run(project);
    assertThat(DiffGoal.inRepository(run, outside)).isEqualTo(run.display(outside));
    assertThat(DiffGoal.inRepository(run, project.resolve("generated"))).isEqualTo("generated");
  }
}
