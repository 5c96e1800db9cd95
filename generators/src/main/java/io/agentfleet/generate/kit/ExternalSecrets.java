package io.agentfleet.generate.kit;

import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ExternalSecret templates ({@code external-secrets.io/v1}): the External Secrets Operator copies properties of one
 * key in the fleet's ClusterSecretStore into a Secret; the tree names where the value lives, never the value.
 */
public final class ExternalSecrets {
  private ExternalSecrets() {}

  /** The store key holding a Secret's values: the fleet's key prefix ({@code <fleet>/} by default) plus its name. */
  public static String remoteKey(Fleet fleet, String secret) {
    return fleet.secrets().keyPrefix().orElse(fleet.name() + "/") + secret;
  }

  /**
   * An ExternalSecret filling Secret {@code secret} (of {@code type}, or Opaque when null) with each of
   * {@code properties}, read from the same-named properties of the store key {@link #remoteKey}.
   */
  public static GenericKubernetesResource of(Fleet fleet, String secret, Map<String, String> labels, String type,
      List<String> properties) {
    return of(fleet, fleet.namespace(), secret, labels, type, properties);
  }

  /** As {@link #of(Fleet, String, Map, String, List)}, for a Secret in another namespace of the tree. */
  public static GenericKubernetesResource of(Fleet fleet, String namespace, String secret, Map<String, String> labels,
      String type, List<String> properties) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("name", secret);
    target.put("creationPolicy", "Owner");
    if (type != null) {
      target.put("template", Map.of("type", type));
    }
    List<Map<String, Object>> data = new ArrayList<>();
    for (String property : properties) {
      data.add(Map.of("secretKey", property,
          "remoteRef", Map.of("key", remoteKey(fleet, secret), "property", property)));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("refreshInterval", fleet.secrets().refreshInterval().toString());
    spec.put("secretStoreRef", Map.of("kind", "ClusterSecretStore", "name", fleet.secrets().store().orElseThrow()));
    spec.put("target", target);
    spec.put("data", data);
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("external-secrets.io/v1")
        .withKind("ExternalSecret")
        .withMetadata(Labels.meta(namespace, secret, labels))
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }
}
