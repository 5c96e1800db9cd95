package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code fleet.yaml}. Reading checks the file's shape against {@link FleetSchema}, binds it and
 * resolves it in one run, and reports every problem found (unknown fields with the closest known name, wrong types,
 * bad choices, missing fields, broken rules) in one {@link FleetValidationException}, each with the place of its
 * value: {@code fleet.yaml:12:14: subAgents[s5].replicas: minimum 7 is above maximum 6}. Paths name list entries by
 * id.
 */
public final class FleetYaml {
  /**
   * The mappers, each in a class of its own: building one is a quarter of a second in a fresh JVM, so it happens at
   * its first use, not when this class loads: the writing one on the preparing thread ({@link #prepareBinding}) while
   * the reading thread parses, checks and binds the YAML, which needs neither; the reading one only when Jackson binds
   * a file ({@link SpecBinder} leaves it one) or an environment's values.
   */
  private static final class Mappers {
    static final ObjectMapper READER = YAMLMapper.builder()
        .addModule(new Jdk8Module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .withCoercionConfig(com.fasterxml.jackson.databind.type.LogicalType.Textual, c -> c
            .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
        .build();
  }

  private static final class Writing {
    static final ObjectMapper WRITER = YAMLMapper.builder(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .stringQuotingChecker(new YamlQuoting())
            .build())
        .addModule(new Jdk8Module())
        .serializationInclusion(JsonInclude.Include.NON_EMPTY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
        .build();
  }

  private FleetYaml() {}

  /** Reads, and checks with {@link FleetResolver}, a fleet file; messages name it as given. */
  public static FleetSpec read(Path file) {
    return read(file, file.toString());
  }

  /** Reads, and checks with {@link FleetResolver}, a fleet file; {@code source} names it in messages. */
  public static FleetSpec read(Path file, String source) {
    return read(text(file, source), source);
  }

  /** The text of a fleet file, which must be readable UTF-8; {@code source} names it in messages. */
  private static String text(Path file, String source) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      String why = e instanceof java.nio.file.NoSuchFileException ? "there is no such file"
          : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : Files.isDirectory(file) ? "it is a folder, not a file" : "the file cannot be read";
      throw new FleetValidationException("Cannot read the fleet",
          List.of(new Problem("", "cannot read " + file + ": " + why)));
    }
    return Utf8.decode(bytes, source);
  }

  /** Reads, and checks with {@link FleetResolver}, the bytes of a fleet file, which must be UTF-8 text. */
  static FleetSpec read(byte[] bytes, String source) {
    return read(Utf8.decode(bytes, source), source);
  }

  /**
   * Reads fleet YAML text and checks it with {@link FleetResolver} in the same run: every problem of the file, from
   * a wrong shape to a rule that spans objects, is reported together, each at {@code source:line:column}. A file
   * that declares {@code environments:} is checked in every one of them; the spec returned is production's (or the
   * first declared environment's when production is not among them). See {@link #readEnvironments}.
   */
  public static FleetSpec read(String yaml, String source) {
    FleetEnvironments all = readEnvironments(yaml, source);
    return all.get(all.names().contains("production") ? "production" : all.names().get(0)).spec();
  }

  /** Reads every environment a fleet file declares; see {@link #readEnvironments(String, String)}. */
  public static FleetEnvironments readEnvironments(Path file, String source) {
    prepareBinding();
    return readEnvironments(text(file, source), source);
  }

