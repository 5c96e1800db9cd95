package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeGenerator;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.generate.validate.schema.SchemaValidator;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Problem;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The validators' warm-up checks the folder generators' documents while the tree generators run
 * ({@code TreeValidator.precheck}); what the generation reports must be what a plain validation reports.
 */
class ValidationAheadTest {
  /** Records the documents it is told ahead and the ones it validates. */
  static final class Recorder implements TreeValidator {
    final List<JsonNode> ahead = Collections.synchronizedList(new ArrayList<>());
    final List<JsonNode> validated = new ArrayList<>();
    final CountDownLatch all = new CountDownLatch(3);

    @Override
    public void precheck(JsonNode document, String kubernetesVersion) {
      ahead.add(document);
      all.countDown();
    }

    @Override
    public List<Problem> validate(RenderedTree tree, String kubernetesVersion) {
      tree.documents().values().forEach(validated::addAll);
      return List.of();
    }
  }

  /** A tree generator that returns once the recorder was told every document ahead (or after 30 s). */
  private static TreeGenerator waitingFor(Recorder recorder) {
    return new TreeGenerator() {
      @Override
      public String folder() {
        return "wiring";
      }

      @Override
      public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree, String profile) {
        try {
          recorder.all.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return List.of();
      }
    };
  }

  /** Three ConfigMaps in one file, the second with a misspelt {@code dta}. */
  private static Generator configMaps() {
    return new Generator() {
      @Override
      public String folder() {
        return "core";
      }

      @Override
      public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
        HasMetadata misspelt = new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("ConfigMap")
            .withNewMetadata().withName("b").withNamespace(fleet.namespace()).endMetadata()
            .withAdditionalProperties(Map.of("dta", Map.of("k", "v"))).build();
        return List.of(ManifestFile.yaml("core/maps.yaml", List.of(Document.of(configMap(fleet, "a")),
            Document.of(misspelt), Document.of(configMap(fleet, "c")))));
      }
    };
  }

  private static HasMetadata configMap(Fleet fleet, String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(fleet.namespace()).endMetadata()
        .addToData("k", "v").build();
  }

  private static List<Problem> problems(List<TreeValidator> validators, TreeGenerator wiring) {
    TreeValidationException e = catchThrowableOfType(TreeValidationException.class, () -> FleetGenerator.builder()
        .generators(List.of(configMaps(), wiring)).validators(validators).build().generate(TestFleets.bookingSpec()));
    assertThat(e).as("the misspelt field fails the generation").isNotNull();
    return e.problems();
  }

  @Test
  void documentsCheckedAhead_areTheOnesValidated_andGiveThePlainValidationsProblems() {
    Recorder recorder = new Recorder();
    List<Problem> ahead = problems(List.of(new SchemaValidator(null, null), recorder), waitingFor(recorder));
    SchemaValidator schemas = new SchemaValidator(null, null);
    // Only validate: nothing prepared, nothing checked ahead.
    TreeValidator plain = (tree, version) -> schemas.validate(tree, version);
    Recorder done = new Recorder();
    for (int i = 0; i < 3; i++) {
      done.all.countDown();
    }

    List<Problem> after = problems(List.of(plain), waitingFor(done));

    assertThat(recorder.ahead).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(recorder.ahead.get(i)).as("document %d, told ahead and validated", i)
          .isSameAs(recorder.validated.get(i));
    }
    assertThat(ahead).isEqualTo(after).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("core/maps.yaml ConfigMap/b");
      assertThat(p.message()).startsWith("dta: unknown field");
    });
  }
}
