package io.agentfleet.cli;

import io.agentfleet.generate.spi.RenderedTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The output folder as a Git revision holds it, read with {@code git ls-tree} and {@code git show rev:path}. */
final class GitTrees {
  private static final String INDEX = RenderedTree.INDEX;
  private final Path repo;
  private final String folder;

  /**
   * The repository holding {@code dir}, and {@code dir}'s path inside it; errors name the setting of the base revision
   * or of the output folder as the caller spells them.
   */
  GitTrees(Path basedir, Path dir, String baseSetting, String outputSetting) throws FleetRun.Failure {
    String top = run(basedir, baseSetting, "rev-parse", "--show-toplevel").strip();
    this.repo = Path.of(top).toAbsolutePath().normalize();
    Path abs = dir.toAbsolutePath().normalize();
    Path real;
    try {
      real = abs.getParent().toRealPath().resolve(abs.getFileName());
    } catch (IOException e) {
      real = abs;
    }
    Path topReal;
    try {
      topReal = repo.toRealPath();
    } catch (IOException e) {
      topReal = repo;
    }
    if (!real.startsWith(topReal)) {
      throw new FleetRun.Failure(outputSetting + ": " + dir + " is not inside the Git repository "
          + repo);
    }
    this.folder = topReal.relativize(real).toString().replace('\\', '/');
  }

  /** The folder's path inside the repository, as Git and a pull request name it ({@code generated/production}). */
  String folder() {
    return folder;
  }

  /** Every file of the folder at {@code revision}; {@code setting} names the parameter in errors. */
  RenderedTree read(String revision, String setting) throws FleetRun.Failure {
    String commit = run(repo, setting, "rev-parse", "--verify", "--quiet", revision + "^{commit}").strip();
    SortedMap<String, String> files = new TreeMap<>();
    String listing = run(repo, setting, "ls-tree", "-r", "-z", "--name-only", commit, "--", folder + "/");
    for (String path : listing.split("\0")) {
      if (path.isEmpty()) {
        continue;
      }
      String rel = path.substring(folder.length() + 1);
      if (!rel.equals(INDEX)) {
        files.put(rel, run(repo, setting, "show", commit + ":" + path));
      }
    }
    return new RenderedTree(files);
  }

  private static String run(Path dir, String setting, String... args) throws FleetRun.Failure {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new FleetRun.Failure(setting + ": git is not installed or not on the PATH (" + e.getMessage()
          + "); comparing Git revisions needs it");
    }
    try (InputStream out = p.getInputStream(); InputStream err = p.getErrorStream()) {
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      Thread drain = new Thread(() -> {
        try {
          err.transferTo(stderr);
        } catch (IOException ignored) {
          // the exit code says what went wrong
        }
      });
      drain.start();
      out.transferTo(stdout);
      int code = p.waitFor();
      drain.join();
      if (code != 0) {
        String why = stderr.toString(StandardCharsets.UTF_8).strip();
        if (args[0].equals("rev-parse") && args.length > 1 && args[1].equals("--show-toplevel")) {
          throw new FleetRun.Failure(setting + ": " + dir + " is not in a Git repository ("
              + (why.isEmpty() ? "git rev-parse failed" : why) + ")");
        }
        if (args[0].equals("rev-parse")) {
          throw new FleetRun.Failure(setting + ": '" + args[args.length - 1].replace("^{commit}", "")
              + "' is not a revision of the repository " + dir + " (fetch it, or name a branch, tag or commit)");
        }
        throw new FleetRun.Failure(setting + ": git " + String.join(" ", args) + " failed: " + why);
      }
      return stdout.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FleetRun.Failure(setting + ": cannot read from git: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetRun.Failure(setting + ": interrupted while reading from git");
    }
  }
}
