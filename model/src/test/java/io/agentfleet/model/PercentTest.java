package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentTest {

  @ParameterizedTest
  @ValueSource(strings = {"70%", "70", " 70 % ", "070"})
  void parse_whenWholeNumberWithOrWithoutSign_readsIt(String text) {
    Percent p = Percent.parse(text);

    assertThat(p.isValid()).isTrue();
    assertThat(p.value()).isEqualTo(70);
    assertThat(p).isEqualTo(Percent.of(70)).hasSameHashCodeAs(Percent.of(70));
    assertThat(p.toString()).isEqualTo("70%");
  }

  @Test
  void parse_whenYamlNumber_readsIt() {
    assertThat(Percent.parse(80)).isEqualTo(Percent.parse("80%"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"seventy", "70.5%", "%70", "-5%", "12345", "70%%", "", "7 0"})
  void parse_whenMalformed_givesInvalidValueThatSaysWhy(String text) {
    Percent p = Percent.parse(text);

    assertThat(p.isValid()).isFalse();
    assertThat(p.error()).contains("'" + text.trim() + "' is not a percentage (write it as 70% or 70)");
  }

  @Test
  void parse_whenNull_givesInvalidValue() {
    assertThat(Percent.parse((String) null).error()).contains("'' is not a percentage (write it as 70% or 70)");
  }

  @Test
  void of_whenOutOfRange_staysValidForTheResolverToReport() {
    assertThat(Percent.of(150).isValid()).isTrue();
    assertThat(Percent.parse("0%").isValid()).isTrue();
    assertThat(Percent.of(150).toString()).isEqualTo("150%");
  }

  @Test
  void equals_whenValidAndInvalid_differ() {
    assertThat(Percent.parse("x")).isNotEqualTo(Percent.of(0));
    assertThat(Percent.of(70)).isNotEqualTo(Percent.of(80));
  }
}
