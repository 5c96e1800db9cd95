package io.agentfleet.generate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A document's notes in one array: read as the sorted map they were made from. */
class NoteMapTest {
  private static final SortedMap<String, String> NOTES = new TreeMap<>(Map.of(
      "/spec/replicas", "subAgents[s1].replicas",
      "/spec/template/spec/containers/0/resources/limits/cpu", "= 2 × subAgents[s1].requests.cpu (CPU limit rule)",
      "/metadata/name", "subAgents[s1]",
      "/spec/minReplicas", "subAgents[s1].replicas",
      "/spec/template/spec/containers/0/image", "profile production: defaults.subAgent.image"));

  @Test
  void readsAsTheSortedMapItWasMadeFrom() {
    NoteMap notes = NoteMap.of(NOTES);

    assertThat(notes).isEqualTo(NOTES).hasSameHashCodeAs(NOTES);
    assertThat(notes.toString()).isEqualTo(NOTES.toString());
    assertThat(notes.keySet()).containsExactlyElementsOf(NOTES.keySet());
    assertThat(notes.values()).containsExactlyElementsOf(NOTES.values());
    NOTES.forEach((pointer, note) -> {
      assertThat(notes.get(pointer)).isEqualTo(note);
      assertThat(notes.containsKey(pointer)).isTrue();
    });
    assertThat(notes.get("/spec")).isNull();
    assertThat(notes.get("/spec/replicas/0")).isNull();
    assertThat(notes.get("/")).isNull();
    assertThat(notes.get("/zzz")).isNull();
    assertThat(notes.get(7)).isNull();
    assertThat(notes.firstKey()).isEqualTo("/metadata/name");
    assertThat(notes.lastKey()).isEqualTo("/spec/template/spec/containers/0/resources/limits/cpu");
    assertThat(notes.comparator()).isNull();
    assertThat(notes.tailMap("/spec/t")).isEqualTo(NOTES.tailMap("/spec/t"));
    assertThat(notes.headMap("/spec/r")).isEqualTo(NOTES.headMap("/spec/r"));
    assertThat(notes.subMap("/spec/m", "/spec/s")).isEqualTo(NOTES.subMap("/spec/m", "/spec/s"));
  }

  @Test
  void isReadOnly_andEmptyWhenMadeOfNothing() {
    NoteMap notes = NoteMap.of(NOTES);
    assertThatThrownBy(() -> notes.put("/a", "b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> notes.remove("/spec/replicas")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> notes.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);

    NoteMap none = NoteMap.of(new TreeMap<>());
    assertThat(none).isEmpty();
    assertThat(none.get("/a")).isNull();
    assertThatThrownBy(none::firstKey).isInstanceOf(NoSuchElementException.class);
    assertThat(Document.of(new io.fabric8.kubernetes.api.model.ConfigMap()).notes()).isEmpty();
  }

  @Test
  void aDocumentsNotes_addedAndReplaced_readInPointerOrder() {
    Document doc = Document.of(new io.fabric8.kubernetes.api.model.ConfigMap(), "")
        .notes(Map.of("/data/b", "second", "/data/a", "first"))
        .note("/data/b", "replaced")
        .note("/data/a", "");

    assertThat(doc.notes()).containsExactly(Map.entry("/data/b", "replaced"));
    assertThat(doc.notes()).isInstanceOf(NoteMap.class);
  }
  @Test
  void notesOfManyDocuments_holdEachRepeatedPointerAndNoteOnce_andEachTheirOwn() {
    java.util.List<NoteMap> maps = new java.util.ArrayList<>();
    for (int d = 0; d < 3_000; d++) {
      SortedMap<String, String> notes = new TreeMap<>();
      // Made afresh per document, as a generator makes them: equal texts, other instances.
      notes.put(new String("/spec/template/spec/containers/0/image"), new String("defaults.subAgent.image"));
      notes.put("/spec/replicas" + "", "subAgents[s" + d + "].replicas");
      notes.put("/metadata/labels/n" + (d % 700), "label " + d);
      notes.put("/metadata/labels/twin", d % 2 == 0 ? "twin Aa" : "twin BB"); // equal hashes, other texts
      maps.add(NoteMap.of(notes));
    }
    for (int d = 0; d < maps.size(); d++) {
      NoteMap notes = maps.get(d);
      assertThat(notes).containsExactly(Map.entry("/metadata/labels/n" + (d % 700), "label " + d),
          Map.entry("/metadata/labels/twin", d % 2 == 0 ? "twin Aa" : "twin BB"),
          Map.entry("/spec/replicas", "subAgents[s" + d + "].replicas"),
          Map.entry("/spec/template/spec/containers/0/image", "defaults.subAgent.image"));
    }
    // The texts every document repeats are one instance from the second document on (a few again where a text met
    // in between took their slot).
    java.util.Set<String> images = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    maps.forEach(m -> images.add(m.get("/spec/template/spec/containers/0/image")));
    assertThat(images).hasSizeLessThan(30);
  }
}
