package io.agentfleet.compose;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a Compose environment variable holds a credential, by its name or by its value, and takes
 * credentials out of URLs. It errs towards "secret": a setting wrongly kept out of fleet.yaml costs one line in a
 * Secret, a credential wrongly copied into it is published with the repository.
 */
final class Credentials {
  /** Words of a variable's name that mark it as a credential ({@code GITHUB_TOKEN}, {@code Jwt__SigningKey}). */
  private static final Set<String> SECRET_WORDS = Set.of("KEY", "KEYS", "APIKEY", "TOKEN", "TOKENS", "SECRET",
      "SECRETS", "PASSWORD", "PASSWORDS", "PASSWD", "PASS", "PWD", "CREDENTIAL", "CREDENTIALS", "AUTH", "PRIVATE",
      "SALT", "DSN");
  /** {@code scheme://user:password@host…} or {@code scheme://token@host…}. */
  private static final Pattern URL_USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s]+)@(.+)$");
  private static final Pattern KNOWN_TOKEN = Pattern.compile(
      "(sk-ant-|sk-[A-Za-z0-9]{16}|gh[pousr]_[A-Za-z0-9]{20}|github_pat_|glpat-|xox[abprs]-|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{20}"
          + "|-----BEGIN|eyJ[A-Za-z0-9_-]{8,}\\.eyJ)");
  private static final Pattern CONNECTION_PASSWORD = Pattern.compile("(?i)(^|[;\\s])(password|pwd)\\s*=\\s*[^;\\s]");
  private static final Pattern RANDOM_LOOKING = Pattern.compile("^[A-Za-z0-9+/=_.~-]{24,}$");

  private Credentials() {}

  /** True when the name says the value is a credential. */
  static boolean secretName(String name) {
    String words = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    return Arrays.stream(words.split("[^A-Z0-9]+")).anyMatch(SECRET_WORDS::contains);
  }

  /** Why the value looks like a credential, if it does. */
  static Optional<String> credentialIn(String value) {
    Matcher url = URL_USERINFO.matcher(value.trim());
    if (url.matches() && (url.group(2).contains(":") || randomLooking(url.group(2), 16))) {
      return Optional.of("a URL with credentials (user:password@)");
    }
    if (KNOWN_TOKEN.matcher(value).find()) {
      return Optional.of("a value shaped like an API token or key");
    }
    if (CONNECTION_PASSWORD.matcher(value).find()) {
      return Optional.of("a connection string with a password");
    }
    if (randomLooking(value, 24)) {
      return Optional.of("a long random-looking value");
    }
    return Optional.empty();
  }

  /** The URL without its user-info, if it has any: {@code https://user:token@host/x} → {@code https://host/x}. */
  static Optional<String> withoutCredentials(String url) {
    Matcher m = URL_USERINFO.matcher(url.trim());
    return m.matches() ? Optional.of(m.group(1) + m.group(3)) : Optional.empty();
  }

  /** Letters and digits mixed, no spaces, at least {@code min} characters, and varied enough to be random. */
  private static boolean randomLooking(String value, int min) {
    String v = value.trim();
    if (v.length() < min || !RANDOM_LOOKING.matcher(v).matches() || v.startsWith("/") || v.contains("://")) {
      return false;
    }
    boolean letters = v.chars().anyMatch(Character::isLetter);
    boolean digits = v.chars().anyMatch(Character::isDigit);
    return letters && digits && entropy(v) >= 3.5;
  }

  /** Shannon entropy in bits per character. */
  private static double entropy(String s) {
    int[] counts = new int[128];
    int other = 0;
    for (char c : s.toCharArray()) {
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0;
    for (int n : counts) {
      if (n > 0) {
        double p = (double) n / s.length();
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    return other > 0 ? h + 1 : h;
  }
}
