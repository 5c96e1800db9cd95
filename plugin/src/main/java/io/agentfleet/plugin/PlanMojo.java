package io.agentfleet.plugin;

import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.plan.Plan;
import io.agentfleet.model.plan.PlanText;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the fleet's capacity plan (minimum and maximum envelope, quota headroom, nodes of {@code cluster.node},
 * Claude API budget) and writes it as {@code plan.json} and {@code plan.md}; applies and writes no tree.
 */
@Mojo(name = "plan", threadSafe = true, requiresProject = true)
public class PlanMojo extends AbstractFleetMojo {
  /** Where {@code plan.json} and {@code plan.md} are written. */
  @Parameter(property = "agentfleet.planOutput", defaultValue = "${project.build.directory}/agentfleet", required = true)
  File planOutput;

  @Override
  void execute(Path dir, GenerationResult result, String env) throws MojoExecutionException {
    Plan plan = Plan.of(result.fleet());
    getLog().info("Environment " + env + ":");
    PlanText.table(plan).lines().forEach(getLog()::info);
    // One environment (the single one of a fleet without environments:) keeps the plan files where they always were.
    Path out = planOutput.toPath().resolve(envFolder(env));
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("plan.json"), PlanText.json(plan), StandardCharsets.UTF_8);
      Files.writeString(out.resolve("plan.md"), PlanText.markdown(plan, "#"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("agentfleet.planOutput: cannot write " + display(out) + ": " + e.getMessage(), e);
    }
    getLog().info("Wrote " + display(out.resolve("plan.json")) + " and plan.md");
  }

  private String envFolder(String env) {
    return (profile == null || profile.isBlank()) && (environment == null || environment.isBlank())
        && !run().fleet().declared() ? "" : env;
  }
}
