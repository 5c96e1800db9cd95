package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of one environment variable in {@code env:}: a plain text ({@code LOG_LEVEL: info}) or a reference to
 * a key of a Secret ({@code GITHUB_TOKEN: { secret: a2-env, key: github-token }}). A secret's value never enters
 * the model; the tree's README lists the Secrets to create.
 */
public final class EnvValue {
  private final String value;
  private final String secret;
  private final String key;

  private EnvValue(String value, String secret, String key) {
    this.value = value;
    this.secret = secret;
    this.key = key;
  }

  /** A plain value, written into the manifest as it is: never a credential. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static EnvValue of(String value) {
    return new EnvValue(value == null ? "" : value, null, null);
  }

  /** A reference to {@code key} of the Secret {@code secret} in the fleet's namespace. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static EnvValue fromSecret(@JsonProperty("secret") String secret, @JsonProperty("key") String key) {
    return new EnvValue(null, secret == null ? "" : secret, key == null ? "" : key);
  }

  /** The plain value, if this is not a Secret reference. */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  /** The Secret's name, if this is a Secret reference. */
  public Optional<String> secret() {
    return Optional.ofNullable(secret);
  }

  /** The key inside the Secret, if this is a Secret reference. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  public boolean isSecret() {
    return secret != null;
  }

  @JsonValue
  Object json() {
    if (value != null) {
      return value;
    }
    Map<String, String> ref = new LinkedHashMap<>();
    ref.put("secret", secret);
    ref.put("key", key);
    return ref;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvValue e && Objects.equals(e.value, value) && Objects.equals(e.secret, secret)
        && Objects.equals(e.key, key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, secret, key);
  }

  @Override
  public String toString() {
    return value != null ? value : "secret " + secret + " key " + key;
  }
}
