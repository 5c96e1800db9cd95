package io.agentfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentfleet --daemon} with real processes: the command started as users start it (a JVM running
 * {@link Main} on this build's class path), the resident process it starts, its socket folder, and its end.
 */
class DaemonTest {
  @TempDir Path dir;

  private Path daemonDir() {
    return dir.resolve("daemon");
  }

  /** What one process of the command did. */
  record Run(int status, String out, String err) {}

  private Run agentfleet(Path cwd, String... args) throws IOException, InterruptedException {
    return agentfleet(cwd, Map.of("AGENTFLEET_DAEMON_DIR", daemonDir().toString()), args);
  }

  /** One process of the command with {@code env} set; a null value removes the variable. */
  private Run agentfleet(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    env.forEach((name, value) -> {
      if (value == null) {
        pb.environment().remove(name);
      } else {
        pb.environment().put(name, value);
      }
    });
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("agentfleet " + String.join(" ", args) + " ended").isTrue();
    return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  /** The pid the resident process reports, if one runs. */
  private Optional<Long> daemonPid() throws IOException, InterruptedException {
    Run status = agentfleet(dir, "daemon", "status");
    Matcher m = Pattern.compile("running, pid (\\d+)").matcher(status.out());
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  @AfterEach
  void stopDaemon() throws IOException, InterruptedException {
    if (Files.isDirectory(daemonDir())) {
      Optional<Long> pid = daemonPid();
      agentfleet(dir, "daemon", "stop");
      pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static void awaitEnd(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process " + pid + " ended")
        .isFalse();
  }

  /** The resident process's pid once it answers (it starts in the background after a first run). */
  private long awaitDaemon() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Optional<Long> pid = daemonPid();
    while (pid.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      pid = daemonPid();
    }
    return pid.orElseThrow();
  }

  private String daemonLog() throws IOException {
    try (var logs = Files.list(daemonDir())) {
      return Files.readString(logs.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow());
    }
  }

  @Test
  void withoutAFolderNamed_theResidentProcessLivesUnderTheShellsHome() throws Exception {
    // The launcher's script keeps its archives under $HOME too: the command's ~ is the shell's, not the password
    // file's, which the JVM's user.home reads whatever HOME says.
    Map<String, String> env = new java.util.HashMap<>();
    env.put("HOME", dir.resolve("home").toString());
    env.put("AGENTFLEET_DAEMON_DIR", null);
    env.put("XDG_RUNTIME_DIR", null);
    Run status = agentfleet(dir, env, "daemon", "status");
    assertThat(status.out()).as(status.err()).contains("not running for this build (" + dir.resolve(
        "home/.cache/agentfleet/daemon") + "/");
  }

  @Test
  void throughTheDaemon_theCommandWritesTheSameTreeAndPrintsTheSameLinesAsInItsOwnProcess() throws Exception {
    Path own = Files.createDirectories(dir.resolve("own"));
    Path resident = Files.createDirectories(dir.resolve("resident"));
    for (Path project : List.of(own, resident)) {
      Files.writeString(project.resolve("fleet.yaml"), CommandsTest.DOCS_BOTS);
    }
    Run alone = agentfleet(own, "generate");

    // No resident process yet: the command runs here, then starts one, which warms itself on the same fleet.
    Run first = agentfleet(resident, "--daemon", "generate");
    assertThat(first.status()).as(first.err()).isEqualTo(Commands.OK);
    assertThat(first.out()).isEqualTo(alone.out()).startsWith("Generated generated/production from fleet.yaml");
    long pid = awaitDaemon();
    assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());

    Run served = agentfleet(resident, "--daemon", "generate", "--output", "again");
    assertThat(served.status()).as(served.err()).isEqualTo(Commands.OK);
    assertThat(served.out()).isEqualTo(alone.out().replace("generated/", "again/"));
    assertThat(CommandsTest.files(resident.resolve("again"))).isEqualTo(CommandsTest.files(own.resolve("generated")));
    assertThat(daemonLog()).contains("warm-up 1 (generate) done").contains("run 1 in " + resident.toRealPath()
        + ": generate --output again");

    // The next run goes to the same process; a failing one fails the same way, with every problem and status 1.
    Run again = agentfleet(resident, "--daemon", "generate");
    assertThat(again.out()).contains("up to date").contains("nothing generated");
    Files.writeString(own.resolve("bad.yaml"), "name: Docs_Bots\n");
    Files.writeString(resident.resolve("bad.yaml"), "name: Docs_Bots\n");
    Run badAlone = agentfleet(own, "generate", "--fleet", "bad.yaml", "--output", "bad");
    Run bad = agentfleet(resident, "--daemon", "generate", "--fleet", "bad.yaml", "--output", "bad");
    assertThat(bad.status()).isEqualTo(Commands.FAILED).isEqualTo(badAlone.status());
    assertThat(bad.err()).isEqualTo(badAlone.err()).contains("error: bad.yaml:1:7: name: 'Docs_Bots'");
    assertThat(resident.resolve("bad")).doesNotExist();
    Run usage = agentfleet(resident, "--daemon", "generate", "--bogus");
    assertThat(usage.status()).isEqualTo(Commands.USAGE);
    assertThat(daemonPid()).contains(pid);
    assertThat(agentfleet(dir, "daemon", "status").out()).contains("  runs         4\n");

    Run stop = agentfleet(dir, "daemon", "stop");
    assertThat(stop.out()).startsWith("agentfleet daemon: stopped (pid " + pid + ", 4 runs)");
    awaitEnd(pid);
    try (var left = Files.list(daemonDir())) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".sock"));
    }
    assertThat(agentfleet(dir, "daemon", "status").status()).isEqualTo(3);
  }

  @Test
  void daemon_ignoresTheTerminalsInterruptAndStopsWhenIdle() throws Exception {
    Run start = agentfleet(dir, "daemon", "start", "--idle-timeout", "3s");
    assertThat(start.out()).startsWith("agentfleet daemon: started (").contains("idle limit 3s");
    assertThat(Files.getPosixFilePermissions(daemonDir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    long pid = daemonPid().orElseThrow();

    // Ctrl-C in the terminal that started it reaches its whole process group: the resident process stays.
    new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
    Thread.sleep(500);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

    awaitEnd(pid);
    assertThat(daemonLog()).contains("idle for 3s: stopping");
  }

  @Test
  void badCommandLine_withNoResidentProcess_startsNone() throws Exception {
    Run bad = agentfleet(dir, "--daemon", "generate", "--bogus");

    assertThat(bad.status()).isEqualTo(Commands.USAGE);
    assertThat(bad.err()).startsWith("agentfleet generate: --bogus: unknown option");
    // A started process would have its log made by the command that starts it, before the command ends.
    try (var files = Files.list(daemonDir())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".log"));
    }
  }

  @Test
  void startOptions_areChecked() throws Exception {
    Run bad = agentfleet(dir, "daemon", "start", "--idle-timeout", "soon");

    assertThat(bad.status()).isEqualTo(Commands.USAGE);
    assertThat(bad.err()).contains("--idle-timeout: 'soon' is not a duration: write a number and a unit, s, m or h");
    assertThat(Daemon.duration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Daemon.duration("8h")).isEqualTo(Duration.ofHours(8));
    assertThat(Daemon.duration("0m")).isNull();
  }

  @Test
  void folder_thatOthersMayEnter_isRefusedWithTheFix() throws Exception {
    Path open = Files.createDirectory(dir.resolve("open"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertThatThrownBy(() -> Daemon.secure(open)).isInstanceOf(Daemon.DaemonException.class)
        .hasMessage("the daemon folder " + open + " has mode rwxr-xr-x: others could reach the process that writes "
            + "your trees; run chmod 700 " + open);
    Path made = Daemon.secure(dir.resolve("new/daemon"));
    assertThat(Files.getPosixFilePermissions(made)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void key_changesWithTheBuildsBytesOnDisk() throws Exception {
    Path jar = Files.writeString(dir.resolve("agentfleet.jar"), "one", StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path clazz = Files.writeString(classes.resolve("A.class"), "a");
    String key = Daemon.key(List.of(jar, classes));

    assertThat(Daemon.key(List.of(jar, classes))).isEqualTo(key).hasSize(16);
    Files.writeString(jar, "three", StandardCharsets.UTF_8);
    String rebuilt = Daemon.key(List.of(jar, classes));
    assertThat(rebuilt).isNotEqualTo(key);
    Files.setLastModifiedTime(clazz, FileTime.fromMillis(Files.getLastModifiedTime(clazz).toMillis() + 2000));
    assertThat(Daemon.key(List.of(jar, classes))).isNotEqualTo(rebuilt);
  }

  @Test
  void commandStoppedWhileItsRunGoes_theRunStopsAndTheTreeStaysAsItWas() throws Exception {
    StringBuilder fleet = new StringBuilder("name: docs-bots\ngitops: { subAgentShards: 4 }\nsubAgents:\n");
    for (int i = 1; i <= 1000; i++) {
      fleet.append("  - { id: bot").append(i).append(", role: linter, image: ghcr.io/acme/lint-bot:0.3.1, replicas: 1..3,")
          .append(" requests: { cpu: 250m, memory: 512Mi } }\n");
    }
    Files.writeString(dir.resolve("fleet.yaml"), fleet);
    assertThat(agentfleet(dir, "daemon", "start").status()).isEqualTo(Commands.OK);
    Run first = agentfleet(dir, "--daemon", "generate");
    assertThat(first.status()).as(first.err()).isEqualTo(Commands.OK);
    Map<String, String> before = CommandsTest.files(dir.resolve("generated"));
    Path log;
    try (var logs = Files.list(daemonDir())) {
      log = logs.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    // The fleet changes (one more sub-agent), and the user stops the command that regenerates it.
    Files.writeString(dir.resolve("fleet.yaml"), fleet + "  - { id: extra, role: linter, image: "
        + "ghcr.io/acme/lint-bot:0.3.1, replicas: 1..3, requests: { cpu: 250m, memory: 512Mi } }\n");

    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "--daemon", "generate");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("stopped.txt").toFile());
    pb.environment().put("AGENTFLEET_DAEMON_DIR", daemonDir().toString());
    Process client = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.readString(log).contains(" run 2 in ") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    client.destroy(); // as a user stops it
    assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // Commands run one after another: the status answers once the stopped run has ended.
    assertThat(agentfleet(dir, "daemon", "status").status()).isEqualTo(Commands.OK);
    assertThat(Files.readString(log)).containsPattern("run 2 ended with status 1 after \\d+ ms; its command had gone "
        + "away");
    assertThat(CommandsTest.files(dir.resolve("generated"))).isEqualTo(before);
    try (var left = Files.list(dir.resolve("generated"))) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("staging"));
    }
  }

  @Test
  void silentConnection_isCutOff_andTheNextCommandIsServed() throws Exception {
    assertThat(agentfleet(dir, "daemon", "start").status()).isEqualTo(Commands.OK);
    Path socket;
    try (var files = Files.list(daemonDir())) {
      socket = files.filter(p -> p.toString().endsWith(".sock")).findFirst().orElseThrow();
    }

    try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      silent.connect(UnixDomainSocketAddress.of(socket));
      // Connected and sending nothing: the process cuts it off after its time limit and serves the next one.
      Run status = agentfleet(dir, "daemon", "status");
      assertThat(status.status()).as(status.err()).isEqualTo(Commands.OK);
      assertThat(status.out()).startsWith("agentfleet daemon: running, pid ");
      assertThat(silent.read(ByteBuffer.allocate(1))).as("the silent connection was closed").isEqualTo(-1);
    }
    assertThat(daemonLog()).contains("a request failed: java.io.IOException: no whole request within "
        + Daemon.REQUEST_TIMEOUT.getSeconds() + "s of connecting; cut off");
  }

  @Test
  void logOverItsLimit_isMovedAsideWhenAProcessStarts() throws Exception {
    assertThat(agentfleet(dir, "daemon", "start").status()).isEqualTo(Commands.OK);
    agentfleet(dir, "daemon", "stop");
    Path log;
    try (var files = Files.list(daemonDir())) {
      log = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    awaitEnd(Long.parseLong(Files.readString(log).replaceAll("(?s).*, pid (\\d+),.*", "$1")));
    String older = "x".repeat((int) Daemon.LOG_LIMIT) + "\n";
    Files.writeString(log, older, StandardOpenOption.APPEND);
    String whole = Files.readString(log);

    assertThat(agentfleet(dir, "daemon", "start").status()).isEqualTo(Commands.OK);
    assertThat(Files.readString(log.resolveSibling(log.getFileName() + ".1"))).isEqualTo(whole);
    assertThat(Files.readString(log)).contains(" listening on ").doesNotContain("xxx");
  }
}
