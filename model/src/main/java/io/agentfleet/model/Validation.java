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
