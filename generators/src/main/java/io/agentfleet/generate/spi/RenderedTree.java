package io.agentfleet.generate.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The tree as the bytes that will be written: relative path → UTF-8 text with LF line ends, sorted by path. */
public final class RenderedTree {
  /**
   * The file a written tree keeps of the files agentfleet wrote (so that pruning never removes anything else); not
   * part of the tree itself. Readers of a written tree skip it.
   */
  public static final String INDEX = ".agentfleet-tree";

  private final SortedMap<String, String> files;
  /**
   * The documents of each file rendered from objects: the JSON trees the text was written from, so validation reads
   * them without parsing the text back ({@code YamlEmitterTest} and {@code RenderedDocumentsTest} hold text and
   * trees to each other). Null for a tree read from text.
   */
  private SortedMap<String, List<JsonNode>> rendered;
  /** The documents, made once on first use: every validator checks the same documents. */
  private SortedMap<String, List<JsonNode>> documents;
  private final java.util.Map<String, JsonProcessingException> parseProblems = new java.util.HashMap<>();

  public RenderedTree(SortedMap<String, String> files) {
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  private RenderedTree(SortedMap<String, String> files, SortedMap<String, List<JsonNode>> rendered) {
    this.files = Collections.unmodifiableSortedMap(files);
    this.rendered = rendered;
  }

  /**
   * Renders every file of a manifest tree with the shared serializer, keeping each manifest's JSON trees as its
   * documents.
   */
  public static RenderedTree of(ManifestTree tree) {
    return of(tree, Parallel.none());
  }

  /** As {@link #of(ManifestTree)}, rendering files on the threads of {@code parallel}. */
  public static RenderedTree of(ManifestTree tree, Parallel parallel) {
    return of(tree, parallel, false);
  }

  /**
   * As {@link #of(ManifestTree, Parallel)}; with {@code consume}, the tree is emptied ({@link ManifestTree#clear}) and
   * each file's objects are let go as soon as the file is rendered, so that a large tree is not held as objects,
   * JSON trees and text at once.
   */
  public static RenderedTree of(ManifestTree tree, Parallel parallel, boolean consume) {
    ManifestFile[] files = tree.files().values().toArray(new ManifestFile[0]);
    String[] paths = new String[files.length];
    for (int i = 0; i < files.length; i++) {
      paths[i] = files[i].path();
    }
    if (consume) {
      tree.clear();
    }
    List<java.util.concurrent.Callable<List<JsonNode>>> tasks = new java.util.ArrayList<>();
    String[] texts = new String[files.length];
    YamlEmitter.Styles styles = new YamlEmitter.Styles();
    for (int i = 0; i < files.length; i++) {
      int at = i;
      tasks.add(() -> {
        ManifestFile file = files[at];
        if (consume) {
          files[at] = null;
        }
        if (!file.isYaml()) {
          texts[at] = file.text().orElseThrow();
          return null;
        }
        List<JsonNode> json = new java.util.ArrayList<>(file.documents().size());
        texts[at] = YamlRenderer.render(file.documents(), d -> {
          JsonNode node = tree.takeJson(d);
          json.add(node);
          return node;
        }, styles);
        return json;
      });
    }
    List<List<JsonNode>> made = parallel.all(tasks);
    SortedMap<String, String> out = new TreeMap<>();
    SortedMap<String, List<JsonNode>> docs = new TreeMap<>();
    for (int i = 0; i < files.length; i++) {
      String path = paths[i];
      out.put(path, texts[i]);
      if (made.get(i) != null && isManifest(path)) {
        docs.put(path, List.copyOf(made.get(i)));
      }
    }
    return new RenderedTree(out, docs);
  }

  public SortedMap<String, String> files() {
    return files;
  }

  public byte[] bytes(String path) {
    return files.get(path).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The Kubernetes documents of every YAML file, shared by every reader (treat them as read-only): those the tree was
   * rendered from, else parsed from the text once, on first use.
   */
  public synchronized SortedMap<String, List<JsonNode>> documents() {
    if (documents == null) {
      SortedMap<String, List<JsonNode>> docs = new TreeMap<>();
      // One factory for the whole tree: keys and values repeated across files are held once.
      SharingNodeFactory nodes = new SharingNodeFactory();
      files.forEach((path, text) -> {
        if (rendered != null && rendered.containsKey(path)) {
          docs.put(path, rendered.get(path));
        } else if (isManifest(path)) {
          List<JsonNode> parsed;
          try {
            parsed = YamlRenderer.parseStrict(text, nodes);
          } catch (JsonProcessingException e) {
            parseProblems.put(path, e);
            parsed = YamlRenderer.parse(text);
          }
          docs.put(path, List.copyOf(parsed));
        }
      });
      documents = Collections.unmodifiableSortedMap(docs);
    }
    return documents;
  }

  /**
   * Forgets the parsed documents once every validator has read them; {@link #documents()} parses again if asked. The
   * rendered text, which is what is written, stays.
   */
  public synchronized void releaseDocuments() {
    documents = null;
    rendered = null;
  }

  /**
   * Why the strict parse of a file failed (a key repeated in one mapping), if it did; its documents are then the
   * lenient parse, where the last value of a repeated key wins.
   */
  public synchronized java.util.Optional<JsonProcessingException> parseProblem(String path) {
    documents();
    return java.util.Optional.ofNullable(parseProblems.get(path));
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
