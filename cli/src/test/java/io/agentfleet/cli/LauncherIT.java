package io.agentfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user gets it: written by {@code java -jar agentfleet-cli-<version>-all.jar launcher} from the
 * jar the build made, then run as a shell command, with real JVMs recording and mapping the class-data archive.
 */
class LauncherIT {
  @TempDir Path dir;
  private Path jar;
  private Path launcher;
  private Path cache;
  private Path fleet;

  record Run(int status, String out) {}

  private Run run(Path cwd, Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("AGENTFLEET_CACHE_DIR", cache.toString());
    pb.environment().put("HOME", dir.resolve("home").toString());
    pb.environment().remove("AGENTFLEET_JAVA_OPTIONS");
    pb.environment().remove("AGENTFLEET_CDS");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  private Run agentfleet(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    return run(fleet.getParent(), env, command.toArray(String[]::new));
  }

  private List<String> archives() throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @BeforeEach
  void writeTheLauncher() throws Exception {
    Path built = Path.of(System.getProperty("agentfleet.cliJar", "target/agentfleet-cli-all.jar"));
    assertThat(built).as("the build's -all jar (agentfleet.cliJar)").isRegularFile();
    // A copy, so the test can make it look rebuilt without touching the build's jar.
    jar = dir.resolve("lib/agentfleet-cli-all.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(built, jar);
    cache = dir.resolve("cache");
    fleet = dir.resolve("fleet/fleet.yaml");
    Files.createDirectories(fleet.getParent());
    Files.writeString(fleet, CommandsTest.DOCS_BOTS);
    launcher = dir.resolve("bin/agentfleet");
    Run written = run(dir, Map.of(), java(), "-jar", jar.toString(), "launcher", "--output", launcher.toString());
    assertThat(written.status()).as(written.out()).isZero();
    assertThat(written.out()).startsWith("Wrote " + launcher + ": runs " + jar + " with a class-data archive")
        .contains(dir.resolve("bin") + " is not on PATH");
  }

  @Test
  void withoutOutputTheLauncherGoesToTheUsersLocalBin() throws Exception {
    Run written = run(dir, Map.of(), java(), "-jar", jar.toString(), "launcher");
    assertThat(written.status()).as(written.out()).isZero();
    Path local = dir.resolve("home/.local/bin/agentfleet");
    assertThat(written.out()).startsWith("Wrote " + local + ": ");
    assertThat(Files.readString(local)).isEqualTo(Files.readString(launcher));
  }

  @Test
  void theWrittenLauncherPassesShellcheck() throws Exception {
    Path shellcheck = RequiredTools.need("shellcheck", "shellcheck");
    Run check = run(dir, Map.of(), shellcheck.toString(), launcher.toString());
    assertThat(check.status()).as(check.out()).isZero();
    assertThat(Files.readString(launcher)).contains("jar='" + jar + "'").doesNotContain("@VERSION@")
        .containsPattern("# agentfleet launcher \\(agentfleet \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\)");
  }

  @Test
  void theFirstSuccessfulGenerationRecordsTheArchiveAndLaterRunsMapIt() throws Exception {
    // No run that generates nothing records an archive: help, a failed run, a tree found up to date. Its archive
    // would lack the classes of a generation.
    Run plain = run(fleet.getParent(), Map.of(), java(), "-jar", jar.toString(), "generate", "--output", "plain");
    assertThat(plain.status()).as(plain.out()).isZero();
    assertThat(agentfleet(Map.of(), "help").status()).isZero();
    assertThat(agentfleet(Map.of(), "generate", "--help").status()).isZero();
    Run failed = agentfleet(Map.of(), "generate", "--fleet", "missing.yaml");
    assertThat(failed.status()).isEqualTo(Commands.FAILED);
    assertThat(agentfleet(Map.of(), "generate", "--bogus").status()).isEqualTo(Commands.USAGE);
    Run upToDate = agentfleet(Map.of(), "generate", "--output", "plain");
    assertThat(upToDate.status()).as(upToDate.out()).isZero();
    assertThat(upToDate.out()).contains("up to date (fingerprint ");
    assertThat(archives()).isEmpty();

    // The first generation: the same output and tree as java -jar, and an archive left behind.
    Run first = agentfleet(Map.of(), "generate", "--output", "first");
    assertThat(first.status()).as(first.out()).isZero();
    assertThat(first.out()).isEqualTo(plain.out().replace("plain", "first"));
    assertThat(CommandsTest.files(fleet.resolveSibling("first"))).isEqualTo(
        CommandsTest.files(fleet.resolveSibling("plain")));
    assertThat(archives()).singleElement().asString().matches("cds-\\d+-\\d+\\.jsa");
    String archive = archives().get(0);

    // The next run maps the library's classes from it.
    Path classes = dir.resolve("classes.log");
    Run second = agentfleet(Map.of("AGENTFLEET_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classes), "generate",
        "--output", "second");
    assertThat(second.status()).as(second.out()).isZero();
    assertThat(second.out()).isEqualTo(plain.out().replace("plain", "second"));
    assertThat(Files.readString(classes)).contains("io.agentfleet.generate.FleetGenerator source: shared objects "
        + "file (top)");
    assertThat(archives()).containsExactly(archive);

    // A rebuilt jar is not mapped with the old archive: the next generation records one for it, the old one goes.
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 120_000));
    Run rebuilt = agentfleet(Map.of(), "check", "--output", "second");
    assertThat(rebuilt.status()).as(rebuilt.out()).isZero();
    assertThat(archives()).singleElement().asString().isNotEqualTo(archive).startsWith(archive.substring(0,
        archive.lastIndexOf('-') + 1));
  }

  @Test
  void withNoHomeTheLauncherRunsWithoutAnArchive() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "generate").directory(fleet.getParent().toFile())
        .redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    for (String name : List.of("HOME", "XDG_CACHE_HOME", "AGENTFLEET_CACHE_DIR", "AGENTFLEET_CDS")) {
      pb.environment().remove(name);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).startsWith("Generated generated/production from fleet.yaml");
  }

  @Test
  void offMeansNoArchiveAndAnUnusableArchiveIsIgnored() throws Exception {
    Run off = agentfleet(Map.of("AGENTFLEET_CDS", "off"), "generate");
    assertThat(off.status()).as(off.out()).isZero();
    assertThat(archives()).isEmpty();

    assertThat(agentfleet(Map.of(), "generate", "--output", "again").status()).isZero();
    Path archive = cache.resolve(archives().get(0));
    Files.delete(archive); // the JVM makes it read-only
    Files.write(archive, new byte[4096]);
    Run damaged = agentfleet(Map.of(), "check", "--output", "again");
    assertThat(damaged.status()).as(damaged.out()).isZero();
    assertThat(damaged.out()).doesNotContain("warning").doesNotContain("error");
  }
}
