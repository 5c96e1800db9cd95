package io.agentfleet.generate.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One Kubernetes object of the tree, with an optional comment written above it for reviewers (why a field has the
 * value it has) and source notes written after single values (where the value came from: {@code /spec/minReplicas}
 * → {@code subAgents[s1].replicas}). Paths are JSON pointers into the rendered object. Comments and notes never carry
 * dates or anything that changes between runs.
 *
 * <p>A document holds its object, or, once its tree has been decorated ({@link ManifestTree#freeze}), only the JSON
 * tree that is written of it: a fabric8 object weighs about twice its JSON tree, and a large fleet's tree need not hold
 * both. {@link #resource()} of such a document reads the object back from that tree, a new one at each call, equal in
 * what it writes (objects in a tree are never changed, so nothing can tell them apart but identity).
 */
public final class Document {
  private final HasMetadata resource;
  private final ObjectNode json;
  private final Class<? extends HasMetadata> type;
  private final String comment;
  private final SortedMap<String, String> notes;

  public Document(HasMetadata resource, String comment, SortedMap<String, String> notes) {
    this(Objects.requireNonNull(resource, "resource"), null, resource.getClass(), comment, cleanNotes(notes));
  }

  private Document(HasMetadata resource, ObjectNode json, Class<? extends HasMetadata> type, String comment,
      SortedMap<String, String> notes) {
    this.resource = resource;
    this.json = json;
    this.type = type;
    this.comment = comment == null ? "" : comment.strip();
    this.notes = notes;
  }

  private static SortedMap<String, String> cleanNotes(SortedMap<String, String> notes) {
    return withNotes(new TreeMap<>(), notes);
  }

  /**
   * {@code clean}, notes already checked and cleaned, with {@code more} checked, cleaned and put over them (an empty
   * note removes one), as the unmodifiable notes of a document. Each note is cleaned once, when it is added.
   */
  private static SortedMap<String, String> withNotes(TreeMap<String, String> clean, Map<String, String> more) {
    if (more != null) {
      more.forEach((path, note) -> {
        if (!path.startsWith("/")) {
          throw new IllegalArgumentException("a note's path is a JSON pointer starting with '/': " + path);
        }
        String text = note == null ? "" : clean(note);
        if (text.isEmpty()) {
          clean.remove(path);
        } else {
          clean.put(path, text);
        }
      });
    }
    return NoteMap.of(clean);
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

  /**
   * This document as its JSON tree {@code json} alone (what {@link YamlRenderer#toTree} made of its object), with the
   * same comment and notes.
   */
  Document frozen(ObjectNode json) {
    return new Document(null, Objects.requireNonNull(json, "json"), type, comment, notes);
  }

  /** The JSON tree of a frozen document, else null (the tree makes it, {@link ManifestTree#json(Document)}). */
  ObjectNode frozenJson() {
    return json;
  }

  /** The object; for a frozen document, one read back from its JSON tree. */
  public HasMetadata resource() {
    return resource != null ? resource : YamlRenderer.fromTree(json, type);
  }

  public String comment() {
    return comment;
  }

  public SortedMap<String, String> notes() {
    return notes;
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
    return new Document(resource, json, type, comment, withNotes(new TreeMap<>(notes), more));
  }

  /** The same comment and notes over another version of the object (what a decorator made of it). */
  public Document withResource(HasMetadata changed) {
    return new Document(Objects.requireNonNull(changed, "resource"), null, changed.getClass(), comment, notes);
  }

  /** {@code Kind/name}, as messages and reports name an object. */
  public String id() {
    if (resource != null) {
      return resource.getKind() + "/" + resource.getMetadata().getName();
    }
    return json.path("kind").asText() + "/" + json.path("metadata").path("name").asText();
  }

  /** Equal when they write the same: the same object (or JSON tree of it), comment and notes. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Document d) || !comment.equals(d.comment) || !notes.equals(d.notes)) {
      return false;
    }
    if (resource != null && d.resource != null) {
      return resource.equals(d.resource);
    }
    return type == d.type && asJson().equals(d.asJson());
  }

  @Override
  public int hashCode() {
    // What equal documents share without converting anything (an object and its frozen JSON tree are equal).
    return Objects.hash(type, comment, notes);
  }

  @Override
  public String toString() {
    return "Document[" + id() + (resource == null ? ", frozen" : "") + ", comment=" + comment + ", notes=" + notes
        + "]";
  }

  private ObjectNode asJson() {
    return json != null ? json : YamlRenderer.toTree(resource);
  }
}
