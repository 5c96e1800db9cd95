package io.agentfleet.generate.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.TestFleets;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A deferred tree's files read one at a time as bytes, by a writer and a thread rendering ahead of it. */
class RenderedTreeTest {
  /** A tree of {@code n} small YAML files (more than a writer's look-ahead) and a README. */
  private static ManifestTree configMaps(int n) {
    ManifestTree tree = new ManifestTree();
    for (int i = 0; i < n; i++) {
      String name = String.format("settings-%04d", i);
      tree.add(ManifestFile.yaml("settings/" + name + ".yaml", List.of(Document.of(new ConfigMapBuilder()
          .withNewMetadata().withName(name).withNamespace("fleet").endMetadata()
          .addToData("index", String.valueOf(i)).build(), "Settings number " + i + "."))));
    }
    tree.add(ManifestFile.text("settings/README.md", "# settings\n"));
    return tree;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bytes_ofADeferredTree_isTheUtf8OfWhatRenderingAtOnceWrites_andLeavesItsTextToRender() {
    SortedMap<String, String> atOnce = RenderedTree.of(TestFleets.bookingManifests()).files();
    RenderedTree deferred = RenderedTree.deferred(TestFleets.bookingManifests());

    for (String path : deferred.paths()) {
      assertThat(deferred.bytes(path)).as(path).isEqualTo(utf8(atOnce.get(path)));
    }
    assertThat(deferred.bytes("core/none.yaml")).isNull();
    // Asked again, a file is rendered again, the same; text() and files() still give every file.
    String some = atOnce.keySet().stream().filter(p -> p.startsWith("sub-agents/")).findFirst().orElseThrow();
    assertThat(deferred.bytes(some)).isEqualTo(utf8(atOnce.get(some)));
    assertThat(deferred.text(some)).isEqualTo(atOnce.get(some));
    assertThat(deferred.files()).isEqualTo(atOnce);
    assertThat(deferred.bytes(some)).isEqualTo(utf8(atOnce.get(some)));
  }

  @Test
  void renderAhead_besideAWriterReadingInOrder_givesEveryFileItsOwnBytes_andReturnsWhenAllAreRendered()
      throws Exception {
    SortedMap<String, String> atOnce = RenderedTree.of(configMaps(700)).files();
    RenderedTree deferred = RenderedTree.deferred(configMaps(700));
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread helper = new Thread(() -> {
      try {
        deferred.renderAhead();
      } catch (Throwable t) {
        failed.set(t);
      }
    });
    helper.start();

    for (String path : deferred.paths()) {
      assertThat(deferred.bytes(path)).as(path).isEqualTo(utf8(atOnce.get(path)));
    }
    helper.join(60_000);

    assertThat(helper.isAlive()).as("rendering ahead ends once the writer has every file").isFalse();
    assertThat(failed.get()).isNull();
  }

  @Test
  void renderAhead_waitsForTheWriterBeyondItsLookAhead_untilStopped() throws Exception {
    RenderedTree deferred = RenderedTree.deferred(configMaps(700));
    Thread helper = new Thread(deferred::renderAhead);
    helper.start();

    // No file is asked for: the helper renders its look-ahead and then waits, it does not render the whole tree.
    helper.join(2_000);
    assertThat(helper.isAlive()).isTrue();
    deferred.stopRenderingAhead();
    helper.join(60_000);

    assertThat(helper.isAlive()).as("stopped, rendering ahead returns").isFalse();
    assertThat(deferred.bytes("settings/settings-0000.yaml")).isEqualTo(
        utf8(RenderedTree.of(configMaps(1)).files().get("settings/settings-0000.yaml")));
  }

  @Test
  void renderAhead_ofATreeRenderedWhole_returnsAtOnce() {
    RenderedTree rendered = RenderedTree.of(configMaps(3));
    rendered.renderAhead();
    assertThat(rendered.bytes("settings/README.md")).isEqualTo(utf8("# settings\n"));
  }
}
