package io.agentfleet.generate.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TemplateTest {
  @Test
  void fill_whenEveryPlaceholderHasAValue_replacesEachOccurrence() {
    Template t = Template.parse("t.sh.tmpl", "# {{header}}\necho {{name}} {{name}}\n");

    assertThat(t.with("header", "generated").with("name", "x").text()).isEqualTo("# generated\necho x x\n");
    assertThat(t.placeholders()).containsExactly("header", "name");
  }

  @Test
  void fill_whenAPlaceholderIsLeftUnfilled_namesTheTemplateAndThePlaceholder() {
    Template t = Template.parse("migration/deploy.sh.tmpl", "{{folders}} {{crds}} {{waits}}");

    assertThatThrownBy(() -> t.with("folders", "core").text())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("template migration/deploy.sh.tmpl: placeholder {{crds}}, {{waits}} left unfilled");
  }

  @Test
  void fill_whenAValueHasNoPlaceholder_namesTheTemplateAndTheValue() {
    Template t = Template.parse("database/restore.sh.tmpl", "{{cluster}}");

    assertThatThrownBy(() -> t.with("cluster", "pg").with("clustr", "pg").text())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("template database/restore.sh.tmpl has no placeholder {{clustr}} (its placeholders: {{cluster}})");
  }

  @Test
  void fill_whenAPlaceholderIsGivenTwice_fails() {
    Template t = Template.parse("t.tmpl", "{{a}}");

    assertThatThrownBy(() -> t.with("a", "1").with("a", "2"))
        .hasMessage("template t.tmpl: placeholder {{a}} given twice");
  }

  @Test
  void parse_whenDoubleBracesOpenNoPlaceholder_namesTheLine() {
    assertThatThrownBy(() -> Template.parse("README.md.tmpl", "ok\n{{ name }} here\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template README.md.tmpl line 2: '{{ name }} here' is not a placeholder");
  }

  @Test
  void fill_whenTextHoldsShellAndFormatCharacters_writesThemAsTheyStand() {
    String shell = "printf '%s\\n' \"${A[@]}\" '{.status}' 100%% \\\\getenv {{value}}\n";
    Template t = Template.parse("t.sh.tmpl", shell);

    assertThat(t.with("value", "v").text())
        .isEqualTo("printf '%s\\n' \"${A[@]}\" '{.status}' 100%% \\\\getenv v\n");
  }

  @Test
  void fill_whenAValueLooksLikeAPlaceholder_insertsItUnread() {
    Template t = Template.parse("t.tmpl", "{{a}}{{b}}");

    assertThat(t.with("a", "{{b}}").with("b", "{{a}}").text()).isEqualTo("{{b}}{{a}}");
  }

  @Test
  void parse_whenTheCheckoutHasCrlfLineEnds_readsLf() {
    assertThat(Template.parse("t.tmpl", "a\r\n{{b}}\r\n").with("b", "c").text()).isEqualTo("a\nc\n");
  }

  @Test
  void of_whenTheResourceIsMissing_namesItsPath() {
    assertThatThrownBy(() -> Template.of(TemplateTest.class, "missing.tmpl"))
        .hasMessage("template io/agentfleet/generate/kit/missing.tmpl is not on the class path");
  }

  @Test
  void everyShippedTemplate_parses() throws IOException, URISyntaxException {
    // The main resources' folder (test classes share the package, so find it through a file only it holds).
    Path root = Path.of(Template.class.getResource("/io/agentfleet/generate/migration/deploy.sh.tmpl").toURI())
        .getParent().getParent();
    List<Path> templates;
    try (Stream<Path> files = Files.walk(root)) {
      templates = files.filter(p -> p.toString().endsWith(".tmpl")).sorted().toList();
    }

    assertThat(templates).hasSizeGreaterThan(10);
    for (Path p : templates) {
      String name = root.getParent().getParent().getParent().relativize(p).toString();
      Template t = Template.parse(name, Files.readString(p));
      Map<String, String> none = Map.of();
      if (!t.placeholders().isEmpty()) {
        assertThatThrownBy(() -> t.fill(none)).hasMessageContaining(name).hasMessageContaining("left unfilled");
      }
    }
  }
}
