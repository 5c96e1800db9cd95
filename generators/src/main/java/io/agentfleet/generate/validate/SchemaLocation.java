package io.agentfleet.generate.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where schemas come from, as {@code agentfleet.schemaLocation} says: blank for kubeconform's public defaults, a folder
 * (or base URL) laid out like {@code ../shared/schemas}, or comma-separated kubeconform templates.
 */
record SchemaLocation(List<SchemaTemplate> templates, Path cacheDir) {
  /** kubeconform's default Kubernetes schemas (a strict-schema fork of kubernetes-json-schema). */
  static final String KUBERNETES_DEFAULT = "https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/"
      + "{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json";
  /** The CRD catalog kubeconform's documentation points at. */
  static final String CRDS_DEFAULT =
      "https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json";
  /** How a schema folder is laid out below its root, as in {@code ../shared/schemas}. */
  static final String KUBERNETES_LAYOUT =
      "/kubernetes/{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json";
  static final String CRDS_LAYOUT = "/crds/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json";

  SchemaLocation {
    templates = List.copyOf(templates);
  }

  /** Parses a location string; {@code cacheDir} null means {@code ~/.cache/agentfleet/schemas}. */
  static SchemaLocation parse(String location, Path cacheDir) {
    List<SchemaTemplate> templates = new ArrayList<>();
    if (location == null || location.isBlank()) {
      templates.add(new SchemaTemplate(KUBERNETES_DEFAULT));
      templates.add(new SchemaTemplate(CRDS_DEFAULT));
    } else {
      for (String part : location.split(",")) {
        String p = part.trim();
        if (p.equals("default")) {
          templates.add(new SchemaTemplate(KUBERNETES_DEFAULT));
        } else if (p.contains("{{")) {
          templates.add(new SchemaTemplate(p));
        } else if (!p.isEmpty()) {
          String base = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
          templates.add(new SchemaTemplate(base + KUBERNETES_LAYOUT));
          templates.add(new SchemaTemplate(base + CRDS_LAYOUT));
        }
      }
    }
    return new SchemaLocation(templates, cacheDir != null ? cacheDir : defaultCacheDir());
  }

  /** {@code ~/.cache/agentfleet/schemas}. */
  static Path defaultCacheDir() {
    return Path.of(System.getProperty("user.home"), ".cache", "agentfleet", "schemas");
  }
}
