package io.agentfleet.cli;

import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.diff.Flag;
import io.agentfleet.generate.diff.ObjectDiff;
import io.agentfleet.generate.diff.TreeChanges;
import io.agentfleet.generate.diff.TreeFiles;
import io.agentfleet.generate.spi.RenderedTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shows what a change does to the tree object by object: the committed tree against a fresh generation, or the tree
 * at two Git revisions. Writes Markdown for a pull request, prints text, and fails on a flagged deletion of a stateful
 * object unless allowed. {@code mvn agentfleet:diff} and {@code agentfleet diff}.
 *
 * @param base the Git revision of the tree to compare from; with it, no generation runs (null: none)
 * @param head the revision to compare to; null with a base: the tree in the output folder as it is on disk
 * @param markdown where the Markdown goes (for a pull-request comment or a job summary)
 * @param maxBytes the most bytes of Markdown written, 0 for no limit (GitHub drops a job summary over 1 MiB)
 * @param allowStatefulDeletion lets a change that deletes a PVC, StatefulSet, database or database Secret pass
 * @param names how the caller names these settings in messages
 */
public record DiffGoal(String base, String head, Path markdown, long maxBytes, boolean allowStatefulDeletion,
    Names names) implements FleetRun.Goal {

  /** The settings' names, as the caller spells them. */
  public record Names(String base, String head, String markdown, String maxBytes, String allow, String run) {
    /** The Maven plugin's parameters. */
    public static final Names MAVEN = new Names("agentfleet.diff.base", "agentfleet.diff.head",
        "agentfleet.diff.output", "agentfleet.diff.maxBytes", "agentfleet.diff.allowStatefulDeletion",
        "mvn agentfleet:diff");
    /** The command's options. */
    public static final Names COMMAND = new Names("--base", "--head", "--markdown", "--max-bytes",
        "--allow-stateful-deletion", "agentfleet diff");
  }

  @Override
  public boolean withoutGeneration(FleetRun run, Path dir, String env) throws FleetRun.Failure {
    // Before any work: neither a generation nor a Git read is spent on a run that cannot write its Markdown.
    if (maxBytes < 0) {
      throw new FleetRun.Failure(names.maxBytes() + ": must be 0 (no limit) or more, not " + maxBytes);
    }
    if (blank(base)) {
      if (!blank(head)) {
        throw new FleetRun.Failure(names.head() + ": needs " + names.base() + " (the revision to compare from)");
      }
      return false;
    }
    GitTrees git = new GitTrees(run.basedir(), dir, names.base(), run.names().outputDirectory());
    RenderedTree before = git.read(base, names.base());
    RenderedTree after = blank(head) ? readDisk(run, dir) : git.read(head, names.head());
    String tree = git.folder();
    report(run, ObjectDiff.compare(before, after, tree + " at " + base,
        blank(head) ? tree + " on disk" : tree + " at " + head));
    return true;
  }

  @Override
  public void execute(FleetRun run, Path dir, GenerationResult result, String env) throws FleetRun.Failure {
    report(run, ObjectDiff.compare(readDisk(run, dir), result.tree(), inRepository(run, dir) + " (committed)",
        "generated from " + inRepository(run, run.spec())));
  }

  /**
   * A path as a pull request shows it: relative to the top of the Git work tree holding it (the first folder upward
   * with a {@code .git}), so that a tree beside the project ({@code ../generated}) reads {@code generated/production},
   * not the runner's absolute path; outside any work tree, as other messages name it. Comparing revisions asks Git
   * itself ({@link GitTrees#folder}); this is for the run that needs no Git.
   */
  static String inRepository(FleetRun run, Path path) {
    Path p = path.toAbsolutePath().normalize();
    for (Path top = p.getParent(); top != null; top = top.getParent()) {
      if (Files.exists(top.resolve(".git"))) {
        return top.relativize(p).toString().replace('\\', '/');
      }
    }
    return run.display(path);
  }

  private static RenderedTree readDisk(FleetRun run, Path dir) throws FleetRun.Failure {
    try {
      return TreeFiles.read(dir);
    } catch (UncheckedIOException e) {
      throw new FleetRun.Failure(run.names().outputDirectory() + ": " + e.getMessage());
    }
  }

  private void report(FleetRun run, TreeChanges changes) throws FleetRun.Failure {
    Path md = run.basedir().resolve(markdown);
    try {
      Files.createDirectories(md.toAbsolutePath().getParent());
      Files.writeString(md, changes.markdown(maxBytes, names.run()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FleetRun.Failure(names.markdown() + ": cannot write " + md + ": " + e.getMessage());
    }
    changes.lines().forEach(run.log()::info);
    run.log().info("Markdown written to " + run.display(md));
    List<Flag> deletions = changes.flags(Flag.Category.STATEFUL_DELETION);
    if (deletions.isEmpty()) {
      return;
    }
    if (allowStatefulDeletion) {
      run.log().warn(deletions.size() + " stateful object(s) deleted, allowed by " + names.allow());
      return;
    }
    deletions.forEach(f -> run.log().error("stateful object deleted: " + f.subject() + ": " + f.text()));
    throw new FleetRun.Failure("the change deletes " + deletions.size() + " stateful object(s) (volumes, "
        + "databases or their Secrets, whose data goes with them); if that is intended, rerun with "
        + FleetRun.Names.on(names.allow()));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
