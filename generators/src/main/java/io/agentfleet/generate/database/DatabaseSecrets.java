package io.agentfleet.generate.database;

import io.agentfleet.generate.Document;
import io.agentfleet.generate.Labels;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SecretsProvider;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ExternalSecret per role of the plan (basic-auth: username, password), in the style of core/secrets.yaml. */
final class DatabaseSecrets {
  private DatabaseSecrets() {}

  static List<Document> documents(Fleet fleet, SqlPlan plan) {
    if (fleet.secrets().provider() != SecretsProvider.EXTERNAL_SECRETS) {
      return List.of();
    }
    String prefix = fleet.secrets().keyPrefix().orElse(fleet.name() + "/");
    String store = fleet.secrets().store().orElseThrow();
    List<Document> docs = new ArrayList<>();
    for (SqlPlan.Role r : plan.roles()) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("refreshInterval", fleet.secrets().refreshInterval().toString());
      spec.put("secretStoreRef", Map.of("kind", "ClusterSecretStore", "name", store));
      spec.put("target", Map.of("name", r.secret(), "creationPolicy", "Owner",
          "template", Map.of("type", "kubernetes.io/basic-auth")));
      spec.put("data", List.of(
          Map.of("secretKey", "username", "remoteRef", Map.of("key", prefix + r.secret(), "property", "username")),
          Map.of("secretKey", "password", "remoteRef", Map.of("key", prefix + r.secret(), "property", "password"))));
      docs.add(Document.of(new GenericKubernetesResourceBuilder()
          .withApiVersion("external-secrets.io/v1")
          .withKind("ExternalSecret")
          .withMetadata(Labels.meta(fleet, r.secret(), DatabaseNames.labels(fleet)))
          .withAdditionalProperties(Map.of("spec", spec))
          .build(),
          "PostgreSQL role " + r.name() + " (" + r.comment() + "): key " + prefix + r.secret()
              + ", properties username (must be " + r.name() + ") and password."));
    }
    fleet.database().backups().objectStore().filter(o -> fleet.database().barman()).ifPresent(o -> {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("refreshInterval", fleet.secrets().refreshInterval().toString());
      spec.put("secretStoreRef", Map.of("kind", "ClusterSecretStore", "name", store));
      spec.put("target", Map.of("name", o.secret(), "creationPolicy", "Owner"));
      spec.put("data", List.of(
          Map.of("secretKey", "ACCESS_KEY_ID", "remoteRef", Map.of("key", prefix + o.secret(), "property", "ACCESS_KEY_ID")),
          Map.of("secretKey", "ACCESS_SECRET_KEY",
              "remoteRef", Map.of("key", prefix + o.secret(), "property", "ACCESS_SECRET_KEY"))));
      docs.add(Document.of(new GenericKubernetesResourceBuilder()
          .withApiVersion("external-secrets.io/v1")
          .withKind("ExternalSecret")
          .withMetadata(Labels.meta(fleet, o.secret(), DatabaseNames.labels(fleet)))
          .withAdditionalProperties(Map.of("spec", spec))
          .build(),
          "Object store credentials of the Barman Cloud plugin: key " + prefix + o.secret()
              + ", properties ACCESS_KEY_ID and ACCESS_SECRET_KEY."));
    });
    return docs;
  }
}
