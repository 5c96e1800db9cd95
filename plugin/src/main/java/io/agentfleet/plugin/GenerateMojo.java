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

/** Generates the fleet's Kubernetes tree from fleet.yaml into {@code <outputDirectory>/<environment>}, every environment it declares unless one is chosen. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractFleetMojo {
  @Override
  void execute(Path dir, GenerationResult result, String env) throws MojoExecutionException, MojoFailureException {
    TreeReport report;
    try {
      report = TreeWriter.write(dir, result.tree());
    } catch (TreeWriteException e) {
      throw new MojoFailureException("agentfleet.outputDirectory: " + e.getMessage());
    }
    getLog().info("Generated " + display(dir) + " from " + display(spec.toPath()) + " (environment " + env + ")");
    report.lines().forEach(getLog()::info);
  }
}
