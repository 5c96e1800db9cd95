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
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code fleet.yaml}. Reading reports every unknown field (with the closest known name) and every
 * malformed value in one {@link FleetValidationException}; paths name list entries by id: {@code subAgents[s1].role}.
 */
public final class FleetYaml {
  private static final ObjectMapper READER = YAMLMapper.builder()
      .addModule(new Jdk8Module())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final ObjectMapper WRITER = YAMLMapper.builder(YAMLFactory.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .build())
      .addModule(new Jdk8Module())
      .serializationInclusion(JsonInclude.Include.NON_EMPTY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
      .build();

  private FleetYaml() {}

  /** Reads a fleet file; {@code source} names it in messages. */
  public static FleetSpec read(Path file) {
    try {
      return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new FleetValidationException("Cannot read the fleet",
          List.of(new Problem("", "cannot read " + file + ": " + e.getMessage())));
    }
  }

  /** Reads fleet YAML text; {@code source} names it in messages. */
  public static FleetSpec read(String yaml, String source) {
    JsonNode tree;
    try {
      tree = READER.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new FleetValidationException("Cannot read " + source,
          List.of(new Problem("", "not valid YAML" + where + ": " + e.getOriginalMessage())));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new FleetValidationException("Cannot read " + source,
          List.of(new Problem("", "the file is empty; a fleet needs at least a name and one agent or sub-agent")));
    }
    if (!tree.isObject()) {
      throw new FleetValidationException("Cannot read " + source,
          List.of(new Problem("", "the file must hold a mapping (name:, agents:, subAgents: …), not a "
              + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT))));
    }
    Problems problems = new Problems();
    Collector collector = new Collector(tree, problems);
    FleetSpec spec = null;
    try {
      spec = READER.readerFor(FleetSpec.class).withHandler(collector).treeToValue(tree, FleetSpec.class);
    } catch (JsonMappingException e) {
      problems.add(path(tree, e.getPath()), describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      problems.add("", e.getMessage());
    }
    problems.throwIfAny("Cannot read " + source);
    return spec;
  }

  /** Writes a fleet as YAML that {@link #read} reads back to an equal spec. */
  public static String write(FleetSpec spec) {
    try {
      return WRITER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records unknown fields (with a suggestion) and goes on, so that all of them are reported together. */
  private static final class Collector extends DeserializationProblemHandler {
    private final JsonNode tree;
    private final Problems problems;

    Collector(JsonNode tree, Problems problems) {
      this.tree = tree;
      this.problems = problems;
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
      problems.add(field, "unknown field" + hint);
      p.skipChildren();
      return true;
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
        sb.append('[').append(id != null && id.isValueNode() ? id.asText() : Integer.toString(ref.getIndex())).append(']');
        node = item;
      } else if (ref.getFieldName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(ref.getFieldName());
        node = node == null ? null : node.get(ref.getFieldName());
      }
    }
    return sb.toString();
  }

  private static String describe(JsonMappingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    if (cause instanceof IllegalStateException && cause.getMessage() != null
        && cause.getMessage().contains("required attributes are not set")) {
      String missing = cause.getMessage().replaceAll(".*\\[(.*)\\].*", "$1");
      return "must provide " + missing;
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + typeWord(m.getTargetType()) + " here";
    }
    return e.getOriginalMessage();
  }

  private static String typeWord(Class<?> type) {
    if (type == Integer.class || type == int.class) return "a whole number";
    if (type == String.class) return "a text value";
    if (List.class.isAssignableFrom(type)) return "a list";
    if (java.util.Map.class.isAssignableFrom(type)) return "a mapping of names to values";
    return "a " + type.getSimpleName().replace("Immutable", "").replace("Spec", "") + " mapping";
  }

  static boolean isUnknown(Exception e) {
    return e instanceof UnrecognizedPropertyException;
  }
}
