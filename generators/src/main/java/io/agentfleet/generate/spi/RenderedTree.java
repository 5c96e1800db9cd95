package io.agentfleet.generate.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The tree as the bytes that will be written: relative path → UTF-8 text with LF line ends, sorted by path. */
public final class RenderedTree {
  private final SortedMap<String, String> files;

  public RenderedTree(SortedMap<String, String> files) {
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /** Renders every file of a manifest tree with the shared serializer. */
  public static RenderedTree of(ManifestTree tree) {
    SortedMap<String, String> out = new TreeMap<>();
    tree.files().forEach((path, file) ->
        out.put(path, file.isYaml() ? YamlRenderer.render(file.documents()) : file.text().orElseThrow()));
    return new RenderedTree(out);
  }

  public SortedMap<String, String> files() {
    return files;
  }

  public byte[] bytes(String path) {
    return files.get(path).getBytes(StandardCharsets.UTF_8);
  }

  /** The Kubernetes documents of every YAML file, parsed back from the rendered text. */
  public SortedMap<String, List<JsonNode>> documents() {
    SortedMap<String, List<JsonNode>> docs = new TreeMap<>();
    files.forEach((path, text) -> {
      if (isManifest(path)) {
        docs.put(path, YamlRenderer.parse(text));
      }
    });
    return docs;
  }

  /**
   * True for files Kubernetes (or Argo CD) applies: YAML outside {@code .github/}, not a kustomization and not the
   * GitHub Actions workflow kept in {@code ci-cd/github-actions.yaml}.
   */
  public static boolean isManifest(String path) {
    return (path.endsWith(".yaml") || path.endsWith(".yml")) && !path.startsWith(".github/")
        && !path.endsWith("kustomization.yaml") && !path.endsWith("github-actions.yaml");
  }
}
