package io.agentfleet.generate.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.YamlRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two rendered trees object by object (keyed by {@link ObjectKey}) and the remaining files by text, then
 * raises the {@link Flag}s a reviewer must look at.
 */
public final class ObjectDiff {
  private ObjectDiff() {}

  /** What changes from {@code base} to {@code head}; the labels name the two sides in the report. */
  public static TreeChanges compare(RenderedTree base, RenderedTree head, String baseLabel, String headLabel) {
    Side before = Side.of(base);
    Side after = Side.of(head);
    List<ObjectChange> objects = new ArrayList<>();
    TreeSet<ObjectKey> keys = new TreeSet<>(before.objects.keySet());
    keys.addAll(after.objects.keySet());
    for (ObjectKey key : keys) {
      Located a = before.objects.get(key);
      Located b = after.objects.get(key);
      if (a == null) {
        objects.add(new ObjectChange(ObjectChange.Status.ADDED, key, b.file, List.of()));
      } else if (b == null) {
        objects.add(new ObjectChange(ObjectChange.Status.REMOVED, key, a.file, List.of()));
      } else {
        List<FieldChange> fields = new ArrayList<>(FieldDiff.of(a.doc, b.doc));
        if (!a.file.equals(b.file)) {
          fields.add(0, new FieldChange("(file)", Optional.of(a.file), Optional.of(b.file)));
        }
        if (!fields.isEmpty()) {
          objects.add(new ObjectChange(ObjectChange.Status.CHANGED, key, b.file, fields));
        }
      }
    }
    List<FileChange> files = files(base, head, before, after);
    List<MatrixCell> cells = Flags.matrix(objects, before, after);
    List<Flag> flags = Flags.raise(objects, before, after, cells);
    return new TreeChanges(baseLabel, headLabel, objects, files, flags, cells);
  }

  private static List<FileChange> files(RenderedTree base, RenderedTree head, Side before, Side after) {
    List<FileChange> out = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(base.files().keySet());
    paths.addAll(head.files().keySet());
    for (String path : paths) {
      String a = base.files().get(path);
      String b = head.files().get(path);
      if (Objects.equals(a, b)) {
        continue;
      }
      boolean objectsA = a == null || before.parsed.contains(path);
      boolean objectsB = b == null || after.parsed.contains(path);
      if (objectsA && objectsB) {
        // Compared object by object; the file is listed only when its objects are equal and its comments are not.
        if (a != null && b != null && before.docsOf(path).equals(after.docsOf(path))) {
          int[] n = lines(a, b);
          out.add(new FileChange(FileChange.Status.COMMENTS, path, n[0], n[1]));
        }
        continue;
      }
      int[] n = lines(a == null ? "" : a, b == null ? "" : b);
      FileChange.Status status = a == null ? FileChange.Status.ADDED
          : b == null ? FileChange.Status.REMOVED : FileChange.Status.CHANGED;
      out.add(new FileChange(status, path, n[0], n[1]));
    }
    return out;
  }

  /** Lines added and removed, counted as multisets of lines (moved lines count as neither). */
  static int[] lines(String a, String b) {
    Map<String, Integer> count = new HashMap<>();
    for (String l : split(a)) {
      count.merge(l, 1, Integer::sum);
    }
    int added = 0;
    for (String l : split(b)) {
      Integer c = count.get(l);
      if (c == null || c == 0) {
        added++;
      } else {
        count.put(l, c - 1);
      }
    }
    int removed = count.values().stream().mapToInt(Integer::intValue).sum();
    return new int[] {added, removed};
  }

  private static List<String> split(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    return List.of((text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1));
  }

  /** A document and the file it was read from. */
  record Located(String file, JsonNode doc) {}

  /** One side of the comparison: its objects by key, and the files read as manifests. */
  static final class Side {
    final SortedMap<ObjectKey, Located> objects = new TreeMap<>();
    final SortedMap<String, List<JsonNode>> documents = new TreeMap<>();
    final TreeSet<String> parsed = new TreeSet<>();

    static Side of(RenderedTree tree) {
      Side side = new Side();
      tree.files().forEach((path, text) -> {
        if (!RenderedTree.isManifest(path)) {
          return;
        }
        List<JsonNode> docs;
        try {
          docs = YamlRenderer.parse(text);
        } catch (RuntimeException e) {
          return; // not readable as Kubernetes YAML: compared as a file
        }
        side.parsed.add(path);
        side.documents.put(path, docs);
        for (JsonNode doc : docs) {
          if (doc != null && doc.isObject()) {
            side.objects.putIfAbsent(ObjectKey.of(doc), new Located(path, doc));
          }
        }
      });
      return side;
    }

    List<JsonNode> docsOf(String path) {
      return documents.getOrDefault(path, List.of());
    }
  }
}
