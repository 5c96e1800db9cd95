package io.agentfleet.generate.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One file of the tree: either Kubernetes documents in a fixed order, or plain text (docs, scripts). */
public record ManifestFile(String path, List<Document> documents, Optional<String> text) {
  public ManifestFile {
    Objects.requireNonNull(path, "path");
    if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
      throw new IllegalArgumentException("tree paths are relative, with '/': " + path);
    }
    documents = List.copyOf(documents);
  }

  public static ManifestFile yaml(String path, List<Document> documents) {
    return new ManifestFile(path, documents, Optional.empty());
  }

  public static ManifestFile text(String path, String text) {
    return new ManifestFile(path, List.of(), Optional.of(text));
  }

  public boolean isYaml() {
    return text.isEmpty();
  }
}
