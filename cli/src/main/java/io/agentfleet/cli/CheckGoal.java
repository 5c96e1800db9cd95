package io.agentfleet.cli;

import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeReport;
import io.agentfleet.generate.TreeWriteException;
import io.agentfleet.generate.TreeWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Fails when a committed tree in {@code <outputDirectory>/<environment>}, or the Argo CD entry point beside the trees,
 * differs from what the fleet file generates; writes nothing. {@code mvn agentfleet:check} and
 * {@code agentfleet check}: the pull-request gate that a tree was regenerated after its fleet changed.
 */
public final class CheckGoal implements FleetRun.Goal {
  /** Compares the tree generated in memory with the folder, file by file, and lists every difference. */
  @Override
  public void execute(FleetRun run, Path dir, GenerationResult result, String env) throws FleetRun.Failure {
    TreeReport report;
    try {
      report = TreeWriter.compare(dir, result.tree());
    } catch (TreeWriteException e) {
      throw new FleetRun.Failure(run.names().outputDirectory() + ": " + e.getMessage());
    }
    String where = run.display(dir);
    if (report.isUpToDate()) {
      run.log().info(where + " is up to date (" + result.tree().files().size() + " files)");
      return;
    }
    run.log().error(where + " is not up to date with " + run.display(run.spec()) + ":");
    TreeDiff.lines(report, result.tree(), dir).forEach(run.log()::error);
    String hint = "run " + run.regenerate();
    run.log().error(hint);
    throw new FleetRun.Failure(where + " is not up to date (" + report.lines().get(0) + "); " + hint);
  }

  /** With every environment checked, the entry point beside them must be what they generate, too. */
  @Override
  public void afterAll(FleetRun run, Map<String, GenerationResult> results, boolean complete) throws FleetRun.Failure {
    Optional<FleetRun.EntryPoint> entry = run.entryPoint(results, complete);
    if (entry.isEmpty()) {
      return;
    }
    String file = run.display(entry.get().file());
    if (entry.get().current()) {
      run.log().info(file + " is up to date");
      return;
    }
    String why = file + (entry.get().onDisk() == null ? " is missing" : " is not up to date") + "; run "
        + run.regenerate();
    run.log().error(why);
    throw new FleetRun.Failure(why);
  }
}
