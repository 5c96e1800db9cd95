package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second run on unchanged inputs generates nothing, and no changed input — a fleet field, the agentfleet build, a
 * file edited by hand in the tree — is ever taken for unchanged.
 */
class NoOpRegenerationTest {
  private static String yaml;
  @TempDir Path tmp;

  @BeforeAll
  static void readExample() throws Exception {
    yaml = Files.readString(TestFleets.root().resolve("examples/booking-agents/fleet.yaml"));
  }

  private static FleetSpec spec(String text) {
    return FleetYaml.read(text, "fleet.yaml");
  }

  private static FleetGenerator generator(String build) {
    return FleetGenerator.builder().buildIdentity(build).build();
  }

  @Test
  void write_whenInputsAreUnchanged_generatesNothingAndTouchesNoFile() throws Exception {
    Path out = tmp.resolve("generated/production");
    TreeUpdate first = generator("build-1").write(spec(yaml), out);
    assertThat(first.upToDate()).isFalse();
    assertThat(first.generated()).isPresent();
    Path hpa = out.resolve("sub-agents/claude-sub-agent-s1.yaml");
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(hpa, old);

    // A comment in fleet.yaml is no input of the tree.
    TreeUpdate second = generator("build-1").write(spec("# reviewed\n" + yaml), out);

    assertThat(second.upToDate()).isTrue();
    assertThat(second.generated()).isEmpty();
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(second.lines().get(0)).startsWith("up to date (fingerprint " + first.fingerprint().get().substring(0, 12)
        + "): ").endsWith(" files unchanged, nothing generated");
    assertThat(second.report().unchanged()).containsAll(first.report().added());
    assertThat(Files.getLastModifiedTime(hpa)).isEqualTo(old);
  }

  @Test
  void write_whenOneFleetFieldChanges_regeneratesTheTree() throws Exception {
    Path out = tmp.resolve("t");
    TreeUpdate first = generator("build-1").write(spec(yaml), out);
    String changed = yaml.replace("id: s1, role: senior-developer,    replicas: 1..8",
        "id: s1, role: senior-developer,    replicas: 1..7");
    assertThat(changed).isNotEqualTo(yaml);

    TreeUpdate second = generator("build-1").write(spec(changed), out);

    assertThat(second.upToDate()).isFalse();
    assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(second.report().changed()).contains("sub-agents/claude-sub-agent-s1.yaml");
    assertThat(Files.readString(out.resolve("sub-agents/claude-sub-agent-s1.yaml"))).contains("maxReplicas: 7");
  }

  @Test
  void write_whenTheAgentfleetBuildChanges_regeneratesEvenThoughTheFleetIsTheSame() {
    Path out = tmp.resolve("t");
    generator("build-1").write(spec(yaml), out);

    TreeUpdate other = generator("build-2").write(spec(yaml), out);

    assertThat(other.upToDate()).isFalse();
    assertThat(other.generated()).isPresent();
    assertThat(other.report().isUpToDate()).isTrue(); // same bytes: regenerated, then nothing to rewrite
    // and the new build's record is what the next run compares with
    assertThat(generator("build-2").write(spec(yaml), out).upToDate()).isTrue();
    assertThat(generator("build-1").write(spec(yaml), out).upToDate()).isFalse();
  }

  @Test
  void write_whenAValueMovesIntoItsEnvironmentUnchanged_regeneratesBecauseItsSourceChanged() throws Exception {
    Path out = tmp.resolve("t");
    String atTop = yaml;
    String inProduction = yaml.replace("    retain: 14d\n", "\n")
        .replace("  production: {}", "  production:\n    database: { backups: { retain: 14d } }");
    assertThat(inProduction).isNotEqualTo(atTop);
    FleetEnvironment before = FleetYaml.readEnvironments(atTop, "fleet.yaml").get("production");
    FleetEnvironment after = FleetYaml.readEnvironments(inProduction, "fleet.yaml").get("production");
    assertThat(after.spec().database()).isEqualTo(before.spec().database());
    generator("build-1").write(before, out);

    TreeUpdate moved = generator("build-1").write(after, out);

    assertThat(moved.upToDate()).isFalse();
    assertThat(String.join("\n", moved.report().changed())).contains("database/postgres-backup.yaml");
    assertThat(Files.readString(out.resolve("database/postgres-backup.yaml")))
        .contains("# environments.production.database.backups.retain");
    assertThat(generator("build-1").write(after, out).upToDate()).isTrue();
  }

