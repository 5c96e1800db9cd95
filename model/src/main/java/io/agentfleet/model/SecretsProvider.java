package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where the fleet's Secrets come from; the generated tree never holds a secret value in either case. */
public enum SecretsProvider {
  /** An operator creates each Secret by hand; the tree's README lists the exact {@code kubectl} commands. */
  MANUAL,
  /** The External Secrets Operator fills each Secret from a (Cluster)SecretStore; the tree holds ExternalSecrets. */
  EXTERNAL_SECRETS;

  @JsonCreator
  public static SecretsProvider parse(String text) {
    return Names.parseEnum(SecretsProvider.class, "secrets provider", text);
  }

  @JsonValue
  @Override
  public String toString() {
    return Names.kebab(this);
  }
}
