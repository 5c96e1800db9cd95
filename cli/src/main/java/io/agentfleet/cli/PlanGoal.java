package io.agentfleet.cli;

import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.plan.Plan;
import io.agentfleet.model.plan.PlanText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the fleet's capacity plan (minimum and maximum envelope, quota headroom, nodes of {@code cluster.node},
 * Claude API budget) per environment and writes it as {@code plan.json} and {@code plan.md}; writes no tree.
 * {@code mvn agentfleet:plan} and {@code agentfleet plan}.
 *
 * @param output the folder of the plan files: {@code <output>/<environment>/}, or {@code <output>/} itself for a
 *     fleet that declares no environments, unless one was chosen
 * @param outputSetting how the caller names that folder's setting in messages
 */
public record PlanGoal(Path output, String outputSetting) implements FleetRun.Goal {
  @Override
  public void execute(FleetRun run, Path dir, GenerationResult result, String env) throws FleetRun.Failure {
    Plan plan = Plan.of(result.fleet());
    run.log().info("Environment " + env + ":");
    PlanText.table(plan).lines().forEach(run.log()::info);
    // One environment (the single one of a fleet without environments:) keeps the plan files where they always were.
    Path base = run.basedir().resolve(output);
    Path out = !run.environmentChosen() && !run.fleet().declared() ? base : base.resolve(env);
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("plan.json"), PlanText.json(plan), StandardCharsets.UTF_8);
      Files.writeString(out.resolve("plan.md"), PlanText.markdown(plan, "#"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FleetRun.Failure(outputSetting + ": cannot write " + run.display(out) + ": " + e.getMessage());
    }
    run.log().info("Wrote " + run.display(out.resolve("plan.json")) + " and plan.md");
  }
}
