package io.agentfleet.generate.diff;

import io.agentfleet.generate.spi.RenderedTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a tree written to disk back as a {@link RenderedTree}, to compare it with another. */
public final class TreeFiles {
  /** The writer's index of its files, not part of the tree. */
  static final String INDEX = RenderedTree.INDEX;

  private TreeFiles() {}

  /**
   * Every regular file under {@code dir} but the tree's own index, by relative path with {@code /}; an absent
   * directory is an empty tree. Symbolic links inside the tree are not followed.
   */
  public static RenderedTree read(Path dir) {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return new RenderedTree(files);
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          String rel = dir.relativize(p).toString().replace('\\', '/');
          if (!rel.equals(INDEX)) {
            files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tree in " + dir + ": " + e.getMessage(), e);
    }
    return new RenderedTree(files);
  }
}
