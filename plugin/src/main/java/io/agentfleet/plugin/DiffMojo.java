package io.agentfleet.plugin;

import io.agentfleet.cli.DiffGoal;
import io.agentfleet.cli.FleetRun;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what a change does to the tree object by object: the committed tree against a fresh generation, or the tree
 * at two Git revisions. Writes Markdown for a pull request, prints text, and fails on a flagged deletion of a stateful
 * object unless allowed: the library's {@link DiffGoal}, as {@code agentfleet diff} runs it.
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
  FleetRun.Goal goal() {
    return new DiffGoal(base, head, output.toPath(), maxBytes, allowStatefulDeletion, DiffGoal.Names.MAVEN);
  }
}
