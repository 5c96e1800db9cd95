package io.agentfleet.generate.validate.schema;

import java.util.Locale;
import java.util.Map;

/** A document's apiVersion and kind, with the variables kubeconform fills its schema location templates with. */
public record ResourceType(String apiVersion, String kind) {

  /** The API group, empty for the core group. */
  String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The template variables exactly as kubeconform's {@code schemaPath} computes them. */
  Map<String, String> templateValues(String normalizedKubernetesVersion) {
    String[] groupParts = apiVersion.split("/", -1);
    String[] versionParts = groupParts[0].split("\\.", -1);
    String kindSuffix = "-" + versionParts[0].toLowerCase(Locale.ROOT);
    if (groupParts.length > 1) {
      kindSuffix += "-" + groupParts[1].toLowerCase(Locale.ROOT);
    }
    return Map.of(
        "NormalizedKubernetesVersion", normalizedKubernetesVersion,
        "StrictSuffix", "-strict",
        "ResourceKind", kind.toLowerCase(Locale.ROOT),
        "ResourceAPIVersion", groupParts[groupParts.length - 1],
        "Group", groupParts[0],
        "KindSuffix", kindSuffix);
  }

  /** How messages name it: {@code VerticalPodAutoscaler autoscaling.k8s.io/v1}. */
  @Override
  public String toString() {
    return kind + " " + apiVersion;
  }

  /** kubeconform's version normalisation: {@code 1.34} and {@code v1.34} become {@code v1.34.0}; blank is master. */
  static String normalizeVersion(String kubernetesVersion) {
    if (kubernetesVersion == null || kubernetesVersion.isBlank()) {
      return "master";
    }
    String v = kubernetesVersion.trim();
    if (v.equals("master")) {
      return v;
    }
    if (v.startsWith("v")) {
      v = v.substring(1);
    }
    return "v" + (v.chars().filter(c -> c == '.').count() == 1 ? v + ".0" : v);
  }
}
