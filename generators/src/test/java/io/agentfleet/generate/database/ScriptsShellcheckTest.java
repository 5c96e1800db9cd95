package io.agentfleet.generate.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.RequiredTools;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.FleetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every generated database script, in both modes, is clean under {@code shellcheck -S warning}. */
class ScriptsShellcheckTest {
  @TempDir
  Path dir;

  static Stream<String> modes() {
    return Stream.of("cloudnative-pg", "statefulset");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void scripts_whenCheckedByShellcheck_haveNoWarnings(String mode) throws IOException, InterruptedException {
    RequiredTools.need("shellcheck", "shellcheck");
    FleetSpec spec = mode.equals("statefulset") ? DatabaseFleets.statefulSet() : DatabaseFleets.cloudNativePg();
    RenderedTree tree = IsolationOnRealPostgresTest.tree(spec);
    List<String> files = new ArrayList<>();
    Files.writeString(dir.resolve("restore.sh"), tree.files().get("database/restore.sh"));
    files.add("restore.sh");
    for (String key : mode.equals("statefulset") ? List.of("backup.sh", "bootstrap.sh", "keeper.sh") : List.of("backup.sh")) {
      Files.writeString(dir.resolve(key), IsolationOnRealPostgresTest.configMapData(tree, "database/postgres-backup.yaml", key));
      files.add(key);
    }
    List<String> cmd = new ArrayList<>(List.of("shellcheck", "-S", "warning", "-s", "bash"));
    cmd.addAll(files);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(out).as("shellcheck output").isEmpty();
    assertThat(p.exitValue()).isZero();
  }
}
