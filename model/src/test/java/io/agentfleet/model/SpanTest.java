package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpanTest {

  @ParameterizedTest
  @CsvSource({"90s, 90", "5m, 300", "1h, 3600", "1h30m, 5400", "14d, 1209600", "1d2h3m4s, 93784", "0s, 0", "120m, 7200"})
  void parse_whenUnitsWritten_addsThemUp(String text, long seconds) {
    Span span = Span.parse(text);

    assertThat(span.isValid()).isTrue();
    assertThat(span.seconds()).isEqualTo(seconds);
    assertThat(span.duration()).isEqualTo(Duration.ofSeconds(seconds));
    assertThat(span.toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5 minutes", "5min", "1h 30m", "30m1h", "30", "1.5h", "-5m", "m", "P1D", ""})
  void parse_whenMalformed_givesInvalidValueThatSaysWhy(String text) {
    Span span = Span.parse(text);

    assertThat(span.isValid()).isFalse();
    assertThat(span.error()).contains("'" + text + "' is not a duration (examples: 30s, 5m, 1h30m, 14d)");
  }

  @Test
  void parse_whenNull_givesInvalidValue() {
    assertThat(Span.parse(null).isValid()).isFalse();
  }

  @Test
  void equals_whenSameLengthSpeltDifferently_isEqual() {
    assertThat(Span.parse("1h")).isEqualTo(Span.parse("60m")).hasSameHashCodeAs(Span.parse("60m"));
    assertThat(Span.parse("90s")).isEqualTo(Span.parse("1m30s"));
    assertThat(Span.parse("1h")).isNotEqualTo(Span.parse("1m"));
  }

  @Test
  void ofSeconds_whenGiven_printsSeconds() {
    assertThat(Span.ofSeconds(90).toString()).isEqualTo("90s");
    assertThat(Span.ofSeconds(90)).isEqualTo(Span.parse("1m30s"));
  }

  @Test
  void compareTo_whenDifferentLengths_ordersByDuration() {
    List<Span> sorted = Stream.of("1h", "90s", "5m", "1d").map(Span::parse).sorted().toList();

    assertThat(sorted).extracting(Span::toString).containsExactly("90s", "5m", "1h", "1d");
  }
}