  @Test
  void fingerprint_ofTheRealBuild_isStableAndCoversTheBuildIdentity() {
    FleetGenerator real = FleetGenerator.builder().build();
    String once = real.fingerprint(spec(yaml));
    assertThat(once).hasSize(64).isEqualTo(FleetGenerator.builder().build().fingerprint(spec(yaml)));
    assertThat(generator("build-1").fingerprint(spec(yaml))).isNotEqualTo(once);
  }

  @Test
  void fingerprint_tellsASpecAppliedAsWrittenFromOneAProfileChanged_andSpecsApart() {
    FleetSpec written = spec(yaml);
    FleetSpec changed = spec(yaml.replace("id: s1, role: senior-developer,    replicas: 1..8",
        "id: s1, role: senior-developer,    replicas: 1..7"));
    java.util.function.BiFunction<FleetSpec, FleetSpec, String> of = (spec, applied) -> Fingerprint.of(spec, applied,
        io.agentfleet.generate.spi.Profile.none(), java.util.List.of(), "build-1", "environment production");

    String asWritten = of.apply(written, written);
    // Equal, not the same instance: applied as written all the same.
    assertThat(of.apply(written, spec(yaml))).isEqualTo(asWritten);
    // A profile that changed a value, either way round, and another spec applied as written: each its own.
    assertThat(java.util.Set.of(asWritten, of.apply(written, changed), of.apply(changed, written),
        of.apply(changed, changed))).hasSize(4);
  }

  @Test
  void write_whenAFileWasEditedByHand_regeneratesAndRestoresIt() throws Exception {
    Path out = tmp.resolve("t");
    generator("build-1").write(spec(yaml), out);
    Path file = out.resolve("core/namespace.yaml");
    String original = Files.readString(file);
    Files.writeString(file, original.replace("booking-agents", "hand-edited"));

    TreeUpdate again = generator("build-1").write(spec(yaml), out);

    assertThat(again.upToDate()).isFalse();
    assertThat(again.report().changed()).containsExactly("core/namespace.yaml");
    assertThat(Files.readString(file)).isEqualTo(original);
    assertThat(generator("build-1").write(spec(yaml), out).upToDate()).isTrue();
  }

  @Test
  void write_whenOneCharacterWasChangedByHand_keepingTheFilesLength_regenerates() throws Exception {
    Path out = tmp.resolve("t");
    generator("build-1").write(spec(yaml), out);
    Path file = out.resolve("core/namespace.yaml");
    String original = Files.readString(file);
    int at = original.indexOf("booking-agents");
    Files.writeString(file, original.substring(0, at) + "c" + original.substring(at + 1));

    TreeUpdate again = generator("build-1").write(spec(yaml), out);

    assertThat(again.upToDate()).isFalse();
    assertThat(again.report().changed()).containsExactly("core/namespace.yaml");
    assertThat(Files.readString(file)).isEqualTo(original);
  }

  @Test
  void upToDate_withTheRecordOfAnEarlierAgentfleetFormat_isNeverTrusted() throws Exception {
    Path out = tmp.resolve("t");
    String fingerprint = generator("build-1").write(spec(yaml), out).fingerprint().orElseThrow();
    Path state = TreeWriter.stateFile(out.toAbsolutePath());
    assertThat(TreeWriter.upToDate(out, fingerprint)).isPresent();

    Files.writeString(state, Files.readString(state).replace("agentfleet tree state 2", "agentfleet tree state 1"));

    assertThat(TreeWriter.upToDate(out, fingerprint)).isEmpty();
  }

