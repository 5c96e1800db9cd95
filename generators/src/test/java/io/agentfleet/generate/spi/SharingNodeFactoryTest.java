package io.agentfleet.generate.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TestFleets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharingNodeFactoryTest {
  @Test
  void parse_withSharedValues_readsEveryFileOfTheExampleAsThePlainParseDoes() throws Exception {
    RenderedTree tree = FleetGenerator.builder().validators(List.of()).build().generate(TestFleets.bookingSpec()).tree();
    SharingNodeFactory nodes = new SharingNodeFactory();
    int files = 0;
    for (Map.Entry<String, String> f : tree.files().entrySet()) {
      if (RenderedTree.isManifest(f.getKey())) {
        List<JsonNode> shared = YamlRenderer.parseStrict(f.getValue(), nodes);
        List<JsonNode> plain = YamlRenderer.parseStrict(f.getValue(), JsonNodeFactory.instance);
        assertThat(shared).as(f.getKey()).isEqualTo(plain);
        assertThat(plain).as(f.getKey()).isEqualTo(shared);
        assertThat(shared.toString()).as(f.getKey()).isEqualTo(plain.toString());
        files++;
      }
    }
    assertThat(files).isGreaterThan(20);
  }

  @Test
  void parse_withSharedValues_holdsEachRepeatedKeyAndTextOnce() throws Exception {
    SharingNodeFactory nodes = new SharingNodeFactory();
    List<JsonNode> docs = YamlRenderer.parseStrict("---\nmetadata: {name: a}\n---\nmetadata: {name: a}\n", nodes);
    assertThat(docs.get(0).get("metadata").get("name")).isSameAs(docs.get(1).get("metadata").get("name"));
    String k0 = docs.get(0).fieldNames().next();
    String k1 = docs.get(1).fieldNames().next();
    assertThat(k0).isSameAs(k1);
  }

  @Test
  void aFactoryAndItsTrees_areLetGoWithTheirLastReference_thoughTheThreadThatBuiltThemLivesOn() {
    SharingNodeFactory nodes = new SharingNodeFactory();
    for (int d = 0; d < 50; d++) {
      YamlRenderer.toTree(Map.of("metadata", Map.of("name", "n" + d), "spec", Map.of("replicas", d % 3)), nodes);
    }
    java.lang.ref.WeakReference<SharingNodeFactory> factory = new java.lang.ref.WeakReference<>(nodes);
    nodes = null;
    assertThat(collected(factory)).as("the factory, once nothing but this thread's past holds it").isTrue();
  }

  @Test
  void generation_repeatedOnOneThread_keepsNoEarlierTreeAlive() {
    FleetGenerator generator = FleetGenerator.builder().build();
    List<java.lang.ref.WeakReference<JsonNode>> parts = new ArrayList<>();
    for (ManifestFile f : generator.generate(TestFleets.bookingSpec()).manifests().files().values()) {
      for (Document d : f.documents()) {
        if (d.frozenJson() != null) {
          parts.add(new java.lang.ref.WeakReference<>(d.frozenJson().get("spec")));
        }
      }
    }
    assertThat(parts).isNotEmpty();
    // A build tool's daemon or an editor generates again and again on its own threads.
    generator.generate(TestFleets.bookingSpec());
    for (java.lang.ref.WeakReference<JsonNode> part : parts) {
      assertThat(collected(part)).as("a part of the first tree, after the second generation").isTrue();
    }
  }

  /** Whether the referent is collected within a few full collections. */
  private static boolean collected(java.lang.ref.WeakReference<?> reference) {
    for (int i = 0; i < 20 && reference.get() != null; i++) {
      System.gc();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return reference.get() == null;
  }

  @Test
  void objectNode_beyondItsArray_keepsOrderAndFindsEveryField() {
    ObjectNode small = new SharingNodeFactory().objectNode();
    ObjectNode plain = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < SharingNodeFactory.SmallMap.SMALL + 12; i++) {
      small.put("k" + i, i);
      plain.put("k" + i, i);
      assertThat(small).isEqualTo(plain);
    }
    small.remove("k3");
    plain.remove("k3");
    small.put("k0", "again");
    plain.put("k0", "again");
    List<String> names = new ArrayList<>();
    small.fieldNames().forEachRemaining(names::add);
    List<String> expected = new ArrayList<>();
    plain.fieldNames().forEachRemaining(expected::add);
    assertThat(names).isEqualTo(expected);
    assertThat(small).isEqualTo(plain).hasSameHashCodeAs(plain);
  }

  @Test
  void objectNode_withFewFields_removesThroughItsIteratorAndReplacesValues() {
    ObjectNode small = new SharingNodeFactory().objectNode();
    small.put("a", 1).put("b", 2).put("c", 3);
    var it = small.fields();
    while (it.hasNext()) {
      if (it.next().getKey().equals("b")) {
        it.remove();
      }
    }
    small.put("a", 9);
    assertThat(small.toString()).isEqualTo("{\"a\":9,\"c\":3}");
    assertThat(small.has("b")).isFalse();
    assertThat(small.size()).isEqualTo(2);
  }

  @Test
  void fields_byPosition_areTheFieldsInOrder_forSmallGrownAndPlainMappings() {
    int small = SharingNodeFactory.SmallMap.SMALL;
    for (int count : new int[] {0, 1, small, small + 1, small + 12}) {
      ObjectNode shared = new SharingNodeFactory().objectNode();
      ObjectNode plain = JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < count; i++) {
        shared.put("k" + i, i);
        plain.put("k" + i, i);
      }
      shared.remove("k0");
      plain.remove("k0");
      for (ObjectNode node : List.of(shared, plain)) {
        Fields fields = Fields.of(node);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < fields.count(); i++) {
          seen.add(fields.name(i) + "=" + fields.value(i));
        }
        List<String> expected = new ArrayList<>();
        node.properties().forEach(e -> expected.add(e.getKey() + "=" + e.getValue()));
        assertThat(seen).as("%d fields, %s", count, node.getClass().getSimpleName()).isEqualTo(expected);
      }
    }
    // A small mapping of the factory is read in place: no copy per walk.
    ObjectNode few = new SharingNodeFactory().objectNode().put("a", 1);
    assertThat(Fields.of(few)).isSameAs(Fields.of(few));
    assertThat(Fields.of(JsonNodeFactory.instance.textNode("x")).count()).isZero();
  }
  @Test
  void treesBuiltThroughEachThreadsRecentTexts_holdEqualValuesAndPartsOnce_evenWhereHashesCollide() throws Exception {
    // "Aa" and "BB" hash alike, and so do lists and mappings made of them: the small table's slots meet them.
    List<String> words = new ArrayList<>(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa"));
    for (int i = 0; i < 6_000; i++) {
      words.add("w" + i); // more than the table has slots: slots are taken over again and again
    }
    SharingNodeFactory nodes = new SharingNodeFactory();
    int threads = 4;
    List<List<JsonNode>> built = new ArrayList<>();
    List<List<Object>> values = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        java.util.Random random = new java.util.Random(t);
        List<JsonNode> trees = new ArrayList<>();
        List<Object> objects = new ArrayList<>();
        for (int d = 0; d < 2_000; d++) {
          String a = words.get(random.nextInt(d % 2 == 0 ? 6 : words.size()));
          String b = words.get(random.nextInt(6));
          objects.add(Map.of("name", a, "labels", Map.of("k", b), "items", List.of(a, b),
              "nested", List.of(Map.of("x", b), List.of(a))));
        }
        built.add(trees);
        values.add(objects);
        done.add(pool.submit(() -> objects.forEach(o -> trees.add(YamlRenderer.toTree(o, nodes)))));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<JsonNode, JsonNode> first = new java.util.HashMap<>();
    for (int t = 0; t < threads; t++) {
      for (int d = 0; d < values.get(t).size(); d++) {
        JsonNode tree = built.get(t).get(d);
        assertThat(tree).isEqualTo(YamlRenderer.toTree(values.get(t).get(d), JsonNodeFactory.instance));
        // Every equal text and every equal part below the root is one instance, whichever thread built it.
        for (JsonNode part : List.of(tree.get("name"), tree.get("labels"), tree.get("items"), tree.get("nested"),
            tree.get("nested").get(0), tree.get("nested").get(1), tree.get("labels").get("k"))) {
          assertThat(first.computeIfAbsent(part, p -> part)).isSameAs(part);
        }
      }
    }
  }
  @Test
  void objectNode_underRandomPutsRemovesAndLookUps_answersAsAPlainMappingDoes() {
    java.util.Random random = new java.util.Random(7);
    // Names whose hashes share low bits, and copies that are not the interned instance.
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add("f" + i);
    }
    names.addAll(List.of("Aa", "BB", "C#", "AaAa", "BBBB"));
    SharingNodeFactory nodes = new SharingNodeFactory();
    for (int round = 0; round < 300; round++) {
      ObjectNode shared = nodes.objectNode();
      ObjectNode plain = JsonNodeFactory.instance.objectNode();
      for (int step = 0; step < 60; step++) {
        String name = new String(names.get(random.nextInt(names.size())));
        switch (random.nextInt(4)) {
          case 0, 1 -> {
            shared.put(name, step);
            plain.put(name, step);
          }
          case 2 -> assertThat(shared.remove(name)).isEqualTo(plain.remove(name));
          default -> {
            if (random.nextInt(10) == 0) {
              shared.removeAll();
              plain.removeAll();
            }
          }
        }
        for (String n : names) {
          assertThat(shared.get(new String(n))).as(n).isEqualTo(plain.get(n));
          assertThat(shared.has(n)).as(n).isEqualTo(plain.has(n));
        }
        assertThat(shared).isEqualTo(plain);
      }
    }
  }
}
