package io.agentfleet.generate;

import io.agentfleet.generate.spi.RenderedTree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes a rendered tree into a directory that agentfleet owns, all or nothing, one writer at a time.
 *
 * <p>The new tree is staged beside the target (unchanged files hard-linked, so they keep their identity and
 * timestamps), then swapped in with two renames; an interrupted swap is repaired by the next run. A tree that is
 * already up to date is not touched at all. The directory's {@value #INDEX} file lists what agentfleet wrote: files
 * it no longer makes are removed, and a directory holding any entry it did not write (a file, a directory, a
 * symbolic link) is refused, naming the entry, rather than emptied.
 *
 * <p>Writers to one directory are serialised, across threads and processes, by an exclusive lock on
 * {@code .<name>.agentfleet-lock} beside it. That file is created once and never deleted, so every writer locks the
 * same file; the operating system releases the lock when a writer dies, even by {@code kill -9}. Recovery, the
 * check for foreign entries, staging, the swap and pruning all run under it. {@link #compare} takes the same lock
 * shared, so a check never reads a tree half-swapped.
 *
 * <p>An output directory that is a symbolic link is written through: the link stays, and the directory it points
 * to is replaced (staged beside that directory, so the renames stay on one file system). A link that points
 * nowhere, or to a file, is refused.
 */
public final class TreeWriter {
  /** The index of files agentfleet wrote, kept in the tree so that pruning never removes anything else. */
  public static final String INDEX = RenderedTree.INDEX;

  /** One monitor per lock file: a JVM may hold a file lock only once, so its own threads queue here first. */
  private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private TreeWriter() {}

  /**
   * Compares the tree with the directory without writing anything (the pull-request gate). A directory holding
   * entries agentfleet did not write is refused here too, as {@link #write} would refuse it.
   */
  public static TreeReport compare(Path dir, RenderedTree tree) {
    Path target = resolve(dir, false);
    try {
      return locked(target, false, () -> {
        refuseForeignEntries(target);
        return diff(target, Contents.of(tree), new HashMap<>(), null);
      });
    } catch (IOException e) {
      throw failure("cannot read the tree in ", target, e);
    }
  }

  /** Writes the tree into {@code dir}, atomically; returns what changed. */
  public static TreeReport write(Path dir, RenderedTree tree) {
    return write(dir, tree, null);
  }

  /**
   * Writes the tree as {@link #write(Path, RenderedTree)} does and records, beside it in {@code .<name>.agentfleet-state},
   * the fingerprint of the inputs that made it and the checksum of every file ({@link FileChecksum}), for
   * {@link #upToDate}; a null fingerprint removes that record.
   */
  static TreeReport write(Path dir, RenderedTree tree, String fingerprint) {
    return write(dir, tree, fingerprint, () -> { });
  }

  /**
   * Writes the tree as {@link #write(Path, RenderedTree, String)} does, asking {@code verdict} whether it may land
   * once the new tree is staged and before anything in {@code dir} or its record changes. A verdict that returns lets
   * the write go on; one that throws leaves {@code dir} and its record as they were, the staging folder removed, and
   * its exception is thrown. So the files can be staged while the tree is still being checked: the verdict waits for
   * the check.
   */
  static TreeReport write(Path dir, RenderedTree tree, String fingerprint, Runnable verdict) {
    Path target = resolve(dir, true);
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    Path staging = parent.resolve("." + name + ".agentfleet-staging");
    Path previous = parent.resolve("." + name + ".agentfleet-previous");
    try {
      return locked(target, true, () -> {
        recover(target, staging, previous);
        refuseForeignEntries(target);
        // Each file's checksum is taken from the bytes compared or written; the bytes of a changed file, rendered to be
        // compared, are kept until written. A file that is new is rendered only to be written.
        Contents contents = Contents.of(tree);
        Map<String, String> checksums = new HashMap<>();
        Map<String, byte[]> changedBytes = new HashMap<>();
        TreeReport report = diff(target, contents, checksums, changedBytes);
        Path state = stateFile(target);
        if (report.isUpToDate()) {
          verdict.run();
          writeState(state, fingerprint, contents, checksums);
          return report;
        }
        try {
          stage(target, staging, contents, report, checksums, changedBytes);
          verdict.run();
          // No record while the tree changes: a run killed from here on leaves none that could match.
          Files.deleteIfExists(state);
          swap(target, staging, previous);
        } catch (IOException | RuntimeException e) {
          // Leave no staging folder behind, and put the old tree back if it was already moved aside.
          try {
            recover(target, staging, previous);
          } catch (IOException | RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        }
        writeState(state, fingerprint, contents, checksums);
        return report;
      });
    } catch (IOException e) {
      throw failure("cannot write the tree to ", target, e);
    }
  }

  /**
   * The report of a run that would change nothing, when {@code dir} holds exactly the tree that inputs with this
   * fingerprint made: the record beside it names the same fingerprint, the folder holds exactly the files it lists
   * (no other file, folder or link, no half-finished swap) and every file still has the checksum it was written with.
   * Empty otherwise — a file edited by hand, a new agentfleet build, any changed input — and then the caller
   * generates and writes. Reads under the tree's lock, as {@link #compare} does.
   */
  static java.util.Optional<TreeReport> upToDate(Path dir, String fingerprint) {
    Path target = resolve(dir, false);
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    if (fingerprint == null || parent == null || !Files.isDirectory(target, NOFOLLOW)
        || !Files.isRegularFile(lockFile(target), NOFOLLOW)) {
      return java.util.Optional.empty();
    }
    try {
      return locked(target, false, () -> {
        Path state = stateFile(target);
        if (!Files.isRegularFile(state, NOFOLLOW)
            || Files.exists(parent.resolve("." + name + ".agentfleet-staging"), NOFOLLOW)
            || Files.exists(parent.resolve("." + name + ".agentfleet-previous"), NOFOLLOW)) {
          return java.util.Optional.<TreeReport>empty();
        }
        List<String> lines = Files.readAllLines(state, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(STATE_HEADER)
            || !lines.get(1).equals("fingerprint " + fingerprint)) {
          return java.util.Optional.<TreeReport>empty();
        }
        SortedMap<String, String> recorded = new TreeMap<>();
        for (String line : lines.subList(2, lines.size())) {
          int space = line.indexOf(' ');
          if (space <= 0) {
            return java.util.Optional.<TreeReport>empty();
          }
          recorded.put(line.substring(space + 1), line.substring(0, space));
        }
        SortedSet<String> folders = folders(new TreeSet<>(recorded.keySet()));
        SortedMap<String, BasicFileAttributes> entries = entries(target);
        for (var e : entries.entrySet()) {
          BasicFileAttributes a = e.getValue();
          boolean expected = a.isRegularFile() ? recorded.containsKey(e.getKey())
              : a.isDirectory() && folders.contains(e.getKey());
          if (!expected) {
            return java.util.Optional.<TreeReport>empty();
          }
        }
        for (var e : recorded.entrySet()) {
          BasicFileAttributes a = entries.get(e.getKey());
          if (a == null || !a.isRegularFile() || !FileChecksum.of(target.resolve(e.getKey())).equals(e.getValue())) {
            return java.util.Optional.<TreeReport>empty();
          }
        }
        List<String> unchanged = new ArrayList<>(recorded.keySet());
        return java.util.Optional.of(new TreeReport(List.of(), List.of(), List.of(), unchanged));
      });
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Whether {@code dir} exists with the record of a fingerprinted write beside it, so that {@link #upToDate} could
   * find it up to date; when false, it never does, whatever the fingerprint.
   */
  static boolean hasState(Path dir) {
    Path target = resolve(dir, false);
    return target.getParent() != null && Files.isRegularFile(stateFile(target), NOFOLLOW)
        && Files.isDirectory(target, NOFOLLOW) && Files.isRegularFile(lockFile(target), NOFOLLOW);
  }

  /** The record of the last fingerprinted write: beside the tree, named after it, like the lock file. */
  static Path stateFile(Path target) {
    return target.getParent().resolve("." + target.getFileName() + ".agentfleet-state");
  }

  /** Version 2 records checksums, not the SHA-256 of version 1: a record of version 1 is never up to date. */
  private static final String STATE_HEADER = "agentfleet tree state 2";

  /**
   * Records the fingerprint and every file's checksum (written to a scratch name, then renamed); none when null.
   * {@code known} holds the checksums already taken of files' bytes by path; the others are computed here.
   */
  private static void writeState(Path state, String fingerprint, Contents contents, Map<String, String> known)
      throws IOException {
    if (fingerprint == null) {
      Files.deleteIfExists(state);
      return;
    }
    StringBuilder out = new StringBuilder(STATE_HEADER).append('\n')
        .append("fingerprint ").append(fingerprint).append('\n');
    for (String path : contents.paths()) {
      String checksum = known.get(path);
      out.append(checksum != null ? checksum : FileChecksum.of(contents.bytes(path))).append(' ').append(path)
          .append('\n');
    }
    // The scratch name ends as the record's does, so the one ignore pattern covers a scratch file a killed run left.
    Path scratch = state.resolveSibling(
        state.getFileName().toString().replace(".agentfleet-state", ".new.agentfleet-state"));
    Files.writeString(scratch, out, StandardCharsets.UTF_8);
    Files.move(scratch, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The lock file of a tree directory: beside it, named after it, never deleted. */
  static Path lockFile(Path target) {
    return target.getParent().resolve("." + target.getFileName() + ".agentfleet-lock");
  }

  private interface Step<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code step} holding the tree's lock: exclusive for a writer (creating the lock file once), shared for a
   * reader (only when the lock file exists: a tree no writer ever touched has nothing to wait for).
   */
  private static <T> T locked(Path target, boolean exclusive, Step<T> step) throws IOException {
    Path lockFile = lockFile(target);
    synchronized (IN_PROCESS.computeIfAbsent(lockFile, k -> new Object())) {
      if (!exclusive && !Files.isRegularFile(lockFile)) {
        return step.run();
      }
      try (FileChannel channel = exclusive
              ? FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                  StandardOpenOption.WRITE)
              : FileChannel.open(lockFile, StandardOpenOption.READ);
           FileLock lock = channel.lock(0, Long.MAX_VALUE, !exclusive)) {
        return step.run();
      }
    }
  }

  /**
   * The directory the tree really lives in, absolute, with symbolic links of its parents resolved (so that every
   * writer, whatever path it was given, locks the same file) and an output directory that is a link followed.
   */
  private static Path resolve(Path dir, boolean createParent) {
    Path abs = dir.toAbsolutePath().normalize();
    if (abs.getParent() == null) {
      throw new TreeWriteException(abs, "cannot write the tree to " + abs + ": a tree needs a folder of its own, "
          + "not the root of a file system");
    }
    try {
      if (createParent) {
        Files.createDirectories(abs.getParent());
      } else if (!Files.isDirectory(abs.getParent())) {
        return abs;
      }
      Path target = abs.getParent().toRealPath().resolve(abs.getFileName().toString());
      if (!Files.isSymbolicLink(target)) {
        return target;
      }
      Path real;
      try {
        real = target.toRealPath();
      } catch (NoSuchFileException dangling) {
        throw new TreeWriteException(target, target + " is a symbolic link to " + Files.readSymbolicLink(target)
            + ", which does not exist; create that folder (agentfleet writes through the link) or remove the link");
      }
      if (!Files.isDirectory(real)) {
        throw new TreeWriteException(target, target + " is a symbolic link to " + real + ", which is not a folder; "
            + "point it at a folder (agentfleet writes through the link) or remove it");
      }
      return real;
    } catch (IOException e) {
      throw failure("cannot write the tree to ", abs, e);
    }
  }

  /**
   * Puts back the previous tree if a run stopped between the two renames, and drops what a failed or killed run
   * left: the old tree moved aside (only the files its index names) and the staging folder.
   */
  private static void recover(Path target, Path staging, Path previous) throws IOException {
    if (!Files.exists(target, NOFOLLOW) && Files.isDirectory(previous, NOFOLLOW)) {
      Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
    }
    deleteOwned(target, previous);
    deleteScratch(staging);
  }

  /**
   * What writing {@code contents} changes in {@code target}; the checksum of each file found unchanged goes to
   * {@code checksums}, the bytes of each changed one to {@code changedBytes} (when not null). Files are read and
   * rendered one at a time, and only those present on both sides: a new file is not rendered here.
   */
  private static TreeReport diff(Path target, Contents contents, Map<String, String> checksums,
      Map<String, byte[]> changedBytes) throws IOException {
    SortedMap<String, BasicFileAttributes> present = new TreeMap<>();
    if (Files.isDirectory(target, NOFOLLOW)) {
      entries(target).forEach((path, a) -> {
        if (a.isRegularFile()) {
          present.put(path, a);
        }
      });
    }
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (String path : contents.paths()) {
      BasicFileAttributes old = present.get(path);
      if (old == null) {
        added.add(path);
        continue;
      }
      byte[] bytes = contents.bytes(path);
      // A file of another length differs without being read.
      if (old.size() == bytes.length && Arrays.equals(Files.readAllBytes(target.resolve(path)), bytes)) {
        unchanged.add(path);
        checksums.put(path, FileChecksum.of(bytes));
      } else {
        changed.add(path);
        if (changedBytes != null) {
          changedBytes.put(path, bytes);
        }
      }
    }
    List<String> removed = present.keySet().stream().filter(p -> !contents.paths().contains(p)).toList();
    return new TreeReport(added, changed, removed, unchanged);
  }

  /** Refuses a target that is a file, that agentfleet never wrote, or that holds any entry its index does not own. */
  private static void refuseForeignEntries(Path target) throws IOException {
    if (!Files.exists(target, NOFOLLOW)) {
      return;
    }
    if (!Files.isDirectory(target, NOFOLLOW)) {
      throw new TreeWriteException(target, target + " is a file, not a folder; agentfleet writes a tree of files "
          + "there (move the file, or choose another output directory)");
    }
    List<String> foreign = foreignEntries(target);
    if (foreign == null) {
      throw new TreeWriteException(target, target + " is not empty and has no " + INDEX + ", so agentfleet did not "
          + "write it; refusing to replace it (choose an empty or new output directory)");
    }
    if (!foreign.isEmpty()) {
      throw new TreeWriteException(target, target + " holds entries agentfleet did not write: "
          + String.join(", ", foreign) + "; move them out of the generated tree, which agentfleet replaces as a whole",
          foreign, null);
    }
  }

  /**
   * The entries of {@code dir} its index does not own, outermost only, each with its kind; {@code null} when the
   * directory is not empty and has no index. Owned are the index, the regular files it names and the folders
   * holding them; symbolic links are never followed and never owned.
   */
  private static List<String> foreignEntries(Path dir) throws IOException {
    SortedMap<String, BasicFileAttributes> entries = entries(dir);
    if (entries.isEmpty()) {
      return List.of();
    }
    BasicFileAttributes indexAttributes = entries.get(INDEX);
    if (indexAttributes == null || !indexAttributes.isRegularFile()) {
      return null;
    }
    SortedSet<String> files = readIndex(dir.resolve(INDEX));
    SortedSet<String> folders = folders(files);
    List<String> foreign = new ArrayList<>();
    String outer = null;
    for (var e : entries.entrySet()) {
      String path = e.getKey();
      if (outer != null && path.startsWith(outer + "/")) {
        continue;
      }
      BasicFileAttributes a = e.getValue();
      boolean owned = a.isRegularFile() ? files.contains(path) || path.equals(INDEX)
          : a.isDirectory() && folders.contains(path);
      if (!owned) {
        foreign.add(path + " (" + kind(dir.resolve(path), a) + ")");
        outer = path;
      }
    }
    return foreign;
  }

  private static String kind(Path entry, BasicFileAttributes a) throws IOException {
    if (a.isSymbolicLink()) {
      return "symbolic link to " + Files.readSymbolicLink(entry);
    }
    if (a.isDirectory()) {
      try (Stream<Path> list = Files.list(entry)) {
        return list.findAny().isPresent() ? "folder" : "empty folder";
      }
    }
    return a.isRegularFile() ? "file" : "special file";
  }

  /** Every entry under {@code dir} (not {@code dir} itself), by relative path with '/', links not followed; sorted. */
  private static SortedMap<String, BasicFileAttributes> entries(Path dir) throws IOException {
    SortedMap<String, BasicFileAttributes> out = new TreeMap<>(TreeWriter::byPath);
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
        out.put(relative(dir, p), Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW));
      }
    }
    return out;
  }

  /** Orders paths so that a folder's entries follow it directly ('/' before every other character). */
  private static int byPath(String a, String b) {
    return a.replace('/', '\0').compareTo(b.replace('/', '\0'));
  }

  private static String relative(Path dir, Path p) {
    return dir.relativize(p).toString().replace('\\', '/');
  }

  private static SortedSet<String> readIndex(Path index) throws IOException {
    SortedSet<String> files = new TreeSet<>();
    for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        files.add(line);
      }
    }
    return files;
  }

  /** Every folder on the way to the given files. */
  private static SortedSet<String> folders(SortedSet<String> files) {
    SortedSet<String> folders = new TreeSet<>();
    for (String f : files) {
      for (int i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) {
        folders.add(f.substring(0, i));
      }
    }
    return folders;
  }

  /**
   * Stages the tree's files: unchanged ones linked, the others written (from {@code changedBytes} when the diff kept
   * them, else rendered now and let go once written), their checksums put in {@code checksums}.
   */
  private static void stage(Path target, Path staging, Contents contents, TreeReport report,
      Map<String, String> checksums, Map<String, byte[]> changedBytes) throws IOException {
    Files.createDirectories(staging);
    SortedSet<String> unchanged = new TreeSet<>(report.unchanged());
    // Each folder is made once: Files.createDirectories on a folder that exists costs two exceptions.
    Set<Path> made = new HashSet<>();
    made.add(staging);
    for (String path : contents.paths()) {
      Path to = staging.resolve(path);
      if (made.add(to.getParent())) {
        Files.createDirectories(to.getParent());
      }
      if (unchanged.contains(path)) {
        Path from = target.resolve(path);
        try {
          Files.createLink(to, from);
        } catch (UnsupportedOperationException | IOException linkFailed) {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      } else {
        byte[] kept = changedBytes.remove(path);
        byte[] bytes = kept != null ? kept : contents.bytes(path);
        Files.write(to, bytes);
        checksums.put(path, FileChecksum.of(bytes));
        if (path.endsWith(".sh")) {
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
    if (Files.exists(target, NOFOLLOW)) {
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    deleteOwned(target, previous);
  }

  /**
   * Deletes an old tree moved aside, but only what its index names: the files, then the folders they emptied, the
   * index last (so a run killed half-way leaves an index for the next run to finish with). Anything else — an entry
   * created in the old tree while it was being replaced — is kept, and named.
   */
  private static void deleteOwned(Path target, Path old) throws IOException {
    if (!Files.exists(old, NOFOLLOW)) {
      return;
    }
    if (!Files.isDirectory(old, NOFOLLOW)) {
      Files.delete(old); // not a tree: a link or file left in agentfleet's own scratch name
      return;
    }
    SortedMap<String, BasicFileAttributes> entries = entries(old);
    BasicFileAttributes index = entries.get(INDEX);
    SortedSet<String> files = index != null && index.isRegularFile() ? readIndex(old.resolve(INDEX)) : new TreeSet<>();
    for (String f : files) {
      BasicFileAttributes a = entries.get(f);
      if (a != null && a.isRegularFile()) {
        Files.delete(old.resolve(f));
      }
    }
    List<String> deepestFirst = new ArrayList<>(folders(files));
    java.util.Collections.reverse(deepestFirst);
    for (String folder : deepestFirst) {
      Path p = old.resolve(folder);
      if (Files.isDirectory(p, NOFOLLOW) && isEmpty(p)) {
        Files.delete(p);
      }
    }
    List<String> left = foreignEntries(old);
    if (left != null && left.isEmpty()) {
      Files.deleteIfExists(old.resolve(INDEX));
      Files.delete(old);
      return;
    }
    throw new TreeWriteException(target, "the earlier tree of " + target + ", moved aside to " + old
        + " to be replaced, holds entries agentfleet did not write, so it was not deleted: "
        + String.join(", ", left == null ? List.of("(its index is missing)") : left)
        + "; move them out and delete " + old, left == null ? List.of() : left, null);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.findAny().isEmpty();
    }
  }

  /** Deletes agentfleet's own staging folder, whatever a killed run left in it; links in it are not followed. */
  private static void deleteScratch(Path dir) throws IOException {
    if (!Files.exists(dir, NOFOLLOW)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * The files a tree writes: its own, and the index naming them. Each file's bytes are made when asked for
   * ({@link RenderedTree#bytes}), so a tree not yet rendered is never held as text at once.
   *
   * @param paths every path, the index's among them, sorted
   */
  private record Contents(RenderedTree tree, SortedSet<String> paths, byte[] index) {
    static Contents of(RenderedTree tree) {
      SortedSet<String> own = tree.paths();
      StringBuilder index = new StringBuilder();
      own.forEach(p -> index.append(p).append('\n'));
      SortedSet<String> all = new TreeSet<>(own);
      all.add(INDEX);
      return new Contents(tree, java.util.Collections.unmodifiableSortedSet(all),
          index.toString().getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes(String path) {
      return path.equals(INDEX) ? index : tree.bytes(path);
    }
  }

  /** Every regular file under {@code dir} by relative path with '/', sorted; links are not followed. */
  static SortedMap<String, byte[]> read(Path dir) {
    try {
      return readFiles(dir);
    } catch (IOException e) {
      throw failure("cannot read the tree in ", dir, e);
    }
  }

  private static SortedMap<String, byte[]> readFiles(Path dir) throws IOException {
    SortedMap<String, byte[]> out = new TreeMap<>();
    if (!Files.isDirectory(dir, NOFOLLOW)) {
      return out;
    }
    for (var e : entries(dir).entrySet()) {
      if (e.getValue().isRegularFile()) {
        out.put(e.getKey(), Files.readAllBytes(dir.resolve(e.getKey())));
      }
    }
    return out;
  }

  /** A file-system failure in agentfleet's words: what was being done, where, and why — no exception class names. */
  private static TreeWriteException failure(String doing, Path target, IOException e) {
    if (e.getCause() instanceof TreeWriteException typed) {
      return typed;
    }
    String why;
    if (e instanceof AccessDeniedException a) {
      why = "permission denied on " + a.getFile();
    } else if (e instanceof NoSuchFileException n) {
      why = n.getFile() + " does not exist (changed by another program during the write?)";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      why = (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
    } else if (e instanceof java.nio.channels.FileLockInterruptionException
        || e instanceof java.nio.channels.ClosedByInterruptException) {
      why = "interrupted while waiting for another run writing the same folder";
    } else {
      why = e.getMessage() == null ? "the file system gave no reason" : e.getMessage();
    }
    return new TreeWriteException(target, doing + target + ": " + why, List.of(), e);
  }
}
