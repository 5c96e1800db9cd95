package io.agentfleet.generate.spi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One Kubernetes object of the tree, with an optional comment written above it for reviewers (why a field has the
 * value it has). Comments never carry dates or anything that changes between runs.
 */
public record Document(HasMetadata resource, String comment) {
  public Document {
    Objects.requireNonNull(resource, "resource");
    comment = comment == null ? "" : comment.strip();
  }

  public static Document of(HasMetadata resource) {
    return new Document(resource, "");
  }

  public static Document of(HasMetadata resource, String comment) {
    return new Document(resource, comment);
  }

  /** {@code Kind/name}, as messages and reports name an object. */
  public String id() {
    return resource.getKind() + "/" + resource.getMetadata().getName();
  }
}
