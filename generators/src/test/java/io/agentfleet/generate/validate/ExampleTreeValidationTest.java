package io.agentfleet.generate.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The booking example's generated tree passes both standard validators; logs how long that takes. */
class ExampleTreeValidationTest {
  @TempDir
  Path cache;

  @Test
  void bookingTree_whenValidated_hasNoProblems() {
    RenderedTree tree = FleetGenerator.builder().validators(List.of()).build().generate(TestFleets.bookingSpec()).tree();
    int documents = tree.documents().values().stream().mapToInt(List::size).sum();
    List<TreeValidator> validators = Validators.standard(null, cache);

    List<Problem> problems = new ArrayList<>();
    for (int run = 1; run <= 2; run++) {
      problems.clear();
      for (TreeValidator v : validators) {
        long t0 = System.nanoTime();
        problems.addAll(v.validate(tree, "1.34"));
        System.out.printf("[timing] %s, booking example (%d documents), run %d: %.0f ms%n",
            v.getClass().getSimpleName(), documents, run, (System.nanoTime() - t0) / 1e6);
      }
    }

    assertThat(problems).isEmpty();
  }
}
