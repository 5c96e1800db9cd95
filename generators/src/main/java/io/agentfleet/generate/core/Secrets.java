package io.agentfleet.generate.core;

import io.agentfleet.generate.kit.ExternalSecrets;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SecretsProvider;
import java.util.List;
import java.util.Optional;

/**
 * Secret templates, never values: with External Secrets, an ExternalSecret for the Claude API key and for each
 * Secret that {@code env:} variables read (the agents' own Secrets are in their files); with manual
 * secrets, no object at all (the tree's README lists the {@code kubectl create secret} commands).
 */
final class Secrets {
  private Secrets() {}

  static Optional<List<Document>> documents(Fleet fleet) {
    if (fleet.secrets().provider() != SecretsProvider.EXTERNAL_SECRETS) {
      return Optional.empty();
    }
    String secret = fleet.claude().apiKeySecret();
    List<Document> docs = new java.util.ArrayList<>();
    docs.add(Document.of(
        ExternalSecrets.of(fleet, secret, Labels.common(fleet), null, List.of(fleet.claude().apiKeyKey())),
        "The Claude API key, copied by the External Secrets Operator from the store '"
            + fleet.secrets().store().orElseThrow() + "'\n(key " + ExternalSecrets.remoteKey(fleet, secret)
            + ", property " + fleet.claude().apiKeyKey() + "). The tree holds no secret value."));
    io.agentfleet.generate.kit.EnvSecrets.of(fleet).forEach((name, keys) -> docs.add(Document.of(
        ExternalSecrets.of(fleet, name, Labels.common(fleet), null, List.copyOf(keys)),
        "Read by env: variables in fleet.yaml; copied from key " + ExternalSecrets.remoteKey(fleet, name)
            + " of the store.")));
    return Optional.of(docs);
  }
}
