package io.agentfleet.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.model.AgentSpec;
import io.agentfleet.model.ComponentSpec;
import io.agentfleet.model.Compute;
import io.agentfleet.model.Defaults;
import io.agentfleet.model.DefaultsSpec;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.model.Priority;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the {@code docker-compose.yml} of a Docker agent setup and makes a starting {@link FleetSpec} of it, with an
 * {@link ImportReport} of everything left out. The conventions (which services become what, which variables and
 * labels are read, what is dropped and why) are documented in the README's "Importing a Docker Compose setup";
 * in short:
 *
 * <ul>
 *   <li>a service whose role ({@code AGENT_ROLE} or label {@code agentfleet.io/role}) is a sub-agent role is a
 *       sub-agent; its id is the name's suffix after the sub-agents' common prefix ({@code claude-sub-agent-s1} →
 *       {@code s1});</li>
 *   <li>{@code <base>-frontend|-web|-ui} and {@code <base>-backend|-api} are parts of agent {@code <base>}, whose
 *       worker is {@code <base>} itself or {@code <base>-worker|-agent|-claude}; the agents' common prefix becomes
 *       {@code agentPrefix} ({@code booking-agent-a2} -> prefix {@code booking-agent}, id {@code a2});</li>
 *   <li>non-secret environment is kept as {@code env:}, credentials become Secret references, {@code GIT_REPO} the
 *       worker's repository; a workspace volume is the worker's persistent workspace;</li>
 *   <li>only values that differ from what the model fills in are written.</li>
 * </ul>
 * Problems are collected and thrown together as a {@link ComposeImportException}.
 */
public final class ComposeImport {
  /**
   * A sub-agent Docker ran as N copies may scale from N (the migrated fleet never has less capacity than before) to
   * 4 × N under load: the headroom the seed's smallest sub-agent has (1..4), so autoscaling is never switched off.
   */
  public static final int MAX_REPLICAS_FACTOR = 4;
  /** The largest replica count read from a Compose file; more is a typo. */
  static final int MAX_REPLICAS = 250;

  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  static final Pattern INTERPOLATION = Pattern.compile("\\$\\{?[A-Za-z_]");
  private static final Map<String, String> SUFFIXES = new LinkedHashMap<>();
  private static final List<String> DATABASE_SUFFIXES = List.of("-db", "-database", "-postgres", "-postgresql", "-pg");
  /** Roles that mean "the worker of a standard agent", not a sub-agent. */
  private static final Set<String> WORKER_ROLES = Set.of("standard-agent", "standard", "agent", "worker");

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

  /** What an import made: the spec and the report for its user. */
  public record Result(FleetSpec spec, ImportReport report) {
    /** The report's lines (services left out, Secrets to create, what was kept and dropped). */
    public List<String> notes() {
      return report.lines(spec.namespace().orElse(spec.name()));
    }

    /** The fleet.yaml text: the report as a comment header, then only the values that differ from the defaults. */
    public String yaml(String source) {
      StringBuilder sb = new StringBuilder("# A starting fleet.yaml imported by agentfleet from " + source + ".\n");
      sb.append("# Review it, create the Secrets listed below, then run `mvn agentfleet:generate`.\n");
      notes().forEach(n -> sb.append("# ").append(n).append('\n'));
      return sb.append(FleetYaml.writeMinimal(spec)).toString();
    }
  }

  private record Part(String base, boolean explicitId, String component, ComposeService service) {}

  private final String source;
  private final List<String> problems = new ArrayList<>();
  private final ImportReport report = new ImportReport();
  private final ServiceEnv envs = new ServiceEnv(report);
  /** The file's top-level {@code volumes:}, where a workspace volume's size may be stated. */
  private JsonNode namedVolumes = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

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
    JsonNode root = ComposeYaml.read(text, source);
    schema.ifPresent(s -> problems.addAll(ComposeSchema.check(root, s, source)));
    if (!problems.isEmpty()) {
      throw fail(problems);
    }
    namedVolumes = root.path("volumes");
    JsonNode servicesNode = root.path("services");
    if (!servicesNode.isObject() || servicesNode.isEmpty()) {
      throw fail(List.of(source + ": services: must list the agents' services (found none)"));
    }
    List<ComposeService> services = new ArrayList<>();
    servicesNode.fields().forEachRemaining(e -> services.add(new ComposeService(source, e.getKey(), e.getValue(), problems)));

