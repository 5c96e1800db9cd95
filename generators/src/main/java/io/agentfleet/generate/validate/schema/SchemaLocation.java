package io.agentfleet.generate.validate.schema;

import io.agentfleet.schemas.Schemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where schemas come from, as the schema location setting says: blank (or {@code bundled}) for the schemas shipped in
 * agentfleet-schemas on the classpath; a folder (or base URL) laid out as kubeconform expects ({@code kubernetes/}
 * and {@code crds/}); {@code default} for kubeconform's own default Kubernetes location; or kubeconform templates.
 * Several may be given, comma-separated, and are tried in order.
 */
public record SchemaLocation(List<SchemaTemplate> templates, Path cacheDir) {
  /** The keyword for the schemas agentfleet ships. */
  static final String BUNDLED = "bundled";
  /** The classpath folder of the shipped schemas, as a location. */
  static final String BUNDLED_ROOT = SchemaTemplate.CLASSPATH + Schemas.ROOT.substring(0, Schemas.ROOT.length() - 1);
  /** kubeconform's default Kubernetes schemas (a strict-schema fork of kubernetes-json-schema). */
  static final String KUBERNETES_DEFAULT = "https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/"
      + "{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json";
  /** How a schema folder is laid out below its root, as kubeconform's documentation lays it out. */
  static final String KUBERNETES_LAYOUT =
      "/kubernetes/{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json";
  static final String CRDS_LAYOUT = "/crds/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json";

  public SchemaLocation {
    templates = List.copyOf(templates);
  }

  /** Parses a location string; {@code cacheDir} null means {@code ~/.cache/agentfleet/schemas}. */
  static SchemaLocation parse(String location, Path cacheDir) {
    List<SchemaTemplate> templates = new ArrayList<>();
    if (location == null || location.isBlank()) {
      addFolder(templates, BUNDLED_ROOT);
    } else {
      for (String part : location.split(",")) {
        String p = part.trim();
        if (p.equals(BUNDLED)) {
          addFolder(templates, BUNDLED_ROOT);
        } else if (p.equals("default")) {
          templates.add(new SchemaTemplate(KUBERNETES_DEFAULT));
        } else if (p.contains("{{")) {
          templates.add(new SchemaTemplate(p));
        } else if (!p.isEmpty()) {
          addFolder(templates, p);
        }
      }
    }
    return new SchemaLocation(templates, cacheDir != null ? cacheDir : defaultCacheDir());
  }

  private static void addFolder(List<SchemaTemplate> templates, String folder) {
    String base = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    templates.add(new SchemaTemplate(base + KUBERNETES_LAYOUT));
    templates.add(new SchemaTemplate(base + CRDS_LAYOUT));
  }

  /** {@code ~/.cache/agentfleet/schemas}. */
  static Path defaultCacheDir() {
    return Path.of(System.getProperty("user.home"), ".cache", "agentfleet", "schemas");
  }
}
