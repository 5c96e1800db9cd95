package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Decorator;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A decorator's changes carry the note {@code profile <name>: <what>}: on the values it says it sets, or, when it does
 * not say, on the outermost values that differ before and after.
 */
class DecoratorNotesTest {
  /** Adds a data entry and a label to every ConfigMap, saying so or not. */
  private static Decorator marking(boolean declares) {
    return new Decorator() {
      @Override
      public HasMetadata apply(HasMetadata resource, Fleet fleet) {
        if (!(resource instanceof ConfigMap cm)) {
          return resource;
        }
        return new ConfigMapBuilder(cm).editMetadata().addToLabels("marked", "yes").endMetadata()
            .addToData("added", "1").build();
      }

      @Override
      public String describe() {
        return "marking";
      }

      @Override
      public List<String> sets(HasMetadata result) {
        return declares ? List.of("/metadata/labels/marked", "/data/added") : List.of();
      }
    };
  }

  private static String generate(Decorator d) {
    Generator maps = new Generator() {
      @Override
      public String folder() {
        return "maps";
      }

      @Override
      public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
        return List.of(ManifestFile.yaml("maps/cm.yaml", List.of(Document.of(new ConfigMapBuilder()
            .withNewMetadata().withName("cm").withNamespace(fleet.namespace()).addToLabels("kept", "yes").endMetadata()
            .withData(Map.of("original", "0")).build()))));
      }
    };
    return FleetGenerator.builder().profile(TestFleets.profile("staging", List.of(d))).generators(List.of(maps)).validators(List.of()).build()
        .generate(TestFleets.bookingSpec()).tree().files().get("maps/cm.yaml");
  }

  @Test
  void decorate_whenTheDecoratorSaysWhatItSets_notesExactlyThoseValues() {
    assertThat(generate(marking(true)).lines().filter(l -> l.contains("  # ")).map(String::strip))
        .containsExactly("marked: \"yes\"  # profile staging: marking", "added: \"1\"  # profile staging: marking");
  }

  @Test
  void decorate_whenTheDecoratorDoesNotSay_notesTheValuesThatDifferAndNothingElse() {
    assertThat(generate(marking(false))).isEqualTo(generate(marking(true)));
  }

  @Test
  void decorate_whenADeclaredValueIsNotInTheObject_failsNamingIt() {
    Decorator wrong = new Decorator() {
      @Override
      public HasMetadata apply(HasMetadata resource, Fleet fleet) {
        return resource instanceof ConfigMap cm ? new ConfigMapBuilder(cm).build() : resource;
      }

      @Override
      public List<String> sets(HasMetadata result) {
        return List.of("/data/absent");
      }
    };
    assertThatThrownBy(() -> generate(wrong)).hasStackTraceContaining("/data/absent");
  }
}
