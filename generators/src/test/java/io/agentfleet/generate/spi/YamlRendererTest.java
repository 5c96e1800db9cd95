package io.agentfleet.generate.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class YamlRendererTest {
  private static String render(Map<String, String> data) {
    return YamlRenderer.render(java.util.List.of(Document.of(new ConfigMapBuilder()
        .withNewMetadata().withName("c").withNamespace("n").endMetadata()
        .withData(new TreeMap<>(data)).build(), "why\nbecause")));
  }

  @Test
  void render_printsPlainScalarsLikeKubectl() {
    String yaml = render(Map.of("plain", "value"));
    assertThat(yaml).startsWith(YamlRenderer.HEADER + "---\n# why\n# because\napiVersion: v1\nkind: ConfigMap\n");
    assertThat(yaml).contains("  plain: value\n").doesNotContain("\"v1\"");
  }

  @Test
  void render_whenValueWouldBeMisread_quotesIt() {
    Map<String, String> data = new TreeMap<>(Map.of("a", "on", "b", "1.0", "c", "0755", "d", "*", "e", "Off"));
    data.putAll(Map.of("f", "yes", "g", "", "h", "0x1F", "i", "1e3", "j", "null", "k", "12:30"));
    String yaml = render(data);
    assertThat(yaml).contains("a: \"on\"", "b: \"1.0\"", "c: \"0755\"", "d: \"*\"", "e: \"Off\"", "f: \"yes\"",
        "g: \"\"", "h: \"0x1F\"", "i: \"1e3\"", "j: \"null\"", "k: \"12:30\"");
  }

  @Test
  void render_whenALongWordEndsInWhitespace_quotesItAndLeavesOtherWordsPlain() {
    Map<String, String> data = new TreeMap<>(Map.of("a", "trailing ", "b", "tabbed\t", "c", "nullable", "d", "Falsey",
        "e", "FALSE", "f", "Inf.nan", "g", "enabled"));
    String yaml = render(data);
    assertThat(yaml).contains("a: \"trailing \"", "b: \"tabbed\\t\"", "c: nullable\n", "d: Falsey\n", "e: \"FALSE\"",
        "f: Inf.nan\n", "g: enabled\n");
  }

  @Test
  void render_whenTextHasSeveralLines_writesALiteralBlock() {
    String yaml = render(Map.of("script", "set -e\necho hi\n"));
    assertThat(yaml).contains("  script: |\n    set -e\n    echo hi\n");
  }

  @Test
  void render_sortsMapKeysWhateverTheInsertionOrder() {
    Map<String, String> reversed = new java.util.LinkedHashMap<>();
    reversed.put("z", "1x");
    reversed.put("a", "2x");
    String yaml = YamlRenderer.render(java.util.List.of(Document.of(new ConfigMapBuilder()
        .withNewMetadata().withName("c").endMetadata().withData(reversed).build())));
    assertThat(yaml.indexOf("a: 2x")).isLessThan(yaml.indexOf("z: 1x"));
  }

  @Test
  void parse_readsBackEveryDocumentOfARenderedFile() {
    String yaml = render(Map.of("k", "on"));
    assertThat(YamlRenderer.parse(yaml + yaml)).hasSize(2)
        .allSatisfy(n -> assertThat(n.at("/data/k").asText()).isEqualTo("on"));
  }

  private static Document noted(Map<String, String> notes) {
    Map<String, String> data = new TreeMap<>(Map.of("plain", "value", "on", "quoted key", "script", "set -e\necho hi\n",
        "zero", "0755"));
    return new Document(new ConfigMapBuilder().withNewMetadata().withName("c").addToLabels("app.kubernetes.io/name", "x").addToLabels("x~y", "z").endMetadata()
            .withData(data).build(), "", new TreeMap<>(notes));
  }

  @Test
  void render_writesEachNoteAfterTheValueItDescribes() {
    String yaml = YamlRenderer.render(java.util.List.of(noted(Map.of(
        "/data/plain", "subAgents[s1].replicas",
        "/data/zero", "default (Defaults.X)",
        "/data/on", "a quoted key",
        "/metadata/labels/app.kubernetes.io~1name", "a key with a slash",
        "/metadata/labels/x~0y", "a key with a tilde"))));
    assertThat(yaml).contains(
        "  \"on\": quoted key  # a quoted key\n",
        "  plain: value  # subAgents[s1].replicas\n",
        "  zero: \"0755\"  # default (Defaults.X)\n",
        "    app.kubernetes.io/name: x  # a key with a slash\n", "    x~y: z  # a key with a tilde\n");
  }

  @Test
  void render_whenTheNotedValueIsABlockScalar_writesTheNoteOnItsHeaderAndKeepsTheText() {
    String yaml = YamlRenderer.render(java.util.List.of(noted(Map.of("/data/script", "from a template"))));
    assertThat(yaml).contains("  script: |  # from a template\n    set -e\n    echo hi\n");
    assertThat(YamlRenderer.parse(yaml).get(0).at("/data/script").asText()).isEqualTo("set -e\necho hi\n");
  }

  @Test
  void render_whenTheNotedValueIsAMappingOrAnEmptyFlowValue_writesTheNoteOnItsKeyLine() {
    Document policy = new Document(new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder()
        .withNewMetadata().withName("p").endMetadata()
        .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress")
        .addNewEgress().addNewTo().withNewIpBlock().withCidr("10.0.0.1/32").endIpBlock().endTo().endEgress()
        .endSpec().build(), "", new TreeMap<>(Map.of("/spec/podSelector", "every pod", "/spec/egress", "the rule",
            "/spec/policyTypes/1", "second item", "/spec/egress/0/to/0", "list item")));
    String yaml = YamlRenderer.render(java.util.List.of(policy));
    assertThat(yaml).contains("  egress:  # the rule\n", "  - ipBlock:  # list item\n", "  podSelector: {}  # every pod\n",
        "  - Egress  # second item\n");
  }

  @Test
  void render_withNotes_readsBackToTheSameObjects() {
    Document plain = noted(Map.of());
    Document withNotes = noted(Map.of("/data/plain", "p # with a hash", "/data/script", "s", "/data/on", "o",
        "/metadata/name", "n", "/data", "d"));
    assertThat(YamlRenderer.parse(YamlRenderer.render(java.util.List.of(withNotes))))
        .isEqualTo(YamlRenderer.parse(YamlRenderer.render(java.util.List.of(plain))));
  }

  @Test
  void render_whenANoteNamesAPathTheObjectLacks_failsNamingTheObjectAndPath() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlRenderer.render(java.util.List.of(
            noted(Map.of("/data/missing", "x")))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ConfigMap/c").hasMessageContaining("/data/missing");
  }

  /** Jackson as it reads any bean: through its getters. The tree's mapper reads the model's fields instead. */
  private static final com.fasterxml.jackson.databind.ObjectMapper BY_GETTERS =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private static com.fasterxml.jackson.databind.JsonNode byGetters(Object resource) throws Exception {
    com.fasterxml.jackson.databind.JsonNode tree = BY_GETTERS.readTree(BY_GETTERS.writeValueAsString(resource));
    YamlRenderer.prune(tree);
    return tree;
  }

  @Test
  void toTree_readsEachModelObjectAsItsGettersDo_forEveryDocumentOfTheExampleFleet() throws Exception {
    io.agentfleet.generate.GenerationResult result = io.agentfleet.generate.FleetGenerator.builder().build()
        .generate(io.agentfleet.model.FleetEnvironment.of("production", io.agentfleet.generate.TestFleets.bookingSpec()));
    int documents = 0;
    for (ManifestFile file : result.manifests().files().values()) {
      for (Document d : file.documents()) {
        io.fabric8.kubernetes.api.model.HasMetadata resource = d.resource();
        // As JSON text: the builder's number nodes may be of another class than a parser's for the same number.
        assertThat(YamlRenderer.toTree(resource).toString()).as(file.path() + " " + d.id())
            .isEqualTo(byGetters(resource).toString());
        documents++;
      }
    }
    assertThat(documents).isGreaterThan(100);

    // Empty values the model leaves out, additional properties (its any-getter), values with their own serializers.
    io.fabric8.kubernetes.api.model.Service odd = new io.fabric8.kubernetes.api.model.ServiceBuilder()
        .withNewMetadata().withName("odd").withLabels(Map.of()).withAnnotations(Map.of("a/b", "c")).endMetadata()
        .withNewSpec().addNewPort().withPort(80).withTargetPort(new io.fabric8.kubernetes.api.model.IntOrString("http"))
        .endPort().withSelector(Map.of()).endSpec().build();
    odd.getMetadata().setAdditionalProperty("extra", Map.of("k", 1));
    odd.getSpec().setAdditionalProperty("empty", java.util.List.of());
    assertThat(YamlRenderer.toTree(odd).toString()).isEqualTo(byGetters(odd).toString());
    assertThat(YamlRenderer.toTree(odd).at("/metadata/extra/k").asInt()).isEqualTo(1);
    assertThat(YamlRenderer.toTree(odd).at("/metadata/labels").isMissingNode()).isTrue();
  }
}
