package io.agentfleet.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The resident process of {@code agentfleet --daemon}: one JVM per build of agentfleet and user, which runs the
 * commands it is sent one after another, so that every run after the first finds the classes loaded and the code
 * compiled. A run through it prints the same lines, exits with the same status and writes the same files as the
 * command run in its own process ({@link Commands}); nothing of a run is kept for the next but the JVM's warm state.
 *
 * <p>How it starts: {@code --daemon} with none answering runs the command in the caller's own JVM, then starts one
 * that generates the same fleet in memory {@link #WARM_UPS} times before it waits for work; {@code daemon start}
 * starts one that waits at once.
 *
 * <p>Where it lives: a Unix-domain socket {@code <key>.sock} in a folder only its user can enter (mode 700, owned by
 * the user; anything else is refused): {@code $AGENTFLEET_DAEMON_DIR}, else {@code $XDG_RUNTIME_DIR/agentfleet},
 * else {@code ~/.cache/agentfleet/daemon}. The key is a hash of the JVM and of every class path entry's path, size
 * and time, so a rebuilt or upgraded agentfleet, or another JDK, gets a process of its own and never runs old code.
 * Beside the socket: {@code <key>.lock}, held for the process's life (a second one started at the same time gives
 * way), and {@code <key>.log}, its own output (moved aside to {@code <key>.log.1} when a process starts and finds it
 * over {@link #LOG_LIMIT}). It stops when told ({@code agentfleet daemon stop}), after its idle
 * limit (three hours unless {@code daemon start --idle-timeout} says otherwise), or on SIGTERM; the terminal's
 * Ctrl-C and hang-up signals reach the command that started it, not it.
 *
 * <p>The protocol, both ways over the socket: the request is {@code "AFD1"}, the working folder and the arguments,
 * each string as a length and UTF-8 bytes; the answer is frames of one kind byte ({@code 1} standard output,
 * {@code 2} standard error: a length and bytes; {@code 3} the exit status, last). A request not whole within
 * {@link #REQUEST_TIMEOUT} of connecting is cut off. A client keeps its end open until the exit status: a connection
 * that ends before (its command stopped by the user) stops the generation it asked for, which then writes nothing.
 */
public final class Daemon {
  private Daemon() {}

  private static final int MAGIC = 0x41464431; // "AFD1"
  static final byte OUT = 1;
  static final byte ERR = 2;
  static final byte EXIT = 3;
  /** The idle limit of a process started by {@code --daemon}. */
  static final Duration DEFAULT_IDLE = Duration.ofHours(3);
  /** How long a client waits for a process it started to answer. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  /**
   * The resident JVM's options unless {@code AGENTFLEET_DAEMON_JAVA_OPTS} gives others: G1, which gives the heap
   * back to the system after the full collection the process runs once it idles ({@link #RELEASE_AFTER}; the
   * parallel collector keeps what it grew), and a heap of 768 MiB at most, which holds a 10 000-sub-agent fleet's run
   * (its live set is about 170 MiB) and keeps the process under 1 GiB resident.
   */
  static final List<String> DEFAULT_JAVA_OPTS = List.of("-XX:+UseG1GC", "-Xmx768m");
  /**
   * Idle this long after a run, the process collects its heap fully once, so that the collector can hand what the
   * run grew back to the system (G1 shrinks to its live set and {@code MaxHeapFreeRatio} after a full collection;
   * a periodic concurrent cycle does not, since an idle process never evacuates the old regions it marked).
   */
  static final Duration RELEASE_AFTER = Duration.ofMinutes(5);
  /**
   * A client sends its whole request as soon as it connects; one that has not within this time is cut off, so that
   * a connection that stays silent (a stuck or foreign program) does not hold the process from everyone else.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /**
   * A log larger than this when a process starts is moved aside to {@code <key>.log.1} (replacing the one before),
   * so that the folder keeps at most two logs of a build, the newest whole.
   */
  static final long LOG_LIMIT = 1 << 20;

  /** Failure to reach or set up the resident process, with what to do about it. */
  static final class DaemonException extends Exception {
    private static final long serialVersionUID = 1L;

    DaemonException(String message) {
      super(message);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Where the process lives

  /** The folder of the sockets, made (mode 700) when missing and refused when others may enter it. */
  static Path folder() throws DaemonException {
    String dir = System.getenv("AGENTFLEET_DAEMON_DIR");
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    Path folder = dir != null && !dir.isBlank() ? Path.of(dir)
        : runtime != null && !runtime.isBlank() ? Path.of(runtime, "agentfleet")
        : Main.userHome().resolve(".cache/agentfleet/daemon");
    return secure(folder.toAbsolutePath().normalize());
  }

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  /** {@code folder}, made with mode 700 if missing; refused unless it is a folder of this user's that only it enters. */
  static Path secure(Path folder) throws DaemonException {
    PosixFileAttributeView posix;
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder.getParent());
        boolean isPosix = folder.getParent().getFileSystem().supportedFileAttributeViews().contains("posix");
        if (isPosix) {
          Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
          Files.createDirectory(folder);
        }
      }
      posix = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
      if (posix == null) {
        return folder; // no POSIX permissions to check (the user's profile folder protects it)
      }
      var attributes = posix.readAttributes();
      String user = System.getProperty("user.name");
      if (!attributes.owner().getName().equals(user)) {
        throw new DaemonException("the daemon folder " + folder + " belongs to " + attributes.owner().getName()
            + ", not to " + user + ": remove it, or set AGENTFLEET_DAEMON_DIR to a folder of yours");
      }
      if (!attributes.permissions().equals(OWNER_ONLY)) {
        throw new DaemonException("the daemon folder " + folder + " has mode "
            + PosixFilePermissions.toString(attributes.permissions()) + ": others could reach the process that "
            + "writes your trees; run chmod 700 " + folder);
      }
    } catch (IOException e) {
      throw new DaemonException("cannot use the daemon folder " + folder + ": " + e);
    }
    return folder;
  }

  /**
   * The key of this build: the JVM and every class path entry (path, size and time; for a folder, those of every
   * file in it), hashed. Two builds share a process only if they are the same bytes on disk.
   */
  static String key() throws DaemonException {
    return key(classPath());
  }

  /** The key of a JVM like this one running {@code classPath}. */
  static String key(List<Path> classPath) throws DaemonException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(sha, System.getProperty("java.home"));
    update(sha, System.getProperty("java.vm.version"));
    for (Path entry : classPath) {
      try {
        if (Files.isDirectory(entry)) {
          List<Path> files;
          try (Stream<Path> walk = Files.walk(entry)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
          }
          for (Path f : files) {
            stamp(sha, f);
          }
        } else if (Files.exists(entry)) {
          stamp(sha, entry);
        }
      } catch (IOException e) {
        throw new DaemonException("cannot read the class path entry " + entry + ": " + e.getMessage());
      }
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  private static void stamp(MessageDigest sha, Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    update(sha, file + "\0" + a.size() + "\0" + a.lastModifiedTime().toMillis());
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(String.valueOf(s).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  /** This JVM's class path, every entry absolute (the resident process runs in its own folder). */
  static List<Path> classPath() {
    List<Path> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(Path.of(e).toAbsolutePath().normalize());
      }
    }
    return entries;
  }

  static Path socket(Path folder, String key) {
    return folder.resolve(key + ".sock");
  }

  static Path log(Path folder, String key) {
    return folder.resolve(key + ".log");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The client: agentfleet --daemon COMMAND, agentfleet daemon start|stop|status

  /**
   * Runs {@code args} in the resident process when one answers. When none does, runs them here (a new process's first
   * run would be slower than this one: it compiles with the optimising compiler from the start) and then starts one
   * in the background, which warms itself on the same command ({@link #WARM_UPS}) for the next run. Answers the
   * command's exit status.
   */
  static int request(List<String> args, Path cwd, PrintStream out, PrintStream err) {
    Path folder;
    String key;
    try {
      folder = folder();
      key = key();
    } catch (DaemonException e) {
      err.println("agentfleet --daemon: " + e.getMessage());
      return Commands.FAILED;
    }
    SocketChannel channel = connect(socket(folder, key));
    if (channel != null) {
      try {
        return exchange(channel, args, cwd, out, err, log(folder, key));
      } catch (DaemonException e) {
        err.println("agentfleet --daemon: " + e.getMessage());
        return Commands.FAILED;
      }
    }
    int status = Commands.run(args, cwd, out, err);
    if (status == Commands.USAGE || !Commands.WARMS.contains(args.get(0))) {
      return status; // nothing a resident process would have made quicker
    }
    try {
      spawn(folder, key, DEFAULT_IDLE, status == Commands.OK ? args : List.of(), cwd);
    } catch (DaemonException e) {
      err.println("agentfleet --daemon: the command ran here; " + e.getMessage());
    }
    return status;
  }

  /** How many times a process started after a run generates that run's fleet in memory before it waits for work. */
  static final int WARM_UPS = 4;

  /** {@code agentfleet daemon start|stop|status}. */
  static int control(List<String> args, PrintStream out, PrintStream err) {
    String usage = "usage: agentfleet daemon start [--idle-timeout DURATION] | stop | status";
    if (args.isEmpty()) {
      err.println(usage);
      return Commands.USAGE;
    }
    try {
      Path folder = folder();
      String key = key();
      Path socket = socket(folder, key);
      SocketChannel channel = connect(socket);
      switch (args.get(0)) {
        case "start": {
          Duration idle = DEFAULT_IDLE;
          if (args.size() == 3 && args.get(1).equals("--idle-timeout")) {
            idle = duration(args.get(2));
            if (idle == null) {
              err.println("agentfleet daemon start: --idle-timeout: '" + args.get(2) + "' is not a duration: write "
                  + "a number and a unit, s, m or h (90s, 30m, 8h)");
              return Commands.USAGE;
            }
          } else if (args.size() != 1) {
            err.println(usage);
            return Commands.USAGE;
          }
          if (channel != null) {
            out.println("agentfleet daemon: already running for this build (" + socket + "); its idle limit stays");
            channel.close();
            return Commands.OK;
          }
          start(folder, key, idle).close();
          out.println("agentfleet daemon: started (" + socket + ", idle limit " + text(idle) + ")");
          return Commands.OK;
        }
        case "stop":
        case "status":
          if (args.size() != 1) {
            err.println(usage);
            return Commands.USAGE;
          }
          if (channel == null) {
            out.println("agentfleet daemon: not running for this build (" + socket + ")");
            return args.get(0).equals("stop") ? Commands.OK : 3;
          }
          return exchange(channel, List.of("daemon", args.get(0)), Path.of("").toAbsolutePath(), out, err,
              log(folder, key));
        default:
          err.println(usage);
          return Commands.USAGE;
      }
    } catch (DaemonException | IOException e) {
      err.println("agentfleet daemon: " + e.getMessage());
      return Commands.FAILED;
    }
  }

  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,6})(s|m|h)");

  /** {@code 90s}, {@code 30m}, {@code 8h}; null for anything else. */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("s") ? Duration.ofSeconds(n) : m.group(2).equals("m") ? Duration.ofMinutes(n)
        : Duration.ofHours(n);
  }

  private static String text(Duration d) {
    long s = d.getSeconds();
    return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** A connection to the process at {@code socket}, or null when none answers there. */
  static SocketChannel connect(Path socket) {
    if (!Files.exists(socket)) {
      return null;
    }
    try {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
      } catch (IOException e) {
        channel.close();
        return null;
      }
    } catch (IOException e) {
      return null;
    }
  }

  /** Starts the resident process of this build and answers a connection to it once it listens. */
  static SocketChannel start(Path folder, String key, Duration idle) throws DaemonException {
    Process process = spawn(folder, key, idle, List.of(), Path.of(""));
    Path log = log(folder, key);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Path socket = socket(folder, key);
    while (System.nanoTime() < deadline) {
      SocketChannel channel = connect(socket);
      if (channel != null) {
        return channel;
      }
      if (!process.isAlive() && process.exitValue() != 0) {
        throw new DaemonException("the resident process exited with status " + process.exitValue()
            + " before it listened; its log is " + log);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new DaemonException("the resident process did not listen within " + START_TIMEOUT.getSeconds()
        + " s; its log is " + log);
  }

  /**
   * Starts the resident process of this build, which first warms itself on {@code warm} (a command as run in
   * {@code cwd}; none when empty), and answers it without waiting.
   */
  static Process spawn(Path folder, String key, Duration idle, List<String> warm, Path cwd) throws DaemonException {
    Path log = log(folder, key);
    try {
      if (Files.isRegularFile(log) && Files.size(log) > LOG_LIMIT) {
        Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // the new process appends to the old log
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts = System.getenv("AGENTFLEET_DAEMON_JAVA_OPTS");
    command.addAll(opts == null || opts.isBlank() ? DEFAULT_JAVA_OPTS : Arrays.asList(opts.trim().split("\\s+")));
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath().stream().map(Path::toString).toList()));
    command.add(Daemon.class.getName());
    command.add(folder.toString());
    command.add(key);
    command.add(Long.toString(idle.getSeconds()));
    if (!warm.isEmpty()) {
      command.add(cwd.toAbsolutePath().toString());
      command.addAll(warm);
    }
    try {
      return new ProcessBuilder(command)
          .directory(folder.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '/' ? "/dev/null" : "NUL")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new DaemonException("cannot start the resident process (" + String.join(" ", command) + "): "
          + e.getMessage());
    }
  }

  /** Sends one request and relays its answer; answers the exit status. */
  private static int exchange(SocketChannel channel, List<String> args, Path cwd, PrintStream out, PrintStream err,
      Path log) throws DaemonException {
    try (channel) {
      DataOutputStream request = new DataOutputStream(Channels.newOutputStream(channel));
      request.writeInt(MAGIC);
      writeString(request, cwd.toString());
      request.writeInt(args.size());
      for (String a : args) {
        writeString(request, a);
      }
      request.flush();
      DataInputStream answer = new DataInputStream(Channels.newInputStream(channel));
      while (true) {
        byte kind = answer.readByte();
        if (kind == EXIT) {
          return answer.readInt();
        }
        byte[] bytes = new byte[answer.readInt()];
        answer.readFully(bytes);
        PrintStream to = kind == OUT ? out : err;
        to.write(bytes, 0, bytes.length);
        to.flush();
      }
    } catch (EOFException e) {
      throw new DaemonException("the resident process stopped before the command ended; its log is " + log);
    } catch (IOException e) {
      throw new DaemonException("lost the resident process: " + e.getMessage() + "; its log is " + log);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("a string of " + n + " bytes in a request");
    }
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The resident process

  /**
   * {@code java -cp ... io.agentfleet.cli.Daemon FOLDER KEY IDLE_SECONDS [CWD COMMAND...]}: started by
   * {@link #spawn}; with a command, it warms itself on it before it waits for work.
   */
  public static void main(String[] args) throws Exception {
    Path folder = secure(Path.of(args[0]));
    String key = args[1];
    Duration idle = Duration.ofSeconds(Long.parseLong(args[2]));
    Path warmCwd = args.length > 4 ? Path.of(args[3]) : null;
    List<String> warm = args.length > 4 ? List.of(args).subList(4, args.length) : List.of();
    ignoreTerminalSignals();
    try (FileChannel lockFile = FileChannel.open(folder.resolve(key + ".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock lock = lockFile.tryLock();
      if (lock == null) {
        System.out.println(Instant.now() + " another resident process holds " + key + ".lock; leaving it the socket");
        return;
      }
      new Server(folder, key, idle).serve(warm, warmCwd);
      // Ends while it still holds the lock: its shutdown hook removes the socket before another process may bind
      // one at the same path, never after.
      System.exit(0);
    }
  }

  /**
   * The terminal's interrupt (Ctrl-C) and hang-up go to every process of the command that started this one; they are
   * meant for that command. The JDK's own handler API ({@code sun.misc.Signal}, module jdk.unsupported) is reached by
   * reflection: it is not part of the compiled API. Where it is missing the signals keep their default.
   */
  private static void ignoreTerminalSignals() {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object ignore = handler.getField("SIG_IGN").get(null);
      for (String name : List.of("INT", "HUP")) {
        signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name),
            ignore);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println(Instant.now() + " terminal signals keep their default: " + e);
    }
  }

  /** Accepts one connection at a time and runs its command; stops when told, when idle too long, or on SIGTERM. */
  static final class Server {
    private final Path folder;
    private final String key;
    private final Duration idle;
    private final Instant started = Instant.now();
    private volatile long lastActive = System.nanoTime();
    private volatile boolean busy;
    private volatile boolean stopping;
    private volatile boolean released = true;
    private volatile boolean warming;
    private volatile int warmedUp;
    private int runs;
    private ServerSocketChannel server;
    /**
     * Cuts off a client that does not send its request ({@link #REQUEST_TIMEOUT}) and sends output that waited its
     * time ({@link Frames#LINGER}).
     */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread t = new Thread(task, "agentfleet-daemon-timer");
      t.setDaemon(true);
      return t;
    });

    Server(Path folder, String key, Duration idle) {
      this.folder = folder;
      this.key = key;
      this.idle = idle;
    }

    void serve(List<String> warm, Path warmCwd) throws IOException {
      Path socket = socket(folder, key);
      Files.deleteIfExists(socket); // left by a process that ended without cleaning up: this one holds the lock
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Files.deleteIfExists(socket);
        } catch (IOException e) {
          // the next process removes it
        }
      }));
      Thread watchdog = new Thread(this::watch, "agentfleet-daemon-idle");
      watchdog.setDaemon(true);
      watchdog.start();
      System.out.println(Instant.now() + " listening on " + socket + ", pid " + ProcessHandle.current().pid()
          + ", idle limit " + text(idle));
      warmUp(warm, warmCwd);
      while (!stopping) {
        SocketChannel client;
        try {
          client = server.accept();
        } catch (IOException e) {
          break; // closed by the watchdog or by stop
        }
        busy = true;
        try (client) {
          handle(client);
        } catch (IOException | RuntimeException e) {
          System.out.println(Instant.now() + " a request failed: " + e);
        } finally {
          busy = false;
          released = false;
          lastActive = System.nanoTime();
        }
      }
      server.close();
      Files.deleteIfExists(socket);
      System.out.println(Instant.now() + " stopped after " + runs + " runs");
    }

    /**
     * Generates the fleet of {@code warm} in memory ({@link Commands#warm}) up to {@link #WARM_UPS} times, so that
     * the code the next run needs is compiled by then; a command that arrives meanwhile ends it (after the
     * generation under way) and is served first.
     */
    private void warmUp(List<String> warm, Path cwd) throws IOException {
      if (warm.isEmpty()) {
        return;
      }
      busy = true;
      warming = true;
      server.configureBlocking(false);
      try {
        for (int i = 1; i <= WARM_UPS && !stopping; i++) {
          SocketChannel waiting = server.accept();
          if (waiting != null) {
            waiting.configureBlocking(true);
            boolean command;
            try (waiting) {
              command = handle(waiting);
            } catch (IOException e) {
              System.out.println(Instant.now() + " a request failed: " + e);
              command = true;
            }
            if (command) {
              return;
            }
            i--; // a status or stop asked meanwhile: the warm-up goes on (unless stopped)
            continue;
          }
          long start = System.nanoTime();
          boolean ok = Commands.warm(warm, cwd);
          System.out.printf("%s warm-up %d (%s) %s after %d ms%n", Instant.now(), i, String.join(" ", warm),
              ok ? "done" : "failed, no more", (System.nanoTime() - start) / 1_000_000);
          if (!ok) {
            return;
          }
          warmedUp = i;
        }
      } catch (RuntimeException | Error e) {
        System.out.println(Instant.now() + " warm-up stopped: " + e);
      } finally {
        server.configureBlocking(true);
        warming = false;
        busy = false;
        released = false; // the warm-ups grew the heap: it is given back if no command follows
        lastActive = System.nanoTime();
      }
    }

    private void watch() {
      long step = Math.max(50, Math.min(idle.toMillis() / 4, 5_000));
      while (!stopping) {
        try {
          Thread.sleep(step);
        } catch (InterruptedException e) {
          return;
        }
        long quiet = System.nanoTime() - lastActive;
        if (!busy && !released && quiet > RELEASE_AFTER.toNanos()) {
          released = true;
          System.gc();
          System.out.println(Instant.now() + " idle: heap collected, "
              + (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20) + " MiB kept");
        }
        if (!busy && quiet > idle.toNanos()) {
          System.out.println(Instant.now() + " idle for " + text(idle) + ": stopping");
          stopping = true;
          try {
            server.close();
          } catch (IOException e) {
            // accept ends either way
          }
        }
      }
    }

    /** Serves one connection; true when it ran a command (not a status or stop). */
    private boolean handle(SocketChannel client) throws IOException {
      DataInputStream in = new DataInputStream(Channels.newInputStream(client));
      DataOutputStream answer = new DataOutputStream(Channels.newOutputStream(client));
      // Whichever comes first, the whole request or the time limit, takes this: never both.
      AtomicBoolean decided = new AtomicBoolean();
      ScheduledFuture<?> cut = timer.schedule(() -> {
        if (decided.compareAndSet(false, true)) {
          try {
            client.close(); // ends the read below
          } catch (IOException e) {
            // closed already
          }
        }
      }, REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Path cwd;
      List<String> args = new ArrayList<>();
      try {
        if (in.readInt() != MAGIC) {
          return false; // not one of ours
        }
        cwd = Path.of(readString(in));
        int n = in.readInt();
        if (n < 0 || n > 10_000) {
          return false;
        }
        for (int i = 0; i < n; i++) {
          args.add(readString(in));
        }
      } catch (IOException e) {
        if (!decided.compareAndSet(false, true)) {
          throw new IOException("no whole request within " + text(REQUEST_TIMEOUT) + " of connecting; cut off");
        }
        throw e;
      } finally {
        cut.cancel(false);
      }
      if (!decided.compareAndSet(false, true)) {
        throw new IOException("no whole request within " + text(REQUEST_TIMEOUT) + " of connecting; cut off");
      }
      Frames frames = new Frames(answer, timer);
      PrintStream out = new PrintStream(frames.stream(OUT), true, StandardCharsets.UTF_8);
      PrintStream err = new PrintStream(frames.stream(ERR), true, StandardCharsets.UTF_8);
      int status;
      boolean command = false;
      if (args.equals(List.of("daemon", "status"))) {
        status = status(out);
      } else if (args.equals(List.of("daemon", "stop"))) {
        out.println("agentfleet daemon: stopped (pid " + ProcessHandle.current().pid() + ", " + runs + " runs)");
        stopping = true;
        status = Commands.OK;
      } else {
        command = true;
        runs++;
        long start = System.nanoTime();
        System.out.println(Instant.now() + " run " + runs + " in " + cwd + ": " + String.join(" ", args));
        AtomicBoolean gone = watchForHangUp(client);
        status = run(args, cwd, out, err, gone::get);
        System.out.printf("%s run %d ended with status %d after %d ms%s%n", Instant.now(), runs, status,
            (System.nanoTime() - start) / 1_000_000, gone.get() ? "; its command had gone away" : "");
      }
      out.flush();
      err.flush();
      frames.exit(status);
      return command;
    }

    /**
     * Set once the client of {@code client} has gone (stopped by its user: the connection reaches its end, as a client
     * sends nothing after its request), so that the run it asked for stops and writes nothing. Read on a thread of
     * its own, with the channel's own read, which does not hold the lock the answer's writes take.
     */
    private static AtomicBoolean watchForHangUp(SocketChannel client) {
      AtomicBoolean gone = new AtomicBoolean();
      Thread watcher = new Thread(() -> {
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
          while (client.read(one) >= 0) {
            one.clear();
          }
        } catch (IOException e) {
          // closed: by this process once the answer is sent, or broken by the client's end
        }
        gone.set(true);
      }, "agentfleet-daemon-hang-up");
      watcher.setDaemon(true);
      watcher.start();
      return gone;
    }

    private static int run(List<String> args, Path cwd, PrintStream out, PrintStream err, BooleanSupplier stop) {
      try {
        return Commands.run(args, cwd, out, err, stop);
      } catch (RuntimeException | Error e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.print(trace);
        if (e instanceof Error) {
          throw (Error) e; // the process may be broken (out of memory): it ends, the next run starts another
        }
        return Commands.FAILED;
      }
    }

    private int status(PrintStream out) {
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      out.println("agentfleet daemon: running, pid " + ProcessHandle.current().pid());
      out.println("  socket       " + socket(folder, key));
      out.println("  log          " + log(folder, key));
      out.println("  started      " + started);
      out.println("  runs         " + runs);
      out.println("  warm-ups     " + warmedUp + (warming ? " done, warming up" : " done"));
      out.println("  idle limit   " + text(idle));
      out.println("  heap         " + (heap.getUsed() >> 20) + " MiB used of " + (heap.getCommitted() >> 20)
          + " MiB committed (" + (heap.getMax() >> 20) + " MiB at most)");
      return Commands.OK;
    }
  }

  /**
   * The answer's frames. The text a command prints goes out in batches, not a frame per line (a run that writes
   * 10 000 files prints a line each: a frame per line kept both processes busy with the socket for a good part of a
   * second): a batch is sent when it reaches {@link #BATCH} bytes, {@link #LINGER} after its first byte (so that a
   * line printed in a long run still shows at once), before text of the other stream (standard output and error keep
   * their order) and before the exit status. A client that has gone (stopped by its user) gets nothing more; the run
   * goes on to its end.
   */
  static final class Frames {
    static final int BATCH = 1 << 16;
    static final Duration LINGER = Duration.ofMillis(50);
    private final DataOutputStream answer;
    private final ScheduledExecutorService timer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private byte kind;
    private boolean scheduled;
    private boolean gone;

    Frames(DataOutputStream answer, ScheduledExecutorService timer) {
      this.answer = answer;
      this.timer = timer;
    }

    /** The stream of one kind ({@link #OUT} or {@link #ERR}); its flush leaves the batch to the rules above. */
    OutputStream stream(byte of) {
      return new OutputStream() {
        @Override
        public void write(int b) {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          add(of, b, off, len);
        }
      };
    }

    private synchronized void add(byte of, byte[] b, int off, int len) {
      if (pending.size() > 0 && of != kind) {
        send();
      }
      kind = of;
      pending.write(b, off, len);
      if (pending.size() >= BATCH) {
        send();
      } else if (!scheduled) {
        scheduled = true;
        timer.schedule(this::lingered, LINGER.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    private synchronized void lingered() {
      scheduled = false;
      send();
    }

    /** Sends what is pending as one frame. */
    private synchronized void send() {
      if (pending.size() == 0) {
        return;
      }
      if (!gone) {
        try {
          answer.writeByte(kind);
          answer.writeInt(pending.size());
          pending.writeTo(answer);
          answer.flush();
        } catch (IOException e) {
          gone = true;
        }
      }
      pending.reset();
    }

    /** Sends what is pending, then the exit status: the last frame. */
    synchronized void exit(int status) throws IOException {
      send();
      answer.writeByte(EXIT);
      answer.writeInt(status);
      answer.flush();
    }
  }
}
