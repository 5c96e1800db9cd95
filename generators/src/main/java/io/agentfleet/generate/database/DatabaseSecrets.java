package io.agentfleet.generate.database;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SecretsProvider;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ExternalSecret per role of the plan (basic-auth: username, password), in the style of core/secrets.yaml. */
final class DatabaseSecrets {
  /**
   * The label that makes CloudNativePG watch a Secret it does not own and reload the instances (a managed role's
   * new password, new object-store credentials) when it changes; its value is not read. Verified in
   * cloudnative-pg/cloudnative-pg at a95a534dbe0854495b863bbc1b7651f74d310916: pkg/utils/labels_annotations.go
   * {@code WatchedLabelName = MetadataNamespace + "/reload"}, checked by hasReloadLabelSet in
   * internal/controller/cluster_predicates.go.
   */
  static final String CNPG_RELOAD_LABEL = "cnpg.io/reload";

  private DatabaseSecrets() {}

  /**
   * The Secret the External Secrets Operator writes: a label on the ExternalSecret does not reach it, so in
   * CloudNativePG mode the reload label goes into the target template's metadata.
   */
  private static Map<String, Object> target(Fleet fleet, String secret, String type) {
    Map<String, Object> template = new LinkedHashMap<>();
    if (type != null) {
      template.put("type", type);
    }
    if (fleet.database().mode() == DatabaseMode.CLOUDNATIVE_PG) {
      template.put("metadata", Map.of("labels", Map.of(CNPG_RELOAD_LABEL, "true")));
    }
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("name", secret);
    target.put("creationPolicy", "Owner");
    if (!template.isEmpty()) {
      target.put("template", template);
    }
    return target;
  }

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
      spec.put("target", target(fleet, r.secret(), "kubernetes.io/basic-auth"));
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
      spec.put("target", target(fleet, o.secret(), null));
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
