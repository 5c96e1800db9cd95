package io.agentfleet.plugin;

import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeReport;
import io.agentfleet.generate.TreeUpdate;
import io.agentfleet.generate.TreeWriteException;
import io.agentfleet.generate.TreeWriter;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Generates the fleet's Kubernetes tree from fleet.yaml into {@code <outputDirectory>/<profile>}. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractFleetMojo {
  /** Generates and writes in one library call, which skips both when the tree is up to date with its inputs. */
  @Override
  boolean executeWithoutGeneration(Path dir) throws MojoExecutionException, MojoFailureException {
    TreeUpdate update;
    try {
      update = writeTree(dir);
    } catch (TreeWriteException e) {
      throw new MojoFailureException("agentfleet.outputDirectory: " + e.getMessage());
    }
    getLog().info((update.upToDate() ? "Checked " : "Generated ") + display(dir) + " from " + display(spec.toPath())
        + " (profile " + profile + ")");
    update.lines().forEach(getLog()::info);
    return true;
  }

  @Override
  void execute(Path dir, GenerationResult result) throws MojoExecutionException, MojoFailureException {
    TreeReport report;
    try {
      report = TreeWriter.write(dir, result.tree());
    } catch (TreeWriteException e) {
      throw new MojoFailureException("agentfleet.outputDirectory: " + e.getMessage());
    }
    getLog().info("Generated " + display(dir) + " from " + display(spec.toPath()) + " (profile " + profile + ")");
    report.lines().forEach(getLog()::info);
  }
}
