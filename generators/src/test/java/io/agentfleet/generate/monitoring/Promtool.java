package io.agentfleet.generate.monitoring;

import static org.assertj.core.api.Assertions.fail;

import io.agentfleet.generate.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code promtool} (Debian package {@code prometheus}). Absent, the calling test is skipped with a
 * loud message, unless {@code agentfleet.requireTools=true} (CI), where it fails.
 */
public final class Promtool {
  private Promtool() {}

  /** The output and exit code of one run. */
  public record Result(int exitCode, String output) {}

  public static Path require() {
    return RequiredTools.need("promtool", "prometheus");
  }


  public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(require().toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("promtool " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Result(p.exitValue(), out);
  }
}
