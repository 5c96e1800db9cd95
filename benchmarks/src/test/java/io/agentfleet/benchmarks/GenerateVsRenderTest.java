package io.agentfleet.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.GenerationResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark compares like with like: what it renders alone is, byte for byte, the generated tree's YAML. */
class GenerateVsRenderTest {
  private final GenerateVsRender bench = new GenerateVsRender();

  @BeforeEach
  void setUp() {
    bench.subAgents = 12;
    bench.setUp();
  }

  @AfterEach
  void tearDown() {
    bench.tearDown();
  }

  @Test
  void renderAlone_writesTheGeneratedTreesYamlFiles() {
    GenerationResult generated = bench.generateAndValidate();

    assertThat(bench.files().keySet()).isNotEmpty()
        .containsAll(List.of("sub-agents/claude-sub-agent-s1.yaml", "sub-agents/claude-sub-agent-s12.yaml"))
        .allSatisfy(path -> assertThat(bench.render(bench.files().get(path)))
            .as(path).isEqualTo(generated.tree().text(path)));
    long chars = bench.files().keySet().stream().mapToLong(p -> generated.tree().text(p).length()).sum();
    assertThat(bench.renderAlone()).isEqualTo(chars);
    assertThat(bench.renderAloneOnEveryCore()).isEqualTo(chars);
  }
}
