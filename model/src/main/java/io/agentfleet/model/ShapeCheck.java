package io.agentfleet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a fleet file's tree against {@link FleetSchema} before binding and repairs it so that binding always
 * succeeds: every unknown field, wrong type, bad choice and missing required field is recorded with its place, then
 * dropped or replaced by a placeholder. The resolver then runs on the repaired fleet; its problems at the paths
 * recorded here ({@link #covers}) are left out, since they are about placeholders, not about what the user wrote.
 */
final class ShapeCheck {
  private static final String PLACEHOLDER_ID = "agentfleet-placeholder-";
  private final SourceMap where;
  private final Problems problems = new Problems();
  private final Set<String> covered = new HashSet<>();
  private final Set<String> merged = new HashSet<>();
  /** Placeholder entry paths ({@code subAgents[agentfleet-placeholder-1]}) → the path the user reads. */
  private final Map<String, String> renames = new LinkedHashMap<>();
  private int placeholders;

  ShapeCheck(SourceMap where) {
    this.where = where;
  }

  /** Checks and repairs the whole file. */
  void check(ObjectNode root) {
    object(root, "", FleetSchema.root());
  }

  List<Problem> problems() {
    return problems.list();
  }

  /** The path the user reads for a path of the repaired fleet. */
  String rename(String path) {
    for (Map.Entry<String, String> r : renames.entrySet()) {
      String from = r.getKey();
      if (path.equals(from) || path.startsWith(from + ".") || path.startsWith(from + "[")) {
        return r.getValue() + path.substring(from.length());
      }
    }
    return path;
  }

  /** True when a problem at {@code path} is already reported here (at it or at a parent). */
  boolean covers(String path) {
    for (String p = path; ; p = SourceMap.parent(p)) {
      if (covered.contains(p)) {
        return true;
      }
      if (p.isEmpty()) {
        return false;
      }
    }
  }

  /** A mapping that held a merge key (refused already): the fields it lacks are not reported as missing. */
  void merged(String path) {
    merged.add(path);
  }

  /** A value refused while reading the YAML (an alias, say): already reported, so left out here too. */
  void refused(String path) {
    covered.add(path);
  }

  /** Records a problem with the value at {@code path}; the resolver's problems there are then left out. */
  private void report(String path, String message) {
    problems.add(new Problem(path, message, Optional.of(where.value(path))));
    covered.add(path);
  }

  /** Checks {@code node}; returns what to keep in its place (maybe converted), or null to drop it. */
  private JsonNode value(JsonNode node, String path, FleetSchema.Shape shape) {
    if (node instanceof YamlTree.Refused) {
      covered.add(path);
      return null;
    }
    switch (shape.kind()) {
      case OBJECT -> {
        if (!node.isObject()) {
          report(path, "expected a mapping (field: value) here");
          return null;
        }
        object((ObjectNode) node, path, shape);
        return node;
      }
      case LIST -> {
        if (!node.isArray()) {
          report(path, "expected a list here");
          return null;
        }
        list((ArrayNode) node, path, shape.item());
        return node;
      }
      case MAP -> {
        if (!node.isObject()) {
          report(path, "expected a mapping of names to values here");
          return null;
        }
        map((ObjectNode) node, path, shape.item());
        return node;
      }
      case TEXT -> {
        return text(node, path);
      }
      case WHOLE -> {
        return whole(node, path, shape.javaType());
      }
      case BOOLEAN -> {
        if (node.isBoolean()) {
          return node;
        }
        if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
          return BooleanNode.valueOf(Boolean.parseBoolean(node.asText()));
        }
        boolean yamlOneOne = node.isValueNode()
            && node.asText().matches("y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF");
        report(path, yamlOneOne ? "expected true or false here; '" + node.asText()
            + "' is text in fleet.yaml (YAML 1.2), not a yes/no answer" : "expected true or false here");
        return null;
      }
      case CHOICE -> {
        return choice(node, path, shape);
      }
      case VALUE -> {
        return valueClass(node, path, shape.javaType());
      }
      default -> throw new IllegalStateException(shape.kind().toString());
    }
  }

  private void object(ObjectNode obj, String path, FleetSchema.Shape shape) {
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String at = SourceMap.child(path, name);
      Optional<FleetSchema.Field> field = shape.field(name);
      JsonNode v = obj.get(name);
      if (field.isEmpty()) {
        List<String> known = shape.fields().stream().map(FleetSchema.Field::name).sorted().toList();
        String hint = Names.closest(name, known).map(s -> "; did you mean '" + s + "'?")
            .orElse(known.isEmpty() ? "" : " (known fields: " + String.join(", ", known) + ")");
        problems.add(new Problem(at, "unknown field" + hint, Optional.of(where.key(at))));
        obj.remove(name);
        continue;
      }
      if (v.isNull()) {
        obj.remove(name); // a field written as ~ or left empty is absent
        continue;
      }
      JsonNode kept = value(v, at, field.get().shape());
      if (kept == null) {
        where.fix(); // a wrong value taken out: its own place may still be asked for
        obj.remove(name);
        covered.add(at);
        if (field.get().required()) {
          obj.set(name, placeholder(field.get()));
        }
      } else if (kept != v) {
        obj.set(name, kept);
      }
    }
    List<FleetSchema.Field> missing = shape.fields().stream()
        .filter(f -> f.required() && !obj.has(f.name())).toList();
    if (!missing.isEmpty() && merged.contains(path)) {
      for (FleetSchema.Field f : missing) {
        covered.add(SourceMap.child(path, f.name()));
        obj.set(f.name(), placeholder(f));
      }
    } else if (!missing.isEmpty()) {
      // Placed at the parent, which stays open to the resolver's problems: only the missing fields are covered.
      String list = missing.stream().map(FleetSchema.Field::name).collect(Collectors.joining(", "));
      problems.add(new Problem(path, "must provide " + list, Optional.of(where.value(path))));
      for (FleetSchema.Field f : missing) {
        covered.add(SourceMap.child(path, f.name()));
        obj.set(f.name(), placeholder(f));
      }
    }
  }

  private void list(ArrayNode arr, String path, FleetSchema.Shape item) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      paths.add(SourceMap.entry(path, arr.get(i), i));
    }
    List<Integer> drop = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode v = arr.get(i);
      if (v.isNull()) {
        report(paths.get(i), "must not be empty (~ and null are not list entries)");
        drop.add(i);
        continue;
      }
      JsonNode kept = value(v, paths.get(i), item);
      if (kept == null) {
        drop.add(i);
        continue;
      }
      if (kept != v) {
        arr.set(i, kept);
      }
      JsonNode id = kept.isObject() ? kept.get("id") : null;
      if (id != null && id.isTextual() && id.asText().startsWith(PLACEHOLDER_ID)) {
        renames.put(path + "[" + id.asText() + "]", paths.get(i));
      }
    }
    if (!drop.isEmpty()) {
      where.fix(); // the entries after a dropped one move
    }
    for (int i = drop.size() - 1; i >= 0; i--) {
      arr.remove(drop.get(i).intValue());
    }
  }

  private void map(ObjectNode obj, String path, FleetSchema.Shape item) {
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String at = SourceMap.child(path, name);
      JsonNode v = obj.get(name);
      JsonNode kept = v.isNull() ? null : value(v, at, item);
      if (v.isNull()) {
        report(at, "must not be empty (~ and null are not label values; write \"\" for an empty one)");
      }
      if (kept == null) {
        where.fix();
        obj.remove(name);
      } else if (kept != v) {
        obj.set(name, kept);
      }
    }
  }

  /** Text keeps the characters it was written with: {@code no}, {@code 012} and {@code 1.30} stay as they are. */
  private JsonNode text(JsonNode node, String path) {
    if (node.isValueNode()) {
      return node.isTextual() ? node : TextNode.valueOf(node.asText());
    }
    report(path, "expected a text value here, not a " + (node.isArray() ? "list" : "mapping"));
    return null;
  }

  /**
   * A plain number that YAML tools do not agree on: a leading zero (octal 10 in YAML 1.1, 12 in YAML 1.2) or a
   * base prefix; the message, or null when the number is plain decimal.
   */
  private static String ambiguous(JsonNode node) {
    if (!YamlTree.plainNumber(node)) {
      return null;
    }
    String raw = node.asText();
    if (LEADING_ZERO.matcher(raw).matches()) {
      return "write " + raw + " without leading zeros: YAML 1.1 tools read a number starting with 0 as octal";
    }
    if (raw.startsWith("0x") || raw.startsWith("0o")) {
      return "write " + raw + " as a decimal number (" + node.bigIntegerValue() + ")";
    }
    return null;
  }

  private JsonNode whole(JsonNode node, String path, Class<?> type) {
    boolean isInt = type == Integer.class || type == int.class;
    BigInteger min = BigInteger.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
    BigInteger max = BigInteger.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
    BigInteger n = null;
    String unclear = ambiguous(node);
    if (unclear != null) {
      report(path, unclear);
      return null;
    }
    if (node.isIntegralNumber()) {
      n = node.bigIntegerValue();
    } else if (node.isTextual() && node.asText().trim().matches("-?[0-9]+")) {
      n = new BigInteger(node.asText().trim());
    }
    if (n == null) {
      report(path, "expected a whole number here");
      return null;
    }
    if (n.compareTo(max) > 0 || n.compareTo(min) < 0) {
      report(path, node.asText().trim() + " is out of range: write a whole number between " + min + " and " + max);
      return null;
    }
    return isInt ? IntNode.valueOf(n.intValue()) : LongNode.valueOf(n.longValue());
  }

  private JsonNode choice(JsonNode node, String path, FleetSchema.Shape shape) {
    if (!node.isValueNode()) {
      report(path, "expected one of " + String.join(", ", shape.choices()) + " here");
      return null;
    }
    try {
      Method parse = shape.javaType().getMethod("parse", String.class);
      parse.invoke(null, node.isNull() ? "" : node.asText());
      return node.isTextual() ? node : TextNode.valueOf(node.asText());
    } catch (InvocationTargetException e) {
      report(path, e.getCause().getMessage());
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Value classes read text and check it themselves; numbers stay numbers where the class reads them. */
  private JsonNode valueClass(JsonNode node, String path, Class<?> type) {
    if (node.isTextual()) {
      return node;
    }
    if (type == EnvValue.class && node.isObject()) {
      // A Secret reference: exactly { secret, key }, both text.
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      boolean ok = true;
      for (String name : names) {
        if (!name.equals("secret") && !name.equals("key")) {
          problems.add(new Problem(SourceMap.child(path, name), "unknown field (known fields: key, secret)",
              Optional.of(where.key(SourceMap.child(path, name)))));
          ok = false;
        } else if (!node.get(name).isTextual()) {
          report(SourceMap.child(path, name), "expected text here");
          ok = false;
        }
      }
      return ok ? node : null;
    }
    if (!node.isValueNode()) {
      report(path, "expected " + FleetYaml.typeWord(type) + " here");
      return null;
    }
    boolean readsInt = hasParse(type, int.class) || hasParse(type, double.class);
    boolean readsFloat = hasParse(type, double.class);
    String unclear = readsInt ? ambiguous(node) : null;
    if (unclear != null) {
      report(path, unclear);
      return null;
    }
    // Only plain decimals stay numbers; 1e3, .inf and the like reach the value class as the text written.
    boolean decimal = DECIMAL.matcher(node.asText()).matches();
    if (decimal && ((node.isIntegralNumber() && node.canConvertToInt() && readsInt)
        || (node.isFloatingPointNumber() && readsFloat))) {
      return node;
    }
    return TextNode.valueOf(node.asText());
  }

  private static final Map<Class<?>, Map<Class<?>, Boolean>> PARSES = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.regex.Pattern LEADING_ZERO = java.util.regex.Pattern.compile("[-+]?0[0-9]+");
  private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

  /** Whether {@code type} reads a value of {@code param} (looked up once per class: this runs for every value). */
  private static boolean hasParse(Class<?> type, Class<?> param) {
    return PARSES.computeIfAbsent(type, t -> new java.util.concurrent.ConcurrentHashMap<>())
        .computeIfAbsent(param, p -> {
          try {
            type.getMethod("parse", p);
            return true;
          } catch (NoSuchMethodException e) {
            return false;
          }
        });
  }

  /** A stand-in for a required value that is missing or wrong: valid where other values depend on it. */
  private JsonNode placeholder(FleetSchema.Field field) {
    where.fix(); // a stand-in has no place in the file, and may name a list entry (its id)
    FleetSchema.Shape shape = field.shape();
    return switch (shape.kind()) {
      case TEXT -> TextNode.valueOf(field.name().equals("id") ? PLACEHOLDER_ID + (++placeholders) : "placeholder");
      case WHOLE -> IntNode.valueOf(1);
      case BOOLEAN -> BooleanNode.FALSE;
      case CHOICE -> TextNode.valueOf(shape.choices().get(0));
      // Invalid on purpose: the resolver reports it at this (covered) path and compares nothing with it.
      case VALUE -> TextNode.valueOf("?");
      case LIST -> JsonNodeFactory.instance.arrayNode();
      case MAP -> JsonNodeFactory.instance.objectNode();
      case OBJECT -> {
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        shape.fields().stream().filter(FleetSchema.Field::required).forEach(f -> obj.set(f.name(), placeholder(f)));
        yield obj;
      }
    };
  }
}
