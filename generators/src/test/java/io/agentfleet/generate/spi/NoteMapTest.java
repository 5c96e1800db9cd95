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
}
