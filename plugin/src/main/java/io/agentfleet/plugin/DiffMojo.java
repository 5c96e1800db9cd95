package io.agentfleet.plugin;

import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.diff.Flag;
import io.agentfleet.generate.diff.ObjectDiff;
import io.agentfleet.generate.diff.TreeChanges;
import io.agentfleet.generate.diff.TreeFiles;
import io.agentfleet.generate.spi.RenderedTree;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what a change does to the tree object by object: the committed tree against a fresh generation, or the tree
 * at two Git revisions. Writes Markdown for a pull request, prints text, and fails on a flagged deletion of a stateful
 * object unless allowed.
 */
@Mojo(name = "diff", threadSafe = true, requiresProject = true)
public class DiffMojo extends AbstractFleetMojo {
  /** The Git revision of the tree to compare from; with it, no generation runs. */
  @Parameter(property = "agentfleet.diff.base")
  String base;

  /** The Git revision to compare to; unset with a base: the tree in the output folder as it is on disk. */
  @Parameter(property = "agentfleet.diff.head")
  String head;

  /** Where the Markdown goes (for a pull-request comment or a job summary). */
  @Parameter(property = "agentfleet.diff.output", defaultValue = "${project.build.directory}/agentfleet/diff.md")
  File output;

  /**
   * The most bytes of Markdown written (0: no limit): GitHub drops a step's job summary over 1 MiB, so by default the
   * Markdown stops at whole pieces under 1 000 000 bytes, flags first, and says what it left out; the build log
   * lists every change.
   */
  @Parameter(property = "agentfleet.diff.maxBytes", defaultValue = "1000000")
  long maxBytes;

  /** Lets a change that deletes a PVC, StatefulSet, database or database Secret pass. */
  @Parameter(property = "agentfleet.diff.allowStatefulDeletion", defaultValue = "false")
  boolean allowStatefulDeletion;

  @Override
  boolean executeWithoutGeneration(Path dir, String env) throws MojoExecutionException, MojoFailureException {
    // Before any work: neither a generation nor a Git read is spent on a run that cannot write its Markdown.
    if (maxBytes < 0) {
      throw new MojoFailureException("agentfleet.diff.maxBytes: must be 0 (no limit) or more, not " + maxBytes);
    }
    if (blank(base)) {
      if (!blank(head)) {
        throw new MojoFailureException("agentfleet.diff.head: needs agentfleet.diff.base (the revision to compare from)");
      }
      return false;
    }
    GitTrees git = new GitTrees(basedir.toPath(), dir);
    RenderedTree before = git.read(base, "agentfleet.diff.base");
    RenderedTree after = blank(head) ? readDisk(dir) : git.read(head, "agentfleet.diff.head");
    String tree = git.folder();
    report(ObjectDiff.compare(before, after, tree + " at " + base,
        blank(head) ? tree + " on disk" : tree + " at " + head));
    return true;
  }

  @Override
  void execute(Path dir, GenerationResult result, String env) throws MojoExecutionException, MojoFailureException {
    report(ObjectDiff.compare(readDisk(dir), result.tree(), inRepository(dir) + " (committed)",
        "generated from " + inRepository(spec.toPath())));
  }

  /**
   * A path as a pull request shows it: relative to the top of the Git work tree holding it (the first folder upward
   * with a {@code .git}), so that a tree beside the Maven project ({@code ../generated}) reads
   * {@code generated/production}, not the runner's absolute path; outside any work tree, as other messages name it.
   * Comparing revisions asks Git itself ({@link GitTrees#folder}); this is for the run that needs no Git.
   */
  String inRepository(Path path) {
    Path p = path.toAbsolutePath().normalize();
    for (Path top = p.getParent(); top != null; top = top.getParent()) {
      if (Files.exists(top.resolve(".git"))) {
        return top.relativize(p).toString().replace('\\', '/');
      }
    }
    return display(path);
  }

  private RenderedTree readDisk(Path dir) throws MojoFailureException {
    try {
      return TreeFiles.read(dir);
    } catch (UncheckedIOException e) {
      throw new MojoFailureException("agentfleet.outputDirectory: " + e.getMessage());
    }
  }

  private void report(TreeChanges changes) throws MojoExecutionException, MojoFailureException {
    Path md = output.toPath();
    try {
      Files.createDirectories(md.toAbsolutePath().getParent());
      Files.writeString(md, changes.markdown(maxBytes), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("agentfleet.diff.output: cannot write " + md + ": " + e.getMessage(), e);
    }
    changes.lines().forEach(getLog()::info);
    getLog().info("Markdown written to " + display(md));
    List<Flag> deletions = changes.flags(Flag.Category.STATEFUL_DELETION);
    if (deletions.isEmpty()) {
      return;
    }
    if (allowStatefulDeletion) {
      getLog().warn(deletions.size() + " stateful object(s) deleted, allowed by agentfleet.diff.allowStatefulDeletion");
      return;
    }
    deletions.forEach(f -> getLog().error("stateful object deleted: " + f.subject() + ": " + f.text()));
    throw new MojoFailureException("the change deletes " + deletions.size() + " stateful object(s) (volumes, "
        + "databases or their Secrets, whose data goes with them); if that is intended, rerun with "
        + "-Dagentfleet.diff.allowStatefulDeletion=true");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
