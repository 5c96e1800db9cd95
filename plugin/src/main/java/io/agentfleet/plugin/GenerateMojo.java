package io.agentfleet.plugin;

import io.agentfleet.cli.FleetRun;
import io.agentfleet.cli.GenerateGoal;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Generates the fleet's Kubernetes tree from fleet.yaml into {@code <outputDirectory>/<environment>}, every environment
 * it declares unless one is chosen: the library's {@link GenerateGoal}, as {@code agentfleet generate} runs it.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractFleetMojo {
  @Override
  FleetRun.Goal goal() {
    return new GenerateGoal();
  }
}
