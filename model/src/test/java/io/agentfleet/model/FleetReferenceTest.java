package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The committed JSON Schema copies and {@code docs/fleet-reference.md} are what {@link FleetReference} writes from
 * the model today. Run with {@code -Dagentfleet.updateReference=true} to rewrite them.
 */
class FleetReferenceTest {
  private static final boolean UPDATE = Boolean.getBoolean("agentfleet.updateReference");

  static Path root() {
    return TestFleets.exampleFile().toAbsolutePath().normalize().getParent().getParent().getParent();
  }

  static FleetReference reference() {
    return FleetReference.from(FleetReference.modelSources(root()));
  }

  @Test
  void committedSchemaAndReference_whenRegenerated_areUnchanged() throws IOException {
    FleetReference reference = reference();
    String schema = reference.jsonSchema();
    String markdown = reference.markdown();
    if (UPDATE) {
      FleetReference.main(new String[] {root().toString()});
    }
    for (String file : FleetReference.SCHEMA_FILES) {
      assertThat(Files.readString(root().resolve(file), StandardCharsets.UTF_8))
          .as(file + " is stale: rerun this test with -Dagentfleet.updateReference=true").isEqualTo(schema);
    }
    assertThat(Files.readString(root().resolve(FleetReference.REFERENCE_FILE), StandardCharsets.UTF_8))
        .as(FleetReference.REFERENCE_FILE + " is stale: rerun this test with -Dagentfleet.updateReference=true")
        .isEqualTo(markdown);
  }

  @Test
  void reference_whenWritten_namesEveryDefaultsConstantOnceAsAFieldDefaultOrAsNoField() throws IOException {
    Set<String> constants = Arrays.stream(Defaults.class.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
        .map(java.lang.reflect.Field::getName).collect(Collectors.toSet());
    Set<String> named = new HashSet<>(FleetReference.NOT_FIELDS.keySet());
    FleetReference.RESOLVED_DEFAULTS.values().forEach(named::addAll);
    String sources = String.join("\n", readSpecs());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("return\\s+Defaults\\.([A-Z_]+)").matcher(sources);
    while (m.find()) {
      named.add(m.group(1));
    }

    assertThat(named).as("constants the reference names").containsExactlyInAnyOrderElementsOf(constants);
  }

  @Test
  void reference_whenWritten_placesEveryResolvedDefaultOnAField() {
    List<FleetReference.Row> rows = reference().rows();
    for (String key : FleetReference.RESOLVED_DEFAULTS.keySet()) {
      assertThat(rows).as(key).anySatisfy(r -> assertThat(
          r.path().equals(key) || (key.startsWith(".") && r.path().endsWith(key))
              || (r.field().owner().getSimpleName() + "." + r.field().name()).equals(key)).isTrue());
    }
  }

  @Test
  void reference_whenWritten_documentsEveryFieldWithItsTypeAndTheReasonForKeyDefaults() {
    String md = reference().markdown();
    assertThat(md).contains("| `subAgents[].replicas` | replicas (`3` or `1..8`) | **required** |",
        "| `subAgents[].scaling.cpu` | percentage (`70%`) | `70%` |",
        "*Why the default:* Scale up when average CPU passes 70 % of the request",
        "| `agents[].backend.port` | whole number | `8080` |",
        "| `kubernetesVersion` | text | `1.34` |");
    assertThat(reference().rows()).extracting(FleetReference.Row::path).doesNotHaveDuplicates()
        .contains("name", "claude.apiKeySecret", "database.backups.objectStore.secret", "gitops.flux.timeout",
            "monitoring.alerts.sustainedFor", "subAgents[].role");
  }

  private static List<String> readSpecs() throws IOException {
    try (var files = Files.list(FleetReference.modelSources(root()))) {
      return files.filter(f -> f.getFileName().toString().endsWith("Spec.java")).sorted().map(f -> {
        try {
          return Files.readString(f);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }
}
