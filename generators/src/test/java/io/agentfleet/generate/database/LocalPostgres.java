package io.agentfleet.generate.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real PostgreSQL servers on 127.0.0.1 for the database tests, from Debian's binaries ({@code /usr/lib/postgresql/N/bin},
 * installed by {@code .ci/run}). PostgreSQL refuses to run as root, so when the build runs as root (this machine and
 * CI do) servers and scripts run as the {@code postgres} user through {@code runuser}; every directory they use is
 * handed to that user. Every command is bounded in time; {@link #close()} stops every server started.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final String RUN_AS = "postgres";
  private final Path base;
  private final Path bin;
  private final boolean root;
  private final List<Path> running = new ArrayList<>();

  /** The result of one command. */
  public record Result(int exit, String output) {
    Result ok() {
      assertThat(exit).as("exit status; output:\n%s", output).isZero();
      return this;
    }
  }

  private LocalPostgres(Path base, Path bin, boolean root) {
    this.base = base;
    this.bin = bin;
    this.root = root;
  }

  /** Finds the tools or skips (fails under {@code agentfleet.requireTools=true}), then makes a working directory. */
  public static LocalPostgres open(String name) {
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    if (bin == null) {
      unavailable("PostgreSQL server tools (initdb, pg_ctl, postgres, psql, pg_dump, pg_restore, pg_basebackup) not "
          + "found under /usr/lib/postgresql/*/bin; install Debian's postgresql package (.ci/run does)");
    }
    if (root && !Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
      unavailable("running as root needs runuser to start PostgreSQL as the user " + RUN_AS);
    }
    try {
      Path base = Files.createTempDirectory("agentfleet-pg-" + name + "-");
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      LocalPostgres pg = new LocalPostgres(base, bin, root);
      pg.dir("run");
      if (root) {
        pg.run(Duration.ofSeconds(10), Map.of(), List.of("id", RUN_AS), false).ok();
      }
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void unavailable(String why) {
    RequiredTools.missing("real-PostgreSQL test cannot run: " + why);
  }


  private static Path findBin() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Stream.of("initdb", "pg_ctl", "postgres", "psql", "pg_dump", "pg_restore", "pg_basebackup",
              "pg_isready").allMatch(t -> Files.isExecutable(b.resolve(t))))
          .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  public Path base() {
    return base;
  }

  public Path bin() {
    return bin;
  }

  /** A directory the server user owns. */
  public Path dir(String name) {
    try {
      Path d = Files.createDirectories(base.resolve(name));
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
      chown(d);
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file readable by the server user. */
  public Path write(String name, String text) {
    try {
      Path f = base.resolve(name);
      if (!Files.isDirectory(f.getParent())) {
        dir(base.relativize(f.getParent()).toString());
      }
      Files.writeString(f, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
      chown(f);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void chown(Path p) throws IOException {
    if (root) {
      UserPrincipal user = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS);
      Files.setOwner(p, user);
    }
  }

  /** A free TCP port on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The environment every command gets: Debian's PostgreSQL tools first on PATH, no stray PG* variables. */
  public Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
    env.put("LC_ALL", "C");
    env.put("HOME", base.toString());
    env.putAll(extra);
    return env;
  }

  /** Runs a command (as the server user when {@code asServerUser} and running as root), bounded by {@code timeout}. */
  public Result run(Duration timeout, Map<String, String> extraEnv, List<String> command, boolean asServerUser) {
    List<String> cmd = new ArrayList<>();
    if (asServerUser && root) {
      cmd.addAll(List.of("runuser", "-u", RUN_AS, "--"));
    }
    cmd.add("env");
    cmd.add("-i");
    env(extraEnv).forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.addAll(command);
    try {
      Path out = Files.createTempFile(base, "out-", ".log");
      Process p = new ProcessBuilder(cmd).directory(base.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return new Result(124, "TIMED OUT after " + timeout + ": " + command + "\n" + Files.readString(out));
      }
      return new Result(p.exitValue(), Files.readString(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** initdb with peer auth for the superuser on the socket and password auth on TCP. */
  public Path initdb(String name, String hba) {
    Path data = dir(name).resolve("pgdata");
    run(Duration.ofSeconds(120), Map.of(), List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U",
        "postgres", "--no-locale", "--encoding=UTF8", "--auth-local=peer", "--auth-host=scram-sha-256"), true).ok();
    write(base.relativize(data.resolve("pg_hba.conf")).toString(), hba);
    return data;
  }

  /** Starts a server on 127.0.0.1:port with its socket in the base's {@code run} directory; waits until ready. */
  public void start(Path data, int port) {
    Path log = data.getParent().resolve("server.log");
    Result r = run(Duration.ofSeconds(90), Map.of(), List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
        "-l", log.toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + socketDir() + " -c listen_addresses=127.0.0.1", "start"), true);
    running.add(data);
    if (r.exit() != 0) {
      String serverLog;
      try {
        serverLog = Files.exists(log) ? Files.readString(log) : "(no log)";
      } catch (IOException e) {
        serverLog = e.toString();
      }
      throw new AssertionError("server did not start: " + r.output() + "\n" + serverLog);
    }
  }

  public void stop(Path data) {
    run(Duration.ofSeconds(60), Map.of(), List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m",
        "fast", "-w", "-t", "30", "stop"), true);
    running.remove(data);
  }

  public Path socketDir() {
    return base.resolve("run");
  }

  /** psql as the superuser through the socket. */
  public Result superuser(int port, String database, String sql) {
    Path f = write("sql/" + System.nanoTime() + ".sql", sql);
    return run(Duration.ofSeconds(60), Map.of(), List.of(bin.resolve("psql").toString(), "-X", "-q", "-tA", "-v",
        "ON_ERROR_STOP=1", "-h", socketDir().toString(), "-p", Integer.toString(port), "-U", "postgres", "-d", database,
        "-f", f.toString()), true);
  }

  /** psql as a role with a password over TCP on 127.0.0.1. */
  public Result as(String role, String password, int port, String database, String sql) {
    return run(Duration.ofSeconds(30), Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "10"),
        List.of(bin.resolve("psql").toString(), "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
            Integer.toString(port), "-U", role, "-d", database, "-c", sql), false);
  }

  @Override
  public void close() {
    for (Path data : List.copyOf(running)) {
      run(Duration.ofSeconds(60), Map.of(), List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m",
          "immediate", "-w", "-t", "30", "stop"), true);
    }
    running.clear();
    try (Stream<Path> all = Files.walk(base)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }
}
