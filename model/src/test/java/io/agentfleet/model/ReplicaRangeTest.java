package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplicaRangeTest {

  @Test
  void parse_whenRange_readsBothBoundsAndIsScaled() {
    ReplicaRange r = ReplicaRange.parse("1..8");

    assertThat(r.isValid()).isTrue();
    assertThat(r.min()).isEqualTo(1);
    assertThat(r.max()).isEqualTo(8);
    assertThat(r.isScaled()).isTrue();
    assertThat(r.toString()).isEqualTo("1..8");
    assertThat(r).isEqualTo(ReplicaRange.between(1, 8)).hasSameHashCodeAs(ReplicaRange.between(1, 8));
  }

  @Test
  void parse_whenSingleCount_fixesTheCount() {
    ReplicaRange r = ReplicaRange.parse("3");

    assertThat(r.min()).isEqualTo(3);
    assertThat(r.max()).isEqualTo(3);
    assertThat(r.isScaled()).isFalse();
    assertThat(r.toString()).isEqualTo("3");
    assertThat(r).isEqualTo(ReplicaRange.exactly(3)).isEqualTo(ReplicaRange.parse(3));
  }

  @Test
  void parse_whenEqualBounds_isAFixedCount() {
    ReplicaRange r = ReplicaRange.parse("2..2");

    assertThat(r.isScaled()).isFalse();
    assertThat(r.toString()).isEqualTo("2");
    assertThat(r).isEqualTo(ReplicaRange.exactly(2));
  }

  @Test
  void parse_whenSpacesAroundBounds_ignoresThem() {
    assertThat(ReplicaRange.parse(" 1 .. 8 ")).isEqualTo(ReplicaRange.between(1, 8));
  }

  @Test
  void parse_whenBoundsReversedOrZero_keepsThemForTheResolverToReport() {
    ReplicaRange reversed = ReplicaRange.parse("7..6");
    ReplicaRange zero = ReplicaRange.parse("0..3");

    assertThat(reversed.isValid()).isTrue();
    assertThat(reversed.min()).isEqualTo(7);
    assertThat(reversed.max()).isEqualTo(6);
    assertThat(zero.isValid()).isTrue();
    assertThat(zero.min()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1-8", "1...8", "few", "1..", "..8", "1..8..9", "1.5", "1 to 8", ""})
  void parse_whenMalformed_givesInvalidValueThatSaysWhy(String text) {
    ReplicaRange r = ReplicaRange.parse(text);

    assertThat(r.isValid()).isFalse();
    assertThat(r.error()).contains("'" + text + "' is not a replica count or range (write 3 or 1..8)");
  }

  @Test
  void parse_whenNull_givesInvalidValue() {
    assertThat(ReplicaRange.parse((String) null).isValid()).isFalse();
  }

  @Test
  void equals_whenValidAndInvalid_differ() {
    assertThat(ReplicaRange.parse("x")).isNotEqualTo(ReplicaRange.exactly(0));
  }
}
