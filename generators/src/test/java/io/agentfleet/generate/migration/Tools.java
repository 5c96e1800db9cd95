package io.agentfleet.generate.migration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** External tools the tests call for real: skipped loudly when absent, required when CI says so. */
final class Tools {
  private Tools() {}

  static boolean required() {
    return Boolean.getBoolean("agentfleet.requireTools");
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Skips the test (with a loud message) when the tool is missing, unless agentfleet.requireTools=true. */
  static void need(String tool) {
    boolean present = onPath(tool);
    if (!present && required()) {
      throw new AssertionError(tool + " is not on PATH, and agentfleet.requireTools=true makes it mandatory "
          + "(.ci/run installs it)");
    }
    if (!present) {
      System.err.println("!!! SKIPPED: " + tool + " is not on PATH; install it (apt-get install " + tool
          + ") to run this test");
    }
    assumeTrue(present, tool + " is not on PATH");
  }
}