  private static final java.util.concurrent.atomic.AtomicBoolean PREPARING =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * On a second thread, once per JVM, while the first reads the YAML: reads the shape of a fleet from the model's
   * types ({@link FleetSchema}, which the shape check and {@link SpecBinder} need next, a tenth of a second of a
   * fresh JVM). The mappers are built when first needed (a file with a problem, an environment's values put back),
   * on the thread that needs it. A failure here is left for the thread that uses what failed to meet and report.
   */
  private static void prepareBinding() {
    if (!PREPARING.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        FleetSchema.root();
      } catch (RuntimeException | LinkageError e) {
        // The reading thread builds the same readers and reports what fails.
      }
    }, "agentfleet-prepare-binding");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Reads every environment a fleet file declares (the keys of {@code environments:}; production alone when it
   * declares none), each the shared description with the environment's own values merged in, and checks each of
   * them. Every problem of every environment is reported at once: one found in all of them plainly, one found in
   * some only with their names, a problem in an environment's own value at its place under {@code environments}.
   */
  public static FleetEnvironments readEnvironments(String yaml, String source) {
    prepareBinding();
    YamlTree.Result read;
    try {
      read = YamlTree.read(yaml, source);
    } catch (YamlTree.Unreadable e) {
      throw new FleetValidationException("Cannot read " + source, e.problems());
    }
    JsonNode tree = read.root();
    Optional<Location> top = Optional.of(new Location(source, 1, 1));
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new FleetValidationException("Cannot read " + source, List.of(new Problem("",
          "the file is empty; a fleet needs at least a name and one agent or sub-agent", top)));
    }
    SourceMap whole = SourceMap.of(read, source);
    if (!tree.isObject()) {
      throw new FleetValidationException("Cannot read " + source,
          List.of(new Problem("", "the file must hold a mapping (name:, agents:, subAgents: …), not a "
              + (tree.isArray() ? "list" : tree.isTextual() ? "string" : "single value"), Optional.of(whole.value("")))));
    }
    Problems own = new Problems();
    JsonNode section = tree.get("environments");
    Map<String, ObjectNode> overrides = new java.util.LinkedHashMap<>();
    if (section == null) {
      overrides.put("production", null);
    } else {
      overrides = Environments.overrides(section, whole, own);
      JsonNode path = tree.at("/gitops/path");
      if (overrides.size() > 1 && !path.isMissingNode()) {
        own.add(new Problem("gitops.path", "is one folder, and " + overrides.size() + " environments cannot share "
            + "it: leave it out (each tree goes to generated/<environment>)", Optional.of(whole.value("gitops.path"))));
      }
    }
    // Without environments there is one tree to bind, the file as read: no copy without the section to merge into.
    YamlTree.Result shared = section == null ? read : Environments.shared(read);
    Map<String, List<Problem>> byEnv = new java.util.LinkedHashMap<>();
    List<FleetEnvironment> envs = new ArrayList<>();
    boolean unreadable = false;
    String name = null;
    for (Map.Entry<String, ObjectNode> e : overrides.entrySet()) {
      String env = e.getKey();
      Environments.Merged merged = section == null ? new Environments.Merged(read, java.util.Set.of())
          : Environments.merge(shared, e.getValue(), env, read, whole, own);
      SourceMap where = merged.read() == read ? whole : SourceMap.of(merged.read(), source);
      java.util.SortedSet<String> replaced = new java.util.TreeSet<>();
      merged.replaced().forEach(p -> replaced.add(where.path(p)));
      Bound b = bind(merged.read(), where, source);
      unreadable |= b.unreadable();
      if (b.spec() != null) {
        name = b.spec().name();
        String owner = new ArrayList<>(overrides.keySet()).get(overrides.size() - 1);
        envs.add(new FleetEnvironment(env, b.spec(), replaced, e.getValue(), env.equals(owner)));
      }
      List<Problem> renamed = new ArrayList<>();
      for (Problem p : b.problems()) {
        boolean mine = replaced.stream().anyMatch(r -> FleetEnvironment.under(p.path(), r));
        renamed.add(mine ? new Problem(p.path().isEmpty() ? "environments." + env : "environments." + env + "."
            + p.path(), p.message(), p.location()) : p);
      }
      byEnv.put(env, renamed);
    }
    Problems problems = new Problems();
    problems.addAll(own.list());
    byEnv.forEach((env, list) -> list.forEach(p -> {
      List<String> in = byEnv.entrySet().stream().filter(o -> o.getValue().contains(p)).map(Map.Entry::getKey).toList();
      boolean everywhere = in.size() == byEnv.size() || p.path().startsWith("environments.");
      problems.add(everywhere ? p : new Problem(p.path(), "(in " + String.join(", ", in) + ") " + p.message(),
          p.location()));
    }));
    problems.throwIfAny(unreadable || name == null ? "Cannot read " + source
        : "The fleet '" + name + "' in " + source + " is not valid");
    return new FleetEnvironments(section != null, envs);
  }

