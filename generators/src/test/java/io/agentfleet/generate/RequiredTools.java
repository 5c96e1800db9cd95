package io.agentfleet.generate;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the tests run for real (promtool, shellcheck, PostgreSQL, git): a missing one skips the test with a
 * loud message, except when {@code agentfleet.requireTools=true} (set by .ci/run), where it fails it.
 */
public final class RequiredTools {
  private RequiredTools() {}

  /** True under CI, where every tool must be present. */
  public static boolean required() {
    return Boolean.getBoolean("agentfleet.requireTools");
  }

  /** The tool's path on PATH (or in /usr/bin), if it is installed. */
  public static Optional<Path> find(String tool) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Optional.of(Path.of(dir, tool));
      }
    }
    return Optional.empty();
  }

  /** The tool's path; skips (or, under CI, fails) the test when it is missing. */
  public static Path need(String tool, String debianPackage) {
    return find(tool).orElseGet(() -> {
      missing(tool + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)");
      throw new IllegalStateException("unreachable");
    });
  }

  /** Skips the test with a loud message saying what did not run, or fails it under CI. */
  public static void missing(String why) {
    if (required()) {
      Assertions.fail("REQUIRED TOOL MISSING: " + why + " (agentfleet.requireTools=true)");
    }
    System.err.println("*** SKIPPED: " + why + " ***");
    Assumptions.abort(why);
  }
}
