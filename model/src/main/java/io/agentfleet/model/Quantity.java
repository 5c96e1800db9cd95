package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 1500m}, {@code 1.5}, {@code 3Gi}), parsed into an exact decimal amount
 * of base units (cores or bytes) so that quantities compare and add up. The text as written is kept for output.
 *
 * <p>A text that is not a quantity still makes a value, one that {@link #isValid() is not valid} and says why:
 * reading a fleet reports every such value at once instead of stopping at the first.
 */
public final class Quantity implements Comparable<Quantity> {
  private static final Pattern FORMAT =
      Pattern.compile("^([+-]?[0-9]+(?:\\.[0-9]*)?|[+-]?\\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("m", new BigDecimal("0.001")),
      Map.entry("k", BigDecimal.TEN.pow(3)),
      Map.entry("M", BigDecimal.TEN.pow(6)),
      Map.entry("G", BigDecimal.TEN.pow(9)),
      Map.entry("T", BigDecimal.TEN.pow(12)),
      Map.entry("P", BigDecimal.TEN.pow(15)),
      Map.entry("E", BigDecimal.TEN.pow(18)),
      Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
      Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
      Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
      Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
      Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
      Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));
  private static final String[] BINARY = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};

  private final String text;
  private final BigDecimal amount;
  private final String error;

  private Quantity(String text, BigDecimal amount, String error) {
    this.text = text;
    this.amount = amount;
    this.error = error;
  }

  /** Parses a quantity; a malformed text gives an invalid value (see {@link #error()}), never an exception. */
  @JsonCreator
  public static Quantity parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    Matcher m = FORMAT.matcher(trimmed);
    if (!m.matches()) {
      return new Quantity(trimmed, BigDecimal.ZERO,
          "'" + trimmed + "' is not a Kubernetes quantity (examples: 500m, 1.5, 2Gi, 512Mi)");
    }
    BigDecimal number = new BigDecimal(m.group(1).replace("+", ""));
    // The length check first: an exponent such as 1e99999999999 does not fit in an int.
    if (m.group(3) != null && (m.group(3).replaceFirst("^[+-]?0*", "").length() > 2
        || Math.abs(Integer.parseInt(m.group(3))) > 30)) {
      return new Quantity(trimmed, BigDecimal.ZERO, "'" + trimmed + "' is out of range for a Kubernetes quantity");
    }
    BigDecimal amount;
    if (m.group(2) != null) {
      amount = number.multiply(SUFFIXES.get(m.group(2)));
    } else if (m.group(3) != null) {
      amount = number.scaleByPowerOfTen(Integer.parseInt(m.group(3)));
    } else {
      amount = number;
    }
    return new Quantity(trimmed, amount.stripTrailingZeros(), null);
  }

  /** Reads a bare YAML number such as {@code cpu: 1.5} as the quantity it spells. */
  @JsonCreator
  public static Quantity parse(double number) {
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      return new Quantity(Double.toString(number), BigDecimal.ZERO, "'" + number + "' is not a Kubernetes quantity");
    }
    return parse(BigDecimal.valueOf(number).stripTrailingZeros().toPlainString());
  }

  /** CPU cores as Kubernetes prints them canonically: whole cores plain, otherwise millicores. */
  public static Quantity cores(BigDecimal cores) {
    BigDecimal c = cores.stripTrailingZeros();
    if (c.scale() <= 0) {
      return parse(c.toBigInteger().toString());
    }
    BigDecimal milli = c.movePointRight(3).setScale(0, RoundingMode.CEILING);
    return parse(milli.toPlainString() + "m");
  }

  /** Bytes in the largest binary unit that divides them evenly ({@code 93Gi}, {@code 1536Mi}). */
  public static Quantity bytes(BigDecimal bytes) {
    BigDecimal b = bytes.setScale(0, RoundingMode.CEILING);
    if (b.signum() > 0 && b.unscaledValue().bitLength() < 63) {
      // Plans and default limits call this per sub-agent. In a long, the largest unit that divides the amount is
      // 1024 to the power of its trailing zero bits / 10 (BINARY runs from Ei, the sixth power, down to Ki).
      long v = b.longValueExact();
      int power = Math.min(BINARY.length, Long.numberOfTrailingZeros(v) / 10);
      return parse(power == 0 ? Long.toString(v) : (v >> (10 * power)) + BINARY[BINARY.length - power]);
    }
    for (String suffix : BINARY) {
      BigDecimal[] qr = b.divideAndRemainder(SUFFIXES.get(suffix));
      if (qr[1].signum() == 0 && qr[0].signum() > 0) {
        return parse(qr[0].toBigInteger() + suffix);
      }
    }
    return parse(b.toBigInteger().toString());
  }

  /** The suffix as written ({@code Gi}, {@code m}, {@code e3}), or empty for a plain number or a computed amount. */
  public String suffix() {
    if (text == null || error != null) {
      return "";
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return "";
    }
    return m.group(2) != null ? m.group(2) : m.group(3) != null ? "e" + m.group(3) : "";
  }

  public boolean isValid() {
    return error == null;
  }

  /** Why the text is not a quantity, if it is not one. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The amount in base units: cores for CPU, bytes for memory and storage. */
  public BigDecimal amount() {
    return amount;
  }

  public boolean isPositive() {
    return isValid() && amount.signum() > 0;
  }

  public Quantity plus(Quantity other) {
    return new Quantity(null, amount.add(other.amount).stripTrailingZeros(), null);
  }

  public Quantity times(long factor) {
    return new Quantity(null, amount.multiply(BigDecimal.valueOf(factor)).stripTrailingZeros(), null);
  }

  public Quantity times(BigDecimal factor) {
    return new Quantity(null, amount.multiply(factor).stripTrailingZeros(), null);
  }

  /** A CPU amount for people: {@code 46.5 CPUs}. */
  public String describeCpu() {
    String n = amount.setScale(3, RoundingMode.CEILING).stripTrailingZeros().toPlainString();
    return n + (amount.compareTo(BigDecimal.ONE) == 0 ? " CPU" : " CPUs");
  }

  /** A memory amount for people, in the largest binary unit with at most one decimal: {@code 93Gi}. */
  public String describeBytes() {
    return describeBytes(amount);
  }

  /** {@link #describeBytes()} of an amount of bytes, without making a quantity of it first. */
  public static String describeBytes(BigDecimal amount) {
    for (String suffix : BINARY) {
      BigDecimal unit = SUFFIXES.get(suffix);
      if (amount.compareTo(unit) >= 0) {
        return amount.divide(unit, 1, RoundingMode.CEILING).stripTrailingZeros().toPlainString() + suffix;
      }
    }
    return amount.toPlainString();
  }

  /** The text as written, or the canonical form of a computed amount. */
  @JsonValue
  @Override
  public String toString() {
    if (text != null) {
      return text;
    }
    return amount.scale() <= 0 ? amount.toBigInteger().toString() : amount.toPlainString();
  }

  @Override
  public int compareTo(Quantity other) {
    return amount.compareTo(other.amount);
  }

  /** Two quantities are equal when they are the same amount, whatever their spelling ({@code 1} = {@code 1000m}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && Optional.ofNullable(error).equals(Optional.ofNullable(q.error))
        && (error != null ? text.equals(q.text) : amount.compareTo(q.amount) == 0);
  }

  @Override
  public int hashCode() {
    return error != null ? text.hashCode() : amount.stripTrailingZeros().hashCode();
  }
}
