package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  @Test
  void describeBytes_ofAnAmount_isWhatTheQuantitySpellingItDescribes() {
    java.util.Random r = new java.util.Random(11);
    java.util.List<java.math.BigDecimal> amounts = new java.util.ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      long base = 1L << r.nextInt(62);
      amounts.add(java.math.BigDecimal.valueOf(r.nextBoolean() ? base : base + r.nextInt(1 << 20)));
    }
    amounts.add(new java.math.BigDecimal("123456789012345678901234567890"));
    amounts.add(java.math.BigDecimal.ONE);
    for (java.math.BigDecimal b : amounts) {
      assertThat(Quantity.describeBytes(b)).as(b.toString()).isEqualTo(Quantity.bytes(b).describeBytes());
    }
    assertThat(Quantity.describeBytes(java.math.BigDecimal.valueOf(3L << 30))).isEqualTo("3Gi");
    assertThat(Quantity.describeBytes(java.math.BigDecimal.valueOf(1536L << 20))).isEqualTo("1.5Gi");
  }

  @Test
  void parse_whenWholeCoresOrMillicores_givesEqualQuantities() {
    Quantity one = Quantity.parse("1");
    Quantity thousandMilli = Quantity.parse("1000m");

    assertThat(one).isEqualTo(thousandMilli).hasSameHashCodeAs(thousandMilli);
    assertThat(one.compareTo(thousandMilli)).isZero();
    assertThat(one.amount()).isEqualByComparingTo("1");
  }

  @Test
  void parse_whenBinarySuffixes_givesEqualQuantitiesForEqualBytes() {
    Quantity gi = Quantity.parse("1Gi");

    assertThat(gi).isEqualTo(Quantity.parse("1024Mi")).isEqualTo(Quantity.parse("1048576Ki"))
        .isEqualTo(Quantity.parse("1073741824")).hasSameHashCodeAs(Quantity.parse("1024Mi"));
    assertThat(gi.amount()).isEqualByComparingTo("1073741824");
  }

  @Test
  void parse_whenDecimalSuffixes_usesPowersOfTen() {
    assertThat(Quantity.parse("1k").amount()).isEqualByComparingTo("1000");
    assertThat(Quantity.parse("2M").amount()).isEqualByComparingTo("2000000");
    assertThat(Quantity.parse("1G")).isNotEqualTo(Quantity.parse("1Gi"));
    assertThat(Quantity.parse("1G").compareTo(Quantity.parse("1Gi"))).isNegative();
  }

  @Test
  void parse_whenFractionalCores_keepsTheExactAmount() {
    Quantity q = Quantity.parse("1.5");

    assertThat(q.isValid()).isTrue();
    assertThat(q.amount()).isEqualByComparingTo("1.5");
    assertThat(q).isEqualTo(Quantity.parse("1500m")).isEqualTo(Quantity.parse(".15e1"));
    assertThat(q.toString()).isEqualTo("1.5");
  }

  @Test
  void parse_whenExponent_scalesByThatPowerOfTen() {
    assertThat(Quantity.parse("1e3")).isEqualTo(Quantity.parse("1000")).isEqualTo(Quantity.parse("1k"));
    assertThat(Quantity.parse("1E3")).isEqualTo(Quantity.parse("1000"));
    assertThat(Quantity.parse("5e-1")).isEqualTo(Quantity.parse("500m"));
    assertThat(Quantity.parse("2e+2").amount()).isEqualByComparingTo("200");
  }

  @Test
  void parse_whenBareYamlNumber_readsTheQuantityItSpells() {
    assertThat(Quantity.parse(1.5)).isEqualTo(Quantity.parse("1.5"));
    assertThat(Quantity.parse(1.5).toString()).isEqualTo("1.5");
    assertThat(Quantity.parse(2.0).toString()).isEqualTo("2");
    assertThat(Quantity.parse(0.25)).isEqualTo(Quantity.parse("250m"));
  }

  @Test
  void parse_whenSurroundedBySpaces_ignoresThem() {
    assertThat(Quantity.parse("  2Gi ")).isEqualTo(Quantity.parse("2Gi"));
    assertThat(Quantity.parse("  2Gi ").toString()).isEqualTo("2Gi");
  }

  @Test
  void parse_whenWritten_keepsTheTextForOutput() {
    assertThat(Quantity.parse("1500m").toString()).isEqualTo("1500m");
    assertThat(Quantity.parse("1024Mi").toString()).isEqualTo("1024Mi");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2GB", "2gi", "1 core", "abc", "Mi", "1.5.1", "--1", "1e", "0x10", "1,5"})
  void parse_whenMalformed_givesInvalidValueThatSaysWhy(String text) {
    Quantity q = Quantity.parse(text);

    assertThat(q.isValid()).isFalse();
    assertThat(q.isPositive()).isFalse();
    assertThat(q.error()).contains("'" + text + "' is not a Kubernetes quantity (examples: 500m, 1.5, 2Gi, 512Mi)");
    assertThat(q.toString()).isEqualTo(text);
  }

  @Test
  void parse_whenEmptyOrNull_givesInvalidValueInsteadOfThrowing() {
    assertThatCode(() -> Quantity.parse((String) null)).doesNotThrowAnyException();
    assertThat(Quantity.parse((String) null).error()).contains("'' is not a Kubernetes quantity (examples: 500m, 1.5, 2Gi, 512Mi)");
    assertThat(Quantity.parse("").isValid()).isFalse();
  }

  @Test
  void equals_whenOneIsMalformed_isNotEqualToAnyValidAmount() {
    assertThat(Quantity.parse("abc")).isNotEqualTo(Quantity.parse("0")).isEqualTo(Quantity.parse("abc"));
    assertThat(Quantity.parse("abc")).isNotEqualTo(Quantity.parse("xyz"));
  }

  @Test
  void compareTo_whenDifferentUnits_ordersByAmount() {
    List<Quantity> sorted = Stream.of("2", "500m", "1.5", "1", "100m").map(Quantity::parse).sorted().toList();

    assertThat(sorted).extracting(Quantity::toString).containsExactly("100m", "500m", "1", "1.5", "2");
    assertThat(Quantity.parse("1000Mi")).isLessThan(Quantity.parse("1Gi"));
  }

  @Test
  void plusAndTimes_whenMixedUnits_addExactAmounts() {
    Quantity sum = Quantity.parse("1").plus(Quantity.parse("500m"));

    assertThat(sum).isEqualTo(Quantity.parse("1.5"));
    assertThat(Quantity.parse("1.5").times(3)).isEqualTo(Quantity.parse("4.5"));
    assertThat(Quantity.parse("3Gi").times(new BigDecimal("0.5"))).isEqualTo(Quantity.parse("1536Mi"));
  }

  @Test
  void isPositive_whenZeroOrMalformed_isFalse() {
    assertThat(Quantity.parse("1m").isPositive()).isTrue();
    assertThat(Quantity.parse("0").isPositive()).isFalse();
    assertThat(Quantity.parse("0Gi").isPositive()).isFalse();
    assertThat(Quantity.parse("x").isPositive()).isFalse();
  }

  @Test
  void cores_whenWholeNumber_printsPlainCores() {
    assertThat(Quantity.cores(new BigDecimal("2")).toString()).isEqualTo("2");
    assertThat(Quantity.cores(new BigDecimal("2.000")).toString()).isEqualTo("2");
    assertThat(Quantity.cores(new BigDecimal("20")).toString()).isEqualTo("20");
  }

  @Test
  void cores_whenFraction_printsMillicoresRoundedUp() {
    assertThat(Quantity.cores(new BigDecimal("1.5")).toString()).isEqualTo("1500m");
    assertThat(Quantity.cores(new BigDecimal("46.5")).toString()).isEqualTo("46500m");
    assertThat(Quantity.cores(new BigDecimal("0.0001")).toString()).isEqualTo("1m");
    assertThat(Quantity.cores(new BigDecimal("1.5"))).isEqualTo(Quantity.parse("1.5"));
  }

  @Test
  void bytes_whenDivisible_usesTheLargestBinaryUnit() {
    assertThat(Quantity.bytes(Quantity.parse("93Gi").amount()).toString()).isEqualTo("93Gi");
    assertThat(Quantity.bytes(Quantity.parse("1.5Gi").amount()).toString()).isEqualTo("1536Mi");
    assertThat(Quantity.bytes(Quantity.parse("1024Ki").amount()).toString()).isEqualTo("1Mi");
    assertThat(Quantity.bytes(Quantity.parse("2Ti").amount()).toString()).isEqualTo("2Ti");
  }

  @Test
  void bytes_atEveryPowerOfTwoAndAroundIt_keepsTheAmountInTheLargestWholeUnit() {
    String[] units = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    for (int shift = 0; shift <= 75; shift++) {
      for (long odd : new long[] {1, 3, 1023, 1025}) {
        BigDecimal amount = BigDecimal.valueOf(odd).multiply(BigDecimal.valueOf(2).pow(shift));
        Quantity q = Quantity.bytes(amount);
        String unit = units[Math.min(6, shift / 10)];
        assertThat(q.amount()).as("%s * 2^%d", odd, shift).isEqualByComparingTo(amount);
        assertThat(q.suffix()).as("%s * 2^%d", odd, shift).isEqualTo(unit);
        assertThat(q.toString()).as("%s * 2^%d", odd, shift)
            .isEqualTo(amount.divide(BigDecimal.valueOf(2).pow(10 * Math.min(6, shift / 10))).toBigInteger() + unit);
      }
    }
  }

  @Test
  void bytes_whenNoBinaryUnitDivides_printsWholeBytesRoundedUp() {
    assertThat(Quantity.bytes(new BigDecimal("1000")).toString()).isEqualTo("1000");
    assertThat(Quantity.bytes(new BigDecimal("1.2")).toString()).isEqualTo("2");
    assertThat(Quantity.bytes(BigDecimal.ZERO).toString()).isEqualTo("0");
  }

  @Test
  void describeCpu_whenOneOrMany_saysCpuOrCpus() {
    assertThat(Quantity.parse("1").describeCpu()).isEqualTo("1 CPU");
    assertThat(Quantity.parse("1000m").describeCpu()).isEqualTo("1 CPU");
    assertThat(Quantity.parse("46.5").describeCpu()).isEqualTo("46.5 CPUs");
    assertThat(Quantity.parse("250m").describeCpu()).isEqualTo("0.25 CPUs");
    assertThat(Quantity.parse("20").describeCpu()).isEqualTo("20 CPUs");
  }

  @Test
  void describeBytes_whenAmountGiven_usesLargestUnitWithOneDecimalRoundedUp() {
    assertThat(Quantity.parse("93Gi").describeBytes()).isEqualTo("93Gi");
    assertThat(Quantity.parse("1536Mi").describeBytes()).isEqualTo("1.5Gi");
    assertThat(Quantity.parse("1000Mi").describeBytes()).isEqualTo("1000Mi");
    assertThat(Quantity.parse("1025Mi").describeBytes()).isEqualTo("1.1Gi");
    assertThat(Quantity.parse("64Gi").describeBytes()).isEqualTo("64Gi");
    assertThat(Quantity.parse("100").describeBytes()).isEqualTo("100");
  }

  @Test
  void limitFor_whenNoLimitWritten_doublesCpuAndKeepsMemory() {
    assertThat(Defaults.limitFor(Quantity.parse("1.5"), true).toString()).isEqualTo("3");
    assertThat(Defaults.limitFor(Quantity.parse("250m"), true).toString()).isEqualTo("500m");
    assertThat(Defaults.limitFor(Quantity.parse("3Gi"), false).toString()).isEqualTo("3Gi");
    assertThat(Defaults.limitFor(Quantity.parse("512Mi"), false)).isEqualTo(Quantity.parse("512Mi"));
  }

  @Test
  void parse_whenExponentDoesNotFitAnInt_isInvalidInsteadOfThrowing() {
    Quantity q = Quantity.parse("1e99999999999");

    org.assertj.core.api.Assertions.assertThat(q.isValid()).isFalse();
    org.assertj.core.api.Assertions.assertThat(q.error()).hasValueSatisfying(e ->
        org.assertj.core.api.Assertions.assertThat(e).contains("out of range"));
  }
}
