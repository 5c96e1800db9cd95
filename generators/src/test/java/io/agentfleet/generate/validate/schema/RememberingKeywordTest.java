package io.agentfleet.generate.validate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.TestFleets;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped schemas compiled with remembering keywords find what the plain keywords find, document by document and
 * message by message, on generated documents whose repeated parts are one node each, faulty parts shared by several
 * documents included; and a valid part met again is not descended into.
 */
class RememberingKeywordTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The shipped schemas of the example's Kubernetes version. */
  private static final String SCHEMAS = "/io/agentfleet/schemas/kubernetes/"
      + ResourceType.normalizeVersion(TestFleets.booking().kubernetesVersion()) + "-standalone-strict/";
  /** The sub-agents' kinds, by the schema file that checks them. */
  private static final Map<String, String> KINDS = Map.of(
      "Deployment", "deployment-apps-v1.json",
      "Service", "service-v1.json",
      "NetworkPolicy", "networkpolicy-networking-v1.json",
      "HorizontalPodAutoscaler", "horizontalpodautoscaler-autoscaling-v2.json",
      "PodDisruptionBudget", "poddisruptionbudget-policy-v1.json");
  /** The example's sub-agents' documents as generated (frozen: each repeated part one node), by kind. */
  private static final Map<String, List<JsonNode>> DOCS = new LinkedHashMap<>();

  @BeforeAll
  static void generate() {
    // The documents as the validators read them while the tree is generated: each object's JSON tree as frozen.
    RenderedTree.deferred(TestFleets.bookingManifests()).documents().forEach((path, docs) -> {
      if (path.contains("sub-agents/")) {
        for (JsonNode doc : docs) {
          if (KINDS.containsKey(doc.path("kind").asText())) {
            DOCS.computeIfAbsent(doc.path("kind").asText(), k -> new ArrayList<>()).add(doc);
          }
        }
      }
    });
  }

  @Test
  void generatedDocuments_shareTheirRepeatedParts() {
    assertThat(DOCS).as("every kind of the sub-agents' files").containsOnlyKeys(KINDS.keySet());
    List<JsonNode> deployments = DOCS.get("Deployment");
    assertThat(deployments).hasSizeGreaterThan(3);
    String context = "/spec/template/spec/containers/0/securityContext";
    assertThat(deployments.get(1).at(context)).isSameAs(deployments.get(0).at(context));
  }

  @Test
  void everyGeneratedDocument_findsTheSameProblemsAsThePlainKeywords() throws Exception {
    for (Map.Entry<String, List<JsonNode>> kind : DOCS.entrySet()) {
      JsonSchema remembering = schema(kind.getKey(), true);
      JsonSchema plain = schema(kind.getKey(), false);
      for (int pass = 0; pass < 2; pass++) {
        for (JsonNode doc : kind.getValue()) {
          assertThat(messages(remembering, doc)).as(kind.getKey()).isEmpty();
          assertThat(messages(plain, doc)).as(kind.getKey()).isEmpty();
        }
      }
    }
  }

  /**
   * For parts picked at random in each kind's first document: the part made faulty (an unknown key, a value of the
   * wrong type; most are faults) and put, as one node, into copies of two documents that otherwise share everything with the
   * originals, checked in turns with the originals by one remembering schema: each document's messages are the plain
   * keywords' own.
   */
  @Test
  void faultyPartsSharedByDocuments_giveThePlainKeywordsMessagesForEveryDocument() throws Exception {
    Random random = new Random(20261206);
    int compared = 0;
    int faults = 0;
    for (Map.Entry<String, List<JsonNode>> kind : DOCS.entrySet()) {
      JsonSchema remembering = schema(kind.getKey(), true);
      JsonSchema plain = schema(kind.getKey(), false);
      List<JsonNode> docs = kind.getValue();
      JsonNode first = docs.get(0);
      JsonNode second = docs.get(docs.size() - 1);
      List<String> parts = new ArrayList<>();
      containers(first, "", parts);
      for (int i = 0; i < 40; i++) {
        String pointer = parts.get(random.nextInt(parts.size()));
        JsonNode faulty = faulty(first.at(pointer), random);
        List<JsonNode> sequence = new ArrayList<>(List.of(first, replaced(first, pointer, faulty), second));
        if (!second.at(pointer).isMissingNode()) {
          sequence.add(replaced(second, pointer, faulty));
        }
        sequence.add(first);
        for (JsonNode doc : sequence) {
          assertThat(messages(remembering, doc)).as(kind.getKey() + " " + pointer)
              .isEqualTo(messages(plain, doc));
          compared++;
        }
        if (!messages(plain, sequence.get(1)).isEmpty()) {
          faults++;
        }
      }
    }
    assertThat(compared).isGreaterThan(700);
    // An unknown key in a map of labels is no fault: most picks are.
    assertThat(faults).isGreaterThan(compared / 5 / 2);
  }

  /** One node valid in one place of a schema and not in another: each place reports as its own keywords do. */
  @Test
  void partValidInOnePlace_isStillFaultyInAnother() throws Exception {
    JsonSchema remembering = schema("Deployment", true);
    JsonSchema plain = schema("Deployment", false);
    JsonNode doc = DOCS.get("Deployment").get(0);
    String context = "/spec/template/spec/containers/0/securityContext";
    JsonNode part = doc.at(context);
    JsonNode misplaced = replaced(doc, "/spec/template/spec/containers/0/resources", part);
    assertThat(messages(remembering, doc)).isEmpty();
    assertThat(messages(remembering, misplaced)).isEqualTo(messages(plain, misplaced)).isNotEmpty();
  }

  @Test
  void validPartMetAgain_isNotReadAgain() throws Exception {
    JsonSchema remembering = schema("Deployment", true);
    JsonNode doc = DOCS.get("Deployment").get(0);
    String context = "/spec/template/spec/containers/0/securityContext";
    CountingNode part = new CountingNode((ObjectNode) doc.at(context));
    assertThat(messages(remembering, replaced(doc, context, part))).isEmpty();
    int firstTime = part.reads;
    assertThat(firstTime).isPositive();
    assertThat(messages(remembering, replaced(DOCS.get("Deployment").get(1), context, part))).isEmpty();
    assertThat(part.reads).isEqualTo(firstTime);

    JsonSchema plain = schema("Deployment", false);
    assertThat(messages(plain, replaced(doc, context, part))).isEmpty();
    assertThat(part.reads).isEqualTo(2 * firstTime);
  }

  private static JsonSchema schema(String kind, boolean remembering) throws Exception {
    try (InputStream in = RememberingKeywordTest.class.getResourceAsStream(SCHEMAS + KINDS.get(kind))) {
      return SchemaCompiler.compile(JSON.readTree(in), remembering);
    }
  }

  private static List<String> messages(JsonSchema schema, JsonNode doc) {
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : schema.validate(doc)) {
      out.add(m.getInstanceLocation() + " " + m.getMessage());
    }
    return out;
  }

  /** The pointers of every mapping and list below the root. */
  private static void containers(JsonNode node, String at, List<String> out) {
    if (!at.isEmpty()) {
      out.add(at);
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getValue().isContainerNode()) {
          containers(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isContainerNode()) {
          containers(node.get(i), at + "/" + i, out);
        }
      }
    }
  }

  /** A new node like {@code part} with one fault: an unknown key in a mapping, a number among a list's items. */
  private static JsonNode faulty(JsonNode part, Random random) {
    JsonNode copy = part.deepCopy();
    if (copy instanceof ObjectNode o) {
      if (random.nextBoolean() || o.isEmpty()) {
        o.put("agentfleetTypo", "x");
      } else {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        o.set(name, o.get(name).isBoolean() ? JsonNodeFactory.instance.textNode("yes")
            : JsonNodeFactory.instance.booleanNode(true));
      }
    } else {
      ((ArrayNode) copy).add(JsonNodeFactory.instance.numberNode(7));
    }
    return copy;
  }

  /** A copy of {@code doc} with {@code part} at {@code pointer}: only the containers on the way there are new. */
  private static JsonNode replaced(JsonNode doc, String pointer, JsonNode part) {
    if (pointer.isEmpty()) {
      return part;
    }
    int slash = pointer.indexOf('/', 1);
    String segment = (slash < 0 ? pointer.substring(1) : pointer.substring(1, slash))
        .replace("~1", "/").replace("~0", "~");
    String rest = slash < 0 ? "" : pointer.substring(slash);
    if (doc instanceof ObjectNode o) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      o.fields().forEachRemaining(e -> copy.set(e.getKey(), e.getValue()));
      copy.set(segment, replaced(o.path(segment), rest, part));
      return copy;
    }
    ArrayNode copy = JsonNodeFactory.instance.arrayNode();
    int index = Integer.parseInt(segment);
    for (int i = 0; i < doc.size(); i++) {
      copy.add(i == index ? replaced(doc.get(i), rest, part) : doc.get(i));
    }
    return copy;
  }

  /** A mapping that counts how often its fields are read. */
  private static final class CountingNode extends ObjectNode {
    private static final long serialVersionUID = 1L;
    int reads;

    CountingNode(ObjectNode of) {
      super(JsonNodeFactory.instance);
      of.fields().forEachRemaining(e -> set(e.getKey(), e.getValue()));
    }

    @Override
    public JsonNode get(String name) {
      reads++;
      return super.get(name);
    }

    @Override
    public Iterator<Map.Entry<String, JsonNode>> fields() {
      reads++;
      return super.fields();
    }

    @Override
    public Iterator<String> fieldNames() {
      reads++;
      return super.fieldNames();
    }

    @Override
    public java.util.Set<Map.Entry<String, JsonNode>> properties() {
      reads++;
      return super.properties();
    }
  }
}
