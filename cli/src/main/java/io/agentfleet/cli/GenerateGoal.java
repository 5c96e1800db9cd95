package io.agentfleet.cli;

import io.agentfleet.generate.EnvironmentsEntryPoint;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeUpdate;
import io.agentfleet.generate.TreeWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the fleet's tree into {@code <outputDirectory>/<environment>}, every environment it declares unless one is
 * chosen, and their Argo CD entry point beside them: {@code mvn agentfleet:generate} and {@code agentfleet generate}.
 */
public final class GenerateGoal implements FleetRun.Goal {
  /**
   * Nothing to generate for an environment whose tree is the one these inputs made (its recorded fingerprint
   * matches and every file still has its recorded hash; {@code FleetGenerator.upToDate}). When any environment must
   * be generated, all selected ones are (the Argo CD entry point is made from all of them), and an unchanged tree
   * is then left as it is by the writer. A missing entry point is regenerated too.
   */
  @Override
  public boolean withoutGeneration(FleetRun run, Path dir, String env) throws FleetRun.Failure {
    if (run.writesEntryPoint() && !Files.isRegularFile(run.outputDirectory().resolve(EnvironmentsEntryPoint.FILE))) {
      return false;
    }
    Optional<TreeUpdate> current;
    try {
      current = run.generator(env).upToDate(run.environment(env), dir);
    } catch (TreeWriteException e) {
      throw unwritable(run, e);
    }
    if (current.isEmpty()) {
      return false;
    }
    run.log().info("Checked " + run.display(dir) + " from " + run.display(run.spec()) + " (environment " + env + ")");
    current.get().lines().forEach(run.log()::info);
    return true;
  }

  @Override
  public boolean generateAndWrite(FleetRun run, Path dir, String env) throws FleetRun.Failure {
    TreeUpdate update;
    try {
      update = run.generator(env).generateAndWrite(run.environment(env), dir);
    } catch (TreeWriteException e) {
      throw unwritable(run, e);
    }
    logGenerated(run, dir, env, update);
    return true;
  }

  @Override
  public void execute(FleetRun run, Path dir, GenerationResult result, String env) throws FleetRun.Failure {
    TreeUpdate update;
    try {
      update = run.generator(env).write(run.environment(env), dir, result);
    } catch (TreeWriteException e) {
      throw unwritable(run, e);
    }
    logGenerated(run, dir, env, update);
  }

  /** A tree folder that cannot be read or written, reported against the setting that names it. */
  private static FleetRun.Failure unwritable(FleetRun run, TreeWriteException e) {
    return new FleetRun.Failure(run.names().outputDirectory() + ": " + e.getMessage());
  }

  private static void logGenerated(FleetRun run, Path dir, String env, TreeUpdate update) {
    run.log().info("Generated " + run.display(dir) + " from " + run.display(run.spec()) + " (environment " + env + ")");
    update.lines().forEach(run.log()::info);
  }

  /** With every environment generated, writes their Argo CD entry point beside the trees (only when it changes). */
  @Override
  public void afterAll(FleetRun run, Map<String, GenerationResult> results, boolean complete) throws FleetRun.Failure {
    Optional<FleetRun.EntryPoint> entry = run.entryPoint(results, complete);
    if (entry.isEmpty()) {
      return;
    }
    Path file = entry.get().file();
    if (entry.get().current()) {
      run.log().info(run.display(file) + " is up to date");
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".argocd-environments", ".tmp");
      Files.write(tmp, entry.get().bytes());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new FleetRun.Failure(run.names().outputDirectory() + ": cannot write " + run.display(file) + ": "
          + e.getMessage());
    }
    run.log().info("Wrote " + run.display(file) + ": the Argo CD entry point of " + String.join(", ", results.keySet()));
  }
}
