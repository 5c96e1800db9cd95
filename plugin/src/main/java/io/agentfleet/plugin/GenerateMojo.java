package io.agentfleet.plugin;

import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeReport;
import io.agentfleet.generate.TreeWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Generates the fleet's Kubernetes tree from fleet.yaml into {@code <outputDirectory>/<profile>}. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractFleetMojo {
  @Override
  void execute(Path dir, GenerationResult result) throws MojoExecutionException {
    TreeReport report;
    try {
      report = TreeWriter.write(dir, result.tree());
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    getLog().info("Generated " + display(dir) + " from " + display(spec.toPath()) + " (profile " + profile + ")");
    report.lines().forEach(getLog()::info);
  }
}
