package io.agentfleet.generate.spi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One Kubernetes object of the tree, with an optional comment written above it for reviewers (why a field has the
 * value it has) and source notes written after single values (where the value came from: {@code /spec/minReplicas}
 * → {@code subAgents[s1].replicas}). Paths are JSON pointers into the rendered object. Comments and notes never carry
 * dates or anything that changes between runs.
 */
public record Document(HasMetadata resource, String comment, SortedMap<String, String> notes) {
  public Document {
    Objects.requireNonNull(resource, "resource");
    comment = comment == null ? "" : comment.strip();
    SortedMap<String, String> clean = new TreeMap<>();
    if (notes != null) {
      notes.forEach((path, note) -> {
        if (!path.startsWith("/")) {
          throw new IllegalArgumentException("a note's path is a JSON pointer starting with '/': " + path);
        }
        String text = note == null ? "" : clean(note);
        if (!text.isEmpty()) {
          clean.put(path, text);
        }
      });
    }
    notes = Collections.unmodifiableSortedMap(clean);
  }

  /** A note on one line: runs of whitespace as one space, none at either end (a clean note is kept as it is). */
  private static String clean(String note) {
    int n = note.length();
    boolean clean = n == 0 || (note.charAt(0) != ' ' && note.charAt(n - 1) != ' ');
    for (int i = 0; clean && i < n; i++) {
      char c = note.charAt(i);
      clean = c != ' ' ? !Character.isWhitespace(c) : note.charAt(i + 1) != ' ';
    }
    return clean ? note : note.replaceAll("\\s+", " ").strip();
  }

  public Document(HasMetadata resource, String comment) {
    this(resource, comment, null);
  }

  public static Document of(HasMetadata resource) {
    return new Document(resource, "");
  }

  public static Document of(HasMetadata resource, String comment) {
    return new Document(resource, comment);
  }

  /**
   * This document with a source note on the value at {@code pointer} (a JSON pointer such as
   * {@code /spec/metrics/0/resource/target/averageUtilization}); an empty note adds nothing.
   */
  public Document note(String pointer, String note) {
    return notes(Map.of(pointer, note == null ? "" : note));
  }

  /** This document with more source notes; a later note on the same path replaces the earlier one. */
  public Document notes(Map<String, String> more) {
    SortedMap<String, String> all = new TreeMap<>(notes);
    all.putAll(more);
    return new Document(resource, comment, all);
  }

  /** The same comment and notes over another version of the object (what a decorator made of it). */
  public Document withResource(HasMetadata changed) {
    return new Document(changed, comment, notes);
  }

  /** {@code Kind/name}, as messages and reports name an object. */
  public String id() {
    return resource.getKind() + "/" + resource.getMetadata().getName();
  }
}
