package io.agentfleet.generate.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.agentfleet.model.AgentSpec;
import io.agentfleet.model.ComponentSpec;
import io.agentfleet.model.Compute;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.Role;
import io.agentfleet.model.SubAgentSpec;
import io.agentfleet.model.WorkerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code docker-compose.yml} of a Docker agent setup and makes a starting {@link FleetSpec} of it. The
 * file is first checked against the Compose specification's JSON schema (when given), then mapped:
 *
 * <ul>
 *   <li>a service labelled {@code agentfleet.io/agent: <id>} (with {@code agentfleet.io/component: worker |
 *       frontend | backend}), or named {@code <id>-worker}, {@code <id>-frontend}/{@code -web}/{@code -ui},
 *       {@code <id>-backend}/{@code -api}, is that part of standard agent {@code <id>};</li>
 *   <li>a service labelled {@code agentfleet.io/role: <role>} is a sub-agent (id from {@code agentfleet.io/id} or
 *       the service name; up to {@code deploy.replicas} replicas);</li>
 *   <li>images, the container port, {@code deploy.resources} reservations and limits, and a worker's
 *       {@code REPOSITORY} variable are carried over; secret values never are (the API key becomes a Secret
 *       reference);</li>
 *   <li>PostgreSQL and every other service are left out and listed in the header of the written file.</li>
 * </ul>
 * Problems are collected and thrown together as a {@link ComposeImportException}.
 */
public final class ComposeImport {
  private static final Pattern PORT = Pattern.compile("^(?:.*:)?([0-9]+)(?:-[0-9]+)?(?:/(?:tcp|udp))?$");
  private static final Pattern MEMORY = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*([bkmg]?)b?$");
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Map<String, String> SUFFIXES = new LinkedHashMap<>();

  static {
    SUFFIXES.put("-worker", "worker");
    SUFFIXES.put("-agent", "worker");
    SUFFIXES.put("-claude", "worker");
    SUFFIXES.put("-frontend", "frontend");
    SUFFIXES.put("-web", "frontend");
    SUFFIXES.put("-ui", "frontend");
    SUFFIXES.put("-backend", "backend");
    SUFFIXES.put("-api", "backend");
  }

  /** What an import made: the spec, and what the file's header should tell its reader. */
  public record Result(FleetSpec spec, List<String> notes) {
    /** The fleet.yaml text: a header with the notes, then the spec as {@link FleetYaml#write} writes it. */
    public String yaml(String source) {
      StringBuilder sb = new StringBuilder("# A starting fleet.yaml imported by agentfleet from " + source + ".\n");
      sb.append("# Review it, then run `mvn agentfleet:generate`.\n");
      notes.forEach(n -> sb.append("# - ").append(n).append('\n'));
      return sb.append(FleetYaml.write(spec)).toString();
    }
  }

  private final String source;
  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private ComposeImport(String source) {
    this.source = source;
  }

