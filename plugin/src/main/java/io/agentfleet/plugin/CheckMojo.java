package io.agentfleet.plugin;

import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeReport;
import io.agentfleet.generate.TreeWriteException;
import io.agentfleet.generate.TreeWriter;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Fails when the committed tree in {@code <outputDirectory>/<environment>} differs from what fleet.yaml generates. */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class CheckMojo extends AbstractFleetMojo {
  @Override
  void execute(Path dir, GenerationResult result, String env) throws MojoExecutionException, MojoFailureException {
    TreeReport report;
    try {
      report = TreeWriter.compare(dir, result.tree());
    } catch (TreeWriteException e) {
      throw new MojoFailureException("agentfleet.outputDirectory: " + e.getMessage());
    }
    String where = display(dir);
    if (report.isUpToDate()) {
      getLog().info(where + " is up to date (" + result.tree().files().size() + " files)");
      return;
    }
    getLog().error(where + " is not up to date with " + display(spec.toPath()) + ":");
    TreeDiff.lines(report, result.tree(), dir).forEach(getLog()::error);
    String hint = "run mvn agentfleet:generate and commit the result"
        + (profile == null || profile.isBlank() ? "" : " (with -Dagentfleet.profile=" + profile + ")");
    getLog().error(hint);
    throw new MojoFailureException(where + " is not up to date (" + report.lines().get(0) + "); " + hint);
  }

  /** With every environment checked, the entry point beside them must be what they generate, too. */
  @Override
  void afterAll(io.agentfleet.model.FleetEnvironments fleet, java.util.Map<String, GenerationResult> results,
      boolean complete) throws MojoExecutionException, MojoFailureException {
    java.util.Optional<java.util.Map.Entry<Path, byte[]>> entry = entryPoint(results, complete);
    if (entry.isEmpty()) {
      return;
    }
    Path file = entry.get().getKey();
    byte[] committed;
    try {
      committed = java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.readAllBytes(file) : null;
    } catch (java.io.IOException e) {
      throw new MojoFailureException("agentfleet.outputDirectory: cannot read " + display(file) + ": " + e.getMessage());
    }
    if (committed != null && java.util.Arrays.equals(committed, entry.get().getValue())) {
      getLog().info(display(file) + " is up to date");
      return;
    }
    String why = display(file) + (committed == null ? " is missing" : " is not up to date");
    getLog().error(why + "; run mvn agentfleet:generate and commit the result");
    throw new MojoFailureException(why + "; run mvn agentfleet:generate and commit the result");
  }
}
