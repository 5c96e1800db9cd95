package io.agentfleet.cli;

import io.agentfleet.generate.GenerationStoppedException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The commands that do a fleet's work, run in the process that was started or in the resident one
 * ({@link Daemon}): both call {@link #run} with the caller's working folder and streams, so a command reads and
 * writes the same files and prints the same lines wherever it runs.
 */
public final class Commands {
  private Commands() {}

  /** Exit status of a run that did what it was asked. */
  public static final int OK = 0;
  /** Exit status of a run that failed: the fleet or its tree has a problem, printed on standard error. */
  public static final int FAILED = 1;
  /** Exit status of a command line that is not understood. */
  public static final int USAGE = 2;

  /** How the command names its settings in messages: its own options. */
  static final FleetRun.Names NAMES = new FleetRun.Names("--fleet", "--output", "--environment", "--environment",
      "--schema-location", "--threads", "agentfleet generate");

  static final String GENERATE_USAGE = String.join("\n",
      "usage: agentfleet [--daemon] generate [options]",
      "",
      "Generates, validates and writes the fleet's tree: <output>/<environment> for every environment the fleet",
      "declares (or production alone), and their Argo CD entry point beside them. What mvn agentfleet:generate does.",
      "",
      "  --fleet FILE              the fleet description (default: fleet.yaml)",
      "  --output DIR              the folder of the trees (default: generated)",
      "  --environment NAME        generate this environment only",
      "  --schema-location LOCS    where JSON schemas are read from (default: the ones agentfleet ships)",
      "  --schema-cache DIR        where downloaded schemas are kept (default: ~/.cache/agentfleet/schemas)",
      "  --threads N               threads of one generation (default 0: one per processor, up to 4)",
      "  --phases                  print the time of each phase");

  static final String CHECK_USAGE = String.join("\n",
      "usage: agentfleet [--daemon] check [options]",
      "",
      "Generates the fleet's trees in memory and fails (status 1) when a committed tree under <output>, or their",
      "Argo CD entry point, differs from them, listing every file added, changed (with its first different line)",
      "or removed. Writes nothing. What mvn agentfleet:check does: the gate that a tree was regenerated.",
      "",
      "  --fleet FILE              the fleet description (default: fleet.yaml)",
      "  --output DIR              the folder of the trees (default: generated)",
      "  --environment NAME        check this environment only",
      "  --schema-location LOCS    where JSON schemas are read from (default: the ones agentfleet ships)",
      "  --schema-cache DIR        where downloaded schemas are kept (default: ~/.cache/agentfleet/schemas)",
      "  --threads N               threads of one generation (default 0: one per processor, up to 4)",
      "  --phases                  print the time of each phase");

  static final String DIFF_USAGE = String.join("\n",
      "usage: agentfleet [--daemon] diff [options]",
      "",
      "Shows what a change does to the tree object by object: the committed tree under <output> against a fresh",
      "generation, or, with --base, the tree at a Git revision against the one on disk or at --head. Prints every",
      "change, writes Markdown for a pull request, and fails (status 1) when the change deletes a stateful object",
      "(a volume, a database or its Secret) unless allowed. Writes no tree. What mvn agentfleet:diff does.",
      "",
      "  --base REV                the Git revision to compare from (no generation runs)",
      "  --head REV                the Git revision to compare to (default: the tree on disk)",
      "  --markdown FILE           where the Markdown goes (default: target/agentfleet/diff.md)",
      "  --max-bytes N             the most bytes of Markdown: whole pieces, flags first (default 1000000,",
      "                            0 for no limit)",
      "  --allow-stateful-deletion let a change that deletes a stateful object pass",
      "  --fleet, --output, --environment, --schema-location, --schema-cache, --threads, --phases: as for generate");

  static final String PLAN_USAGE = String.join("\n",
      "usage: agentfleet [--daemon] plan [options]",
      "",
      "Prints the fleet's capacity plan per environment (the envelope from minimum to maximum replicas, quota",
      "headroom, nodes, Claude API budget) and writes it as plan.json and plan.md. Writes no tree. What",
      "mvn agentfleet:plan does.",
      "",
      "  --plan-output DIR         the folder of the plan files, a folder per environment (default:",
      "                            target/agentfleet)",
      "  --fleet, --output, --environment, --schema-location, --schema-cache, --threads, --phases: as for generate");

  static final String IMPORT_COMPOSE_USAGE = String.join("\n",
      "usage: agentfleet import-compose [options]",
      "",
      "Writes a starting fleet file from the docker-compose.yml of an existing Docker agent setup, checked against",
      "the Compose specification's schema, and prints what it left out and the Secrets to create. Never replaces a",
      "fleet file unless told to. What mvn agentfleet:import-compose does.",
      "",
      "  --compose FILE            the Compose file to read (default: docker-compose.yml)",
      "  --fleet FILE              the fleet file to write (default: fleet.yaml)",
      "  --fleet-name NAME         the fleet's name when the Compose file has none (default: its folder's name)",
      "  --overwrite               replace an existing fleet file",
      "  --schema-location DIRS    a schema folder whose other/compose-spec.json checks the Compose file",
      "                            (default: the one agentfleet ships)");

  /**
   * Runs the command {@code args} (its name first) as if started in {@code cwd}: relative paths resolve against it.
   * Answers the exit status.
   */
  public static int run(List<String> args, Path cwd, PrintStream out, PrintStream err) {
    return run(args, cwd, out, err, () -> false);
  }

  /**
   * As {@link #run(List, Path, PrintStream, PrintStream)}, asking {@code stop} at each step of a generation whether
   * the one who asked for it went away: a generation stopped so writes nothing, and the command fails.
   */
  static int run(List<String> args, Path cwd, PrintStream out, PrintStream err, BooleanSupplier stop) {
    if (args.isEmpty()) {
      err.println(Main.USAGE);
      return USAGE;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (command) {
      case "generate":
      case "check":
      case "diff":
      case "plan":
        return fleetCommand(command, rest, cwd, out, err, null, stop);
      case "import-compose":
        return importCompose(rest, cwd, out, err);
      case "help":
      case "--help":
      case "-h":
        out.println(rest.isEmpty() ? Main.USAGE : usage(rest.get(0)));
        return OK;
      default:
        err.println("agentfleet: unknown command '" + command + "'");
        err.println(Main.USAGE);
        return USAGE;
    }
  }

  /**
   * Runs a {@code generate} or {@code check} command line in memory: the same reading, generation and validation of
   * every selected environment, with the text of each tree made, but nothing written and nothing printed. What the
   * resident process does to warm itself; true when the fleet generated.
   */
  static boolean warm(List<String> args, Path cwd) {
    if (args.isEmpty() || !WARMS.contains(args.get(0))) {
      return false;
    }
    PrintStream none = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    FleetRun.Goal inMemory = (run, dir, result, env) -> {
      // As the writer renders a tree, file by file, keeping no file's text.
      for (String path : result.tree().paths()) {
        result.tree().bytes(path);
      }
    };
    return fleetCommand(args.get(0), args.subList(1, args.size()), cwd, none, none, inMemory, () -> false) == OK;
  }

  /** Prints every problem of command {@code name}'s line at once, and where its options are listed. */
  private static int usage(String name, List<String> problems, PrintStream err) {
    problems.forEach(p -> err.println("agentfleet " + name + ": " + p));
    err.println("(agentfleet help " + name + " lists the options)");
    return USAGE;
  }

  /** The help of a command, or the command's usage for a name that is none. */
  private static String usage(String command) {
    switch (command) {
      case "generate":
        return GENERATE_USAGE;
      case "check":
        return CHECK_USAGE;
      case "diff":
        return DIFF_USAGE;
      case "plan":
        return PLAN_USAGE;
      case "import-compose":
        return IMPORT_COMPOSE_USAGE;
      case "launcher":
        return Launcher.USAGE;
      default:
        return Main.USAGE;
    }
  }

  /** The commands a resident process warms itself on: each generates the fleet's trees first. */
  static final List<String> WARMS = List.of("generate", "check");

  /**
   * {@code agentfleet generate}, {@code check}, {@code diff} or {@code plan}: the options of a run over the fleet file
   * and of the command, then the run of the command's goal ({@code goal} instead when given).
   */
  private static int fleetCommand(String name, List<String> args, Path cwd, PrintStream out, PrintStream err,
      FleetRun.Goal goal, BooleanSupplier stop) {
    List<String> valued = new ArrayList<>(List.of("--fleet", "--output", "--environment", "--schema-location",
        "--schema-cache", "--threads"));
    List<String> flags = new ArrayList<>(List.of("--phases", "--help"));
    if (name.equals("diff")) {
      valued.addAll(List.of("--base", "--head", "--markdown", "--max-bytes"));
      flags.add("--allow-stateful-deletion");
    } else if (name.equals("plan")) {
      valued.add("--plan-output");
    }
    Options options = Options.parse(args, valued, flags);
    if (options.flags.contains("--help")) {
      out.println(usage(name));
      return OK;
    }
    List<String> problems = new ArrayList<>(options.problems);
    if (goal == null) {
      goal = goal(name, options, problems);
    }
    Path fleet = path(options, "--fleet", "fleet.yaml", problems);
    Path output = path(options, "--output", "generated", problems);
    Path cache = path(options, "--schema-cache",
        Main.userHome().resolve(".cache/agentfleet/schemas").toString(), problems);
    int threads = 0;
    String t = options.values.get("--threads");
    if (t != null) {
      try {
        threads = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        threads = -1;
      }
      if (threads < 0) {
        problems.add("--threads: '" + t + "' is not a number of threads: write 0 (one per processor, up to 4) or how "
            + "many to use");
      }
    }
    if (!problems.isEmpty()) {
      return usage(name, problems, err);
    }
    FleetRun run = FleetRun.builder()
        .basedir(cwd)
        .spec(fleet)
        .outputDirectory(output)
        .environment(options.values.get("--environment"))
        .schemaLocation(options.values.get("--schema-location"))
        .schemaCache(cache)
        .threads(threads)
        .phases(options.flags.contains("--phases"))
        .names(NAMES)
        .log(new StreamLog(out, err))
        .stopWhen(stop)
        .build();
    try {
      run.execute(goal);
      return OK;
    } catch (FleetRun.Failure e) {
      err.println("agentfleet " + name + " failed: " + e.getMessage());
      return FAILED;
    } catch (GenerationStoppedException e) {
      err.println("agentfleet " + name + " stopped: " + e.getMessage());
      return FAILED;
    }
  }

  /** {@code agentfleet import-compose}: no fleet to read, a fleet file to write. */
  private static int importCompose(List<String> args, Path cwd, PrintStream out, PrintStream err) {
    Options options = Options.parse(args, List.of("--compose", "--fleet", "--fleet-name", "--schema-location"),
        List.of("--overwrite", "--help"));
    if (options.flags.contains("--help")) {
      out.println(IMPORT_COMPOSE_USAGE);
      return OK;
    }
    List<String> problems = new ArrayList<>(options.problems);
    Path compose = path(options, "--compose", "docker-compose.yml", problems);
    Path fleet = path(options, "--fleet", "fleet.yaml", problems);
    if (!problems.isEmpty()) {
      return usage("import-compose", problems, err);
    }
    try {
      new ImportCompose(compose, fleet, options.values.get("--fleet-name"), options.flags.contains("--overwrite"),
          options.values.get("--schema-location"), cwd, ImportCompose.Names.COMMAND).run(new StreamLog(out, err));
      return OK;
    } catch (FleetRun.Failure e) {
      err.println("agentfleet import-compose failed: " + e.getMessage());
      return FAILED;
    }
  }

  /** The goal of command {@code name}, its own options read from {@code options}. */
  private static FleetRun.Goal goal(String name, Options options, List<String> problems) {
    switch (name) {
      case "check":
        return new CheckGoal();
      case "diff": {
        long maxBytes = 1_000_000;
        String max = options.values.get("--max-bytes");
        if (max != null) {
          try {
            maxBytes = Long.parseLong(max);
          } catch (NumberFormatException e) {
            problems.add("--max-bytes: '" + max + "' is not a number of bytes: write 0 (no limit) or more");
          }
        }
        return new DiffGoal(options.values.get("--base"), options.values.get("--head"),
            path(options, "--markdown", "target/agentfleet/diff.md", problems), maxBytes,
            options.flags.contains("--allow-stateful-deletion"), DiffGoal.Names.COMMAND);
      }
      case "plan":
        return new PlanGoal(path(options, "--plan-output", "target/agentfleet", problems), "--plan-output");
      default:
        return new GenerateGoal();
    }
  }

  private static Path path(Options options, String option, String fallback, List<String> problems) {
    String value = options.values.getOrDefault(option, fallback);
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      problems.add(option + ": '" + value + "' is not a path: " + e.getReason());
      return Path.of(fallback);
    }
  }

  /** Lines of a run: information on standard output, errors on standard error. */
  static final class StreamLog implements FleetRun.Log {
    private final PrintStream out;
    private final PrintStream err;

    StreamLog(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public void info(String line) {
      out.println(line);
    }

    @Override
    public void warn(String line) {
      err.println("warning: " + line);
    }

    @Override
    public void error(String line) {
      err.println("error: " + line);
    }
  }

  /** A command's options: {@code --name value} or {@code --name=value}, flags, and every problem found at once. */
  static final class Options {
    final Map<String, String> values = new TreeMap<>();
    final List<String> flags = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    static Options parse(List<String> args, List<String> valued, List<String> flags) {
      Options o = new Options();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        String name = arg;
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          name = arg.substring(0, eq);
          value = arg.substring(eq + 1);
        }
        if (flags.contains(name) && value == null) {
          o.flags.add(name);
        } else if (valued.contains(name)) {
          if (value == null) {
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
              o.problems.add(name + ": needs a value");
              continue;
            }
            value = args.get(++i);
          }
          if (o.values.containsKey(name)) {
            o.problems.add(name + ": given twice ('" + o.values.get(name) + "' and '" + value + "')");
          }
          o.values.put(name, value);
        } else if (flags.contains(name)) {
          o.problems.add(name + ": takes no value");
        } else if (arg.startsWith("-")) {
          o.problems.add(name + ": unknown option");
        } else {
          o.problems.add("'" + arg + "': unexpected argument (options are written --name value)");
        }
      }
      return o;
    }
  }
}
