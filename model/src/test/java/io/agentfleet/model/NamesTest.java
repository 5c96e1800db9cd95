package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void kebab_whenEnumConstant_givesTheWordUsersWrite() {
    assertThat(Names.kebab(Priority.MEDIUM)).isEqualTo("medium");
    assertThat(SecretsProvider.EXTERNAL_SECRETS.toString()).isEqualTo("external-secrets");
  }

  @Test
  void closest_whenTypoOrPrefix_suggestsTheKnownName() {
    assertThat(Names.closest("namepsace", List.of("name", "namespace", "labels"))).contains("namespace");
    assertThat(Names.closest("scaleDown", List.of("scaleDownAfter", "scaleDownPodsPerMinute"))).contains("scaleDownAfter");
    assertThat(Names.closest("subagent", List.of("agents", "subAgents"))).contains("subAgents");
  }

  @Test
  void closest_whenNothingIsClose_suggestsNothing() {
    assertThat(Names.closest("xyzzy", List.of("image", "replicas", "requests"))).isEmpty();
    assertThat(Names.closest("write", List.of("none", "read"))).isEmpty();
  }

  @Test
  void parseEnum_whenUnknown_listsTheChoicesAndSuggestsOne() {
    assertThatThrownBy(() -> Priority.parse("hihg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'hihg' is not a known priority (one of low, medium, high); did you mean 'high'?");
  }

  @Test
  void priority_whenCompared_ordersLowMediumHighByValue() {
    assertThat(Priority.LOW.value()).isLessThan(Priority.MEDIUM.value());
    assertThat(Priority.MEDIUM.value()).isLessThan(Priority.HIGH.value());
  }
}
