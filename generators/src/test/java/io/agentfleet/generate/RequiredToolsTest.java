package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredToolsTest {
  private static final String TOOL = "agentfleet-no-such-tool";

  @Test
  void need_whenToolIsMissingOutsideCi_skipsTheTest() {
    String before = System.getProperty("agentfleet.requireTools");
    try {
      System.setProperty("agentfleet.requireTools", "false");
      assertThatThrownBy(() -> RequiredTools.need(TOOL, "none")).isInstanceOf(TestAbortedException.class)
          .hasMessageContaining(TOOL + " is not installed");
    } finally {
      restore(before);
    }
  }

  @Test
  void need_whenToolIsMissingUnderCi_failsTheTest() {
    String before = System.getProperty("agentfleet.requireTools");
    try {
      System.setProperty("agentfleet.requireTools", "true");
      assertThatThrownBy(() -> RequiredTools.need(TOOL, "none")).isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining("REQUIRED TOOL MISSING");
    } finally {
      restore(before);
    }
  }

  @Test
  void find_whenToolIsInstalled_givesItsPath() {
    assertThat(RequiredTools.find("sh")).hasValueSatisfying(p -> assertThat(p).isExecutable());
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty("agentfleet.requireTools");
    } else {
      System.setProperty("agentfleet.requireTools", before);
    }
  }
}
