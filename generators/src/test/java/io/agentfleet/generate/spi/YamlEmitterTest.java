package io.agentfleet.generate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.model.FleetEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The one-pass emitter against the Jackson mapper it stands in for: same bytes, or it declines (and the mapper
 * writes the document). Random documents are built from the pieces that decide a YAML style: indicators at the start
 * and inside, spaces and line breaks at either end, words YAML would misread, non-ASCII text, control characters.
 */
class YamlEmitterTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] PIECES = {
      "a", "name", "booking-agents", " ", "  ", "\n", "\n\n", ":", ": ", " #", "#", "-", "- ", "?", "? ", ",", "[", "]",
      "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "\\", "/", ".", "...", "---", "0", "1.0", "0755",
      "0x1F", "1e3", "on", "yes", "true", "null", "~", "12:30", ".inf", "×", "→", "é"};
  /** Pieces the emitter leaves to the mapper, drawn rarely so that most documents are compared, not declined. */
  private static final String[] RARE = {"\t", "\r", "\u0085", "\u00A0", "\u2028", "\uFEFF", "😀", "\u0007",
      "x".repeat(130)};

  private static String randomText(Random r) {
    StringBuilder sb = new StringBuilder();
    int pieces = r.nextInt(5);
    for (int i = 0; i < pieces; i++) {
      sb.append(r.nextInt(50) == 0 ? RARE[r.nextInt(RARE.length)] : PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static JsonNode randomValue(Random r, int depth) {
    int kind = r.nextInt(depth > 3 ? 6 : 9);
    return switch (kind) {
      case 0, 1, 2 -> F.textNode(randomText(r));
      case 3 -> F.numberNode(r.nextInt(2000) - 1000);
      case 4 -> F.numberNode(r.nextBoolean() ? 0.5 : 1e-7 * r.nextInt(100));
      case 5 -> r.nextBoolean() ? F.booleanNode(r.nextBoolean()) : F.nullNode();
      case 6, 7 -> randomObject(r, depth + 1);
      default -> {
        ArrayNode a = F.arrayNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(randomValue(r, depth + 1));
        }
        yield a;
      }
    };
  }

  private static ObjectNode randomObject(Random r, int depth) {
    ObjectNode o = F.objectNode();
    int n = r.nextInt(depth == 0 ? 6 : 4) + (depth == 0 ? 1 : 0);
    for (int i = 0; i < n; i++) {
      String key = r.nextInt(3) == 0 ? randomText(r) : "k" + i;
      o.set(key, randomValue(r, depth));
    }
    return o;
  }

  /** Every value's JSON pointer, the root's excepted. */
  private static void pointers(JsonNode node, String at, List<String> out) {
    if (!at.isEmpty()) {
      out.add(at);
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e ->
          pointers(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        pointers(node.get(i), at + "/" + i, out);
      }
    }
  }

  @Test
  void emit_overRandomDocuments_writesTheMappersBytesOrDeclines() {
    Random r = new Random(20261206);
    int written = 0;
    int declined = 0;
    for (int i = 0; i < 20_000; i++) {
      ObjectNode doc = randomObject(r, 0);
      String fast = YamlEmitter.emit(doc, new TreeMap<>(), "doc " + i);
      // What generators call: the emitter's text when it writes the document, the mapper's when it declines.
      assertThat(YamlRenderer.toYaml(doc)).as("document %d: %s", i, doc).isEqualTo(YamlRenderer.mapperYaml(doc));
      if (fast == null) {
        declined++;
        continue;
      }
      written++;
      assertThat(fast).as("document %d: %s", i, doc).isEqualTo(YamlRenderer.mapperYaml(doc));
    }
    // The pieces it declines (control characters, astral characters, long keys...) are a minority of the documents:
    // most of what this test compares is really compared.
    assertThat(written).isGreaterThan(declined);
  }

  /**
   * Notes on one value in {@code oneIn} of {@code doc}, at random: the emitter's text, when it writes the document,
   * is the mapper's with the notes placed by a second parse ({@link SourceNotes}). False when the emitter declines.
   */
  private static boolean notesPlacedAsByAParse(ObjectNode doc, Random r, int oneIn, String id) {
    List<String> all = new ArrayList<>();
    pointers(doc, "", all);
    SortedMap<String, String> notes = new TreeMap<>();
    for (String p : all) {
      if (r.nextInt(oneIn) == 0) {
        notes.put(p, "note " + notes.size());
      }
    }
    String fast = YamlEmitter.emit(doc, notes, id);
    if (fast == null) {
      return false;
    }
    assertThat(fast).as("%s: %s with %s", id, doc, notes)
        .isEqualTo(SourceNotes.append(YamlRenderer.mapperYaml(doc), notes, id));
    return true;
  }

  @Test
  void emit_withNotes_putsEachOnTheLineTheRenderedTextGivesIt() {
    Random r = new Random(7);
    int compared = 0;
    for (int i = 0; i < 5_000; i++) {
      compared += notesPlacedAsByAParse(randomObject(r, 0), r, 3, "doc " + i) ? 1 : 0;
    }
    assertThat(compared).isGreaterThan(2_500);
  }

  /** {@code node} rebuilt with {@code nodes}' containers, which keep what the emitter wrote for them. */
  private static JsonNode shared(JsonNode node, SharingNodeFactory nodes) {
    if (node.isObject()) {
      ObjectNode o = nodes.objectNode();
      node.fields().forEachRemaining(e -> o.set(e.getKey(), shared(e.getValue(), nodes)));
      return o;
    }
    if (node.isArray()) {
      ArrayNode a = nodes.arrayNode();
      node.forEach(child -> a.add(shared(child, nodes)));
      return a;
    }
    // The tree's one node of each text, which keeps its style once written.
    return node.isTextual() ? nodes.textNode(node.textValue()) : node;
  }

  /** A random value that is, often, one of {@code parts}: the same instance, wherever it falls. */
  private static JsonNode valueWithParts(Random r, int depth, List<JsonNode> parts, SharingNodeFactory nodes) {
    int kind = r.nextInt(depth > 3 ? 4 : 7);
    return switch (kind) {
      case 0, 1 -> parts.get(r.nextInt(parts.size()));
      case 2 -> nodes.textNode(randomText(r));
      case 3 -> F.numberNode(r.nextInt(100));
      case 4, 5 -> {
        ObjectNode o = nodes.objectNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          o.set(r.nextInt(4) == 0 ? "key-" + r.nextInt(3) : "k" + i, valueWithParts(r, depth + 1, parts, nodes));
        }
        yield o;
      }
      default -> {
        ArrayNode a = nodes.arrayNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(valueWithParts(r, depth + 1, parts, nodes));
        }
        yield a;
      }
    };
  }

  @Test
  void emit_ofPartsSharedByManyDocuments_writesTheMappersBytesWhereverEachFalls() {
    Random r = new Random(20261207);
    SharingNodeFactory nodes = new SharingNodeFactory();
    List<JsonNode> parts = new ArrayList<>();
    while (parts.size() < 40) {
      JsonNode part = shared(randomValue(r, 1), nodes);
      if (part.isContainerNode() && !part.isEmpty()) {
        parts.add(part);
      }
    }
    int compared = 0;
    int kept = 0;
    for (int i = 0; i < 4_000; i++) {
      ObjectNode doc = F.objectNode();
      int n = 1 + r.nextInt(5);
      for (int k = 0; k < n; k++) {
        doc.set("k" + k, valueWithParts(r, 0, parts, nodes));
      }
      SortedMap<String, String> notes = new TreeMap<>();
      if (r.nextInt(3) == 0) {
        List<String> all = new ArrayList<>();
        pointers(doc, "", all);
        for (String p : all) {
          if (r.nextInt(6) == 0) {
            notes.put(p, "note " + notes.size());
          }
        }
      }
      // Each document twice and more: the second time, and every time its parts are met again, from what was kept.
      for (int times = 0; times < 3; times++) {
        String fast = YamlEmitter.emit(doc, notes, "doc " + i);
        if (fast == null) {
          break;
        }
        compared++;
        assertThat(fast).as("document %d, time %d: %s with %s", i, times, doc, notes)
            .isEqualTo(SourceNotes.append(YamlRenderer.mapperYaml(doc), notes, "doc " + i));
      }
    }
    for (JsonNode part : parts) {
      // What the emitter keeps of a part written twice and more is a record of its text and states.
      kept += ((SharingNodeFactory.Rendered) part).rendered() instanceof Record ? 1 : 0;
    }
    assertThat(compared).isGreaterThan(4_000);
    // Most parts were written from what was kept, at one place or another.
    assertThat(kept).isGreaterThan(parts.size() / 2);
  }

  /**
   * Keys that are prefixes of each other, or differ from each other just before or after where a pointer's '/' falls
   * ({@code -} and {@code .} sort before it), and lists longer than ten: the pointers of such values interleave when
   * sorted, and each note must still land on its own value's line.
   */
  private static final String[] CLOSE_KEYS = {"a", "a-b", "a.b", "a/b", "a~b", "a~1b", "ab", "a0", "/", "a/"};

  private static JsonNode closeValue(Random r, int depth) {
    if (depth > 3 || r.nextInt(4) == 0) {
      return F.textNode("v" + r.nextInt(10));
    }
    if (r.nextBoolean()) {
      ArrayNode a = F.arrayNode();
      int n = r.nextInt(14);
      for (int i = 0; i < n; i++) {
        a.add(closeValue(r, depth + 1));
      }
      return a;
    }
    ObjectNode o = F.objectNode();
    for (String key : CLOSE_KEYS) {
      if (r.nextInt(3) == 0) {
        o.set(key, closeValue(r, depth + 1));
      }
    }
    return o;
  }

  @Test
  void emit_withNotesOnKeysThatSortAroundTheSlash_putsEachOnItsOwnValue() {
    Random r = new Random(20261207);
    int compared = 0;
    for (int i = 0; i < 3_000; i++) {
      ObjectNode doc = F.objectNode();
      doc.set("root", closeValue(r, 0));
      doc.set("root-x", closeValue(r, 2));
      compared += notesPlacedAsByAParse(doc, r, 2, "doc " + i) ? 1 : 0;
    }
    assertThat(compared).isGreaterThan(2_500);
  }

  @Test
  void emit_whenANoteIsNoPointer_failsNamingIt() {
    ObjectNode doc = F.objectNode().put("kind", "ConfigMap");
    assertThatThrownBy(() -> YamlEmitter.emit(doc, new TreeMap<>(Map.of("kind", "not a pointer")), "ConfigMap/c"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ConfigMap/c has no value at kind");
  }

  @Test
  void emit_whenANoteNamesNoValue_failsNamingTheDocumentAndPath() {
    ObjectNode doc = F.objectNode().put("kind", "ConfigMap");
    assertThatThrownBy(() -> YamlEmitter.emit(doc, new TreeMap<>(Map.of("/data/x", "from nowhere")), "ConfigMap/c"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ConfigMap/c has no value at /data/x");
  }

  @Test
  void emit_overEveryDocumentOfTheExampleFleet_writesTheMappersBytesWithoutDeclining() {
    GenerationResult result = FleetGenerator.builder().build()
        .generate(FleetEnvironment.of("production", TestFleets.bookingSpec()));
    int documents = 0;
    for (ManifestFile file : result.manifests().files().values()) {
      for (Document d : file.documents()) {
        ObjectNode json = YamlRenderer.toTree(d.resource());
        String fast = YamlEmitter.emit(json, d.notes(), d.id());
        assertThat(fast).as(file.path() + " " + d.id()).isNotNull()
            .isEqualTo(SourceNotes.append(YamlRenderer.mapperYaml(json), d.notes(), d.id()));
        documents++;
      }
    }
    assertThat(documents).isGreaterThan(100);
  }
}
