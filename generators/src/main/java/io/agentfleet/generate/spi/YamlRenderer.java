package io.agentfleet.generate.spi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.agentfleet.model.YamlQuoting;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one configured serializer for the tree: objects print as {@code kubectl get -o yaml} prints them (plain
 * {@code apiVersion: v1}, lists not indented under their key), values YAML would misread stay quoted
 * ({@code "on"}, {@code "1.0"}, {@code "0755"}, {@code "*"}), map keys sorted, multi-line text as literal blocks,
 * LF line ends. Thread-safe and shared: both mappers are built once.
 */
public final class YamlRenderer {
  /**
   * What the parser accepts when it reads the tree back. It only ever reads text this class rendered, so no parser
   * default decides how large a fleet may be (SnakeYAML stops at 3 MiB of code points by default, Jackson at 20 M
   * characters per string): the bounds are the largest text a Java string holds. What Kubernetes accepts per object
   * is a separate check, on each rendered object, with the limit that applies to its kind.
   */
  private static final StreamReadConstraints OWN_OUTPUT = StreamReadConstraints.builder()
      .maxStringLength(Integer.MAX_VALUE)
      .maxDocumentLength(-1)
      .maxNestingDepth(1000)
      .build();

  private static LoaderOptions ownOutputLoader() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return options;
  }

  static final ObjectMapper TREE = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .annotationIntrospector(new FieldsOverGetters())
      .build();

  /**
   * Jackson's annotations, with a Kubernetes model object's properties read from its fields rather than through its
   * getters, where the model declares both under the same name (fabric8's classes annotate each field and its getter
   * alike, {@code @JsonProperty} and {@code @JsonInclude}; the any-getter of additional properties stays). The bytes
   * are the same; what changes is how the JVM reads them: a getter is called through {@code Method.invoke}, for
   * which the JDK writes, loads and compiles a class per getter after its fifteenth call (some 400 of them at any
   * fleet size, most of a cold run's reflection), where a field is read through one shared accessor.
   */
  private static final class FieldsOverGetters extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;
    /** The names a model class's own fields are written under. */
    private static final ClassValue<Set<String>> FIELDS = new ClassValue<>() {
      @Override
      protected Set<String> computeValue(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Field f : type.getDeclaredFields()) {
          JsonProperty p = f.getAnnotation(JsonProperty.class);
          if (p != null) {
            names.add(p.value());
          }
        }
        return names;
      }
    };

    @Override
    public boolean hasIgnoreMarker(AnnotatedMember m) {
      if (m instanceof AnnotatedMethod getter && getter.getParameterCount() == 0
          && getter.getDeclaringClass().getName().startsWith("io.fabric8.kubernetes.api.model")
          && !getter.hasAnnotation(JsonAnyGetter.class)) {
        JsonProperty p = getter.getAnnotation(JsonProperty.class);
        if (p != null && FIELDS.get(getter.getDeclaringClass()).contains(p.value())) {
          return true;
        }
      }
      return super.hasIgnoreMarker(m);
    }
  }

  /** What the mapper quotes; {@link YamlEmitter} asks the same instance. */
  static final StringQuotingChecker QUOTING = new YamlQuoting();

  private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .stringQuotingChecker(QUOTING)
          .loaderOptions(ownOutputLoader())
          .streamReadConstraints(OWN_OUTPUT)
          .build())
      .build();

  /** The header every YAML file of the tree starts with. */
  public static final String HEADER =
      "# Generated by agentfleet from fleet.yaml. Do not edit: change fleet.yaml and run `mvn agentfleet:generate`.\n";

  private YamlRenderer() {}

  /** The object as a JSON tree, empty values pruned and map keys sorted: what is written and validated. */
  public static ObjectNode toTree(Object resource) {
    return toTree(resource, TREE.getNodeFactory());
  }

  /** As {@link #toTree(Object)}, building the tree with {@code nodes} (a tree's {@link SharingNodeFactory}). */
  static ObjectNode toTree(Object resource, JsonNodeFactory nodes) {
    ObjectNode direct = direct(resource, nodes);
    return direct != null ? direct : buffered(resource, nodes);
  }

  /**
   * The tree built as the serializer writes it: the mapper's tokens, made by {@link ModelWriter}, built into a tree by
   * {@link TreeBuilder}; null for an object holding a value the builder leaves to {@link #buffered} (none of the
   * Kubernetes model's objects does).
   */
  static ObjectNode direct(Object resource, JsonNodeFactory nodes) {
    try {
      TreeBuilder built = new TreeBuilder(TREE, nodes);
      new ModelWriter(TREE).write(resource, built);
      return built.root() instanceof ObjectNode tree ? tree : null;
    } catch (TreeBuilder.Unsupported e) {
      return null;
    } catch (java.io.IOException e) {
      // Jackson wraps what a serializer's generator throws, with the path to it.
      if (TreeBuilder.Unsupported.causes(e)) {
        return null;
      }
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An upper bound of the node's JSON size (in characters and in UTF-8 bytes) known since it was built, or -1: a
   * document's tree built by {@link TreeBuilder} with a tree's node factory knows one, and nothing changes it after.
   */
  public static long jsonSizeBound(JsonNode node) {
    return node instanceof SharingNodeFactory.SizedObjectNode sized ? sized.sizeBound : -1;
  }

  /**
   * True when the node is a document's tree known since it was built to hold no text value with {@code .svc} in it,
   * so none that names a Service by its cluster DNS name ({@code <name>.<namespace>.svc}); false when it may hold one
   * or is not known (a tree not built by {@link TreeBuilder} with a tree's node factory, or parsed from text).
   */
  public static boolean namesNoService(JsonNode node) {
    return node instanceof SharingNodeFactory.SizedObjectNode sized && sized.namesNoService;
  }

  /** The tree parsed back from the serializer's buffered tokens, then pruned: Jackson's own way, for any value. */
  static ObjectNode buffered(Object resource, JsonNodeFactory nodes) {
    try (TokenBuffer buffer = new TokenBuffer(TREE, false)) {
      TREE.writeValue(buffer, resource);
      try (JsonParser p = buffer.asParser()) {
        JsonNode node = TREE.reader().with(nodes).readTree(p);
        prune(node);
        return (ObjectNode) node;
      }
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The object {@link #toTree(Object)} made {@code tree} of, read back as a {@code type}: equal in what it writes (the
   * values {@code toTree} prunes as empty come back unset).
   */
  static <T> T fromTree(JsonNode tree, Class<T> type) {
    try {
      return TREE.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a " + type.getSimpleName() + " back from its own JSON tree", e);
    }
  }

  /**
   * One document as YAML, without separator: written by {@link YamlEmitter} when it can (the same bytes as the
   * mapper's, without SnakeYAML's emitter, which a run then need not load), else by the mapper.
   */
  public static String toYaml(JsonNode node) {
    if (node instanceof ObjectNode object) {
      String text = YamlEmitter.emit(object, java.util.Collections.emptySortedMap(), "");
      if (text != null) {
        return text;
      }
    }
    return mapperYaml(node);
  }

  /** One document as YAML written by the Jackson mapper (SnakeYAML's emitter): what {@link YamlEmitter} matches. */
  static String mapperYaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A whole file: header, then each document after {@code ---} with its comment lines above it and its source notes
   * as trailing comments on the lines they describe, written in one pass by {@link YamlEmitter}; a document it
   * leaves to the mapper is written by the mapper, its notes placed by {@link SourceNotes}. Both give the same bytes.
   */
  public static String render(List<Document> documents) {
    return render(documents, d -> toTree(d.resource()));
  }

  /** As {@link #render(List)}, with each document's JSON tree from {@code json} (a tree's cache of them). */
  public static String render(List<Document> documents, java.util.function.Function<Document, ? extends JsonNode> json) {
    return render(documents, json, new YamlEmitter.Styles());
  }

  /**
   * As {@link #render(List, java.util.function.Function)}, remembering how keys and texts are written in
   * {@code styles} (one for a whole tree, shared by the threads rendering its files).
   */
  static String render(List<Document> documents, java.util.function.Function<Document, ? extends JsonNode> json,
      YamlEmitter.Styles styles) {
    List<ObjectNode> nodes = new ArrayList<>(documents.size());
    for (Document d : documents) {
      nodes.add((ObjectNode) json.apply(d));
    }
    // About the size of a file of workloads (2 KiB a document), at most a megabyte: a larger file grows by doubling,
    // whose copies cost less than a walk over every value to size it beforehand.
    StringBuilder sb = new StringBuilder(HEADER.length() + (int) Math.min(1 << 20, 2048L * documents.size()));
    sb.append(HEADER);
    for (int i = 0; i < documents.size(); i++) {
      Document d = documents.get(i);
      sb.append("---\n");
      if (!d.comment().isEmpty()) {
        d.comment().lines().forEach(line -> sb.append(line.isBlank() ? "#" : "# " + line.stripTrailing()).append('\n'));
      }
      ObjectNode node = nodes.get(i);
      if (!YamlEmitter.emit(node, d.notes(), d.id(), sb, styles)) {
        // The mapper's text, LF line ends whatever the platform's (the emitter writes no carriage return: it leaves
        // any text holding one to the mapper).
        sb.append(SourceNotes.append(mapperYaml(node), d.notes(), d.id()).replace("\r\n", "\n"));
      }
    }
    return sb.toString();
  }

  /** Parses a rendered file back into its documents (what validation reads, so it checks the bytes written). */
  public static List<JsonNode> parse(String yaml) {
    try {
      return read(yaml, false, JsonNodeFactory.instance);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * As {@link #parse}, failing on a key repeated in one mapping (kubeconform {@code -strict} rejects those), so one
   * parse both reads the documents and finds duplicates.
   */
  public static List<JsonNode> parseStrict(String yaml) throws JsonProcessingException {
    return parseStrict(yaml, JsonNodeFactory.instance);
  }

  /** As {@link #parseStrict(String)}, building the documents with {@code nodes}. */
  static List<JsonNode> parseStrict(String yaml, JsonNodeFactory nodes) throws JsonProcessingException {
    try {
      return read(yaml, true, nodes);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> read(String yaml, boolean strict, JsonNodeFactory nodes) throws java.io.IOException {
    {
      List<JsonNode> docs = new ArrayList<>();
      var parser = YAML.getFactory().createParser(yaml);
      var reader = YAML.readerFor(JsonNode.class).with(nodes);
      var it = (strict ? reader.with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY) : reader)
          .<JsonNode>readValues(parser);
      while (it.hasNextValue()) {
        JsonNode n = it.nextValue();
        if (n != null && !n.isNull() && !n.isMissingNode()) {
          docs.add(n);
        }
      }
      return docs;
    }
  }

  /** Removes nulls, empty objects and empty lists that fabric8 models leave behind, as kubectl would not print them. */
  static boolean prune(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull() || (prune(e.getValue()) && !keepEmpty(e.getKey()))) {
          it.remove();
        }
      }
      return obj.isEmpty();
    }
    if (node instanceof ArrayNode arr) {
      for (JsonNode child : arr) {
        prune(child);
      }
      return arr.isEmpty();
    }
    return false;
  }

  /**
   * Empty values that mean something: {@code podSelector: {}} selects every pod, {@code emptyDir: {}} is a volume,
   * {@code from: [{}]} admits all, {@code ingress: []} in a policy means deny.
   */
  static boolean keepEmpty(String key) {
    return switch (key) {
      case "podSelector", "namespaceSelector", "emptyDir", "selector", "ingress", "egress" -> true;
      default -> false;
    };
  }
}
