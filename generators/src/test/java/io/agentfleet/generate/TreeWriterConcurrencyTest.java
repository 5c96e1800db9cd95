package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Writers in separate JVMs, as two builds on one machine would be: never a mixed tree, never a leftover folder. */
class TreeWriterConcurrencyTest {
  private static final int ROUNDS = 20;

  @TempDir Path tmp;

  private static Process start(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), TreeWriterProcess.class.getName()));
    command.addAll(Arrays.asList(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Reads the child's {@code ready} line byte by byte, leaving the rest of its output for {@link #finish}. */
  private static void awaitReady(Process p) throws Exception {
    StringBuilder line = new StringBuilder();
    for (int c = p.getInputStream().read(); c >= 0 && c != '\n'; c = p.getInputStream().read()) {
      line.append((char) c);
    }
    assertThat(line.toString()).as("writer start-up").isEqualTo("ready");
  }

  private static void go(Process p) throws Exception {
    p.getOutputStream().write('\n');
    p.getOutputStream().flush();
  }

  private static String finish(Process p) throws Exception {
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        return e.toString();
      }
    });
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("writer finished").isTrue();
    String out = output.get(10, TimeUnit.SECONDS);
    assertThat(p.exitValue()).as("writer exit code, output:%n%s", out).isZero();
    return out;
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static boolean sameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
    return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void write_whenThreeProcessesWriteStaggered_leavesExactlyOneWholeTreeAndNoStagingFolder() throws Exception {
    List<SortedMap<String, byte[]>> inputs = new ArrayList<>();
    for (int v = 0; v < 3; v++) {
      Path ref = tmp.resolve("ref" + v + "/tree");
      TreeWriter.write(ref, TreeWriterProcess.tree(v));
      inputs.add(TreeWriter.read(ref));
    }
    Path parent = Files.createDirectories(tmp.resolve("shared"));
    Path out = parent.resolve("out");
    long started = System.nanoTime();
    long slowest = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long roundStart = System.nanoTime();
      // Rotate who goes first, so the last writer differs between rounds. All three JVMs start up front and write
      // on cue: the first, the second a moment later (it waits on the lock), the third the moment the first exits —
      // while the second has only just taken the lock over. Any writer that locked another file would now overlap.
      int first = round % 3;
      Process p1 = start("write", out.toString(), String.valueOf(first));
      Process p2 = start("write", out.toString(), String.valueOf((first + 1) % 3));
      Process p3 = start("write", out.toString(), String.valueOf((first + 2) % 3));
      awaitReady(p1);
      awaitReady(p2);
      awaitReady(p3);
      go(p1);
      Thread.sleep(20);
      go(p2);
      assertThat(p1.waitFor(60, TimeUnit.SECONDS)).isTrue();
      go(p3);
      finish(p1);
      finish(p2);
      finish(p3);

      SortedMap<String, byte[]> result = TreeWriter.read(out);
      long matches = inputs.stream().filter(in -> sameFiles(in, result)).count();
      assertThat(matches).as("round %d: the folder equals exactly one input; it holds %s", round, result.keySet())
          .isEqualTo(1);
      assertThat(names(parent)).as("round %d: no staging or previous folder left", round)
          .noneMatch(n -> n.contains("agentfleet-staging") || n.contains("agentfleet-previous"));
      assertThat(names(parent)).as("round %d: nothing but the tree and its lock file, kept", round)
          .containsExactly(".out.agentfleet-lock", "out");
      slowest = Math.max(slowest, System.nanoTime() - roundStart);
    }
    System.out.printf("TreeWriterConcurrencyTest: %d rounds of 3 writer JVMs in %.1f s, slowest round %.1f s%n",
        ROUNDS, (System.nanoTime() - started) / 1e9, slowest / 1e9);
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void write_whenTheLockHolderIsKilled_waitsForItThenWrites() throws Exception {
    Path out = tmp.resolve("out");
    TreeWriter.write(out, TreeWriterProcess.tree(0));
    Process holder = start("hold", out.toString());
    try (BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(r.readLine()).isEqualTo("locked");
      CompletableFuture<TreeReport> writer = CompletableFuture.supplyAsync(
          () -> TreeWriter.write(out, TreeWriterProcess.tree(1)));
      Thread.sleep(700);
      assertThat(writer).as("a writer waits while another process holds the lock").isNotDone();
      assertThat(TreeWriter.read(out)).containsKey("v0/sub0/g0.yaml");

      holder.destroyForcibly().waitFor(); // SIGKILL: no cleanup in the holder, the OS drops its lock

      writer.get(30, TimeUnit.SECONDS);
    }
    assertThat(TreeWriter.read(out)).containsKey("v1/sub0/g0.yaml").doesNotContainKey("v0/sub0/g0.yaml");
    assertThat(names(tmp)).containsExactly(".out.agentfleet-lock", "out");
  }
}
