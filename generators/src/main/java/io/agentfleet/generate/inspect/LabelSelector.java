package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.spi.Fields;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A Kubernetes label selector: a plain map (Service) or matchLabels plus matchExpressions (PDB, workloads). */
public final class LabelSelector {
  private LabelSelector() {}

  /** True when a Service-style map selector matches the labels. */
  public static boolean matchesMap(JsonNode selector, Map<String, String> labels) {
    Fields fields = Fields.of(selector);
    for (int i = 0, n = fields.count(); i < n; i++) {
      if (!fields.value(i).asText().equals(labels.get(fields.name(i)))) {
        return false;
      }
    }
    return true;
  }

  /** True when a full label selector (matchLabels, matchExpressions) matches the labels; an absent one matches all. */
  public static boolean matches(JsonNode selector, Map<String, String> labels) {
    if (!matchesMap(selector.path("matchLabels"), labels)) {
      return false;
    }
    for (JsonNode expr : Json.list(selector.path("matchExpressions"))) {
      String key = Json.text(expr, "key");
      List<String> values = Json.strings(expr.path("values"));
      String op = String.valueOf(Json.text(expr, "operator"));
      boolean ok = switch (op) {
        case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
        case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code app=x,tier=y} for messages. */
  public static String describe(JsonNode mapSelector) {
    return Json.stringMap(mapSelector).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
