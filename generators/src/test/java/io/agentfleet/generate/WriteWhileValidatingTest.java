package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FleetGenerator#generateAndWrite} stages the tree's files beside the output folder while the validators run,
 * and puts them in place only when the validators find nothing; whatever fails, the folder and its record stay as
 * they were and nothing staged is left behind.
 */
class WriteWhileValidatingTest {
  private static FleetSpec spec;
  @TempDir Path tmp;

  @BeforeAll
  static void readExample() throws Exception {
    spec = FleetYaml.read(Files.readString(TestFleets.root().resolve("examples/booking-agents/fleet.yaml")),
        "fleet.yaml");
  }

  private static FleetEnvironment production() {
    return FleetEnvironment.of("production", spec);
  }

  private static FleetGenerator with(TreeValidator validator) {
    return FleetGenerator.builder().buildIdentity("build-1").validators(List.of(validator)).build();
  }

  @Test
  void generateAndWrite_stagesEveryFileWhileTheValidatorsRun() {
    Path out = tmp.resolve("generated/production");
    Path staging = out.resolveSibling(".production.agentfleet-staging");
    Map<String, Object> seen = new TreeMap<>();
    // Waits, while validating, until every file of the tree (and the tree's index) is staged: a writer that stages
    // only after validation would never get there, and the test fails at the deadline.
    TreeValidator watcher = (tree, version) -> {
      long deadline = System.nanoTime() + 60_000_000_000L;
      long staged = 0;
      while ((staged = filesUnder(staging)) < tree.paths().size() + 1 && System.nanoTime() < deadline) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      seen.put("staged", staged);
      seen.put("in place", Files.exists(out));
      return List.of();
    };

    TreeUpdate update = with(watcher).generateAndWrite(production(), out);

    int files = update.generated().orElseThrow().paths().size();
    assertThat(files).isGreaterThan(20);
    assertThat(seen).containsExactly(Map.entry("in place", false), Map.entry("staged", files + 1L));
    assertThat(filesUnder(out)).isEqualTo(files + 1L);
    assertThat(staging).doesNotExist();
  }

  @Test
  void generateAndWrite_whenTheTreeFailsValidation_throwsItsProblemsAndLeavesTheFolderAsItWas() throws Exception {
    Path out = tmp.resolve("generated/production");
    with((tree, version) -> List.of()).generateAndWrite(production(), out);
    Files.writeString(out.resolve("README.md"), "edited by hand\n");
    Map<String, byte[]> before = FolderSnapshot.of(tmp);

    TreeValidator refusing = (tree, version) -> List.of(new Problem(tree.paths().last(), "refused"));
    Throwable thrown = catchThrowable(() -> with(refusing).generateAndWrite(production(), out));

    assertThat(thrown).isInstanceOf(TreeValidationException.class).hasMessageContaining("nothing was written");
    assertThat(((TreeValidationException) thrown).problems()).extracting(Problem::message).containsExactly("refused");
    FolderSnapshot.assertUnchanged(before, FolderSnapshot.of(tmp));
  }

  @Test
  void generateAndWrite_whenAValidatorBreaks_throwsItsFailureAndLeavesTheFolderAsItWas() throws Exception {
    Path out = tmp.resolve("generated/production");
    with((tree, version) -> List.of()).generateAndWrite(production(), out);
    Map<String, byte[]> before = FolderSnapshot.of(tmp);
    IllegalStateException broken = new IllegalStateException("validator broke");

    Throwable thrown = catchThrowable(() -> with((tree, version) -> {
      throw broken;
    }).generateAndWrite(production(), out));

    assertThat(thrown).isSameAs(broken);
    FolderSnapshot.assertUnchanged(before, FolderSnapshot.of(tmp));
  }

  @Test
  void generateAndWrite_whenTheFolderCannotBeWritten_reportsTheValidationProblemsFirst() throws Exception {
    Path out = tmp.resolve("generated/production");
    with((tree, version) -> List.of()).generateAndWrite(production(), out);
    Files.writeString(out.resolve("notes.txt"), "mine\n");
    Map<String, byte[]> before = FolderSnapshot.of(tmp);

    TreeValidator refusing = (tree, version) -> List.of(new Problem(tree.paths().first(), "refused"));
    Throwable invalid = catchThrowable(() -> with(refusing).generateAndWrite(production(), out));
    Throwable unwritable = catchThrowable(() -> with((tree, version) -> List.of()).generateAndWrite(production(), out));

    assertThat(invalid).isInstanceOf(TreeValidationException.class);
    assertThat(unwritable).isInstanceOf(TreeWriteException.class).hasMessageContaining("notes.txt");
    FolderSnapshot.assertUnchanged(before, FolderSnapshot.of(tmp));
  }

  private static long filesUnder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    } catch (IOException | UncheckedIOException e) {
      return 0; // the folder was moved while walked: counted again on the next turn
    }
  }
  @Test
  void generateAndWrite_askedToStopAtItsLastStep_leavesTheFolderAsItWasAndNothingStaged() throws Exception {
    Path out = tmp.resolve("generated/production");
    FleetGenerator.builder().buildIdentity("build-1").build().generateAndWrite(production(), out);
    Map<String, byte[]> before = FolderSnapshot.of(out.getParent());
    FleetSpec grown = FleetYaml.read(Files.readString(TestFleets.root().resolve("examples/booking-agents/fleet.yaml"))
        .replace("claude-code-agent:2.1.0", "claude-code-agent:2.2.0"), "fleet.yaml");
    // How often a whole run asks: the last time is after the validators, while the files are staged.
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    FleetGenerator.builder().buildIdentity("build-1").stopWhen(() -> asked.incrementAndGet() < 0).build()
        .generateAndWrite(FleetEnvironment.of("production", grown), tmp.resolve("elsewhere/production"));
    int steps = asked.get();
    assertThat(steps).isGreaterThan(10);

    java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    Throwable stopped = catchThrowable(() -> FleetGenerator.builder().buildIdentity("build-1")
        .stopWhen(() -> count.incrementAndGet() >= steps).build()
        .generateAndWrite(FleetEnvironment.of("production", grown), out));

    assertThat(stopped).isInstanceOf(GenerationStoppedException.class)
        .hasMessage("the generation was asked to stop; nothing was written");
    assertThat(count.get()).isEqualTo(steps);
    FolderSnapshot.assertUnchanged(before, FolderSnapshot.of(out.getParent()));
  }

  @Test
  void generate_askedToStopAtOnce_endsBeforeAnyFolderIsMade() {
    Throwable stopped = catchThrowable(() -> FleetGenerator.builder().stopWhen(() -> true).build()
        .generate(production()));

    assertThat(stopped).isInstanceOf(GenerationStoppedException.class);
  }
}
