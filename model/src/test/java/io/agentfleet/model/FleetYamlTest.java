package io.agentfleet.model;

import static io.agentfleet.model.TestFleets.SUB_AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetYamlTest {

  @Test
  void read_whenExampleFleet_readsEveryValueAsWritten() {
    FleetSpec spec = TestFleets.exampleSpec();

    assertThat(spec.name()).isEqualTo("booking-agents");
    assertThat(spec.namespace()).contains("booking-agents");
    assertThat(spec.agentPrefix()).isEqualTo("booking-agent");
    assertThat(spec.kubernetesVersion()).isEqualTo("1.34");
    assertThat(spec.imageRegistry()).contains("ghcr.io/example");
    assertThat(spec.labels()).containsExactly(Map.entry("app.kubernetes.io/part-of", "booking-agents"));
    assertThat(spec.claude().apiKeySecret()).isEqualTo("claude-api-credentials");
    assertThat(spec.secrets().provider()).isEqualTo(SecretsProvider.EXTERNAL_SECRETS);
    assertThat(spec.secrets().store()).contains("fleet-secrets");
    DefaultsSpec.SubAgentDefaults defaults = spec.defaults().subAgent().orElseThrow();
    assertThat(defaults.image()).contains("claude-code-agent:2.1.0");
    ScalingSpec scaling = defaults.scaling().orElseThrow();
    assertThat(scaling.cpu()).contains(Percent.of(70));
    assertThat(scaling.memory()).contains(Percent.of(80));
    assertThat(scaling.requestsPerSecond()).contains(Quantity.parse("10"));
    assertThat(scaling.scaleDownAfter()).contains(Span.parse("5m"));
    assertThat(spec.agents()).extracting(AgentSpec::id).containsExactly("a2", "a3", "a4");
    assertThat(spec.agents().get(0).frontend().map(ComponentSpec::image)).contains("booking-frontend:1.4.0");
    assertThat(spec.subAgents()).extracting(SubAgentSpec::id).containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
  }

  @Test
  void read_whenExampleSubAgents_matchTheSeedTable() {
    FleetSpec spec = TestFleets.exampleSpec();

    assertThat(spec.subAgents()).extracting(SubAgentSpec::role).containsExactly(Role.SENIOR_DEVELOPER,
        Role.UI_DEVELOPER, Role.UX_EXPERT, Role.TEST_EXPERT, Role.ARCHITECTURE_EXPERT, Role.DEVOPS_EXPERT);
    assertThat(spec.subAgents()).extracting(SubAgentSpec::replicas).extracting(ReplicaRange::toString)
        .containsExactly("1..8", "1..6", "1..4", "1..6", "1..6", "1..5");
    assertThat(spec.subAgents()).extracting(s -> s.requests().cpu().orElseThrow())
        .containsExactly(Quantity.parse("1"), Quantity.parse("1.5"), Quantity.parse("1"), Quantity.parse("1"),
            Quantity.parse("2"), Quantity.parse("1.5"));
    assertThat(spec.subAgents()).extracting(s -> s.requests().memory().orElseThrow().toString())
        .containsExactly("2Gi", "3Gi", "2Gi", "2Gi", "4Gi", "3Gi");
    assertThat(spec.subAgents()).extracting(SubAgentSpec::priority).containsExactly(Priority.HIGH, Priority.MEDIUM,
        Priority.MEDIUM, Priority.MEDIUM, Priority.HIGH, Priority.HIGH);
    assertThat(spec.subAgents()).extracting(SubAgentSpec::apiAccess).containsExactly(ApiAccess.NONE, ApiAccess.NONE,
        ApiAccess.NONE, ApiAccess.NONE, ApiAccess.NONE, ApiAccess.READ);
  }

  @Test
  void writeMinimal_whenExampleFleet_leavesOutEveryValueTheModelFillsInAndReadsBackEqual() {
    FleetSpec spec = TestFleets.exampleSpec();

    String minimal = FleetYaml.writeMinimal(spec);

    assertThat(FleetYaml.read(minimal, "minimal")).isEqualTo(spec);
    assertThat(FleetResolver.resolve(FleetYaml.read(minimal, "minimal"))).isEqualTo(FleetResolver.resolve(spec));
    assertThat(minimal).doesNotContain("priority: medium", "apiAccess: none", "kubernetesVersion", "refreshInterval: 1h",
        "apiKeyKey").contains("priority: high", "role: senior-developer", "replicas: 1..8");
    assertThat(minimal.length()).isLessThan(FleetYaml.write(spec).length());
  }

  @Test
  void write_whenExampleFleetIsReadBack_givesAnEqualSpec() {
    FleetSpec spec = TestFleets.exampleSpec();

    FleetSpec back = FleetYaml.read(FleetYaml.write(spec), "written example");

    assertThat(back).isEqualTo(spec);
  }

  @Test
  void write_whenWrittenAgainAfterReading_givesTheSameText() {
    String once = FleetYaml.write(TestFleets.exampleSpec());

    assertThat(FleetYaml.write(FleetYaml.read(once, "once"))).isEqualTo(once);
  }

  @Test
  void write_whenSpecBuiltInJavaWithEveryKindOfValue_readsBackEqual() {
    FleetSpec spec = everyKindOfValue();

    String yaml = FleetYaml.write(spec);

    assertThat(FleetYaml.read(yaml, "written")).isEqualTo(spec);
    assertThat(FleetResolver.resolve(FleetYaml.read(yaml, "written")).subAgents()).hasSize(1);
  }

  @Test
  void writeCanonical_holdsWhatWriteWritesAsJson() throws Exception {
    // The fingerprint of a generated tree hashes this form: every value the YAML holds must be in it, none other.
    var yamlReader = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
    var jsonReader = new com.fasterxml.jackson.databind.ObjectMapper();
    for (FleetSpec spec : java.util.List.of(everyKindOfValue(), TestFleets.exampleSpec())) {
      var out = new java.io.ByteArrayOutputStream();
      FleetYaml.writeCanonical(spec, out);
      String json = out.toString(java.nio.charset.StandardCharsets.UTF_8);

      assertThat(json).startsWith("{").doesNotContain("\n");
      assertThat(jsonReader.readTree(json)).isEqualTo(yamlReader.readTree(FleetYaml.write(spec)));
    }
    var one = new java.io.ByteArrayOutputStream();
    var other = new java.io.ByteArrayOutputStream();
    FleetYaml.writeCanonical(everyKindOfValue(), one);
    FleetYaml.writeCanonical(FleetSpec.builder().from(everyKindOfValue()).namespace("java-ns2").build(), other);
    assertThat(one.toByteArray()).isNotEqualTo(other.toByteArray());
  }

  private static FleetSpec everyKindOfValue() {
    return FleetSpec.builder()
        .name("java-fleet")
        .namespace("java-ns")
        .imageRegistry("registry.example.com:5000/team")
        .putLabel("team", "platform")
        .secrets(SecretsSpec.builder().provider(SecretsProvider.EXTERNAL_SECRETS).store("vault")
            .refreshInterval(Span.parse("30m")).build())
        .network(NetworkSpec.builder().addPrivateRange("10.0.0.0/8").dnsNamespace("dns")
            .addApiServer(NetworkSpec.ApiServerEndpoint.of("172.20.0.6/32", 6443)).build())
        .addExternalNamespaces("monitoring")
        .cluster(CapacitySpec.builder().cpu(Quantity.parse("64")).memory(Quantity.parse("256Gi")).pods(110).build())
        .quota(QuotaSpec.builder().cpu(Quantity.parse("48")).memory(Quantity.parse("192Gi")).headroom(Percent.of(25)).build())
        .defaults(DefaultsSpec.builder().subAgent(DefaultsSpec.SubAgentDefaults.builder().image("agent:3.0.1")
            .scaling(ScalingSpec.builder().cpu(Percent.of(60)).scaleDownAfter(Span.parse("10m")).build()).build())
            .build())
        .addAgent(AgentSpec.builder().id("a1").database("first")
            .worker(WorkerSpec.builder().workspace(Quantity.parse("30Gi")).repository("https://example.com/r.git")
                .requests(Compute.of("500m", "1Gi")).build())
            .frontend(ComponentSpec.builder().image("fe:1.0.0").port(3001).replicas(2).build())
            .backend(ComponentSpec.builder().image("be:1.0.0").limits(Compute.of("2", "2Gi")).build())
            .build())
        .addSubAgent(SubAgentSpec.builder().id("s1").role(Role.TEST_EXPERT).replicas(ReplicaRange.between(2, 4))
            .requests(Compute.of("1500m", "3Gi")).limits(Compute.builder().cpu(Quantity.parse("2")).build())
            .priority(Priority.LOW).apiAccess(ApiAccess.READ).workspace(Quantity.parse("5Gi"))
            .scaling(ScalingSpec.builder().memory(Percent.of(90)).requestsPerSecond(Quantity.parse("2.5"))
                .scaleDownPodsPerMinute(2).build())
            .build())
        .build();
  }

  @Test
  void write_whenTextLooksLikeANumber_quotesItSoItReadsBackEqual() {
    FleetSpec spec = FleetSpec.builder().name("f").kubernetesVersion("1.34").putLabel("release", "2.10")
        .addSubAgent(TestFleets.spec("name: f", "subAgents:", "  - " + SUB_AGENT).subAgents().get(0)).build();

    String yaml = FleetYaml.write(spec);

    assertThat(FleetYaml.read(yaml, "written")).isEqualTo(spec);
  }

  @Test
  void read_whenEmptyValuesAndDroppedEntriesComeFirst_placesEveryLaterMistakeOnItsOwnLine() {
    // The places of a file's values are worked out only when a problem asks for one: what the shape check changed
    // before (an empty field taken out, a number kept as text, an empty list entry dropped) must not move them.
    FleetValidationException e = catchThrowableOfType(FleetValidationException.class, () -> TestFleets.spec(
        "name: f",
        "kubernetesVersion: \"1.34\"",
        "subAgents:",
        "  - ~",
        "  - id: s1",
        "    priority: ~",
        "    role: senior-developer",
        "    image: claude-code-agent:2.1.0",
        "    replicas: 1..2",
        "    requests: { cpu: 1, memory: 2Gi }",
        "    colour: red",
        "  - { id: s2, role: reviewer, image: claude-code-agent:2.1.0, replicas: 5..1, requests: { cpu: 1, memory: 2Gi } }"));

    assertThat(e.lines()).anySatisfy(l -> assertThat(l).startsWith("test:4:5: subAgents[0]: must not be empty"))
        .anySatisfy(l -> assertThat(l).startsWith("test:11:5: subAgents[s1].colour: unknown field"))
        .anySatisfy(l -> assertThat(l).startsWith("test:12:73: subAgents[s2].replicas: minimum 5 is above maximum 1"));
  }

  @Test
  void read_whenKubernetesVersionQuoted_keepsTheText() {
    assertThat(TestFleets.spec("name: f", "kubernetesVersion: \"1.34\"", "subAgents:", "  - " + SUB_AGENT).kubernetesVersion()).isEqualTo("1.34");
  }

  @Test
  void read_whenKubernetesVersionIsAnUnquotedNumber_keepsItsDigitsOrSaysToQuoteIt() {
    try {
      FleetSpec spec = TestFleets.spec("name: f", "kubernetesVersion: 1.30", "subAgents:", "  - " + SUB_AGENT);
      assertThat(spec.kubernetesVersion()).isEqualTo("1.30");
    } catch (FleetValidationException e) {
      assertThat(e.lines()).singleElement().asString().startsWith("test:2:20: kubernetesVersion: ");
    }
  }

  @Test
  void read_whenFieldsOmitted_fillsSpecDefaults() {
    FleetSpec spec = TestFleets.spec("name: f", "subAgents:", "  - " + SUB_AGENT);

    assertThat(spec.namespace()).isEmpty();
    assertThat(spec.agentPrefix()).isEqualTo("agent");
    assertThat(spec.kubernetesVersion()).isEqualTo("1.34");
    assertThat(spec.claude().apiKeySecret()).isEqualTo("claude-api-credentials");
    assertThat(spec.claude().apiKeyKey()).isEqualTo("api-key");
    assertThat(spec.secrets().provider()).isEqualTo(SecretsProvider.MANUAL);
    assertThat(spec.secrets().refreshInterval()).isEqualTo(Span.parse("1h"));
    assertThat(spec.network().privateRanges())
        .containsExactly("10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16");
    assertThat(spec.subAgents().get(0).priority()).isEqualTo(Priority.MEDIUM);
    assertThat(spec.subAgents().get(0).apiAccess()).isEqualTo(ApiAccess.NONE);
  }

  @Test
  void read_whenEnumsWrittenInOtherCase_acceptsThem() {
    FleetSpec spec = TestFleets.spec("name: f", "network: { apiServer: [ { cidr: 10.96.0.1/32, port: 443 } ] }",
        "subAgents:",
        "  - { id: s1, role: SENIOR_DEVELOPER, image: a:1.0, replicas: 1, requests: { cpu: 1, memory: 1Gi },"
            + " priority: High, apiAccess: READ }");

    assertThat(spec.subAgents().get(0).role()).isEqualTo(Role.SENIOR_DEVELOPER);
    assertThat(spec.subAgents().get(0).priority()).isEqualTo(Priority.HIGH);
    assertThat(spec.subAgents().get(0).apiAccess()).isEqualTo(ApiAccess.READ);
  }

  @Test
  void read_whenFileMissing_reportsItCannotBeRead() {
    Path missing = Path.of("target/no-such-fleet.yaml");

    FleetValidationException e =
        catchThrowableOfType(FleetValidationException.class, () -> FleetYaml.read(missing));

    assertThat(e.lines()).singleElement().asString().startsWith("cannot read " + missing);
    assertThat(e).hasMessageStartingWith("Cannot read the fleet (1 problem):");
  }

  @Test
  void read_whenProblemsFound_namesTheSourceAndCountsTheProblems() {
    assertThatThrownBy(() -> FleetYaml.read("name: f\nnamepsace: x\nsubagents: []\n", "fleet.yaml"))
        .isInstanceOf(FleetValidationException.class)
        .hasMessage("Cannot read fleet.yaml (3 problems):\n"
            + "  - fleet.yaml:2:1: namepsace: unknown field; did you mean 'namespace'?\n"
            + "  - fleet.yaml:3:1: subagents: unknown field; did you mean 'subAgents'?\n"
            + "  - fleet.yaml:1:1: must provide at least one agent or sub-agent (agents: or subAgents:)");
  }

  @Test
  void read_whenYamlSyntaxInvalid_reportsOneLineWithLineAndColumn() {
    FleetValidationException e = catchThrowableOfType(FleetValidationException.class,
        () -> FleetYaml.read("name: booking-agents\n  namespace: booking-agents\n", "fleet.yaml"));

    assertThat(e.lines()).containsExactly("fleet.yaml:2:12: not valid YAML: mapping values are not allowed here");
  }

  @Test
  void read_whenKeyRepeated_reportsTheDuplicate() {
    assertThatThrownBy(() -> TestFleets.spec("name: f", "subAgents:", "  - " + SUB_AGENT, "subAgents:",
        "  - " + SUB_AGENT.replace("s1", "s2")))
        .isInstanceOf(FleetValidationException.class)
        .hasMessageContaining("subAgents");
  }

  @Test
  void read_whenNullInsideListOrMap_reportsThePathWithoutJavaTypeNames() {
    FleetValidationException labels = catchThrowableOfType(FleetValidationException.class,
        () -> TestFleets.spec("name: f", "labels: { team: ~ }", "subAgents:", "  - " + SUB_AGENT));
    FleetValidationException agents = catchThrowableOfType(FleetValidationException.class,
        () -> TestFleets.spec("name: f", "agents: [~]"));

    assertThat(labels.lines()).singleElement().asString().startsWith("test:2:17: labels.team: ").doesNotContain("io.agentfleet");
    assertThat(agents.lines()).containsExactly("test:2:10: agents[0]: must not be empty (~ and null are not list entries)",
        "test:1:1: must provide at least one agent or sub-agent (agents: or subAgents:)");
  }

  @Test
  void read_whenWholeNumberWrittenWithFraction_reportsIt() {
    assertThatThrownBy(() -> TestFleets.spec("name: f", "agents:",
        "  - { id: a2, worker: { image: w:1.0 }, frontend: { image: fe:1.0, port: 3000.5 }, backend: { image: be:1.0 } }"))
        .isInstanceOfSatisfying(FleetValidationException.class,
            e -> assertThat(e.lines()).singleElement().asString().isEqualTo("test:3:74: agents[a2].frontend.port: expected a whole number here"));
  }

  @Test
  void read_whenDurationTooLargeToCount_reportsItInTheUsersWords() {
    FleetValidationException e = catchThrowableOfType(FleetValidationException.class, () -> TestFleets.fleet(
        "name: f", "defaults: { subAgent: { scaling: { scaleDownAfter: 999999999999999999d } } }",
        "subAgents:", "  - " + SUB_AGENT));

    assertThat(e.lines()).singleElement().asString()
        .startsWith("test:2:52: defaults.subAgent.scaling.scaleDownAfter: ")
        .contains("999999999999999999d")
        .doesNotContain("io.agentfleet", "overflow", "For input string");
  }

  @Test
  void read_whenTenIndependentMistakesOfEveryClass_reportsAllTenInOneRunEachWithItsLine() {
    Path file = Path.of(TestFleets.class.getResource("/invalid/94-one-mistake-of-every-class.yaml").getPath());

    FleetValidationException e = catchThrowableOfType(FleetValidationException.class,
        () -> FleetYaml.read(file, "fleet.yaml"));

    assertThat(e.problems()).hasSize(10).allSatisfy(p -> assertThat(p.location()).isPresent());
    assertThat(e.lines()).allSatisfy(l -> assertThat(l).matches("fleet\\.yaml:[0-9]+:[0-9]+: [a-zA-Z].*"));
    assertThat(e.lines()).contains(
        "fleet.yaml:15:1: namespce: unknown field; did you mean 'namespace'?",
        "fleet.yaml:25:15: subAgents[triage].replicas: minimum 3 is above maximum 2",
        "fleet.yaml:20:13: agents[a1].worker.image: must provide an image (here or in defaults.subAgent.image)");
  }

  @Test
  void write_quotesEveryTextAPlainYamlReaderWouldTakeForSomethingElse() {
    // Values of a free text field that YAML 1.1 or 1.2 reads as numbers, booleans, nulls or times when left plain.
    java.util.List<String> tricky = java.util.List.of(".inf", "-.Inf", ".NaN", "0x1F", "0o17", "0b101", "1e3", ".5",
        "+12", "1_000", "12:30:00", "~", "yes", "off", "null", " lead", "trail ", "*star", "plain-text");
    String fleet = String.join("\n", "name: kinds", "namespace: kinds-ns", "subAgents:",
        "  - id: s1", "    image: \"x:1\"", "    role: senior-developer", "    replicas: 3",
        "    requests: { cpu: 1, memory: 2Gi }", "    env:", "");
    StringBuilder env = new StringBuilder();
    for (int i = 0; i < tricky.size(); i++) {
      env.append("      V").append(i).append(": \"").append(tricky.get(i)).append("\"\n");
    }
    FleetSpec spec = FleetYaml.read(fleet + env, "fleet.yaml");

    String written = FleetYaml.write(spec);

    // SnakeYAML with its YAML 1.1 resolver: what yq, a Python script or an editor's plugin would read.
    Map<String, Object> plain = new org.yaml.snakeyaml.Yaml().load(written);
    @SuppressWarnings("unchecked")
    Map<String, Object> read = (Map<String, Object>) ((Map<String, Object>) ((java.util.List<Object>) plain
        .get("subAgents")).get(0)).get("env");
    for (int i = 0; i < tricky.size(); i++) {
      assertThat(read.get("V" + i)).as(tricky.get(i)).isEqualTo(tricky.get(i));
    }
    assertThat(written).contains("V18: plain-text");
    assertThat(FleetYaml.read(written, "written")).isEqualTo(spec);
  }
}
