package io.agentfleet.model;

import java.util.regex.Pattern;

/** The value rules every section shares, each adding a field-named problem instead of throwing. */
final class Validation {
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern DNS_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");

  private Validation() {}

  /** A DNS-1123 label of at most {@code max} characters (names are made from it, so the room may be less than 63). */
  static boolean dnsLabel(Problems p, String path, String value, int max) {
    if (value == null || value.isEmpty()) {
      p.add(path, "must not be empty");
    } else if (!DNS_LABEL.matcher(value).matches()) {
      p.add(path, "'" + value + "' is not a DNS-1123 label (lower-case letters, digits and '-', "
          + "starting and ending with a letter or digit)");
    } else if (value.length() > max) {
      p.add(path, "'" + value + "' is " + value.length() + " characters long; at most " + max
          + " fit in the names made from it");
    } else {
      return true;
    }
    return false;
  }

  /** A DNS-1123 subdomain name, as Secret and host names are. */
  static boolean dnsName(Problems p, String path, String value) {
    if (value.isEmpty() || value.length() > 253 || !DNS_NAME.matcher(value).matches()) {
      p.add(path, "'" + value + "' is not a DNS-1123 subdomain name");
      return false;
    }
    return true;
  }

  /** The most cores one container may request or be limited to: more than the largest machines offer. */
  static final java.math.BigDecimal MAX_CONTAINER_CPU = java.math.BigDecimal.valueOf(1000);
  /** The most memory one container may request: 4Ti, more than any node a fleet runs on. */
  static final Quantity MAX_CONTAINER_MEMORY = Quantity.parse("4Ti");
  /** The largest volume: 1Pi, beyond what any storage class provisions as one volume. */
  static final Quantity MAX_VOLUME = Quantity.parse("1Pi");
  /** The largest amount Kubernetes stores: a quantity is kept as a 64-bit integer of base units (bytes, millicores). */
  static final java.math.BigDecimal MAX_INT64 = java.math.BigDecimal.valueOf(Long.MAX_VALUE);

  /**
   * A CPU amount: cores or millicores ({@code 1.5}, {@code 500m}), at least 1m and a whole number of millicores (the
   * finest CPU Kubernetes schedules), at most {@code max} cores.
   */
  static boolean cpu(Problems p, String path, Quantity q, java.math.BigDecimal max, String maxReason) {
    if (!positive(p, path, q)) {
      return false;
    }
    String suffix = q.suffix();
    if (suffix.endsWith("i")) {
      p.add(path, q + " is a byte amount ('" + suffix + "'); CPU is counted in cores or millicores (examples: 1.5, 500m)");
    } else if (q.amount().compareTo(new java.math.BigDecimal("0.001")) < 0) {
      p.add(path, q + " is below 1m, the smallest CPU amount Kubernetes schedules (allowed: 1m to " + max.toPlainString()
          + " cores)");
    } else if (q.amount().movePointRight(3).stripTrailingZeros().scale() > 0) {
      p.add(path, q + " is not a whole number of millicores; Kubernetes counts CPU in steps of 1m");
    } else if (q.amount().compareTo(max) > 0) {
      p.add(path, q + " is above " + max.toPlainString() + " cores, " + maxReason + " (allowed: 1m to "
          + max.toPlainString() + " cores)");
    } else {
      return true;
    }
    return false;
  }

  /** A memory or storage amount: a whole number of bytes greater than zero, at most {@code max}. */
  static boolean bytes(Problems p, String path, Quantity q, Quantity max, String maxReason) {
    if (!positive(p, path, q)) {
      return false;
    }
    if (q.suffix().equals("m")) {
      p.add(path, q + " is " + q.amount().toPlainString() + " bytes ('m' means thousandths); write memory and storage "
          + "in bytes with a binary suffix (examples: 512Mi, 2Gi)");
    } else if (q.amount().stripTrailingZeros().scale() > 0) {
      p.add(path, q + " is not a whole number of bytes (examples: 512Mi, 2Gi)");
    } else if (q.compareTo(max) > 0) {
      p.add(path, q + " is above " + max + ", " + maxReason + " (allowed: 1 byte to " + max + ")");
    } else {
      return true;
    }
    return false;
  }

  /** A whole number within {@code min..max}; the message says the range and why. */
  static boolean range(Problems p, String path, long value, long min, long max, String why) {
    if (value < min || value > max) {
      p.add(path, value + " is outside " + min + ".." + max + " (" + why + ")");
      return false;
    }
    return true;
  }

  /**
   * A URL that carries no credentials: a token or password in a URL ends up in the committed tree, in Argo CD's and
   * Flux's objects and in logs. SSH URLs may name a user without a password ({@code ssh://git@host/…}).
   */
  static boolean noCredentials(Problems p, String path, String url, String where) {
    java.util.regex.Matcher m = CREDENTIALS.matcher(url);
    if (m.find()) {
      String userInfo = m.group(2);
      boolean ssh = m.group(1).equalsIgnoreCase("ssh");
      if (!ssh || userInfo.contains(":")) {
        p.add(path, "must not carry credentials (user:password@ or token@): the tree never holds a secret value; "
            + "put the credentials in " + where);
        return false;
      }
    }
    return true;
  }

  private static final Pattern CREDENTIALS = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#@\\s]*)@");

  /** A well-formed quantity greater than zero. */
  static boolean positive(Problems p, String path, Quantity q) {
    if (!q.isValid()) {
      p.add(path, q.error().orElseThrow());
      return false;
    }
    if (q.amount().signum() <= 0) {
      p.add(path, q + " must be greater than zero");
      return false;
    }
    return true;
  }
}