  /**
   * Imports a Compose file. {@code schema}: the Compose specification's JSON schema (compose-spec.json), checked
   * first when present. {@code fallbackName}: the fleet's name when the file has no top-level {@code name}.
   */
  public static Result read(Path compose, Optional<Path> schema, String fallbackName) {
    String text;
    try {
      text = Files.readString(compose, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ComposeImportException("Cannot read the Compose file",
          List.of(compose + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    return read(text, compose.getFileName().toString(), schema, fallbackName);
  }

  /** Imports Compose text; {@code source} names it in messages. */
  public static Result read(String text, String source, Optional<Path> schema, String fallbackName) {
    return new ComposeImport(source).run(text, schema, fallbackName);
  }

  private Result run(String text, Optional<Path> schema, String fallbackName) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw fail(List.of(source + ": not valid YAML" + (loc == null ? "" : " (line " + loc.getLineNr() + ", column "
          + loc.getColumnNr() + ")") + ": " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw fail(List.of(source + ": must be a Compose mapping with services:, not "
          + (root == null || root.isMissingNode() ? "an empty file" : root.getNodeType().toString().toLowerCase(Locale.ROOT))));
    }
    schema.ifPresent(s -> checkSchema(root, s));
    if (!problems.isEmpty()) {
      throw fail(problems);
    }
    JsonNode services = root.path("services");
    if (!services.isObject() || services.isEmpty()) {
      throw fail(List.of(source + ": services: must list the agents' services (found none)"));
    }

    Map<String, Map<String, JsonNode>> agents = new TreeMap<>();
    List<SubAgentSpec> subAgents = new ArrayList<>();
    boolean apiKey = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode svc = e.getValue();
      apiKey |= hasVariable(svc, "ANTHROPIC_API_KEY");
      String role = label(svc, "agentfleet.io/role");
      if (role != null) {
        subAgent(name, svc, role).ifPresent(subAgents::add);
        continue;
      }
      String[] part = agentPart(name, svc);
      if (part == null) {
        notes.add("service '" + name + "' (" + svc.path("image").asText("no image")
            + ") is not an agent: left out" + (svc.path("image").asText("").startsWith("postgres")
            ? "; the fleet's PostgreSQL cluster replaces it (database:), docker-to-k8s.sh moves its data" : ""));
        continue;
      }
      Map<String, JsonNode> parts = agents.computeIfAbsent(part[0], k -> new TreeMap<>());
      if (parts.putIfAbsent(part[1], svc) != null) {
        problems.add(source + ": services." + name + ": agent " + part[0] + " already has a " + part[1] + " service");
      }
    }

    var fleet = FleetSpec.builder();
    String name = root.path("name").asText(fallbackName);
    if (!DNS_LABEL.matcher(name).matches() || name.length() > 56) {
      problems.add(source + ": name: '" + name + "' is not a DNS-1123 label of at most 56 characters: set a fleet name");
    }
    fleet.name(name);
    agents.forEach((id, parts) -> agent(id, parts).ifPresent(fleet::addAgent));
    subAgents.forEach(fleet::addSubAgent);
    if (agents.isEmpty() && subAgents.isEmpty() && problems.isEmpty()) {
      problems.add(source + ": services: no agent services found: name them <id>-worker, <id>-frontend, <id>-backend, "
          + "or label them agentfleet.io/agent: <id> (sub-agents: agentfleet.io/role: <role>)");
    }
    if (!problems.isEmpty()) {
      throw fail(problems);
    }
    if (apiKey) {
      notes.add("ANTHROPIC_API_KEY: its value is not copied; create the Secret claude-api-credentials (key api-key), "
          + "see the generated README");
    }
    return new Result(fleet.build(), List.copyOf(notes));
  }

  private ComposeImportException fail(List<String> found) {
    return new ComposeImportException(source + " cannot be imported", found);
  }

  private void checkSchema(JsonNode root, Path schemaFile) {
    try {
      JsonNode schemaNode = new ObjectMapper().readTree(schemaFile.toFile());
      // compose-spec.json has a relative $id ("compose_spec.json") the validator refuses; its $refs are all local.
      if (schemaNode instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove("$id");
      }
      JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
      for (ValidationMessage m : schema.validate(root)) {
        String where = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        problems.add(source + ": " + (where.isEmpty() ? "" : where + ": ") + m.getMessage()
            .replaceFirst("^\\$[^:]*: ", ""));
      }
      problems.sort(null);
    } catch (IOException e) {
      throw new ComposeImportException("Cannot read the Compose schema",
          List.of(schemaFile + ": " + e.getMessage()));
    }
  }

  /** {agent id, component} of an agent's service, or null. */
  private String[] agentPart(String name, JsonNode svc) {
    String id = label(svc, "agentfleet.io/agent");
    if (id != null) {
      String component = Optional.ofNullable(label(svc, "agentfleet.io/component")).orElse("worker");
      if (!List.of("worker", "frontend", "backend").contains(component)) {
        problems.add(source + ": services." + name + ".labels.agentfleet.io/component: '" + component
            + "' must be worker, frontend or backend");
      }
      return new String[] {id, component};
    }
    for (Map.Entry<String, String> s : SUFFIXES.entrySet()) {
      if (name.endsWith(s.getKey()) && name.length() > s.getKey().length()) {
        return new String[] {name.substring(0, name.length() - s.getKey().length()), s.getValue()};
      }
    }
    return null;
  }

  private Optional<AgentSpec> agent(String id, Map<String, JsonNode> parts) {
    String path = source + ": agent " + id;
    if (!DNS_LABEL.matcher(id).matches()) {
      problems.add(path + ": '" + id + "' is not a DNS-1123 label; rename the services or set agentfleet.io/agent");
      return Optional.empty();
    }
    JsonNode worker = parts.get("worker");
    if (worker == null) {
      problems.add(path + ": has no worker service (" + id + "-worker, or agentfleet.io/component: worker): "
          + "the Claude Code worker is what makes it an agent");
      return Optional.empty();
    }
    var w = WorkerSpec.builder();
    image(id + "-worker", worker).ifPresent(w::image);
    env(worker, "REPOSITORY").or(() -> env(worker, "GIT_REPOSITORY")).or(() -> env(worker, "REPO_URL"))
        .filter(v -> !v.contains("${")).ifPresent(w::repository);
    reservations(worker, "reservations").ifPresent(w::requests);
    reservations(worker, "limits").ifPresent(w::limits);
    var a = AgentSpec.builder().id(id).worker(w.build());
    component(id + "-frontend", parts.get("frontend")).ifPresent(a::frontend);
    component(id + "-backend", parts.get("backend")).ifPresent(a::backend);
    return Optional.of(a.build());
  }

  private Optional<ComponentSpec> component(String what, JsonNode svc) {
    if (svc == null) {
      return Optional.empty();
    }
    Optional<String> image = image(what, svc);
    if (image.isEmpty()) {
      return Optional.empty();
    }
    var c = ComponentSpec.builder().image(image.get());
    port(svc).ifPresent(c::port);
    reservations(svc, "reservations").ifPresent(c::requests);
    reservations(svc, "limits").ifPresent(c::limits);
    return Optional.of(c.build());
  }

  private Optional<SubAgentSpec> subAgent(String name, JsonNode svc, String roleText) {
    Role role;
    try {
      role = Role.parse(roleText);
    } catch (IllegalArgumentException e) {
      problems.add(source + ": services." + name + ".labels.agentfleet.io/role: " + e.getMessage());
      return Optional.empty();
    }
    String id = Optional.ofNullable(label(svc, "agentfleet.io/id")).orElse(name);
    int max = Math.max(1, svc.path("deploy").path("replicas").asInt(1));
    var s = SubAgentSpec.builder().id(id).role(role).replicas(ReplicaRange.between(1, max))
        .requests(reservations(svc, "reservations").orElse(Compute.of("1", "2Gi")));
    if (reservations(svc, "reservations").isEmpty()) {
      notes.add("sub-agent " + id + ": no deploy.resources.reservations; requests set to 1 CPU and 2Gi, adjust them");
    }
    image(name, svc).ifPresent(s::image);
    reservations(svc, "limits").ifPresent(s::limits);
    return Optional.of(s.build());
  }

  private Optional<String> image(String what, JsonNode svc) {
    String image = svc.path("image").asText("");
    if (image.isEmpty()) {
      problems.add(source + ": services of " + what + ": has no image" + (svc.has("build")
          ? " (only build:); Kubernetes runs images from a registry: push it and set image:" : ""));
      return Optional.empty();
    }
    return Optional.of(image);
  }

  private static Optional<Integer> port(JsonNode svc) {
    for (JsonNode p : svc.path("ports")) {
      if (p.isObject() && p.has("target")) {
        return Optional.of(p.path("target").asInt());
      }
      Matcher m = PORT.matcher(p.asText(""));
      if (m.matches()) {
        return Optional.of(Integer.parseInt(m.group(1)));
      }
    }
    for (JsonNode p : svc.path("expose")) {
      Matcher m = PORT.matcher(p.asText(""));
      if (m.matches()) {
        return Optional.of(Integer.parseInt(m.group(1)));
      }
    }
    return Optional.empty();
  }

  /** {@code deploy.resources.<which>}: cpus and memory, as Kubernetes quantities. */
  private Optional<Compute> reservations(JsonNode svc, String which) {
    JsonNode r = svc.path("deploy").path("resources").path(which);
    if (r.isMissingNode() || r.isEmpty()) {
      return Optional.empty();
    }
    var c = Compute.builder();
    if (r.has("cpus")) {
      c.cpu(Quantity.parse(r.path("cpus").asText()));
    }
    if (r.has("memory")) {
      memory(r.path("memory").asText()).ifPresent(c::memory);
    }
    return Optional.of(c.build());
  }

  /** Compose memory ({@code 512m}, {@code 2g}, {@code 2GB}, bytes) as a binary quantity. */
  static Optional<Quantity> memory(String text) {
    Matcher m = MEMORY.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.of(Quantity.parse(text));
    }
    String unit = switch (m.group(2)) {
      case "k" -> "Ki";
      case "m" -> "Mi";
      case "g" -> "Gi";
      default -> "";
    };
    return Optional.of(Quantity.parse(m.group(1) + unit));
  }

  private static String label(JsonNode svc, String key) {
    JsonNode labels = svc.path("labels");
    if (labels.isObject()) {
      return labels.has(key) ? labels.path(key).asText() : null;
    }
    for (JsonNode l : labels) {
      String s = l.asText("");
      if (s.startsWith(key + "=")) {
        return s.substring(key.length() + 1);
      }
    }
    return null;
  }

  private static Optional<String> env(JsonNode svc, String key) {
    JsonNode env = svc.path("environment");
    if (env.isObject()) {
      return env.has(key) && !env.path(key).isNull() ? Optional.of(env.path(key).asText()) : Optional.empty();
    }
    for (JsonNode e : env) {
      String s = e.asText("");
      if (s.startsWith(key + "=")) {
        return Optional.of(s.substring(key.length() + 1));
      }
    }
    return Optional.empty();
  }

  private static boolean hasVariable(JsonNode svc, String key) {
    JsonNode env = svc.path("environment");
    if (env.isObject()) {
      return env.has(key);
    }
    for (JsonNode e : env) {
      if (e.asText("").equals(key) || e.asText("").startsWith(key + "=")) {
        return true;
      }
    }
    return false;
  }
}
