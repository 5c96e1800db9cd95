package io.agentfleet.plugin;

import io.agentfleet.cli.FleetRun;
import io.agentfleet.cli.PlanGoal;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the fleet's capacity plan (minimum and maximum envelope, quota headroom, nodes of {@code cluster.node},
 * Claude API budget) and writes it as {@code plan.json} and {@code plan.md}; applies and writes no tree: the
 * library's {@link PlanGoal}, as {@code agentfleet plan} runs it.
 */
@Mojo(name = "plan", threadSafe = true, requiresProject = true)
public class PlanMojo extends AbstractFleetMojo {
  /** Where {@code plan.json} and {@code plan.md} are written. */
  @Parameter(property = "agentfleet.planOutput", defaultValue = "${project.build.directory}/agentfleet", required = true)
  File planOutput;

  @Override
  FleetRun.Goal goal() {
    return new PlanGoal(planOutput.toPath(), "agentfleet.planOutput");
  }
}
