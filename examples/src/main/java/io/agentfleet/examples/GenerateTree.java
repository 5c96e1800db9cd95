package io.agentfleet.examples;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeWriter;
import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetEnvironments;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.nio.file.Path;

/**
 * The library in a plain Java main, as an embedder calls it: read fleet.yaml, generate and validate with a profile,
 * write the tree. With {@code -Dagentfleet.phases=true} it prints the time of each phase to standard error.
 *
 * <pre>java -cp ... io.agentfleet.examples.GenerateTree fleet.yaml outputDir [environment]</pre>
 */
public final class GenerateTree {
  private GenerateTree() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: GenerateTree fleet.yaml outputDir [environment]");
      System.exit(2);
    }
    boolean phases = Boolean.getBoolean("agentfleet.phases");
    long t0 = System.nanoTime();
    try {
      FleetEnvironments fleet = FleetYaml.readEnvironments(Path.of(args[0]), args[0]);
      String env = args.length > 2 ? args[2] : "production";
      FleetEnvironment spec = fleet.declared() ? fleet.get(env) : FleetEnvironment.of(env, fleet.all().get(0).spec());
      long t1 = System.nanoTime();
      if (phases) {
        System.err.printf("phase %-9s %8.1f ms%n", "parse", (t1 - t0) / 1e6);
      }
      FleetGenerator.Builder builder = FleetGenerator.builder().profile(Profiles.named(env));
      if (phases) {
        builder.phaseListener((phase, nanos) -> System.err.printf("phase %-32s %8.1f ms%n", phase, nanos / 1e6));
      }
      GenerationResult result = builder.build().generate(spec);
      long t2 = System.nanoTime();
      var report = TreeWriter.write(Path.of(args[1]), result.tree());
      long t3 = System.nanoTime();
      if (phases) {
        System.err.printf("phase %-9s %8.1f ms%n", "write", (t3 - t2) / 1e6);
        System.err.printf("total     %-9s %8.1f ms, %d files, %d objects%n", "", (t3 - t0) / 1e6,
            result.tree().files().size(), result.manifests().resources().size());
      }
      report.lines().stream().limit(1).forEach(System.out::println);
    } catch (FleetValidationException e) {
      System.err.println(e.getMessage().lines().findFirst().orElse(""));
      e.problems().stream().limit(50).forEach(p -> System.err.println("  " + p));
      System.exit(1);
    }
  }
}
