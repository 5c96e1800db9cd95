package io.agentfleet.generate.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.Problem;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The objects beside each kustomization.yaml, counted from a tree as written, whoever split it. */
class KustomizationSizeValidatorTest {
  private static String configMaps(String prefix, int n) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < n; i++) {
      yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ").append(prefix).append(i)
          .append("\n  namespace: x\n");
    }
    return yaml.toString();
  }

  @Test
  void aTreeSplitByHand_isCountedPerKustomization_andOnlyTheOneOverTheLimitIsNamed() {
    SortedMap<String, String> files = new TreeMap<>();
    // 3 001 objects beside one kustomization: one too many.
    files.put("extra/kustomization.yaml", "resources: [many.yaml]\n");
    files.put("extra/many.yaml", configMaps("m", 3_001));
    // 4 000 objects in a folder of two parts of 2 000: each part is within the limit, the folder lists only parts.
    files.put("split/kustomization.yaml", "resources: [east, west]\n");
    files.put("split/east/kustomization.yaml", "resources: [a.yaml]\n");
    files.put("split/east/a.yaml", configMaps("e", 2_000));
    files.put("split/west/kustomization.yaml", "resources: [a.yaml]\n");
    files.put("split/west/a.yaml", configMaps("w", 2_000));
    // Exactly at the limit.
    files.put("full/kustomization.yaml", "resources: [a.yaml]\n");
    files.put("full/a.yaml", configMaps("f", 3_000));

    assertThat(new KustomizationSizeValidator().validate(new RenderedTree(files), "1.34"))
        .extracting(Problem::path, Problem::message).singleElement().satisfies(t -> {
          assertThat(t.toList().get(0)).isEqualTo("extra/kustomization.yaml");
          assertThat((String) t.toList().get(1)).startsWith("3001 objects in one kustomization, more than 3000")
              .endsWith("; split extra/ into subfolders of its own kustomization each");
        });
  }
}
