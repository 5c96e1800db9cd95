package io.agentfleet.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code agentfleet} command. With {@code --daemon} a command runs in a resident process of the same build
 * ({@link Daemon}), which has its classes loaded and its code compiled from the runs before: this process then only
 * passes the command line and relays the output. Without it, or with no resident process yet, the command runs
 * here (and with {@code --daemon} leaves a resident process for the next run).
 *
 * <p>This class loads nothing of the library until a command runs in this process.
 */
public final class Main {
  private Main() {}

  static final String USAGE = String.join("\n",
      "usage: agentfleet [--daemon] generate [options]     generate, validate and write the fleet's trees",
      "       agentfleet [--daemon] check [options]        fail when a committed tree differs from the fleet's",
      "       agentfleet [--daemon] diff [options]         what a change does to the tree, object by object",
      "       agentfleet [--daemon] plan [options]         the fleet's capacity plan per environment",
      "       agentfleet import-compose [options]          a starting fleet.yaml from a docker-compose.yml",
      "       agentfleet daemon start [--idle-timeout DURATION] | stop | status",
      "       agentfleet launcher [options]                write the agentfleet command, which starts faster",
      "       agentfleet help [generate | check | diff | plan | import-compose | launcher]",
      "",
      "--daemon runs the command in the resident process of this build. With none running, the command runs",
      "here and leaves one that warms itself on the same fleet; it stops after three idle hours (daemon start",
      "sets another limit: 90s, 30m, 8h). Later runs skip the JVM's start and warm-up. The trees are the same",
      "byte for byte either way.");

  /**
   * The user's home as the shell has it, {@code $HOME} (else the JVM's {@code user.home}, which comes from the
   * password file whatever {@code HOME} says): what the command's defaults under {@code ~} mean (the schema cache, the
   * resident process's folder, the launcher's place), and what the launcher's script means by {@code $HOME}.
   */
  static Path userHome() {
    String home = System.getenv("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
  }

  public static void main(String[] args) {
    int status = run(Arrays.asList(args));
    Launcher.markGenerated(status);
    System.exit(status);
  }

  static int run(List<String> args) {
    Path cwd = Path.of("").toAbsolutePath();
    if (!args.isEmpty() && args.get(0).equals("daemon")) {
      return Daemon.control(args.subList(1, args.size()), System.out, System.err);
    }
    if (!args.isEmpty() && args.get(0).equals("launcher")) {
      return Launcher.run(args.subList(1, args.size()), cwd, System.out, System.err);
    }
    if (!args.isEmpty() && args.get(0).equals("--daemon")) {
      return Daemon.request(args.subList(1, args.size()), cwd, System.out, System.err);
    }
    return Commands.run(args, cwd, System.out, System.err);
  }
}
