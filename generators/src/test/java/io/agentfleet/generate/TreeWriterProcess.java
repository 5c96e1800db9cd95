package io.agentfleet.generate;

import io.agentfleet.generate.spi.RenderedTree;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * A writer in a JVM of its own, for the cross-process tests: {@code write <dir> <variant>} builds one of three small
 * trees, says {@code ready}, and writes it when a line arrives on its input (so the test can start it on cue, without
 * JVM start-up in between); {@code hold <dir>} takes the tree's lock as a writer would, says {@code locked} and
 * waits to be killed.
 */
public final class TreeWriterProcess {
  private TreeWriterProcess() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    switch (args[0]) {
      case "write" -> {
        RenderedTree tree = tree(Integer.parseInt(args[2]));
        System.out.println("ready");
        System.out.flush();
        if (System.in.read() < 0) {
          return;
        }
        TreeWriter.write(dir, tree);
      }
      case "hold" -> {
        Path real = dir.toAbsolutePath().getParent().toRealPath().resolve(dir.getFileName().toString());
        try (FileChannel channel = FileChannel.open(TreeWriter.lockFile(real), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
             var lock = channel.lock()) {
          System.out.println("locked");
          System.out.flush();
          Thread.sleep(60_000);
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /**
   * Three trees that share some paths with different contents and own others, so any mix of two is visible: a
   * shared file per folder, then files of each variant's own, more for later variants.
   */
  public static RenderedTree tree(int variant) {
    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < 150; i++) {
      files.put("shared/f" + i + ".yaml", "variant: " + variant + "\ni: " + i + "\n");
    }
    for (int i = 0; i < 50 + 25 * variant; i++) {
      files.put("v" + variant + "/sub" + (i % 8) + "/g" + i + ".yaml", "only: " + variant + "\n");
    }
    files.put("README.md", "# tree " + variant + "\n");
    return new RenderedTree(new TreeMap<>(files));
  }
}
