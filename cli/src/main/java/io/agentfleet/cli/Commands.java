package io.agentfleet.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  /**
   * Runs the command {@code args} (its name first) as if started in {@code cwd}: relative paths resolve against it.
   * Answers the exit status.
   */
  public static int run(List<String> args, Path cwd, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println(Main.USAGE);
      return USAGE;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (command) {
      case "generate":
        return fleetCommand("generate", rest, cwd, out, err, new GenerateGoal());
      case "check":
        return fleetCommand("check", rest, cwd, out, err, new CheckGoal());
      case "help":
      case "--help":
      case "-h":
        out.println(rest.contains("generate") ? GENERATE_USAGE : rest.contains("check") ? CHECK_USAGE : Main.USAGE);
        return OK;
      default:
        err.println("agentfleet: unknown command '" + command + "'");
        err.println(Main.USAGE);
        return USAGE;
    }
  }

  /**
   * Runs a {@code generate} or {@code check} command line in memory: the same reading, generation and validation of every selected
   * environment, with the text of each tree made, but nothing written and nothing printed. What the resident
   * process does to warm itself; true when the fleet generated.
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
    return fleetCommand(args.get(0), args.subList(1, args.size()), cwd, none, none, inMemory) == OK;
  }

  /** The commands a resident process warms itself on: each generates the fleet's trees first. */
  static final List<String> WARMS = List.of("generate", "check");

  /** {@code agentfleet generate} or {@code check}: the options of a run over the fleet file, then the goal's run. */
  private static int fleetCommand(String name, List<String> args, Path cwd, PrintStream out, PrintStream err,
      FleetRun.Goal goal) {
    Options options = Options.parse(args, List.of("--fleet", "--output", "--environment", "--schema-location",
        "--schema-cache", "--threads"), List.of("--phases", "--help"));
    if (options.flags.contains("--help")) {
      out.println(name.equals("check") ? CHECK_USAGE : GENERATE_USAGE);
      return OK;
    }
    List<String> problems = new ArrayList<>(options.problems);
    Path fleet = path(options, "--fleet", "fleet.yaml", problems);
    Path output = path(options, "--output", "generated", problems);
    Path cache = path(options, "--schema-cache",
        Path.of(System.getProperty("user.home"), ".cache", "agentfleet", "schemas").toString(), problems);
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
      problems.forEach(p -> err.println("agentfleet " + name + ": " + p));
      err.println("(agentfleet help " + name + " lists the options)");
      return USAGE;
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
        .build();
    try {
      run.execute(goal);
      return OK;
    } catch (FleetRun.Failure e) {
      err.println("agentfleet " + name + " failed: " + e.getMessage());
      return FAILED;
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
