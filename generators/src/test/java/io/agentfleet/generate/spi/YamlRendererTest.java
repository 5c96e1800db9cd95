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
}
