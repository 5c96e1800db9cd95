package io.agentfleet.generate.validate.schema;

import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import io.agentfleet.generate.inspect.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns networknt validation messages into readable ones: {@code spec.replicsa: unknown field (...)}. */
public final class SchemaMessages {
  private SchemaMessages() {}

  /** One line per error, sorted by field path then text; a oneOf/anyOf of types reads as "x found, a or b expected". */
  static List<String> format(Collection<ValidationMessage> messages, ResourceType type) {
    List<ValidationMessage> all = new ArrayList<>(messages);
    Set<ValidationMessage> folded = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : all) {
      if ("oneOf".equals(m.getType()) || "anyOf".equals(m.getType())) {
        List<ValidationMessage> branches = all.stream()
            .filter(b -> b != m && b.getEvaluationPath().startsWith(m.getEvaluationPath())
                && b.getInstanceLocation().equals(m.getInstanceLocation()))
            .toList();
        if (!branches.isEmpty() && branches.stream().allMatch(b -> "type".equals(b.getType()))) {
          folded.add(m);
          folded.addAll(branches);
          out.add(path(m.getInstanceLocation()) + ": " + found(branches.get(0)) + " found, "
              + branches.stream().flatMap(b -> expected(b).stream()).distinct().collect(Collectors.joining(" or "))
              + " expected");
        }
      }
    }
    for (ValidationMessage m : all) {
      if (!folded.contains(m)) {
        out.add(line(m, type));
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private static String line(ValidationMessage m, ResourceType type) {
    String at = path(m.getInstanceLocation());
    return switch (m.getType()) {
      case "additionalProperties" -> Json.field(at, m.getProperty()) + ": unknown field (not in the schema of " + type + ")";
      case "required" -> Json.field(at, m.getProperty()) + ": is required";
      case "type" -> named(at) + ": " + found(m) + " found, " + String.join(" or ", expected(m)) + " expected";
      default -> named(at) + ": " + m.getError();
    };
  }

  private static String named(String path) {
    return path.isEmpty() ? "(document)" : path;
  }

  /** The instance location as a dotted path: {@code spec.template.spec.containers[0].image}. */
  static String path(JsonNodePath location) {
    String p = "";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object e = location.getElement(i);
      p = e instanceof Integer idx ? Json.index(p, idx) : Json.field(p, String.valueOf(e));
    }
    return p;
  }

  private static String found(ValidationMessage m) {
    Object[] args = m.getArguments();
    return args != null && args.length > 0 ? String.valueOf(args[0]) : "value";
  }

  private static List<String> expected(ValidationMessage m) {
    Object[] args = m.getArguments();
    String raw = args != null && args.length > 1 ? String.valueOf(args[1]) : "";
    return Arrays.stream(raw.replace("[", "").replace("]", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty() && !s.equals("null")).toList();
  }
}
