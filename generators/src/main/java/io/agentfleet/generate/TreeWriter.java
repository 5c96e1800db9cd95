package io.agentfleet.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a rendered tree into a directory that agentfleet owns, all or nothing.
 *
 * <p>The new tree is staged beside the target (unchanged files hard-linked, so they keep their identity and
 * timestamps), then swapped in with two renames; an interrupted swap is repaired by the next run. A tree that is
 * already up to date is not touched at all. The directory's {@value #INDEX} file lists what agentfleet wrote: files
 * it no longer makes are removed, and a directory holding files it did not write is refused rather than emptied.
 */
public final class TreeWriter {
  /** The index of files agentfleet wrote, kept in the tree so that pruning never removes anything else. */
  public static final String INDEX = ".agentfleet-tree";

  private TreeWriter() {}

  /**
   * Compares the tree with the directory without writing anything (the pull-request gate). A directory holding files
   * agentfleet did not write is refused here too, as {@link #write} would refuse it.
   */
  public static TreeReport compare(Path dir, RenderedTree tree) {
    try {
      refuseForeignFiles(dir.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    SortedMap<String, String> wanted = withIndex(tree);
    SortedMap<String, byte[]> present = read(dir);
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    wanted.forEach((path, text) -> {
      byte[] old = present.get(path);
      if (old == null) {
        added.add(path);
      } else if (Arrays.equals(old, text.getBytes(StandardCharsets.UTF_8))) {
        unchanged.add(path);
      } else {
        changed.add(path);
      }
    });
    List<String> removed = present.keySet().stream().filter(p -> !wanted.containsKey(p)).toList();
    return new TreeReport(added, changed, removed, unchanged);
  }

  /** Writes the tree into {@code dir}, atomically; returns what changed. */
  public static TreeReport write(Path dir, RenderedTree tree) {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    Path staging = parent.resolve("." + name + ".agentfleet-staging");
    Path previous = parent.resolve("." + name + ".agentfleet-previous");
    try {
      Files.createDirectories(parent);
      try (FileChannel lockFile = FileChannel.open(parent.resolve("." + name + ".agentfleet-lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock lock = lockFile.lock()) {
        recover(target, staging, previous);
        refuseForeignFiles(target);
        TreeReport report = compare(target, tree);
        if (report.isUpToDate()) {
          return report;
        }
        stage(target, staging, withIndex(tree), report);
        swap(target, staging, previous);
        return report;
      } finally {
        Files.deleteIfExists(parent.resolve("." + name + ".agentfleet-lock"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tree to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Puts back the previous tree if a run stopped between the two renames, and drops leftovers of a failed run. */
  private static void recover(Path target, Path staging, Path previous) throws IOException {
    if (!Files.exists(target) && Files.isDirectory(previous)) {
      Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
    }
    deleteRecursively(previous);
    deleteRecursively(staging);
  }

  private static void refuseForeignFiles(Path target) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new FileAlreadyExistsException(target + " is a file, not a directory");
    }
    SortedSet<String> present = new TreeSet<>(read(target).keySet());
    if (present.isEmpty()) {
      return;
    }
    Path index = target.resolve(INDEX);
    if (!Files.isRegularFile(index)) {
      throw new IOException(target + " is not empty and has no " + INDEX + ", so agentfleet did not write it; "
          + "refusing to replace it (choose an empty or new output directory)");
    }
    present.removeAll(Files.readAllLines(index, StandardCharsets.UTF_8));
    present.remove(INDEX);
    if (!present.isEmpty()) {
      throw new IOException(target + " holds files agentfleet did not write: " + String.join(", ", present)
          + "; move them out of the generated tree, which agentfleet replaces as a whole");
    }
  }

  private static void stage(Path target, Path staging, SortedMap<String, String> files, TreeReport report)
      throws IOException {
    Files.createDirectories(staging);
    SortedSet<String> unchanged = new TreeSet<>(report.unchanged());
    for (var e : files.entrySet()) {
      Path to = staging.resolve(e.getKey());
      Files.createDirectories(to.getParent());
      if (unchanged.contains(e.getKey())) {
        Path from = target.resolve(e.getKey());
        try {
          Files.createLink(to, from);
        } catch (UnsupportedOperationException | IOException linkFailed) {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      } else {
        Files.write(to, e.getValue().getBytes(StandardCharsets.UTF_8));
        if (e.getKey().endsWith(".sh")) {
          makeExecutable(to);
        }
      }
    }
  }

  /** Scripts in the tree are run directly ({@code migration/deploy.sh}), so they are written executable. */
  private static void makeExecutable(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException notPosix) {
      file.toFile().setExecutable(true, false);
    }
  }

  private static void swap(Path target, Path staging, Path previous) throws IOException {
    if (Files.exists(target)) {
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    deleteRecursively(previous);
  }

  /** The tree's files plus the index naming them. */
  private static SortedMap<String, String> withIndex(RenderedTree tree) {
    SortedMap<String, String> all = new TreeMap<>(tree.files());
    StringBuilder index = new StringBuilder();
    tree.files().keySet().forEach(p -> index.append(p).append('\n'));
    all.put(INDEX, index.toString());
    return all;
  }

  /** Every regular file under {@code dir} by relative path with '/', sorted. */
  static SortedMap<String, byte[]> read(Path dir) {
    SortedMap<String, byte[]> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
