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

  /** Every file's text; null while the tree's YAML files are left to render ({@link #deferred}). */
  private SortedMap<String, String> files;
  /** Of a deferred tree: every path, sorted; the text of each once known; the files still to render. */
  private String[] paths;
  private String[] texts;
  private ManifestFile[] pending;
  /** The styles of the texts {@link #bytes} rendered, kept for the next: a deferred tree's files share them. */
  private YamlEmitter.Styles styles;
  /**
   * Of a deferred tree written file by file: the bytes {@link #renderAhead} made of files the writer has not asked
   * for yet, by index, each let go once {@link #bytes} takes it; which files are being made; the last file the
   * writer asked for; whether rendering ahead is to stop.
   */
  private byte[][] ahead;
  private boolean[] makingAhead;
  private int lastAsked = -1;
  private boolean stopAhead;

  /** How many files {@link #renderAhead} goes beyond the last one asked for: a few MB of text at most. */
  private static final int AHEAD = 256;
  /**
   * The documents of each file made from objects: the JSON trees its text is written from, so validation reads them
   * without parsing any text back ({@code YamlEmitterTest} and {@code RenderedDocumentsTest} hold text and
   * trees to each other). Null for a tree read from text.
   */
  private SortedMap<String, List<JsonNode>> rendered;
  /** The documents, made once on first use: every validator checks the same documents. */
  private SortedMap<String, List<JsonNode>> documents;
  private final java.util.Map<String, JsonProcessingException> parseProblems = new java.util.HashMap<>();

  public RenderedTree(SortedMap<String, String> files) {
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /** A deferred tree: {@link #deferred} sets its fields. */
  private RenderedTree() {}

  /**
   * Renders every file of a manifest tree with the shared serializer, keeping each manifest's JSON trees as its
   * documents.
   */
  public static RenderedTree of(ManifestTree tree) {
    return of(tree, Parallel.none());
  }

  /** As {@link #of(ManifestTree)}, rendering files on the threads of {@code parallel}. */
  public static RenderedTree of(ManifestTree tree, Parallel parallel) {
    RenderedTree out = deferred(tree);
    out.render(parallel);
    return out;
  }

  /**
   * A tree whose documents are the JSON trees of {@code tree}'s objects, readable at once, and whose YAML files are
   * rendered from them by {@link #render} (or when their text is first read). Validation may read the documents
   * before any text is made, so that the tree is never held as JSON trees and text at once and a tree that fails
   * validation is never rendered, or after, while the text is written. The tree's documents are frozen
   * ({@link ManifestTree#freeze(ManifestFile)}) as they are taken.
   */
  public static RenderedTree deferred(ManifestTree tree) {
    ManifestFile[] files = tree.files().values().toArray(new ManifestFile[0]);
    String[] paths = new String[files.length];
    String[] texts = new String[files.length];
    SortedMap<String, List<JsonNode>> docs = new TreeMap<>();
    for (int i = 0; i < files.length; i++) {
      ManifestFile file = tree.freeze(files[i]);
      paths[i] = file.path();
      if (!file.isYaml()) {
        texts[i] = file.text().orElseThrow();
        files[i] = null;
        continue;
      }
      files[i] = file;
      if (isManifest(file.path())) {
        List<JsonNode> json = new java.util.ArrayList<>(file.documents().size());
        file.documents().forEach(d -> json.add(d.frozenJson()));
        docs.put(file.path(), List.copyOf(json));
      }
    }
    RenderedTree out = new RenderedTree();
    out.rendered = docs;
    out.paths = paths;
    out.texts = texts;
    out.pending = files;
    return out;
  }

  /**
   * Renders every file of a {@link #deferred} tree still to render, on {@code parallel}'s threads, letting each go
   * once its text is made; nothing for a tree rendered already.
   */
  public synchronized void render(Parallel parallel) {
    if (files != null) {
      return;
    }
    YamlEmitter.Styles styles = new YamlEmitter.Styles();
    List<java.util.concurrent.Callable<Void>> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < pending.length; i++) {
      if (pending[i] != null) {
        int at = i;
        tasks.add(() -> {
          texts[at] = renderPending(at, styles);
          return null;
        });
      }
    }
    parallel.all(tasks);
    SortedMap<String, String> all = new TreeMap<>();
    for (int i = 0; i < paths.length; i++) {
      all.put(paths[i], texts[i]);
    }
    files = Collections.unmodifiableSortedMap(all);
    paths = null;
    texts = null;
    pending = null;
  }

  /** The text of the deferred file at {@code at}, which it then lets go. */
  private String renderPending(int at, YamlEmitter.Styles styles) {
    ManifestFile file = pending[at];
    pending[at] = null;
    return YamlRenderer.render(file.documents(), Document::frozenJson, styles);
  }

  /** Every file's text (a deferred tree's files are rendered first, if they were not). */
  public synchronized SortedMap<String, String> files() {
    render(Parallel.none());
    return files;
  }

  /** Every path of the tree, sorted, without rendering anything. */
  public synchronized java.util.SortedSet<String> paths() {
    return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(files != null ? files.keySet() : List.of(paths)));
  }

  /** One file's text, or null for a path the tree does not hold (a deferred tree renders only that file). */
  public synchronized String text(String path) {
    if (files != null) {
      return files.get(path);
    }
    int at = java.util.Arrays.binarySearch(paths, path);
    if (at < 0) {
      return null;
    }
    if (texts[at] == null) {
      texts[at] = renderPending(at, new YamlEmitter.Styles());
    }
    return texts[at];
  }

  /**
   * One file's UTF-8 bytes, or null for a path the tree does not hold. Unlike {@link #text}, a deferred tree keeps
   * neither the text nor the bytes of a file it renders here: asked again, it renders again. For a
   * writer that puts a large tree on disk file by file, so that every file's text is never held at once (10 000
   * sub-agents write 136 MB). Several threads may ask at once: a file is rendered outside the tree's lock.
   */
  public byte[] bytes(String path) {
    ManifestFile file;
    synchronized (this) {
      if (files != null) {
        String text = files.get(path);
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
      }
      int at = java.util.Arrays.binarySearch(paths, path);
      if (at < 0) {
        return null;
      }
      if (at > lastAsked) {
        lastAsked = at;
        notifyAll();
      }
      if (texts[at] != null) {
        return texts[at].getBytes(StandardCharsets.UTF_8);
      }
      while (makingAhead != null && makingAhead[at]) {
        await();
      }
      if (ahead != null && ahead[at] != null) {
        byte[] made = ahead[at];
        ahead[at] = null;
        return made;
      }
      file = pending[at];
    }
    return encode(file);
  }

  private byte[] encode(ManifestFile file) {
    YamlEmitter.Styles shared;
    synchronized (this) {
      if (styles == null) {
        styles = new YamlEmitter.Styles();
      }
      shared = styles;
    }
    return YamlRenderer.render(file.documents(), Document::frozenJson, shared).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Renders, on the calling thread, the files of a deferred tree that a writer asking for them in order with
   * {@link #bytes} has not reached yet, at most {@value #AHEAD} beyond the last one it asked for, so that a thread
   * with nothing else to do shares the rendering with the writer; the writer takes each file's bytes, and they are
   * let go. Returns when every file is rendered or taken, or once {@link #stopRenderingAhead} is called; nothing for
   * a tree rendered whole already.
   */
  public void renderAhead() {
    int next = 0;
    while (true) {
      ManifestFile file;
      int at;
      synchronized (this) {
        if (files != null || stopAhead) {
          return;
        }
        if (ahead == null) {
          ahead = new byte[paths.length][];
          makingAhead = new boolean[paths.length];
        }
        next = Math.max(next, lastAsked + 1);
        while (next < paths.length
            && (pending[next] == null || texts[next] != null || ahead[next] != null || makingAhead[next])) {
          next++;
        }
        if (next >= paths.length) {
          return;
        }
        if (next > lastAsked + AHEAD) {
          await();
          continue;
        }
        at = next++;
        file = pending[at];
        makingAhead[at] = true;
      }
      byte[] made = null;
      try {
        made = encode(file);
      } finally {
        synchronized (this) {
          makingAhead[at] = false;
          // The writer waits for a file it asked for while it was made here; one it went past meanwhile it will not
          // ask for again: those bytes would only be held.
          if (made != null && ahead != null && at >= lastAsked) {
            ahead[at] = made;
          }
          notifyAll();
        }
      }
    }
  }

  /** Ends {@link #renderAhead} (the writer is done, or failed) and lets go of what it rendered and nobody took. */
  public synchronized void stopRenderingAhead() {
    stopAhead = true;
    ahead = null;
    notifyAll();
  }

  private void await() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering the tree", e);
    }
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
      paths().forEach(path -> {
        if (rendered != null && rendered.containsKey(path)) {
          docs.put(path, rendered.get(path));
        } else if (isManifest(path)) {
          String text = text(path);
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
