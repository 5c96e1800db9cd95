package io.agentfleet.examples;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TreeUpdate;
import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetEnvironments;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.nio.file.Path;

/**
 * The library in a plain Java main, as an embedder calls it: read fleet.yaml, generate and validate with a profile,
 * write the tree (nothing at all when the tree on disk is what these inputs made, {@link FleetGenerator#write}).
 * With {@code -Dagentfleet.phases=true} it prints the time of each phase to standard error; with
 * {@code -Dagentfleet.liveSet=true} (and no phases) the largest heap still in use after a full collection at the end
 * of a phase (slow: it collects after every phase).
 *
 * <pre>java -cp ... io.agentfleet.examples.GenerateTree fleet.yaml outputDir [environment]</pre>
 */
public final class GenerateTree {
  private GenerateTree() {}

  private static long largestLiveSet;
  private static String largestAfter = "parse";

  /** Collects fully and notes the heap still in use: what the run needs at this point, whatever the heap's size. */
  private static synchronized void liveSetAfter(String phase) {
    System.gc();
    long used = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    if (used > largestLiveSet) {
      largestLiveSet = used;
      largestAfter = phase;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: GenerateTree fleet.yaml outputDir [environment]");
      System.exit(2);
    }
    boolean phases = Boolean.getBoolean("agentfleet.phases");
    boolean liveSet = Boolean.getBoolean("agentfleet.liveSet");
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
      } else if (liveSet) {
        builder.phaseListener((phase, nanos) -> liveSetAfter(phase));
      }
      TreeUpdate update = builder.build().write(spec, Path.of(args[1]));
      if (liveSet) {
        System.err.printf("live set %d MiB after %s (largest heap in use after a full collection at a phase's end)%n",
            largestLiveSet >> 20, largestAfter);
      }
      long t2 = System.nanoTime();
      if (phases) {
        System.err.printf("total     %-9s %8.1f ms, %d files%s%n", "", (t2 - t0) / 1e6, update.report().unchanged().size()
            + update.report().added().size() + update.report().changed().size(),
            update.generated().isPresent() ? "" : ", up to date");
      }
      update.lines().stream().limit(1).forEach(System.out::println);
    } catch (FleetValidationException e) {
      System.err.println(e.getMessage().lines().findFirst().orElse(""));
      e.problems().stream().limit(50).forEach(p -> System.err.println("  " + p));
      System.exit(1);
    }
  }
}
