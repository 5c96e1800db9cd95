package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.Profile;
import io.agentfleet.generate.spi.TreeGenerator;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TreeGenerator}s run after every folder generator and its decorators, and see the decorated files. */
class TreeGeneratorHookTest {
  /** Lists what it sees in one text file of its folder. */
  static final class Lister implements TreeGenerator {
    final List<String> seen = new ArrayList<>();
    String profile;

    @Override
    public String folder() {
      return "wiring";
    }

    @Override
    public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree, String profile) {
      this.profile = profile;
      seen.addAll(tree.files().keySet());
      return List.of(ManifestFile.yaml("wiring/cm.yaml", List.of(Document.of(new ConfigMapBuilder()
          .withMetadata(new ObjectMetaBuilder().withName("seen").withNamespace(fleet.namespace()).build())
          .withData(Map.of("count", Integer.toString(seen.size()))).build()))));
    }
  }

  private static Generator folder(String name) {
    return new Generator() {
      @Override
      public String folder() {
        return name;
      }

      @Override
      public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
        return List.of(ManifestFile.text(name + "/README.md", name));
      }
    };
  }

  private static Profile labelling() {
    return TestFleets.profile("staging", List.of((HasMetadata r, Fleet f) -> {
      r.getMetadata().setLabels(Map.of("decorated", "yes"));
      return r;
    }));
  }

  @Test
  void treeGenerator_whenListedBeforeFolderGenerators_stillSeesTheirFilesAndTheProfileName() {
    Lister lister = new Lister();

    GenerationResult result = FleetGenerator.builder().profile(labelling())
        .generators(List.of(lister, folder("core"), folder("agents"))).validators(List.of()).build()
        .generate(TestFleets.bookingSpec());

    assertThat(lister.seen).containsExactly("agents/README.md", "core/README.md");
    assertThat(lister.profile).isEqualTo("staging");
    assertThat(result.tree().files()).containsKey("wiring/cm.yaml");
  }

  @Test
  void treeGenerator_whenProfileDecorates_seesTheDecoratedObjects() {
    List<String> labelsSeen = new ArrayList<>();
    TreeGenerator reader = new TreeGenerator() {
      @Override
      public String folder() {
        return "wiring";
      }

      @Override
      public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree, String profile) {
        tree.resources().forEach(r -> labelsSeen.add(r.getMetadata().getName() + "=" + r.getMetadata().getLabels()));
        return List.of();
      }
    };
    Generator core = new Generator() {
      @Override
      public String folder() {
        return "core";
      }

      @Override
      public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
        return List.of(ManifestFile.yaml("core/cm.yaml", List.of(Document.of(new ConfigMapBuilder()
            .withMetadata(new ObjectMetaBuilder().withName("cm").withNamespace(fleet.namespace()).build()).build()))));
      }
    };

    FleetGenerator.builder().profile(labelling()).generators(List.of(reader, core)).validators(List.of()).build()
        .generate(TestFleets.bookingSpec());

    assertThat(labelsSeen).containsExactly("cm={decorated=yes}");
  }

  @Test
  void treeGenerator_whenWritingOutsideItsFolder_isRefused() {
    TreeGenerator rogue = new TreeGenerator() {
      @Override
      public String folder() {
        return "ci-cd";
      }

      @Override
      public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree, String profile) {
        return List.of(ManifestFile.text("core/extra.md", "x"));
      }
    };

    assertThatThrownBy(() -> FleetGenerator.builder().generators(List.of(rogue)).validators(List.of()).build()
        .generate(TestFleets.bookingSpec()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrote outside ci-cd: core/extra.md");
  }
}
