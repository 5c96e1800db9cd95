package io.agentfleet.generate.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Json#jsonSize} counts what {@link JsonNode#toString()} writes, without writing it. */
class JsonSizeTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] TEXT = {"", "a", "booking-agents", "\"", "\\", "\n", "\t", "\r", "\b", "\f", "\u0001",
      "\u001f", "\u007f", "é", "×", "→", "\u2028", "😀", "/", "<script>", "1.0"};

  private static JsonNode random(Random r, int depth) {
    switch (r.nextInt(depth > 3 ? 4 : 6)) {
      case 0:
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(4); i > 0; i--) {
          sb.append(TEXT[r.nextInt(TEXT.length)]);
        }
        return F.textNode(sb.toString());
      case 1:
        return r.nextBoolean() ? F.numberNode(r.nextInt()) : F.numberNode(r.nextLong());
      case 2:
        return r.nextBoolean() ? F.numberNode(r.nextDouble() * 1e6) : F.booleanNode(r.nextBoolean());
      case 3:
        return F.nullNode();
      case 4:
        ObjectNode o = F.objectNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          o.set(TEXT[r.nextInt(TEXT.length)] + i, random(r, depth + 1));
        }
        return o;
      default:
        ArrayNode a = F.arrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          a.add(random(r, depth + 1));
        }
        return a;
    }
  }

  @Test
  void jsonSize_ofNumbersBooleansAndNull_isTheLengthOfTheirText() {
    long[] longs = {0, 1, -1, 9, 10, -10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MIN_VALUE + 1, 999_999_999_999L, 1_000_000_000_000L};
    for (long v : longs) {
      for (JsonNode node : new JsonNode[] {F.numberNode(v), F.numberNode((int) v), F.numberNode((short) v)}) {
        assertThat(Json.jsonSize(node, false, Long.MAX_VALUE)).as("%s", node).isEqualTo(node.toString().length());
      }
    }
    for (JsonNode node : new JsonNode[] {F.booleanNode(true), F.booleanNode(false), F.nullNode(),
        F.numberNode(1.5), F.numberNode(new java.math.BigDecimal("1e3")), F.numberNode(java.math.BigInteger.TEN.pow(30))}) {
      assertThat(Json.jsonSize(node, false, Long.MAX_VALUE)).as("%s", node).isEqualTo(node.toString().length());
    }
  }

  @Test
  void jsonSize_isTheLengthOfTheCompactJson_inCharactersAndInUtf8Bytes() {
    Random r = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      JsonNode node = random(r, 0);
      String json = node.toString();
      assertThat(Json.jsonSize(node, false, Long.MAX_VALUE)).as(json).isEqualTo(json.length());
      assertThat(Json.jsonSize(node, true, Long.MAX_VALUE)).as(json)
          .isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void jsonSize_aboveTheLimit_answersSomeSizeAboveItAndAtOrBelowIt_theExactSize() {
    Random r = new Random(43);
    for (int i = 0; i < 2_000; i++) {
      JsonNode node = random(r, 0);
      long exact = node.toString().length();
      long limit = r.nextInt((int) exact + 2);
      long counted = Json.jsonSize(node, false, limit);
      if (exact > limit) {
        assertThat(counted).as(node.toString()).isGreaterThan(limit);
      } else {
        assertThat(counted).isEqualTo(exact);
      }
    }
  }

  @Test
  void jsonSizeAbove_answersWhatTheExactCountDoes_atEveryLimitAroundIt() {
    Random r = new Random(44);
    for (int i = 0; i < 2_000; i++) {
      JsonNode node = random(r, 0);
      for (boolean utf8 : new boolean[] {false, true}) {
        long exact = Json.jsonSize(node, utf8, Long.MAX_VALUE);
        for (long limit : new long[] {0, exact - 1, exact, exact + 1, 2 * exact, 6 * exact + 2}) {
          assertThat(Json.jsonSizeAbove(node, utf8, limit)).as("%s, limit %d, utf8 %s", node, limit, utf8)
              .isEqualTo(exact > limit);
        }
      }
    }
  }

  @Test
  void jsonSizeAbove_ofTheWorstCharacters_countsTheirEscapes() {
    // Six bytes each as JSON (a backslash-u escape): the bound's own worst case, exactly at and just over the limit.
    JsonNode control = F.textNode("\u0001".repeat(100));
    assertThat(Json.jsonSizeAbove(control, true, 602)).isFalse();
    assertThat(Json.jsonSizeAbove(control, true, 601)).isTrue();
    JsonNode emoji = F.objectNode().put("k", "😀".repeat(50));
    long exact = emoji.toString().getBytes(StandardCharsets.UTF_8).length;
    assertThat(Json.jsonSizeAbove(emoji, true, exact)).isFalse();
    assertThat(Json.jsonSizeAbove(emoji, true, exact - 1)).isTrue();
  }
}
