package io.agentfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.generate.RequiredTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's script as written, without running the command in it (LauncherIT runs it with the real jar). */
class LauncherTest {
  @TempDir Path dir;

  /** A jar path a shell would split or end early: spaces, a quote, a dollar sign and a star. */
  private Path awkwardJar() throws IOException {
    Path jar = dir.resolve("it's a $HOME *").resolve("agentfleet-cli-all.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "not a jar");
    return jar;
  }

  private static String sh(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void theScriptPassesShellcheckAndHoldsTheJarsPathAsItIs() throws Exception {
    Path jar = awkwardJar();
    String script = Launcher.script(jar, "1.2.3");
    assertThat(script).startsWith("#!/bin/sh\n" + Launcher.MARK + "1.2.3)");
    Path file = dir.resolve("agentfleet");
    Files.writeString(file, script);
    // The line that sets the jar, run alone, gives back the path unchanged.
    String line = script.lines().filter(l -> l.startsWith("jar=")).findFirst().orElseThrow();
    assertThat(sh(line + "\nprintf '%s' \"$jar\"")).isEqualTo(jar.toString());
    Path shellcheck = RequiredTools.need("shellcheck", "shellcheck");
    Process p = new ProcessBuilder(shellcheck.toString(), "--shell=sh", file.toString()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void aJarGoneIsNamedWithTheWayToWriteTheLauncherAgain() throws Exception {
    Path jar = awkwardJar();
    Path file = dir.resolve("agentfleet");
    Launcher.write(jar, "1.2.3", file, false);
    Files.delete(jar);
    Process p = new ProcessBuilder(file.toString(), "generate").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(out).contains("the launcher's jar " + jar + " is gone").contains("launcher'");
  }

  @Test
  void writesAnExecutableFileAndReplacesOnlyALauncher() throws Exception {
    Path jar = awkwardJar();
    Path file = dir.resolve("bin/agentfleet");
    Launcher.write(jar, "1.2.3", file, false);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    Launcher.write(jar, "1.2.4", file, false);
    assertThat(Files.readString(file)).contains(Launcher.MARK + "1.2.4)");

    Path other = dir.resolve("bin/tool");
    Files.writeString(other, "#!/bin/sh\necho mine\n");
    assertThatThrownBy(() -> Launcher.write(jar, "1.2.3", other, false)).isInstanceOf(Launcher.Refused.class)
        .hasMessage(other + " exists and is not an agentfleet launcher: nothing written (--overwrite replaces it)");
    assertThat(Files.readString(other)).isEqualTo("#!/bin/sh\necho mine\n");
    Launcher.write(jar, "1.2.3", other, true);
    assertThat(Files.readString(other)).startsWith("#!/bin/sh\n" + Launcher.MARK);
    try (var files = Files.list(dir.resolve("bin"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("agentfleet", "tool");
    }
  }

  @Test
  void runFromClassesTheCommandNamesTheJarToRunItFrom() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Launcher.run(List.of("--output", "agentfleet"), dir, new PrintStream(out, true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(Commands.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("run it as java -jar agentfleet-cli-<version>-all.jar "
        + "launcher");
    assertThat(dir.resolve("agentfleet")).doesNotExist();
  }

  @Test
  void everyWrongOptionIsNamedAtOnce() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Launcher.run(List.of("--output", "--bogus", "x"), dir, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(Commands.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("agentfleet launcher: --output: needs a value")
        .contains("agentfleet launcher: --bogus: unknown option")
        .contains("agentfleet launcher: 'x': unexpected argument");
  }
}
