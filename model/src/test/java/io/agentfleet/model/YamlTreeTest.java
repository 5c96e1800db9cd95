package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A valid fleet file is read without the places of its values, which are made by reading it again only if asked;
 * a file with anything to refuse is read with them from its start. Both ways must give the same places.
 */
class YamlTreeTest {
  /** Keys with the characters a JSON pointer escapes, flow and block styles, lists of lists, text over lines. */
  private static final String TRICKY = String.join("\n",
      "name: tricky",
      "labels: { \"a/b\": x, \"c~d\": y, plain: z }",
      "subAgents:",
      "  - id: s1",
      "    env: [ [1, 2], { k: v } ]",
      "    note: |",
      "      two",
      "      lines",
      "  - { id: s2, replicas: 1..3 }",
      "empty: {}",
      "none: ~",
      "");

  @Test
  void aValidFile_isReadWithoutPlaces_untilTheyAreAsked() throws Exception {
    YamlTree.Result read = YamlTree.read(Files.readString(TestFleets.exampleFile()), "fleet.yaml");

    assertThat(read.places().made()).isFalse();
    assertThat(read.refusals()).isEmpty();
    assertThat(read.values()).containsEntry("/name", new Location("fleet.yaml", lineOf("name:"), 7));
    assertThat(read.places().made()).isTrue();
  }

  @Test
  void placesMadeWhenAsked_areThoseOfAReadThatKeepsThemFromTheStart() throws Exception {
    for (String text : new String[] {Files.readString(TestFleets.exampleFile()), TRICKY}) {
      YamlTree.Result later = YamlTree.read(text, "fleet.yaml");
      // An anchor at the end: something to refuse, so this file is read with places from its first line.
      YamlTree.Result atOnce = YamlTree.read(text + "zz: &anchor 1\n", "fleet.yaml");
      assertThat(later.places().made()).isFalse();
      assertThat(atOnce.places().made()).isTrue();
      assertThat(atOnce.refusals()).singleElement().extracting(YamlTree.Refusal::child).isEqualTo("zz");

      assertThat(later.values()).isNotEmpty().isEqualTo(without(atOnce.values(), "/zz"));
      assertThat(later.keys()).isNotEmpty().isEqualTo(without(atOnce.keys(), "/zz"));
      assertThat(later.root()).isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) atOnce.root()).deepCopy().without("zz"));
    }
    YamlTree.Result tricky = YamlTree.read(TRICKY, "f");
    assertThat(tricky.values()).containsEntry("/labels/a~1b", new Location("f", 2, 18))
        .containsEntry("/labels/c~0d", new Location("f", 2, 28))
        .containsEntry("/subAgents/0/env/0/1", new Location("f", 5, 16))
        .containsEntry("/subAgents/1/replicas", new Location("f", 9, 25));
    assertThat(tricky.keys()).containsEntry("/subAgents/0/note", new Location("f", 6, 5));
  }

  @Test
  void somethingToRefuse_isReportedAtItsPlace_evenPastValuesReadWithout() throws Exception {
    // Valid for twelve lines, then a key written twice and an alias: every refusal keeps its place and pointer.
    String text = TRICKY + String.join("\n", "labels2: { x: 1, x: 2 }", "copy: *nothing", "");

    YamlTree.Result read = YamlTree.read(text, "f");

    assertThat(read.places().made()).isTrue();
    assertThat(read.refusals()).extracting(r -> r.parent() + " " + r.child() + " " + r.at().line() + ":"
        + r.at().column()).containsExactly("/labels2 x 12:18", " copy 13:7");
    assertThat(read.values()).containsEntry("/subAgents/0/note", new Location("f", 6, 11));
  }

  private static int lineOf(String start) throws Exception {
    var lines = Files.readAllLines(TestFleets.exampleFile());
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i + 1;
      }
    }
    throw new AssertionError(start);
  }

  private static Map<String, Location> without(Map<String, Location> places, String pointer) {
    Map<String, Location> out = new HashMap<>(places);
    out.keySet().removeIf(p -> p.equals(pointer) || p.startsWith(pointer + "/"));
    return out;
  }
}
