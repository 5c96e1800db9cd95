package io.agentfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the resident process sends a command's output: batched, in order, and never held back for long. */
class FramesTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
  private final Daemon.Frames frames = new Daemon.Frames(new DataOutputStream(wire), timer);
  private final PrintStream out = new PrintStream(frames.stream(Daemon.OUT), true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(frames.stream(Daemon.ERR), true, StandardCharsets.UTF_8);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  /** The frames on the wire so far, as "kind:text" (the exit status as "exit:N"). */
  private List<String> sent() throws IOException {
    List<String> frames = new ArrayList<>();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire.toByteArray()));
    while (in.available() > 0) {
      byte kind = in.readByte();
      if (kind == Daemon.EXIT) {
        frames.add("exit:" + in.readInt());
        continue;
      }
      byte[] text = new byte[in.readInt()];
      in.readFully(text);
      frames.add((kind == Daemon.OUT ? "out:" : "err:") + new String(text, StandardCharsets.UTF_8));
    }
    return frames;
  }

  @Test
  void linesInABurst_goAsOneFrame_andTheStreamsKeepTheirOrder() throws IOException {
    for (int i = 0; i < 1000; i++) {
      out.println("  + sub-agents/s" + i + ".yaml");
    }
    err.println("error: one");
    out.println("last");
    frames.exit(1);

    // A frame a line would be 1 003 frames; a batch may be cut by its time limit on a slow machine, never reordered.
    List<String> sent = sent();
    assertThat(sent).hasSizeLessThan(20);
    List<String> merged = new ArrayList<>();
    for (String frame : sent) {
      String kind = frame.substring(0, 4);
      int last = merged.size() - 1;
      if (last >= 0 && merged.get(last).startsWith(kind) && !kind.equals("exit")) {
        merged.set(last, merged.get(last) + frame.substring(4));
      } else {
        merged.add(frame);
      }
    }
    StringBuilder lines = new StringBuilder("out:");
    for (int i = 0; i < 1000; i++) {
      lines.append("  + sub-agents/s").append(i).append(".yaml\n");
    }
    assertThat(merged).containsExactly(lines.toString(), "err:error: one\n", "out:last\n", "exit:1");
  }

  @Test
  void aLineFollowedBySilence_isSentWithoutWaitingForTheNext() throws Exception {
    out.println("phase parse 140 ms");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (wire.size() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(sent()).containsExactly("out:phase parse 140 ms\n");
  }

  @Test
  void aLargeOutput_isSentInBatchesAsItGrows() throws IOException {
    String line = "x".repeat(99) + "\n";
    for (int i = 0; i < 2000; i++) {
      out.print(line);
    }

    // 200 000 bytes: at least three batches went out while printing (more if a batch's time ran out first), none
    // larger than the write that filled it; the rest waits for its time or the exit.
    List<String> sent = sent();
    assertThat(sent.stream().mapToInt(f -> f.length() - "out:".length()).sum())
        .isGreaterThanOrEqualTo(3 * Daemon.Frames.BATCH);
    assertThat(sent).allSatisfy(f -> assertThat(f.length() - "out:".length())
        .isLessThan(Daemon.Frames.BATCH + line.length()));
    frames.exit(0);
    assertThat(String.join("", sent()).replace("out:", "").replace("exit:0", "")).isEqualTo(line.repeat(2000));
  }
}
