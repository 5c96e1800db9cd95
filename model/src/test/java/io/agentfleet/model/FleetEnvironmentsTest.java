package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code environments:}: the merge rule, its errors at their place in the override, and what it records. */
class FleetEnvironmentsTest {
  private static final List<String> BASE = List.of(
      "name: shop",
      "database: { instances: 3, storage: 50Gi }",
      "subAgents:",
      "  - { id: s1, role: senior-developer, image: agent:1.0, replicas: 1..8, requests: { cpu: 1, memory: 2Gi } }",
      "  - { id: s2, role: ux-expert, image: agent:1.0, replicas: 1..4, requests: { cpu: 1, memory: 2Gi } }",
      "agents: [ { id: a1, worker: { image: claude-code-agent:2.1.0 } } ]");

  private static FleetEnvironments read(String... environments) {
    List<String> lines = new java.util.ArrayList<>(BASE);
    lines.add("environments:");
    lines.addAll(List.of(environments));
    return FleetYaml.readEnvironments(String.join("\n", lines) + "\n", "fleet.yaml");
  }

  private static List<String> problems(String... environments) {
    FleetValidationException e = catchThrowableOfType(FleetValidationException.class, () -> read(environments));
    assertThat(e).as("the fleet should be refused").isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void readEnvironments_whenNoneDeclared_readsProductionAlone() {
    FleetEnvironments envs = FleetYaml.readEnvironments(String.join("\n", BASE) + "\n", "fleet.yaml");

    assertThat(envs.declared()).isFalse();
    assertThat(envs.names()).containsExactly("production");
  }

  @Test
  void readEnvironments_listsTheDeclaredOnesInEnvironmentOrder() {
    assertThat(read("  production: {}", "  dev:", "  staging: {}").names())
        .containsExactly("dev", "staging", "production");
  }

  @Test
  void merge_mappingsMergeKeyByKey_itemsById_scalarsReplace() {
    FleetEnvironment dev = read("  dev:",
        "    database: { storage: 5Gi }",
        "    subAgents:",
        "      - { id: s2, replicas: 2, requests: { memory: 1Gi } }").get("dev");

    FleetSpec spec = dev.spec();
    assertThat(spec.database().orElseThrow().storage()).contains(Quantity.parse("5Gi"));
    assertThat(spec.database().orElseThrow().instances()).contains(3);
    assertThat(spec.subAgents()).extracting(s -> s.id() + " " + s.replicas() + " " + s.requests().cpu().orElseThrow()
        + " " + s.requests().memory().orElseThrow()).containsExactly("s1 1..8 1 2Gi", "s2 2 1 1Gi");
    assertThat(dev.overridden()).containsExactly("database.storage", "subAgents[s2].replicas",
        "subAgents[s2].requests.memory");
  }

  @Test
  void merge_otherListsReplaceWhole() {
    FleetEnvironments envs = FleetYaml.readEnvironments(String.join("\n", BASE)
        + "\nnetwork: { privateRanges: [10.0.0.0/8, 172.16.0.0/12] }\nenvironments:\n"
        + "  dev: { network: { privateRanges: [192.168.0.0/16] } }\n  production: {}\n", "fleet.yaml");

    assertThat(envs.get("dev").spec().network().privateRanges()).containsExactly("192.168.0.0/16");
    assertThat(envs.get("production").spec().network().privateRanges()).containsExactly("10.0.0.0/8", "172.16.0.0/12");
  }

  @Test
  void merge_whenTheOverrideNamesAnIdTheFleetLacks_saysWhereAndSuggests() {
    assertThat(problems("  dev:", "    subAgents:", "      - { id: s9, replicas: 1 }"))
        .containsExactly("fleet.yaml:10:9: environments.dev.subAgents[s9]: no sub-agent 's9' in subAgents (an "
            + "environment changes the sub-agents the fleet declares; add new ones to subAgents); did you mean 's1'?");
  }

  @Test
  void merge_whenAnItemHasNoId_saysItMustNameOne() {
    assertThat(problems("  dev:", "    subAgents:", "      - { replicas: 1 }"))
        .containsExactly("fleet.yaml:10:9: environments.dev.subAgents[0]: must name the sub-agent it changes with "
            + "id (an item here changes the sub-agent of that id in subAgents)");
  }

  @Test
  void read_whenAnOverriddenValueBreaksARule_pointsIntoTheOverride() {
    assertThat(problems("  staging:", "    subAgents:", "      - { id: s1, replicas: 9..2 }"))
        .containsExactly("fleet.yaml:10:29: environments.staging.subAgents[s1].replicas: minimum 9 is above maximum 2");
  }

  @Test
  void read_whenAnOverrideHasAnUnknownField_pointsAtItsKey() {
    assertThat(problems("  dev:", "    databse: { storage: 5Gi }"))
        .singleElement().asString().isEqualTo("fleet.yaml:9:5: environments.dev.databse: unknown field; did you mean 'database'?");
  }

  @Test
  void read_whenTheEnvironmentIsUnknown_listsTheKnownAndSuggestsOne() {
    assertThat(problems("  prod: {}")).containsExactly("fleet.yaml:8:3: environments.prod: unknown environment "
        + "(known: dev, staging, production); did you mean 'production'?");
  }

  @Test
  void read_whenTheOverrideChangesWhatEveryEnvironmentShares_refusesIt() {
    assertThat(problems("  dev: { name: shop-dev, gitops: { repository: https://example.com/other.git } }"))
        .extracting(p -> p.replaceAll(":\\d+:\\d+:", ":L:C:").replaceAll("(?<=repository|name): .*", ""))
        .containsExactly("fleet.yaml:L:C: environments.dev.name", "fleet.yaml:L:C: environments.dev.gitops.repository");
  }

  @Test
  void read_whenAProblemLiesInTheSharedPart_reportsItOnceWithoutAnEnvironment() {
    List<String> found = catchThrowableOfType(FleetValidationException.class, () -> FleetYaml.readEnvironments(
        String.join("\n", BASE).replace("replicas: 1..4", "replicas: 4..1")
            + "\nenvironments: { dev: {}, production: {} }\n", "fleet.yaml")).problems().stream()
        .map(Problem::toString).toList();

    assertThat(found).containsExactly("fleet.yaml:5:60: subAgents[s2].replicas: minimum 4 is above maximum 1");
  }

  @Test
  void read_whenAProblemArisesInSomeEnvironmentsOnly_namesThem() {
    List<String> found = catchThrowableOfType(FleetValidationException.class, () -> FleetYaml.readEnvironments(
        String.join("\n", BASE) + "\nquota: { cpu: 24 }\nenvironments:\n  dev: {}\n  production:\n"
            + "    subAgents: [ { id: s1, replicas: 1..30 } ]\n", "fleet.yaml")).problems().stream()
        .map(Problem::toString).toList();

    assertThat(found).anyMatch(p -> p.contains("(in production)"));
    assertThat(found).noneMatch(p -> p.contains("(in dev)"));
  }

  @Test
  void pin_putsTheEnvironmentsOwnValuesBackOverAnyOtherChange() {
    FleetEnvironment dev = read("  dev:", "    subAgents: [ { id: s1, replicas: 1..3 } ]").get("dev");
    FleetSpec squashed = FleetSpec.builder().from(dev.spec()).subAgents(dev.spec().subAgents().stream()
        .map(s -> SubAgentSpec.builder().from(s).replicas(ReplicaRange.exactly(1)).build()).toList()).build();

    assertThat(dev.pin(squashed).subAgents()).extracting(s -> s.replicas().toString()).containsExactly("1..3", "1");
  }

  @Test
  void sources_noteAnEnvironmentsValueByItsPlaceUnderEnvironments() {
    FleetEnvironment dev = read("  dev:", "    subAgents: [ { id: s1, replicas: 1..3 } ]").get("dev");

    Sources sources = dev.sources(Sources.of(dev.spec()));

    assertThat(sources.note("subAgents[s1].replicas.max")).isEqualTo("environments.dev.subAgents[s1].replicas");
    assertThat(sources.note("subAgents[s2].replicas.max")).isEqualTo("subAgents[s2].replicas");
  }

  @Test
  void read_whenSeveralEnvironmentsShareOneGitopsPath_refusesIt() {
    List<String> found = catchThrowableOfType(FleetValidationException.class, () -> FleetYaml.readEnvironments(
        String.join("\n", BASE) + "\ngitops: { path: deploy/shop }\nenvironments: { dev: {}, production: {} }\n",
        "fleet.yaml")).problems().stream().map(Problem::toString).toList();

    assertThat(found).singleElement().asString().startsWith("fleet.yaml:7:17: gitops.path: is one folder");
  }
}
