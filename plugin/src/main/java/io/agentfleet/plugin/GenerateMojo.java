package io.agentfleet.plugin;

import io.agentfleet.cli.FleetRun;
import io.agentfleet.cli.GenerateGoal;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.FleetEnvironments;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Generates the fleet's Kubernetes tree from fleet.yaml into {@code <outputDirectory>/<environment>}, every environment
 * it declares unless one is chosen: the library's {@link GenerateGoal}, as {@code agentfleet generate} runs it.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractFleetMojo {
  private final GenerateGoal goal = new GenerateGoal();

  @Override
  boolean executeWithoutGeneration(Path dir, String env) throws MojoFailureException {
    return failing(() -> goal.withoutGeneration(run(), dir, env));
  }

  @Override
  boolean generateAndWrite(Path dir, String env) throws MojoFailureException {
    return failing(() -> goal.generateAndWrite(run(), dir, env));
  }

  @Override
  void execute(Path dir, GenerationResult result, String env) throws MojoFailureException {
    failing(() -> {
      goal.execute(run(), dir, result, env);
      return null;
    });
  }

  @Override
  void afterAll(FleetEnvironments fleet, Map<String, GenerationResult> results, boolean complete)
      throws MojoFailureException {
    failing(() -> {
      goal.afterAll(run(), results, complete);
      return null;
    });
  }
}