  @Test
  void write_whenAFileWasDeletedOrAddedByHand_doesNotSkip() throws Exception {
    Path out = tmp.resolve("t");
    generator("build-1").write(spec(yaml), out);
    Files.delete(out.resolve("core/namespace.yaml"));

    TreeUpdate restored = generator("build-1").write(spec(yaml), out);
    assertThat(restored.upToDate()).isFalse();
    assertThat(restored.report().added()).containsExactly("core/namespace.yaml");

    Files.writeString(out.resolve("core/extra.yaml"), "a: 1\n");
    assertThat(TreeWriter.upToDate(out, restored.fingerprint().orElseThrow())).isEmpty();
  }

  @Test
  void write_whenTheLastFileFailsValidation_leavesTheTreeAndItsRecordByteIdentical() throws Exception {
    Path out = tmp.resolve("generated/production");
    generator("build-1").write(spec(yaml), out);
    Map<String, byte[]> before = FolderSnapshot.of(tmp);
    String changed = yaml.replace("replicas: 1..8", "replicas: 1..7");
    // A validator that refuses only the tree's last file, after every other file was rendered and checked.
    TreeValidator lastFile = new TreeValidator() {
      @Override
      public List<Problem> validate(RenderedTree tree, String kubernetesVersion) {
        return List.of(new Problem(tree.files().lastKey(), "refused for the test"));
      }
    };
    FleetGenerator refusing = FleetGenerator.builder().buildIdentity("build-1").validators(List.of(lastFile)).build();

    TreeValidationException e = catchThrowableOfType(TreeValidationException.class,
        () -> refusing.write(spec(changed), out));

    assertThat(e.getMessage()).contains("nothing was written");
    FolderSnapshot.assertUnchanged(before, FolderSnapshot.of(tmp));
    assertThat(generator("build-1").write(spec(yaml), out).upToDate()).isTrue();
  }

  @Test
  void write_withValidatorsOfItsOwn_isNotFingerprintedAndAlwaysGenerates() {
    Path out = tmp.resolve("t");
    FleetGenerator own = FleetGenerator.builder().buildIdentity("build-1").validators(List.of()).build();
    own.write(spec(yaml), out);

    TreeUpdate again = own.write(spec(yaml), out);

    assertThat(again.fingerprint()).isEmpty();
    assertThat(again.upToDate()).isFalse();
    assertThat(again.generated()).isPresent();
    assertThat(Files.exists(TreeWriter.stateFile(out.toAbsolutePath()))).isFalse();
  }

  /** Runs {@link NoOpProcess} in a fresh JVM, listing the classes it loads; returns what it printed. */
  private static String freshRun(Path fleet, Path out) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:stdout:none", "-cp", System.getProperty("java.class.path"),
        NoOpProcess.class.getName(), fleet.toString(), out.toString());
    Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
    String printed = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(jvm.waitFor()).as(printed).isZero();
    return printed;
  }

  @Test
  void write_whenUpToDate_inAFreshJvm_leavesJacksonsMappersAndTheValidatorsUnmade() throws Exception {
    // A run that finds its tree up to date reads the fleet and checks the record; building a Jackson mapper (its
    // first costs a fifth of a second cold) or compiling a schema is work it must not pay for.
    Path fleet = tmp.resolve("fleet.yaml");
    Files.writeString(fleet, yaml);
    Path out = tmp.resolve("tree");

    String first = freshRun(fleet, out);
    String second = freshRun(fleet, out);

    // Classes that making a mapper and compiling a schema load (merely naming ObjectMapper, as the build identity
    // does, loads that class alone).
    List<String> work = List.of("com.fasterxml.jackson.databind.cfg.BaseSettings ",
        "com.fasterxml.jackson.databind.ser.BeanSerializerFactory ", "com.networknt.schema.JsonSchemaFactory ");
    assertThat(first).contains("\ngenerated\n").contains(work);
    assertThat(second).contains("\nup to date\n");
    for (String made : work) {
      assertThat(second).doesNotContain(made);
    }
  }
}
