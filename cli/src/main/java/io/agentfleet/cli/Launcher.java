package io.agentfleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code agentfleet launcher}: writes the {@code agentfleet} shell command that runs this jar with the JVM settings
 * for short runs and an application class-data archive, which the script records at the first run that generates a
 * fleet and succeeds, and maps at every run after it (the classes are then not read, parsed and verified again on each start). The script
 * is the resource {@code launcher.sh} with this jar's path and version put in.
 */
final class Launcher {
  private Launcher() {}

  static final String USAGE = String.join("\n",
      "usage: agentfleet launcher [--output FILE] [--overwrite]",
      "",
      "Writes the agentfleet command: a shell script that runs this jar with the JVM settings for short runs and",
      "a class-data archive of the classes it loads, made by its first generate, check, diff or plan that",
      "generates a fleet and succeeds, and used by every run after it. Run it as",
      "java -jar agentfleet-cli-<version>-all.jar launcher, and again after moving or upgrading the jar. Linux and",
      "macOS (a POSIX shell).",
      "",
      "  --output FILE             where to write it (default: $HOME/.local/bin/agentfleet)",
      "  --overwrite               replace a file there that is not an agentfleet launcher");

  /** The line every launcher's script has second: a file with it may be replaced. */
  static final String MARK = "# agentfleet launcher (agentfleet ";

  static int run(List<String> args, Path cwd, PrintStream out, PrintStream err) {
    Commands.Options options = Commands.Options.parse(args, List.of("--output"), List.of("--overwrite", "--help"));
    if (options.flags.contains("--help")) {
      out.println(USAGE);
      return Commands.OK;
    }
    List<String> problems = new ArrayList<>(options.problems);
    Path output = null;
    String value = options.values.get("--output");
    try {
      output = value != null ? cwd.resolve(value) : Main.userHome().resolve(".local/bin/agentfleet");
    } catch (InvalidPathException e) {
      problems.add("--output: '" + value + "' is not a path: " + e.getReason());
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("agentfleet launcher: " + p));
      err.println("(agentfleet help launcher lists the options)");
      return Commands.USAGE;
    }
    Optional<Path> jar = ownJar();
    if (jar.isEmpty()) {
      err.println("agentfleet launcher: this agentfleet does not run from a jar that holds all it needs, which the "
          + "launcher could start alone: run it as java -jar agentfleet-cli-<version>-all.jar launcher");
      return Commands.FAILED;
    }
    try {
      write(jar.get(), version(), output, options.flags.contains("--overwrite"));
    } catch (Refused e) {
      err.println("agentfleet launcher: " + e.getMessage());
      return Commands.FAILED;
    }
    out.println("Wrote " + output + ": runs " + jar.get() + " with a class-data archive after its first generation");
    Path dir = output.toAbsolutePath().getParent();
    boolean onPath = false;
    for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      onPath |= !entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(dir.normalize());
    }
    if (!onPath) {
      out.println(dir + " is not on PATH: add it there, or run " + output + " by its path");
    }
    return Commands.OK;
  }

  /**
   * The system property the launcher sets on a run that records a class-data archive: the file to create when the
   * run generated a fleet and succeeded. The launcher keeps the archive only then, so a first run that found its tree
   * up to date, printed help or failed leaves none (its archive would lack the generation's classes).
   */
  static final String GENERATED_MARK = "agentfleet.launcher.generated";

  /** Creates the launcher's mark (see {@link #GENERATED_MARK}) when it asked for one and this run earned it. */
  static void markGenerated(int status) {
    String mark = System.getProperty(GENERATED_MARK);
    if (mark == null || mark.isEmpty() || status != Commands.OK || !FleetRun.generatedHere()) {
      return;
    }
    try {
      Files.write(Path.of(mark), new byte[0]);
    } catch (IOException | InvalidPathException e) {
      // No mark, no archive kept: the next run records one.
    }
  }

  /** A launcher not written, and why. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * Writes the launcher of {@code jar} to {@code output}, executable, in one step (a file beside it, then moved): a
   * launcher that was there is replaced, any other file only when {@code overwrite}.
   */
  static void write(Path jar, String version, Path output, boolean overwrite) throws Refused {
    String text = script(jar, version);
    try {
      if (Files.exists(output) && !overwrite && !isLauncher(output)) {
        throw new Refused(output + " exists and is not an agentfleet launcher: nothing written (--overwrite "
            + "replaces it)");
      }
      Path dir = output.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, ".agentfleet-launcher", ".partial");
      try {
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
          partial.toFile().setExecutable(true, false);
        }
        Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new Refused("could not write " + output + ": " + e);
    }
  }

  private static boolean isLauncher(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(256);
    }
    return new String(head, StandardCharsets.UTF_8).contains("\n" + MARK);
  }

  /** The launcher's text for {@code jar}: its path in single quotes, any quote in it closed and escaped. */
  static String script(Path jar, String version) throws Refused {
    String path = jar.toAbsolutePath().normalize().toString();
    if (path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
      throw new Refused("the jar's path has a line break, which a shell script cannot hold safely: move it");
    }
    String template;
    try (InputStream in = Launcher.class.getResourceAsStream("launcher.sh")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return template.replace("@VERSION@", version).replace("@JAR@", path.replace("'", "'\\''"));
  }

  /** The jar this command runs from, when it holds the library and its dependencies too (the -all jar). */
  static Optional<Path> ownJar() {
    Optional<Path> own = location(Launcher.class);
    if (own.isEmpty() || !Files.isRegularFile(own.get())) {
      return Optional.empty();
    }
    // The library and a third-party class it needs must come from the same jar.
    for (Class<?> c : List.of(io.agentfleet.generate.FleetGenerator.class,
        com.fasterxml.jackson.databind.ObjectMapper.class)) {
      if (!location(c).equals(own)) {
        return Optional.empty();
      }
    }
    return own;
  }

  private static Optional<Path> location(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** This build's version, from the jar's manifest ({@code development} when run from classes). */
  static String version() {
    String v = Launcher.class.getPackage().getImplementationVersion();
    return v != null ? v : "development";
  }
}
