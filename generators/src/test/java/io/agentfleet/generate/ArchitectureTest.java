package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of every module's main sources, read from the sources themselves (imports and qualified names):
 * it has no cycle, and inside the generators every package imports only from the layers below its own.
 *
 * <pre>
 *   generate              entry point: FleetGenerator, TreeWriter
 *   validate              the standard validator set
 *   validate.schema|policy  schema machinery | policy rules (neither names the other)
 *   core agents subagents database monitoring cicd migration docs   one package per output folder (none names another)
 *   inspect               reading a rendered tree: one tree view, one label-selector matcher, the network evaluator
 *   spi                   the pipeline's contracts and tree types: Generator, Decorator, Profile, ManifestFile…
 *   platform              the platform plan: operators, shared endpoints, prerequisites
 *   kit                   shared builders: labels, pod parts, secrets wiring
 * </pre>
 */
class ArchitectureTest {
  private static final String G = "io.agentfleet.generate";
  /** Generator packages by layer, lowest first; a package may import only packages of lower layers. */
  private static final List<List<String>> LAYERS = List.of(
      List.of(G + ".kit"),
      List.of(G + ".platform"),
      List.of(G + ".spi"),
      List.of(G + ".inspect"),
      List.of(G + ".diff"),
      List.of(G + ".core", G + ".agents", G + ".subagents", G + ".database", G + ".monitoring", G + ".cicd",
          G + ".migration", G + ".docs"),
      List.of(G + ".validate.schema", G + ".validate.policy"),
      List.of(G + ".validate"),
      List.of(G));
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.agentfleet(?:\\.[a-z]\\w*)*)\\.[A-Z]");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void packageGraph_ofAllModules_hasNoCycle() {
    assertThat(cycles(graph())).as("package cycles").isEmpty();
  }

  @Test
  void generatorPackages_importOnlyFromLowerLayers() {
    Map<String, Integer> layer = new HashMap<>();
    for (int i = 0; i < LAYERS.size(); i++) {
      for (String p : LAYERS.get(i)) {
        layer.put(p, i);
      }
    }
    List<String> wrong = new ArrayList<>();
    graph().forEach((from, targets) -> {
      if (!from.startsWith(G)) {
        return;
      }
      assertThat(layer).as("every generator package has a layer").containsKey(from);
      for (String to : targets) {
        if (to.startsWith(G) && layer.get(to) >= layer.get(from)) {
          wrong.add(from + " -> " + to);
        }
      }
    });
    assertThat(wrong).as("imports that do not go downward").isEmpty();
  }

  @Test
  void cycleFinder_onAGraphWithACycle_reportsIt() {
    SortedMap<String, SortedSet<String>> g = new TreeMap<>();
    g.put("a", new TreeSet<>(Set.of("b")));
    g.put("b", new TreeSet<>(Set.of("c")));
    g.put("c", new TreeSet<>(Set.of("a", "d")));
    g.put("d", new TreeSet<>());

    assertThat(cycles(g)).containsExactly(List.of("a", "b", "c"));
  }

  /** Package → packages it names, over the main sources of every module. */
  static SortedMap<String, SortedSet<String>> graph() {
    SortedMap<String, SortedSet<String>> graph = new TreeMap<>();
    try (Stream<Path> modules = Files.list(TestFleets.root())) {
      for (Path module : modules.sorted().toList()) {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(sources)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            String text = COMMENT.matcher(Files.readString(file)).replaceAll("");
            Matcher p = PACKAGE.matcher(text);
            if (!p.find()) {
              continue;
            }
            String own = p.group(1);
            SortedSet<String> targets = graph.computeIfAbsent(own, k -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
              if (!m.group(1).equals(own)) {
                targets.add(m.group(1));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  /** The strongly connected components with more than one package (Tarjan), each sorted. */
  static List<List<String>> cycles(SortedMap<String, SortedSet<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<List<String>> out = new ArrayList<>();
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, out);
      }
    }
    return out;
  }

  private static void connect(String v, SortedMap<String, SortedSet<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, List<List<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    for (String w : graph.getOrDefault(v, new TreeSet<>())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component.stream().sorted().toList());
      }
    }
  }
}
