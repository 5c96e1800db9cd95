package io.agentfleet.plugin;

import io.agentfleet.cli.CheckGoal;
import io.agentfleet.cli.FleetRun;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails when the committed tree in {@code <outputDirectory>/<environment>} differs from what fleet.yaml generates: the
 * library's {@link CheckGoal}, as {@code agentfleet check} runs it.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class CheckMojo extends AbstractFleetMojo {
  @Override
  FleetRun.Goal goal() {
    return new CheckGoal();
  }
}
