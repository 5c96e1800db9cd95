package io.agentfleet.generate.core;

import io.agentfleet.generate.Document;
import io.agentfleet.generate.Labels;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SecretsProvider;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secret templates, never values: with External Secrets, an ExternalSecret per Secret the fleet needs; with manual
 * secrets, no object at all (the tree's README lists the {@code kubectl create secret} commands).
 */
final class Secrets {
  private Secrets() {}

  static Optional<List<Document>> documents(Fleet fleet) {
    if (fleet.secrets().provider() != SecretsProvider.EXTERNAL_SECRETS) {
      return Optional.empty();
    }
    String prefix = fleet.secrets().keyPrefix().orElse(fleet.name() + "/");
    String secret = fleet.claude().apiKeySecret();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("refreshInterval", fleet.secrets().refreshInterval().toString());
    spec.put("secretStoreRef", Map.of("kind", "ClusterSecretStore", "name", fleet.secrets().store().orElseThrow()));
    spec.put("target", Map.of("name", secret, "creationPolicy", "Owner"));
    spec.put("data", List.of(Map.of(
        "secretKey", fleet.claude().apiKeyKey(),
        "remoteRef", Map.of("key", prefix + secret, "property", fleet.claude().apiKeyKey()))));
    return Optional.of(List.of(Document.of(new GenericKubernetesResourceBuilder()
        .withApiVersion("external-secrets.io/v1")
        .withKind("ExternalSecret")
        .withMetadata(Labels.meta(fleet, secret, Labels.common(fleet)))
        .withAdditionalProperties(Map.of("spec", spec))
        .build(),
        "The Claude API key, copied by the External Secrets Operator from the store '"
            + fleet.secrets().store().orElseThrow() + "'\n(key " + prefix + secret + ", property "
            + fleet.claude().apiKeyKey() + "). The tree holds no secret value.")));
  }
}
