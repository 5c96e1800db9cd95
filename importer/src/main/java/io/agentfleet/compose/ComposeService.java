package io.agentfleet.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.model.Compute;
import io.agentfleet.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service of a Compose file, read defensively: every field in either of Compose's spellings (map or list,
 * number or string), and every number checked for range, so that a bad value becomes a problem naming the service
 * and the field instead of an exception.
 */
final class ComposeService {
  private static final Pattern PORT = Pattern.compile("^(?:.*:)?([0-9]+)(?:-[0-9]+)?(?:/(?:tcp|udp|sctp))?$");
  private static final Pattern MEMORY = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*([bkmgt]?)b?$");
  private static final Pattern INTEGER = Pattern.compile("^[0-9]+$");
  /** More cores than any node offers: a typo, not a request. */
  private static final BigDecimal MAX_CPUS = BigDecimal.valueOf(1024);
  /** More memory than any node offers (1 PiB). */
  private static final BigDecimal MAX_BYTES = BigDecimal.valueOf(2).pow(50);

  /** A volume as Compose mounts it: {@code source} empty for an anonymous volume. */
  record Volume(String type, String source, String target, String text) {}

  final String name;
  final JsonNode node;
  private final String source;
  private final List<String> problems;

  ComposeService(String source, String name, JsonNode node, List<String> problems) {
    this.source = source;
    this.name = name;
    this.node = node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    this.problems = problems;
  }

  /** {@code docker-compose.yml: services.<name>.<field>}, the prefix of every problem about this service. */
  String at(String field) {
    return source + ": services." + name + (field.isEmpty() ? "" : "." + field);
  }

  void problem(String field, String message) {
    problems.add(at(field) + ": " + message);
  }

  Optional<String> image() {
    String image = node.path("image").isValueNode() ? node.path("image").asText("").trim() : "";
    return image.isEmpty() ? Optional.empty() : Optional.of(image);
  }