    List<Part> parts = new ArrayList<>();
    List<ComposeService> subAgents = new ArrayList<>();
    List<ComposeService> pending = new ArrayList<>();
    for (ComposeService svc : services) {
      classify(svc, parts, subAgents, pending);
    }
    Set<String> bases = parts.stream().map(Part::base).collect(Collectors.toCollection(LinkedHashSet::new));
    for (ComposeService svc : pending) {
      if (bases.contains(svc.name)) {
        parts.add(new Part(svc.name, false, "worker", svc));
      } else {
        skip(svc, bases);
      }
    }

    // Ids: the agents' and the sub-agents' names without their common prefix.
    List<String> derived = parts.stream().filter(p -> !p.explicitId()).map(Part::base).distinct().toList();
    String agentPrefix = commonPrefix(derived);
    Map<String, Map<String, ComposeService>> agents = new LinkedHashMap<>();
    for (Part p : parts) {
      String id = p.explicitId() ? p.base() : p.base().substring(agentPrefix.length());
      ComposeService previous = agents.computeIfAbsent(id, k -> new TreeMap<>()).putIfAbsent(p.component(), p.service());
      if (previous != null) {
        problems.add(p.service().at("") + ": agent " + id + " already has a " + p.component() + " service ("
            + previous.name + ")");
      }
    }
    List<String> subNames = subAgents.stream().filter(s -> s.label("id").isEmpty()).map(s -> s.name).toList();
    String subPrefix = subNames.stream().allMatch(n -> n.startsWith(Defaults.SUB_AGENT_PREFIX + "-")
        && n.length() > Defaults.SUB_AGENT_PREFIX.length() + 1) && !subNames.isEmpty()
        ? Defaults.SUB_AGENT_PREFIX + "-" : commonPrefix(subNames);