  /** What binding one tree gave: the spec (null when it could not be bound) and every problem found. */
  private record Bound(FleetSpec spec, List<Problem> problems, boolean unreadable) {}

  /**
   * Checks the shape of a tree as read ({@code where} maps its values to their places), binds it and resolves it;
   * every problem is collected. The shape check changes the tree (it drops what cannot be bound).
   */
  private static Bound bind(YamlTree.Result read, SourceMap where, String source) {
    JsonNode tree = read.root();
    Optional<Location> top = Optional.of(new Location(source, 1, 1));
    Problems problems = new Problems();
    ShapeCheck shape = new ShapeCheck(where);
    for (YamlTree.Refusal r : read.refusals()) {
      String parent = where.path(r.parent());
      String pointer = r.child() == null ? r.parent() : r.parent() + "/" + YamlTree.escape(r.child());
      String path = where.has(pointer) ? where.path(pointer) : r.child() == null ? parent
          : r.child().matches("[0-9]+") && isList(tree, r.parent()) ? parent + "[" + r.child() + "]"
          : SourceMap.child(parent, r.child());
      problems.add(new Problem(path, r.message(), Optional.of(r.at())));
      shape.refused(path);
    }
    read.merged().forEach(pointer -> shape.merged(where.path(pointer)));
    shape.check((ObjectNode) tree);
    problems.addAll(shape.problems());
    // A tree the shape check passed whole is bound through the model's builders; any other, and any the builders'
    // binding leaves, by Jackson, which reports what it meets.
    FleetSpec spec = problems.isEmpty() ? SpecBinder.bind((ObjectNode) tree).orElse(null) : null;
    try {
      if (spec == null) {
        spec = Mappers.READER.readerFor(FleetSpec.class).withHandler(new Collector(tree, problems, where))
            .treeToValue(tree, FleetSpec.class);
      }
    } catch (JsonMappingException e) {
      // The shape check leaves nothing binding refuses; should it miss a case, the user still gets a place.
      String path = shape.rename(path(tree, e.getPath()));
      problems.add(new Problem(path, describe(e), Optional.of(where.value(path))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem("", "a value cannot be read: " + describeCause(e), top));
    }
    boolean unreadable = !problems.isEmpty();
    if (spec != null) {
      try {
        FleetResolver.check(spec);
      } catch (FleetValidationException more) {
        for (Problem p : more.problems()) {
          String path = shape.rename(p.path());
          // "No agents" is about the fleet as a whole: not news when the agents could not be read.
          boolean wholeFleet = path.isEmpty() && (shape.covers("agents") || shape.covers("subAgents"));
          if (!shape.covers(path) && !wholeFleet) {
            problems.add(new Problem(path, p.message(), Optional.of(where.value(path))));
          }
        }
      }
    }
    return new Bound(spec, problems.list(), unreadable || spec == null);
  }

  /** A spec as the tree {@link #write} would write (the merge of an environment's values works on it). */
  static ObjectNode tree(FleetSpec spec) {
    return Writing.WRITER.valueToTree(spec);
  }

  /** Binds a tree made by {@link #tree} (and merged); the values are known good. */
  static FleetSpec bind(ObjectNode tree) {
    try {
      return Mappers.READER.readerFor(FleetSpec.class).treeToValue(tree, FleetSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a fleet to {@code out} as compact UTF-8 JSON holding what {@link #write} writes: a canonical form (a
   * comment or a key's place in the file changes nothing, any value does) for hashing, where YAML's layout is work
   * nobody reads. Written from the model's shapes, not by Jackson ({@link CanonicalSpec}).
   */
  public static void writeCanonical(FleetSpec spec, OutputStream out) {
    try {
      CanonicalSpec.write(spec, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a fleet as YAML that {@link #read} reads back to an equal spec. */
  public static String write(FleetSpec spec) {
    try {
      return Writing.WRITER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fields a fleet file must always state (required by the model), even where they match a blank template. */
  private static final java.util.Set<String> REQUIRED = java.util.Set.of("name", "id", "role", "replicas", "requests",
      "image");

  /**
   * Writes only what differs from a fleet that leaves every optional value unset: a field whose value is the one
   * the model would fill in anyway ({@code priority: medium}, {@code kubernetesVersion: "1.34"}, an empty
   * {@code defaults}) is left out. Reading the text back gives a spec equal to {@code spec}; should it not, the
   * full form of {@link #write} is returned instead.
   */
  public static String writeMinimal(FleetSpec spec) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = Writing.WRITER.valueToTree(spec);
    prune(tree, Writing.WRITER.valueToTree(FleetSpec.builder().name(spec.name()).build()));
    JsonNode blankAgent = Writing.WRITER.valueToTree(AgentSpec.builder().id("").build());
    JsonNode blankSubAgent = Writing.WRITER.valueToTree(SubAgentSpec.builder().id("").role(Role.SENIOR_DEVELOPER)
        .replicas(ReplicaRange.exactly(1)).requests(Compute.builder().build()).build());
    tree.path("agents").forEach(a -> prune(a, blankAgent));
    tree.path("subAgents").forEach(s -> prune(s, blankSubAgent));
    try {
      String text = Writing.WRITER.writeValueAsString(tree);
      return read(text, "minimal").equals(spec) ? text : write(spec);
    } catch (JsonProcessingException | FleetValidationException e) {
      return write(spec);
    }
  }

  /** Removes from {@code node} every optional field whose value equals the template's, and objects left empty. */
  private static void prune(JsonNode node, JsonNode template) {
    if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode obj)) {
      return;
    }
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode value = obj.get(name);
      JsonNode given = template.get(name);
      if (given == null || REQUIRED.contains(name)) {
        continue;
      }
      if (value.equals(given)) {
        obj.remove(name);
      } else if (value.isObject() && given.isObject()) {
        prune(value, given);
      }
    }
  }

  /** Records unknown fields (with a suggestion) and goes on, so that all of them are reported together. */
  private static final class Collector extends DeserializationProblemHandler {
    private final JsonNode tree;
    private final Problems problems;
    private final SourceMap where;

    Collector(JsonNode tree, Problems problems, SourceMap where) {
      this.tree = tree;
      this.problems = problems;
      this.where = where;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
        JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
      Collection<Object> known = deserializer.getKnownPropertyNames();
      List<String> names = known == null ? List.of()
          : known.stream().map(Object::toString).filter(n -> !n.startsWith("set")).sorted().collect(Collectors.toList());
      List<JsonMappingException.Reference> refs = new ArrayList<>(pathOf(p));
      if (!refs.isEmpty() && propertyName.equals(refs.get(refs.size() - 1).getFieldName())) {
        refs.remove(refs.size() - 1);
      }
      String at = path(tree, refs);
      String field = at.isEmpty() ? propertyName : at + "." + propertyName;
      String hint = Names.closest(propertyName, names).map(s -> "; did you mean '" + s + "'?")
          .orElse(names.isEmpty() ? "" : " (known fields: " + String.join(", ", names) + ")");
      problems.add(new Problem(field, "unknown field" + hint, Optional.of(where.key(field))));
      p.skipChildren();
      return true;
    }

    /** A value a creator refused (an unknown role, say): recorded, then replaced by a placeholder to read on. */
    @Override
    public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
        Throwable t) throws IOException {
      if (instClass.isEnum() && t instanceof IllegalArgumentException) {
        List<JsonMappingException.Reference> refs = new ArrayList<>(pathOf(ctxt.getParser()));
        String name = ctxt.getParser().currentName();
        if (name != null && (refs.isEmpty() || !name.equals(refs.get(refs.size() - 1).getFieldName()))) {
          refs.add(new JsonMappingException.Reference(null, name));
        }
        String at = path(tree, refs);
        problems.add(new Problem(at, t.getMessage(), Optional.of(where.value(at))));
        return instClass.getEnumConstants()[0];
      }
      return super.handleInstantiationProblem(ctxt, instClass, argument, t);
    }
  }

  /** The path of the value the parser is in, as Jackson references (the property itself excluded). */
  private static List<JsonMappingException.Reference> pathOf(JsonParser p) {
    List<JsonMappingException.Reference> refs = new ArrayList<>();
    com.fasterxml.jackson.core.JsonStreamContext ctx = p.getParsingContext();
    if (ctx != null && (p.currentToken() == com.fasterxml.jackson.core.JsonToken.START_ARRAY
        || p.currentToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT)) {
      ctx = ctx.getParent();
    }
    while (ctx != null && !ctx.inRoot()) {
      if (ctx.inArray()) {
        refs.add(0, new JsonMappingException.Reference(null, ctx.getCurrentIndex()));
      } else if (ctx.getCurrentName() != null) {
        refs.add(0, new JsonMappingException.Reference(null, ctx.getCurrentName()));
      }
      ctx = ctx.getParent();
    }
    return refs;
  }

  /** Renders a Jackson path with list entries named by their id where they have one: {@code subAgents[s1].role}. */
  static String path(JsonNode root, List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    JsonNode node = root;
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getIndex() >= 0 && ref.getFieldName() == null) {
        JsonNode item = node == null ? null : node.get(ref.getIndex());
        JsonNode id = item == null ? null : item.get("id");
        boolean named = id != null && id.isValueNode() && !id.isNull() && !id.asText().isBlank();
        sb.append('[').append(named ? id.asText() : Integer.toString(ref.getIndex())).append(']');
        node = item;
      } else if (ref.getFieldName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(ref.getFieldName());
        node = node == null ? null : node.get(ref.getFieldName());
      }
    }
    return sb.toString();
  }

  /** Whether the node at JSON pointer {@code pointer} is a list. */
  private static boolean isList(JsonNode root, String pointer) {
    JsonNode n = pointer.isEmpty() ? root : root.at(pointer);
    return n != null && n.isArray();
  }

  /** A model class's own message (written for users), never a library's: those name Java types. */
  private static String describeCause(Throwable e) {
    String m = e.getMessage();
    boolean ours = e.getClass() == IllegalArgumentException.class && m != null && !m.contains("Exception")
        && !m.matches("(?s).*[a-z]+\\.[a-z]+\\.[A-Z].*");
    return ours ? m : "it is not of the kind this field takes";
  }

  private static String describe(JsonMappingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return describeCause(cause);
    }
    if (cause instanceof IllegalStateException && cause.getMessage() != null
        && cause.getMessage().contains("required attributes are not set")) {
      String missing = cause.getMessage().replaceAll(".*\\[(.*)\\].*", "$1");
      return "must provide " + missing;
    }
    if (cause instanceof NullPointerException) {
      return "must not be empty (~ and null are not values here)";
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
      if (m.getTargetType() == String.class && e.getOriginalMessage().contains("Floating-point")) {
        return "write this number in quotes (\"1.30\"): unquoted, YAML reads it as a number and drops trailing zeros";
      }
      return "expected " + typeWord(m.getTargetType()) + " here";
    }
    return "this value cannot be read here";
  }

  static String typeWord(Class<?> type) {
    if (type == Integer.class || type == int.class) return "a whole number";
    if (type == ReplicaRange.class) return "a replica count or range (write 3 or 1..8)";
    if (type == Percent.class) return "a percentage (write 70%)";
    if (type == Span.class) return "a duration (write 30s, 5m or 1h30m)";
    if (type == Quantity.class) return "a quantity (write 500m, 1.5 or 2Gi)";
    if (type == String.class) return "a text value";
    if (type == EnvValue.class) return "a text value or a Secret reference { secret, key }";
    if (List.class.isAssignableFrom(type)) return "a list";
    if (java.util.Map.class.isAssignableFrom(type)) return "a mapping of names to values";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type == Long.class || type == long.class) return "a whole number";
    if (type == Double.class || type == double.class) return "a number";
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
          .collect(Collectors.joining(", "));
    }
    if (type == Role.class) return "a role name (write senior-developer or your own, e.g. data-engineer)";
    if (type.isInterface()) return "a mapping (field: value)";
    return "a single value";
  }
}