  /** The label {@code agentfleet.io/<key>} or {@code agentfleet.<key>}, in map or {@code key=value} list form. */
  Optional<String> label(String key) {
    for (String full : List.of("agentfleet.io/" + key, "agentfleet." + key)) {
      JsonNode labels = node.path("labels");
      if (labels.isObject() && labels.has(full) && labels.get(full).isValueNode()) {
        return Optional.of(labels.get(full).asText().trim());
      }
      for (JsonNode l : labels.isArray() ? labels : List.<JsonNode>of()) {
        String s = l.asText("");
        if (s.startsWith(full + "=")) {
          return Optional.of(s.substring(full.length() + 1).trim());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The environment in file order: name → value, empty when Compose takes the value from the shell
   * ({@code - NAME} or {@code NAME:} with no value).
   */
  Map<String, Optional<String>> environment() {
    Map<String, Optional<String>> env = new LinkedHashMap<>();
    JsonNode e = node.path("environment");
    if (e.isObject()) {
      e.fields().forEachRemaining(f -> env.put(f.getKey(),
          f.getValue().isNull() ? Optional.empty() : Optional.of(text(f.getValue()))));
    } else if (e.isArray()) {
      for (JsonNode entry : e) {
        String s = entry.asText("");
        int eq = s.indexOf('=');
        if (eq < 0) {
          env.put(s.trim(), Optional.empty());
        } else {
          env.put(s.substring(0, eq).trim(), Optional.of(s.substring(eq + 1)));
        }
      }
    }
    env.remove("");
    return env;
  }

  /** The mounts, from the short ({@code src:dst:ro}) and the long ({@code {type, source, target}}) syntax. */
  List<Volume> volumes() {
    List<Volume> out = new ArrayList<>();
    for (JsonNode v : node.path("volumes")) {
      if (v.isObject()) {
        String target = v.path("target").asText("");
        String src = v.path("source").asText("");
        String type = v.path("type").asText(src.isEmpty() ? "volume" : isHostPath(src) ? "bind" : "volume");
        out.add(new Volume(type, src, target, (src.isEmpty() ? "" : src + ":") + target));
      } else {
        String s = v.asText("");
        String[] p = s.split(":");
        if (p.length == 1) {
          out.add(new Volume("volume", "", p[0], s));
        } else {
          out.add(new Volume(isHostPath(p[0]) ? "bind" : "volume", p[0], p[1], s));
        }
      }
    }
    return out;
  }

  private static boolean isHostPath(String source) {
    return source.startsWith("/") || source.startsWith(".") || source.startsWith("~") || source.startsWith("$");
  }

  /** The container port of the first {@code ports} (or {@code expose}) entry. */
  Optional<Integer> port() {
    int i = 0;
    for (JsonNode p : node.path("ports")) {
      String field = "ports[" + i++ + "]";
      if (p.isObject()) {
        return p.has("target") ? portNumber(field + ".target", p.get("target")) : Optional.empty();
      }
      Optional<Integer> port = portText(field, p);
      if (port.isPresent() || p.isNumber()) {
        return port;
      }
    }
    i = 0;
    for (JsonNode p : node.path("expose")) {
      Optional<Integer> port = portText("expose[" + i++ + "]", p);
      if (port.isPresent()) {
        return port;
      }
    }
    return Optional.empty();
  }

  private Optional<Integer> portText(String field, JsonNode p) {
    if (p.isNumber()) {
      return portNumber(field, p);
    }
    Matcher m = PORT.matcher(p.asText("").trim());
    if (!m.matches()) {
      problem(field, "'" + p.asText("") + "' is not a port mapping (examples: 3000, \"3002:3000\", \"8080/tcp\")");
      return Optional.empty();
    }
    return portNumber(field, com.fasterxml.jackson.databind.node.TextNode.valueOf(m.group(1)));
  }

  private Optional<Integer> portNumber(String field, JsonNode value) {
    Optional<BigInteger> n = integer(value);
    if (n.isEmpty() || n.get().signum() <= 0 || n.get().compareTo(BigInteger.valueOf(65535)) > 0) {
      problem(field, "'" + text(value) + "' is not a port (1..65535)");
      return Optional.empty();
    }
    return Optional.of(n.get().intValue());
  }

  /**
   * A count such as {@code deploy.replicas}, as a number or a string ({@code "2"}); a problem when it is not a
   * whole number in {@code 0..max}.
   */
  Optional<Integer> count(String field, JsonNode value, int max) {
    Optional<BigInteger> n = integer(value);
    if (n.isEmpty() || n.get().compareTo(BigInteger.valueOf(max)) > 0) {
      problem(field, "'" + text(value) + "' is not a replica count (a whole number from 0 to " + max + ")");
      return Optional.empty();
    }
    return Optional.of(n.get().intValue());
  }

  /** {@code deploy.resources.reservations} or {@code .limits} (with the service-level fallbacks of Compose v2). */
  Optional<Compute> compute(String which) {
    JsonNode r = node.path("deploy").path("resources").path(which);
    String base = "deploy.resources." + which;
    JsonNode cpus = r.path("cpus");
    JsonNode memory = r.path("memory");
    if (which.equals("limits")) {
      cpus = cpus.isMissingNode() ? node.path("cpus") : cpus;
      memory = memory.isMissingNode() ? node.path("mem_limit") : memory;
    } else {
      memory = memory.isMissingNode() ? node.path("mem_reservation") : memory;
    }
    var c = Compute.builder();
    boolean any = false;
    if (!cpus.isMissingNode() && !cpus.isNull()) {
      Optional<Quantity> q = cpus(r.has("cpus") ? base + ".cpus" : "cpus", cpus);
      q.ifPresent(c::cpu);
      any |= q.isPresent();
    }
    if (!memory.isMissingNode() && !memory.isNull()) {
      String field = r.has("memory") ? base + ".memory" : which.equals("limits") ? "mem_limit" : "mem_reservation";
      Optional<Quantity> q = memory(field, memory);
      q.ifPresent(c::memory);
      any |= q.isPresent();
    }
    return any ? Optional.of(c.build()) : Optional.empty();
  }

  private Optional<Quantity> cpus(String field, JsonNode value) {
    String t = text(value).trim();
    Quantity q = Quantity.parse(t);
    if (!q.isValid() || q.amount().signum() <= 0 || q.amount().compareTo(MAX_CPUS) > 0) {
      problem(field, "'" + t + "' is not a CPU count (a number of cores above 0 and at most " + MAX_CPUS
          + ", such as 0.5 or \"1.5\")");
      return Optional.empty();
    }
    return Optional.of(q);
  }

  private Optional<Quantity> memory(String field, JsonNode value) {
    String t = text(value).trim();
    Optional<Quantity> q = memory(t);
    if (q.isEmpty() || !q.get().isValid() || q.get().amount().signum() <= 0 || q.get().amount().compareTo(MAX_BYTES) > 0) {
      problem(field, "'" + t + "' is not a memory size (such as 512m, 2g or 2GB, at most 1 PiB)");
      return Optional.empty();
    }
    return q;
  }

  /** Compose memory ({@code 512m}, {@code 2g}, {@code 2GB}, bytes) as a binary quantity; empty when malformed. */
  static Optional<Quantity> memory(String text) {
    Matcher m = MEMORY.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      Quantity q = Quantity.parse(text);
      return q.isValid() ? Optional.of(q) : Optional.empty();
    }
    String unit = switch (m.group(2)) {
      case "k" -> "Ki";
      case "m" -> "Mi";
      case "g" -> "Gi";
      case "t" -> "Ti";
      default -> "";
    };
    return Optional.of(Quantity.parse(m.group(1) + unit));
  }

  /** A whole number from a number node or a digit string, of any size; empty otherwise. */
  private static Optional<BigInteger> integer(JsonNode value) {
    if (value.isIntegralNumber()) {
      return Optional.of(value.bigIntegerValue());
    }
    String t = value.isTextual() ? value.asText().trim() : "";
    return INTEGER.matcher(t).matches() ? Optional.of(new BigInteger(t)) : Optional.empty();
  }

  /** A scalar as Compose would pass it on: numbers without a trailing {@code .0}, the rest as written. */
  static String text(JsonNode value) {
    if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())) {
      return value.decimalValue().stripTrailingZeros().toPlainString();
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