    String name = root.path("name").isValueNode() ? root.path("name").asText() : fallbackName;
    if (!DNS_LABEL.matcher(name).matches() || name.length() > 56) {
      problems.add(source + ": name: '" + name + "' is not a DNS-1123 label of at most 56 characters: set a fleet name");
    }
    var fleet = FleetSpec.builder().name(name);
    String prefix = agentPrefix.isEmpty() ? Defaults.AGENT_PREFIX : agentPrefix.substring(0, agentPrefix.length() - 1);
    fleet.agentPrefix(prefix);
    if (!agentPrefix.isEmpty()) {
      report.note("agentPrefix " + prefix + ": the common prefix of the agents' service names; ids are the rest ("
          + String.join(", ", agents.keySet()) + ")");
    }
    List<AgentSpec> agentSpecs = new ArrayList<>();
    agents.forEach((id, byPart) -> agent(id, prefix, byPart).ifPresent(agentSpecs::add));
    List<SubAgentSpec> subSpecs = new ArrayList<>();
    for (ComposeService s : subAgents) {
      String id = s.label("id").orElse(s.name.substring(s.name.startsWith(subPrefix) ? subPrefix.length() : 0));
      subAgent(id, s).ifPresent(subSpecs::add);
    }
    if (!subPrefix.isEmpty() && !subPrefix.equals(Defaults.SUB_AGENT_PREFIX + "-")) {
      report.note("sub-agents: their services are named " + subPrefix + "<id>; the tree names them "
          + Defaults.SUB_AGENT_PREFIX + "-<id> (the sub-agent prefix is fixed in this version of agentfleet)");
    }
    if (agentSpecs.isEmpty() && subSpecs.isEmpty() && problems.isEmpty()) {
      problems.add(source + ": services: no agent services found: name them <id>-worker, <id>-frontend, <id>-backend, "
          + "give sub-agents an AGENT_ROLE, or label them agentfleet.io/agent: <id> (sub-agents: agentfleet.io/role: <role>)");
    }
    if (!problems.isEmpty()) {
      throw fail(problems);
    }
    commonImage(fleet, agentSpecs, subSpecs);
    if (!envs.apiKeyServices().isEmpty()) {
      var claude = io.agentfleet.model.ClaudeSpec.defaults();
      envs.apiKeyServices().forEach((variable, names) -> report.secret(claude.apiKeySecret(), claude.apiKeyKey(),
          variable + " of " + describe(names) + " (the tree passes it to every agent as ANTHROPIC_API_KEY)"));
    }
    report.note("depends_on, networks, restart, healthcheck, container_name and published ports are not carried over: "
        + "the tree's Services, NetworkPolicies and probes take their place");
    FleetSpec spec = fleet.build();
    Result result = new Result(spec, report);
    envs.leakCheck(result.yaml(source));
    return result;
  }

  private void classify(ComposeService svc, List<Part> parts, List<ComposeService> subAgents,
      List<ComposeService> pending) {
    Optional<String> agentLabel = svc.label("agent");
    if (agentLabel.isPresent()) {
      String component = svc.label("component").orElse("worker");
      if (!List.of("worker", "frontend", "backend").contains(component)) {
        svc.problem("labels.agentfleet.io/component", "'" + component + "' must be worker, frontend or backend");
        return;
      }
      parts.add(new Part(agentLabel.get(), true, component, svc));
      return;
    }
    Optional<String> role = role(svc);
    if (role.isPresent() && !WORKER_ROLES.contains(normalise(role.get()))) {
      subAgents.add(svc);
      return;
    }
    for (Map.Entry<String, String> s : SUFFIXES.entrySet()) {
      if (svc.name.endsWith(s.getKey()) && svc.name.length() > s.getKey().length()) {
        parts.add(new Part(svc.name.substring(0, svc.name.length() - s.getKey().length()), false, s.getValue(), svc));
        return;
      }
    }
    if (role.isPresent()) {
      parts.add(new Part(svc.name, false, "worker", svc));
      return;
    }
    pending.add(svc);
  }

  /** The role from the label {@code agentfleet.io/role} (or {@code agentfleet.role}), else {@code AGENT_ROLE}. */
  private static Optional<String> role(ComposeService svc) {
    return svc.label("role").or(() -> svc.environment().getOrDefault("AGENT_ROLE", Optional.empty()))
        .filter(r -> !r.isBlank() && !INTERPOLATION.matcher(r).find());
  }

  private static String normalise(String role) {
    return role.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
  }

  private void skip(ComposeService svc, Set<String> bases) {
    String image = svc.image().orElse("");
    String what = image.isEmpty() ? "" : " (" + image + ")";
    Optional<String> agentOfDb = DATABASE_SUFFIXES.stream().filter(s -> svc.name.endsWith(s))
        .map(s -> svc.name.substring(0, svc.name.length() - s.length())).filter(bases::contains).findFirst();
    boolean postgres = image.startsWith("postgres") || image.contains("/postgres") || image.contains("postgis");
    if (agentOfDb.isPresent() || postgres) {
      report.skip(svc.name, "PostgreSQL" + what + (agentOfDb.map(b -> " of agent " + b).orElse(""))
          + ": the fleet's PostgreSQL cluster (database:) gives each agent its own database and credentials; "
          + "migration/docker-to-k8s.sh moves the data");
    } else if (image.isEmpty()) {
      report.skip(svc.name, "not an agent and has no image (build: only); nothing to run in the cluster");
    } else {
      report.skip(svc.name, "not an agent" + what + ": no AGENT_ROLE or agentfleet.io label, and its name matches no "
          + "agent convention (<agent>, <agent>-frontend, <agent>-backend); run it in the cluster separately if "
          + "the agents need it");
    }
  }

  /** The longest common prefix of the names that ends with '-' and leaves every name a non-empty rest. */
  static String commonPrefix(List<String> names) {
    if (names.isEmpty()) {
      return "";
    }
    if (names.size() == 1) {
      int dash = names.get(0).lastIndexOf('-');
      return dash > 0 ? names.get(0).substring(0, dash + 1) : "";
    }
    String p = names.get(0);
    for (String n : names) {
      int i = 0;
      while (i < p.length() && i < n.length() && p.charAt(i) == n.charAt(i)) {
        i++;
      }
      p = p.substring(0, i);
    }
    int dash = p.lastIndexOf('-');
    String prefix = dash > 0 ? p.substring(0, dash + 1) : "";
    String cut = prefix;
    return names.stream().allMatch(n -> n.length() > cut.length()) ? prefix : "";
  }

  private Optional<AgentSpec> agent(String id, String prefix, Map<String, ComposeService> parts) {
    String path = source + ": agent " + id;
    if (!DNS_LABEL.matcher(id).matches()) {
      problems.add(path + ": '" + id + "' is not a DNS-1123 label; rename the services or set agentfleet.io/agent");
      return Optional.empty();
    }
    ComposeService worker = parts.get("worker");
    if (worker == null) {
      problems.add(path + ": has no worker service (" + parts.values().iterator().next().name.replaceFirst(
          "-(frontend|web|ui|backend|api)$", "") + ", or agentfleet.io/component: worker): "
          + "the Claude Code worker is what makes it an agent");
      return Optional.empty();
    }
    String name = prefix + "-" + id;
    var w = WorkerSpec.builder();
    image(worker).ifPresent(w::image);
    Compute requests = worker.compute("reservations").orElse(null);
    nonDefault(requests, Defaults.WORKER_REQUESTS).ifPresent(w::requests);
    limits(worker, requests, Defaults.WORKER_REQUESTS).ifPresent(w::limits);
    if (worker.node.path("deploy").has("replicas") || worker.node.has("scale")) {
      report.note(worker.name + ": replicas dropped: a worker runs one pod, its workspace volume mounts on one node");
    }
    ServiceEnv.Mapping env = envs.map(worker, ServiceKind.WORKER, name + "-worker", name);
    env.repository().ifPresent(w::repository);
    w.env(env.env());
    volumes(worker, ServiceKind.WORKER).filter(q -> q.compareTo(Defaults.WORKER_WORKSPACE) != 0).ifPresent(w::workspace);
    dropped(worker);
    var a = AgentSpec.builder().id(id).worker(w.build());
    component(parts.get("frontend"), ServiceKind.FRONTEND, name + "-frontend").ifPresent(a::frontend);
    component(parts.get("backend"), ServiceKind.BACKEND, name + "-backend").ifPresent(a::backend);
    return Optional.of(a.build());
  }

  private Optional<ComponentSpec> component(ComposeService svc, ServiceKind kind, String workload) {
    if (svc == null) {
      return Optional.empty();
    }
    Optional<String> image = image(svc);
    if (image.isEmpty()) {
      return Optional.empty();
    }
    boolean frontend = kind == ServiceKind.FRONTEND;
    var c = ComponentSpec.builder().image(image.get());
    svc.port().filter(p -> p != (frontend ? Defaults.FRONTEND_PORT : Defaults.BACKEND_PORT)).ifPresent(c::port);
    replicas(svc).filter(n -> n != 1).ifPresent(n -> {
      if (n == 0) {
        report.note(svc.name + ": replicas 0 under Docker; the tree runs 1");
      } else {
        c.replicas(n);
      }
    });
    Compute defaults = frontend ? Defaults.FRONTEND_REQUESTS : Defaults.BACKEND_REQUESTS;
    Compute requests = svc.compute("reservations").orElse(null);
    nonDefault(requests, defaults).ifPresent(c::requests);
    limits(svc, requests, defaults).ifPresent(c::limits);
    c.env(envs.map(svc, kind, workload, workload).env());
    volumes(svc, kind);
    dropped(svc);
    return Optional.of(c.build());
  }

  private Optional<SubAgentSpec> subAgent(String id, ComposeService svc) {
    String roleText = role(svc).orElseThrow();
    Role role;
    try {
      role = Role.parse(normalise(roleText));
    } catch (IllegalArgumentException e) {
      report.skip(svc.name, "role '" + roleText + "' (from " + (svc.label("role").isPresent() ? "its agentfleet.io/role label"
          : "AGENT_ROLE") + "): " + e.getMessage() + "; add it to fleet.yaml by hand with the nearest role");
      return Optional.empty();
    }
    if (!DNS_LABEL.matcher(id).matches()) {
      svc.problem("", "id '" + id + "' (the name without the prefix) is not a DNS-1123 label; rename the service or "
          + "label it agentfleet.io/id: <id>");
      return Optional.empty();
    }
    Optional<ReplicaRange> range = replicaRange(svc);
    if (range.isEmpty()) {
      return Optional.empty();
    }
    var s = SubAgentSpec.builder().id(id).role(role).replicas(range.get());
    Optional<Compute> requests = svc.compute("reservations");
    if (requests.isEmpty() || requests.get().cpu().isEmpty() || requests.get().memory().isEmpty()) {
      Compute given = requests.orElse(Compute.builder().build());
      requests = Optional.of(Compute.builder().cpu(given.cpu().orElse(Defaults.WORKER_REQUESTS.cpu().orElseThrow()))
          .memory(given.memory().orElse(Defaults.WORKER_REQUESTS.memory().orElseThrow())).build());
      report.note(svc.name + ": no deploy.resources.reservations (cpus and memory); requests set to "
          + requests.get().cpu().orElseThrow() + " CPU and " + requests.get().memory().orElseThrow()
          + ", what a Claude Code worker gets; the HPA's percentages are measured against them, adjust them");
    }
    s.requests(requests.get());
    limits(svc, requests.get(), null).ifPresent(s::limits);
    image(svc).ifPresent(s::image);
    svc.label("priority").ifPresent(p -> {
      try {
        s.priority(Priority.parse(p));
      } catch (IllegalArgumentException e) {
        svc.problem("labels.agentfleet.io/priority", e.getMessage());
      }
    });
    s.env(envs.map(svc, ServiceKind.SUB_AGENT, Defaults.SUB_AGENT_PREFIX + "-" + id, Defaults.SUB_AGENT_PREFIX + "-" + id).env());
    volumes(svc, ServiceKind.SUB_AGENT).filter(q -> q.compareTo(Defaults.SUB_AGENT_WORKSPACE) != 0).ifPresent(s::workspace);
    dropped(svc);
    return Optional.of(s.build());
  }

  /**
   * The sub-agent's replica range: the label {@code agentfleet.io/replicas} as written ({@code 1..8}), else
   * N..{@value #MAX_REPLICAS_FACTOR}×N from {@code deploy.replicas} (or {@code scale}), N = 1 when neither is set.
   */
  private Optional<ReplicaRange> replicaRange(ComposeService svc) {
    Optional<String> label = svc.label("replicas");
    if (label.isPresent()) {
      ReplicaRange r = ReplicaRange.parse(label.get());
      if (!r.isValid()) {
        svc.problem("labels.agentfleet.io/replicas", r.error().orElseThrow());
        return Optional.empty();
      }
      return Optional.of(r);
    }
    Optional<Integer> n = replicas(svc);
    if (n.isPresent() && n.get() == 0) {
      report.note(svc.name + ": replicas 0 (not running under Docker); it scales from 1 here: remove it from "
          + "fleet.yaml if it should not run");
    }
    int min = Math.max(1, n.orElse(1));
    ReplicaRange r = ReplicaRange.between(min, min * MAX_REPLICAS_FACTOR);
    report.note(svc.name + ": replicas " + r + " (" + n.map(c -> "Docker ran " + c).orElse("no replica count in "
        + "the Compose file, so 1") + "; at most " + MAX_REPLICAS_FACTOR + " times that under load)");
    return Optional.of(r);
  }

  private Optional<Integer> replicas(ComposeService svc) {
    JsonNode deploy = svc.node.path("deploy").path("replicas");
    if (!deploy.isMissingNode() && !deploy.isNull()) {
      return svc.count("deploy.replicas", deploy, MAX_REPLICAS);
    }
    for (String field : List.of("scale", "replicas")) {
      JsonNode n = svc.node.path(field);
      if (!n.isMissingNode() && !n.isNull()) {
        return svc.count(field, n, MAX_REPLICAS);
      }
    }
    return Optional.empty();
  }

  /** The parts of {@code given} that differ from {@code defaults}; empty when none do. */
  private static Optional<Compute> nonDefault(Compute given, Compute defaults) {
    if (given == null) {
      return Optional.empty();
    }
    var c = Compute.builder();
    given.cpu().filter(q -> !same(q, defaults.cpu())).ifPresent(c::cpu);
    given.memory().filter(q -> !same(q, defaults.memory())).ifPresent(c::memory);
    Compute out = c.build();
    return out.cpu().isEmpty() && out.memory().isEmpty() ? Optional.empty() : Optional.of(out);
  }

  /** Limits that differ from {@link Defaults#limitFor} of the request they go with. */
  private static Optional<Compute> limits(ComposeService svc, Compute requests, Compute defaults) {
    Optional<Compute> limits = svc.compute("limits");
    if (limits.isEmpty()) {
      return Optional.empty();
    }
    Optional<Quantity> cpu = Optional.ofNullable(requests).flatMap(Compute::cpu)
        .or(() -> Optional.ofNullable(defaults).flatMap(Compute::cpu));
    Optional<Quantity> memory = Optional.ofNullable(requests).flatMap(Compute::memory)
        .or(() -> Optional.ofNullable(defaults).flatMap(Compute::memory));
    var c = Compute.builder();
    limits.get().cpu().filter(l -> !same(l, cpu.map(r -> Defaults.limitFor(r, true)))).ifPresent(c::cpu);
    limits.get().memory().filter(l -> !same(l, memory.map(r -> Defaults.limitFor(r, false)))).ifPresent(c::memory);
    Compute out = c.build();
    return out.cpu().isEmpty() && out.memory().isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private static boolean same(Quantity q, Optional<Quantity> other) {
    return other.isPresent() && q.isValid() && other.get().isValid() && q.compareTo(other.get()) == 0;
  }

  private Optional<String> image(ComposeService svc) {
    Optional<String> image = svc.image();
    if (image.isEmpty()) {
      svc.problem("image", "has no image" + (svc.node.has("build")
          ? " (only build:); Kubernetes runs images from a registry: push it and set image:" : ""));
    }
    return image;
  }

  /** The image most workers and sub-agents share becomes {@code defaults.subAgent.image}, written once. */
  private static void commonImage(io.agentfleet.model.ImmutableFleetSpec.Builder fleet, List<AgentSpec> agents,
      List<SubAgentSpec> subAgents) {
    Map<String, Long> counts = new LinkedHashMap<>();
    agents.forEach(a -> a.worker().image().ifPresent(i -> counts.merge(i, 1L, Long::sum)));
    subAgents.forEach(s -> s.image().ifPresent(i -> counts.merge(i, 1L, Long::sum)));
    Optional<String> common = counts.entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue))
        .map(Map.Entry::getKey);
    if (common.isEmpty()) {
      agents.forEach(fleet::addAgent);
      subAgents.forEach(fleet::addSubAgent);
      return;
    }
    String image = common.get();
    fleet.defaults(DefaultsSpec.builder().subAgent(DefaultsSpec.SubAgentDefaults.builder().image(image).build()).build());
    for (AgentSpec a : agents) {
      fleet.addAgent(a.worker().image().filter(image::equals).isPresent()
          ? AgentSpec.builder().from(a).worker(WorkerSpec.builder().from(a.worker()).image(Optional.empty()).build())
              .build()
          : a);
    }
    for (SubAgentSpec s : subAgents) {
      fleet.addSubAgent(s.image().filter(image::equals).isPresent()
          ? SubAgentSpec.builder().from(s).image(Optional.empty()).build() : s);
    }
  }

  /**
   * Reports what becomes of each volume: a workspace maps onto the model's workspace, the rest is dropped. Returns
   * the workspace's size when the file states it for the named volume ({@code labels: agentfleet.io/size}, or
   * {@code driver_opts} {@code size} or {@code o: size=…}).
   */
  private Optional<Quantity> volumes(ComposeService svc, ServiceKind kind) {
    Optional<Quantity> size = Optional.empty();
    for (ComposeService.Volume v : svc.volumes()) {
      String target = v.target();
      String what = svc.name + ": volume " + v.text();
      if (target.equals("/var/run/docker.sock") || v.source().endsWith("docker.sock")) {
        report.note(what + " dropped: a pod must not drive the node's container runtime (Pod Security restricted)");
      } else if (target.contains("workspace") && (kind == ServiceKind.WORKER || kind == ServiceKind.SUB_AGENT)) {
        size = volumeSize(svc, v.source());
        String sized = size.map(q -> q + " as its volume states").orElse((kind == ServiceKind.WORKER
            ? Defaults.WORKER_WORKSPACE : Defaults.SUB_AGENT_WORKSPACE) + " by default");
        report.note(what + (kind == ServiceKind.WORKER
            ? " -> the worker's persistent workspace (a PersistentVolumeClaim at /workspace, " + sized + ")"
            : " -> the sub-agent's scratch workspace (an emptyDir at /workspace, " + sized
                + "; replicas share no volume, so its data is not carried over)"));
      } else if (v.type().equals("bind")) {
        report.note(what + " dropped: host folders do not exist on cluster nodes; build the files into the image");
      } else if (v.type().equals("tmpfs")) {
        report.note(what + " dropped: every pod has a writable /tmp");
      } else {
        report.note(what + " dropped: only a workspace has a place in the fleet model");
      }
    }
    return size;
  }

  private Optional<Quantity> volumeSize(ComposeService svc, String volume) {
    JsonNode def = namedVolumes.path(volume);
    if (volume.isEmpty() || !def.isObject()) {
      return Optional.empty();
    }
    ComposeService named = new ComposeService(source, svc.name, def, problems);
    String text = named.label("size").orElse(def.path("driver_opts").path("size").asText(""));
    Matcher o = Pattern.compile("(?:^|,)size=([^,]+)").matcher(def.path("driver_opts").path("o").asText(""));
    if (text.isEmpty() && o.find()) {
      text = o.group(1);
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Quantity> q = ComposeService.memory(text.trim());
    if (q.isEmpty() || !q.get().isValid() || q.get().amount().signum() <= 0) {
      problems.add(source + ": volumes." + volume + ": size '" + text + "' is not a size (such as 30g or 30Gi)");
      return Optional.empty();
    }
    return q;
  }

  /** Reports service settings with no place in the fleet that a user may miss. */
  private void dropped(ComposeService svc) {
    for (String field : List.of("env_file", "secrets", "configs", "command", "entrypoint", "privileged", "cap_add",
        "user")) {
      if (svc.node.has(field)) {
        String why = switch (field) {
          case "env_file" -> "not read (it may hold credentials); add its settings under env:, credentials as Secret "
              + "references";
          case "secrets", "configs" -> "Compose " + field + " are files; create a Secret or ConfigMap and refer to it";
          case "command", "entrypoint" -> "the image's own entrypoint runs; bake the command into the image";
          default -> "the namespace enforces Pod Security \"restricted\" (non-root, no added capabilities)";
        };
        report.note(svc.name + ": " + field + " dropped: " + why);
      }
    }
  }

  private static String describe(List<String> names) {
    return names.size() <= 3 ? "service " + String.join(", ", names) : names.size() + " services";
  }

  private ComposeImportException fail(List<String> found) {
    return new ComposeImportException(source + " cannot be imported", found);
  }

  /** Kept for callers of the former API: Compose memory as a binary quantity. */
  static Optional<Quantity> memory(String text) {
    return ComposeService.memory(text);
  }
}
