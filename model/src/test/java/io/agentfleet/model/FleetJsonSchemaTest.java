package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code fleet.schema.json} (the committed copy beside the example, which
 * {@link FleetReferenceTest} keeps equal to what the model writes) accepts the example and refuses every invalid
 * corpus file a schema can judge. {@link #CANNOT_CATCH} lists the others, each with the reason; the test fails when
 * the list is wrong either way.
 */
class FleetJsonSchemaTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Corpus files that are valid in shape: only the fleet's rules (what the resolver checks) refuse them. */
  static final Map<String, String> CANNOT_CATCH = Map.ofEntries(
      Map.entry("06-duplicate-sub-agent-ids.yaml", "unique ids span list entries"),
      Map.entry("67-quota-without-headroom.yaml", "capacity sums the fleet at full scale plus headroom"),
      Map.entry("68-database-without-agents.yaml", "a section that needs another list (agents) to be non-empty"),
      Map.entry("95-quota-headroom-out-of-range.yaml", "a percentage's range (0..100) is not checked by pattern"),
      Map.entry("96-api-access-without-api-server.yaml", "a field required by another field (apiAccess)"),
      Map.entry("97-api-server-bad-endpoints.yaml", "CIDR grammar and port ranges"),
      Map.entry("99-external-namespaces.yaml", "namespaces the fleet would create, duplicates in a list"),
      Map.entry("07-duplicate-agent-ids.yaml", "unique ids span list entries"),
      Map.entry("08-duplicate-id-across-agents-and-sub-agents.yaml", "unique ids span lists"),
      Map.entry("09-replicas-min-above-max.yaml", "comparing the two bounds of a range"),
      Map.entry("10-replicas-min-zero.yaml", "the lowest minimum depends on the autoscaler"),
      Map.entry("12-cpu-limit-below-request.yaml", "comparing a limit with its request"),
      Map.entry("13-memory-limit-below-request.yaml", "comparing a limit with its request"),
      Map.entry("14-requests-missing.yaml", "requests.cpu and memory are required for sub-agents only, not in Compute"),
      Map.entry("16-quantities-zero-or-negative.yaml", "a quantity's sign is not checked by pattern"),
      Map.entry("18-image-latest.yaml", "image pinning rules"),
      Map.entry("19-image-untagged.yaml", "image pinning rules"),
      Map.entry("20-image-malformed.yaml", "image reference grammar"),
      Map.entry("21-image-missing-without-default.yaml", "an image is required unless defaults.subAgent.image is set"),
      Map.entry("23-percent-out-of-range.yaml", "a percentage's range (1..100) is not checked by pattern"),
      Map.entry("25-requests-per-second-zero.yaml", "a quantity's sign is not checked by pattern"),
      Map.entry("27-scale-down-after-over-one-hour.yaml", "a duration's range"),
      Map.entry("33-bad-cidr.yaml", "CIDR grammar"),
      Map.entry("34-bad-label-keys-and-values.yaml", "label key and value grammar"),
      Map.entry("35-frontend-without-backend.yaml", "a field required by another field"),
      Map.entry("36-database-name-clash.yaml", "unique database names span list entries"),
      Map.entry("37-database-name-invalid.yaml", "PostgreSQL name grammar"),
      Map.entry("38-port-below-1024.yaml", "port ranges"),
      Map.entry("39-empty-fleet.yaml", "at least one agent or sub-agent, in either list"),
      Map.entry("42-many-problems.yaml", "all of its problems are rules of the fleet"),
      Map.entry("43-cluster-too-small-for-seed.yaml", "capacity sums the fleet at full scale"),
      Map.entry("44-quota-too-small-for-seed.yaml", "capacity sums the fleet at full scale"),
      Map.entry("45-capacity-short-on-memory-only.yaml", "capacity sums the fleet at full scale"),
      Map.entry("48-kubernetes-version-and-registry.yaml", "version and registry grammar"),
      Map.entry("50-component-replicas-zero.yaml", "a whole number's range per field"),
      Map.entry("54-duplicate-agent-ids-default-database.yaml", "unique ids span list entries"),
      Map.entry("56-numeric-image-tag.yaml", "comparing the two bounds of a range"),
      Map.entry("60-replicas-out-of-int-range.yaml", "a number's size inside a range written as text"),
      Map.entry("62-database-backup-schedule-and-retention.yaml", "cron grammar and whole days"),
      Map.entry("64-database-object-store.yaml", "URL rules"),
      Map.entry("65-database-reserved-names-and-image.yaml", "reserved names and image rules"),
      Map.entry("72-logging-without-url.yaml", "a field required once its section is present"),
      Map.entry("73-logging-url-with-credentials.yaml", "URL rules"),
      Map.entry("74-prometheus-mode-mismatch.yaml", "fields that only fit one mode"),
      Map.entry("80-gitops-bad-repository-and-revision.yaml", "URL and Git ref rules"),
      Map.entry("81-gitops-argocd-names.yaml", "DNS name grammar"),
      Map.entry("90-agent-metrics-port-duplicates-port.yaml", "comparing two ports"),
      Map.entry("91-agent-git-secret-without-repository.yaml", "a field that needs another field"),
      Map.entry("92-agent-ingress-without-frontend.yaml", "a field that needs another field"),
      Map.entry("93-agent-root-user-and-relative-health-path.yaml", "user id range and path grammar"),
      Map.entry("shapes/006-duplicate-keys-at-three-levels.yaml", "a YAML library keeps one of two equal keys"));

  /**
   * Corpus sub-folders whose mistakes are the fleet's rules, which a schema cannot express: each file in them is
   * accepted by the schema unless listed in {@link #SCHEMA_REFUSES_IN_RULE_FOLDERS}.
   */
  static final Map<String, String> RULE_FOLDERS = Map.ofEntries(
      Map.entry("secrets-in-urls", "credentials inside a URL"),
      Map.entry("ranges", "numeric ranges per field"),
      Map.entry("quantities", "units and ranges of quantities per field"),
      Map.entry("cron", "cron field ranges"),
      Map.entry("git-refs", "git check-ref-format rules"),
      Map.entry("reserved-names", "namespaces reserved by Kubernetes and the platform"),
      Map.entry("owned-labels", "label keys the tree owns, label grammar"),
      Map.entry("name-lengths", "lengths of the names made from a field"),
      Map.entry("collisions", "names two parts of the fleet would both make"),
      Map.entry("versions", "the supported Kubernetes versions"),
      Map.entry("images", "image pinning rules"));

  /** Files in {@link #RULE_FOLDERS} that the schema refuses all the same (a length or pattern it does check). */
  static final Set<String> SCHEMA_REFUSES_IN_RULE_FOLDERS = Set.of("name-lengths/003-fleet-name-too-long-at-all.yaml",
      "name-lengths/005-sub-agent-id-too-long.yaml", "name-lengths/006-agent-prefix-too-long.yaml",
      "name-lengths/007-namespace-too-long.yaml", "quantities/009-requests-per-second-with-unit.yaml",
      "quantities/016-alert-rate-with-unit.yaml");

  /** Whether the schema must accept the corpus file: only the fleet's rules refuse it. */
  static boolean beyondSchema(InvalidFleetCorpusTest.Case c) {
    return CANNOT_CATCH.containsKey(c.name())
        || RULE_FOLDERS.containsKey(c.mistakeClass()) && !SCHEMA_REFUSES_IN_RULE_FOLDERS.contains(c.name());
  }

  /** Not YAML mappings at all: the schema cannot even be applied (the reader says so). */
  static final Set<String> NOT_A_FLEET_DOCUMENT = Set.of("41-invalid-yaml-syntax.yaml", "53-empty-file.yaml");

  /**
   * Classes of mistake made in the YAML itself (sub-folders of the corpus): a JSON Schema sees only the tree a YAML
   * library builds, after the syntax was parsed, the bytes decoded, aliases expanded and plain scalars typed by YAML
   * 1.1, so it cannot judge them; the reader refuses them by name.
   */
  static final Map<String, String> YAML_LEVEL = Map.of(
      "yaml-syntax/", "the file does not parse, or holds characters YAML forbids",
      "encoding/", "the bytes are not UTF-8 text",
      "yaml-aliases/", "a YAML library expands aliases and merge keys before any schema sees the tree",
      "yaml-coercion/", "a YAML 1.1 library has already turned yes, no, 012 and 1:30 into other values",
      "internal-text/", "a second document, nesting depth and number ranges are the reader's, not the schema's");

  static JsonSchema schema() throws IOException {
    String text = Files.readString(FleetReferenceTest.root().resolve("examples/booking-agents/fleet.schema.json"),
        StandardCharsets.UTF_8);
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(text);
  }

  @Test
  void schema_whenExampleChecked_acceptsIt() throws IOException {
    JsonNode example = YAML.readTree(Files.readString(TestFleets.exampleFile(), StandardCharsets.UTF_8));

    assertThat(schema().validate(example)).isEmpty();
  }

  @Test
  void schema_whenCorpusChecked_refusesEveryFileItCanJudgeAndAcceptsExactlyTheListedOthers() throws IOException {
    JsonSchema schema = schema();
    List<InvalidFleetCorpusTest.Case> corpus = InvalidFleetCorpusTest.cases().toList();
    StringBuilder wrong = new StringBuilder();
    for (InvalidFleetCorpusTest.Case c : corpus) {
      if (NOT_A_FLEET_DOCUMENT.contains(c.name()) || YAML_LEVEL.keySet().stream().anyMatch(c.name()::startsWith)) {
        continue;
      }
      JsonNode tree = YAML.readTree(Files.readString(c.file(), StandardCharsets.UTF_8));
      Set<ValidationMessage> found = schema.validate(tree == null ? YAML.nullNode() : tree);
      boolean refused = !found.isEmpty();
      if (refused == beyondSchema(c)) {
        wrong.append(c.name()).append(refused ? " is refused although listed as beyond a schema: "
            + found.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "))
            : " is accepted although a schema should refuse it").append('\n');
      }
    }
    assertThat(wrong.toString()).isEmpty();
    assertThat(CANNOT_CATCH.keySet()).allSatisfy(name ->
        assertThat(corpus).extracting(InvalidFleetCorpusTest.Case::name).contains(name));
  }
}
