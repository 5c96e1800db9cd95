package io.agentfleet.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Turns a {@link FleetSpec} into a {@link Fleet}: fills every default and checks every rule in one pass, so that
 * a {@link FleetValidationException} lists all problems of the fleet at once, each as {@code field.path: message}
 * with ids in the path ({@code subAgents[s5].replicas}).
 */
public final class FleetResolver {
  /** The longest id that keeps {@code claude-sub-agent-<id>} within a 63-character DNS label. */
  static final int MAX_ID_LENGTH = 63 - Defaults.SUB_AGENT_PREFIX.length() - 1 - "-workspace".length();
  /** The longest fleet name: PriorityClasses are named {@code <name>-medium}. */
  static final int MAX_NAME_LENGTH = 63 - "-medium".length();
  /** The longest agent prefix. */
  static final int MAX_PREFIX_LENGTH = 30;
  /** Variables the generators give every agent container: the agent contract's. */
  public static final Set<String> AGENT_ENV = Set.of("AGENT_ID", "AGENT_ROLE", "FLEET_NAME", "POD_NAME", "POD_NAMESPACE",
      "ANTHROPIC_API_KEY", "HOME", "TMPDIR", "AGENT_WORKSPACE", "AGENT_DISCOVERY_FILE");
  /** Variables the generators give a standard agent's worker: the contract's, its links and its repository. */
  public static final Set<String> WORKER_ENV = union(AGENT_ENV, Set.of("FRONTEND_URL", "BACKEND_URL", "GIT_REPOSITORY",
      "GIT_TOKEN"));
  /** Variables the generators give a frontend container directly (its settings ConfigMap may be overridden). */
  public static final Set<String> FRONTEND_ENV = Set.of();
  /** Variables the generators give a backend container: the database connection assembled from its Secret. */
  public static final Set<String> BACKEND_ENV = Set.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD",
      "ConnectionStrings__Default");

  private FleetResolver() {}

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /** Resolves and checks the fleet; throws with every problem found. Its sources are those of the spec. */
  public static Fleet resolve(FleetSpec spec) {
    return resolve(spec, () -> Sources.of(spec));
  }

  /**
   * Resolves and checks the fleet, with the sources {@code sources} gives, asked for once the spec is found valid (a
   * generator's, which know what its profile set): recording the spec's own, one entry per value, would be work
   * thrown away.
   */
  public static Fleet resolve(FleetSpec spec, java.util.function.Supplier<Sources> sources) {
    Checked known = lastChecked;
    FleetSpec checked = known == null ? null : known.spec().get();
    if (checked != null && (checked == spec || checked.equals(spec))) {
      return known.fleet().withSources(sources.get());
    }
    Problems problems = new Problems();
    Fleet fleet = new FleetResolver().resolve(spec, problems, sources);
    problems.throwIfAny("The fleet '" + spec.name() + "' is not valid");
    return fleet;
  }

  /**
   * The fleet {@link #check} last found valid, by its spec (held weakly): a generator resolves the spec it was read
   * as again when its profile changes no value (production's), and then only gives it its sources. Resolving is a
   * function of the spec alone, so an equal spec resolves to the same fleet. One fleet at most is held.
   */
  private record Checked(java.lang.ref.WeakReference<FleetSpec> spec, Fleet fleet) {}

  private static volatile Checked lastChecked;

  /** Checks the fleet as {@link #resolve(FleetSpec)} does, recording no sources: reading a file needs only that. */
  static void check(FleetSpec spec) {
    Fleet fleet = resolve(spec, Sources::none);
    lastChecked = new Checked(new java.lang.ref.WeakReference<>(spec), fleet);
  }

  private Fleet resolve(FleetSpec spec, Problems p, java.util.function.Supplier<Sources> sources) {
    Validation.dnsLabel(p, "name", spec.name(), MAX_NAME_LENGTH);
    String namespace = spec.namespace().orElse(spec.name());
    Validation.dnsLabel(p, "namespace", namespace, 63);
    Validation.dnsLabel(p, "agentPrefix", spec.agentPrefix(), MAX_PREFIX_LENGTH);
    FleetRules.kubernetesVersion(p, spec.kubernetesVersion());
    spec.imageRegistry().ifPresent(r -> FleetRules.registry(p, r));
    FleetRules.labels(p, spec.labels(), spec.name());
    FleetRules.secrets(p, spec.secrets());
    FleetRules.network(p, spec.network());
    Validation.dnsName(p, "claude.apiKeySecret", spec.claude().apiKeySecret());

    DefaultsSpec.SubAgentDefaults subDefaults =
        spec.defaults().subAgent().orElse(DefaultsSpec.SubAgentDefaults.builder().build());
    ScalingSpec fleetScaling = subDefaults.scaling().orElse(ScalingSpec.builder().build());
    FleetRules.scalingTargets(p, "defaults.subAgent.scaling", fleetScaling);
    subDefaults.image().ifPresent(i -> FleetRules.image(p, "defaults.subAgent.image", i, spec.imageRegistry()));

    Set<String> ids = new HashSet<>();
    List<SubAgent> subAgents = new ArrayList<>();
    Map<String, Integer> subIdCount = countIds(spec.subAgents().stream().map(SubAgentSpec::id).toList());
    for (int i = 0; i < spec.subAgents().size(); i++) {
      SubAgentSpec s = spec.subAgents().get(i);
      String path = "subAgents[" + label(s.id(), i) + "]";
      uniqueId(p, path, s.id(), subIdCount, ids);
      subAgents.add(subAgent(p, path, s, subDefaults, fleetScaling, spec.imageRegistry()));
    }

    List<Agent> agents = new ArrayList<>();
    Map<String, Integer> agentIdCount = countIds(spec.agents().stream().map(AgentSpec::id).toList());
    Map<String, String> databases = new TreeMap<>();
    for (int i = 0; i < spec.agents().size(); i++) {
      AgentSpec a = spec.agents().get(i);
      String path = "agents[" + label(a.id(), i) + "]";
      uniqueId(p, path, a.id(), agentIdCount, ids);
      Agent agent = agent(p, path, a, spec.agentPrefix(), subDefaults, spec.imageRegistry());
      String owner = databases.putIfAbsent(agent.database(), a.id());
      boolean sameIdTwice = owner != null && owner.equals(a.id());
      if (owner != null && !sameIdTwice) {
        p.add(path + ".database", "'" + agent.database() + "' is already the database of agent " + owner
            + " (each agent needs its own database)");
      }
      agents.add(agent);
    }
    if (agents.isEmpty() && subAgents.isEmpty()) {
      p.add("", "must provide at least one agent or sub-agent (agents: or subAgents:)");
    }

    Database database = DatabaseResolver.resolve(spec.database(), agents, p,
        (path, requests, limits, fallback) -> resources(p, path, requests, limits, fallback),
        image -> {
          FleetRules.image(p, "database.image", image, spec.imageRegistry());
          return qualify(image, spec.imageRegistry());
        });
    Monitoring monitoring = MonitoringResolver.resolve(spec.monitoring(), spec.network(), p);
    GitOps gitops = GitOpsResolver.resolve(spec.gitops(), spec.name(), p);
    ClaudeBudget budget = ClaudeBudget.resolve(spec.claude(), spec.subAgents(), subAgents, p);
    List<SubAgent> sized = budget.anyCapped() && budget.overBudget() == OverBudget.CAP
        ? capped(subAgents, budget) : subAgents;
    Monitoring alerted = tokenAlertFromLimit(spec, monitoring);
    List<Demand> extra = new ArrayList<>(database.demands());
    extra.addAll(monitoring.demands());
    Capacity fullScale = FleetCapacity.fullScale(agents, sized, extra);
    String othersName = database.demands().isEmpty() ? "monitoring"
        : monitoring.demands().isEmpty() ? "database" : "database and monitoring";
    FleetCapacity.Breakdown breakdown = FleetCapacity.breakdown(agents, sized, extra, othersName);
    spec.cluster().ifPresent(c -> fits(p, "cluster", "the cluster has", c, fullScale, breakdown));
    spec.cluster().flatMap(CapacitySpec::node).ifPresent(n -> NodePacking.check(p, n, agents, sized, extra));
    Quota quota = quota(p, spec.quota().orElse(QuotaSpec.builder().build()), fullScale, breakdown);
    FleetRules.apiServer(p, spec.network(), sized);
    SortedSet<String> external = externalNamespaces(p, spec.externalNamespaces(), namespace, spec.network(), alerted);
    String namespacePath = spec.namespace().isPresent() ? "namespace" : "name";
    FleetRules.namespaces(p, namespacePath, namespace, spec.network(), alerted, gitops);
    FleetRules.nameLengths(p, spec.name(), !agents.isEmpty());
    FleetRules.collisions(p, spec, agents, sized, database);

    return new Fleet(spec.name(), namespace, spec.kubernetesVersion(), new TreeMap<>(spec.labels()), spec.claude(),
        spec.secrets(), spec.network(), spec.cluster(), quota, fullScale, breakdown, agents, sized,
        database, alerted, gitops, external, budget, p.list().isEmpty() ? sources.get() : Sources.none(), true);
  }

  /** The sub-agents with the maxima the Claude API budget leaves them. */
  private static List<SubAgent> capped(List<SubAgent> subAgents, ClaudeBudget budget) {
    List<SubAgent> out = new ArrayList<>();
    for (int i = 0; i < subAgents.size(); i++) {
      SubAgent s = subAgents.get(i);
      Scaling c = s.scaling();
      int max = budget.subAgents().get(i).max();
      out.add(new SubAgent(s.id(), s.role(), s.image(), s.resources(), s.priority(), new Scaling(c.minReplicas(), max,
          c.cpuPercent(), c.memoryPercent(), c.requestsPerSecond(), c.scaleDownAfter(), c.scaleDownPodsPerMinute(),
          c.autoscaler()), s.apiAccess(), s.workspace(), s.env()));
    }
    return out;
  }

  /**
   * With {@code claude.limits.tokensPerDay} stated and {@code monitoring.alerts.tokensPerDay} not, the token alert
   * fires at {@link Defaults#TOKEN_ALERT_OF_LIMIT} of the limit.
   */
  private static Monitoring tokenAlertFromLimit(FleetSpec spec, Monitoring m) {
    Optional<Quantity> limit = spec.claude().limits().flatMap(ClaudeLimitsSpec::tokensPerDay)
        .filter(q -> q.isValid() && q.isPositive() && q.amount().stripTrailingZeros().scale() <= 0);
    boolean written = spec.monitoring().flatMap(MonitoringSpec::alerts).flatMap(MonitoringSpec.AlertsSpec::tokensPerDay)
        .isPresent();
    if (limit.isEmpty() || written) {
      return m;
    }
    BigDecimal at = limit.get().amount().multiply(BigDecimal.valueOf(Defaults.TOKEN_ALERT_OF_LIMIT.value()))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR);
    Monitoring.Alerts a = m.alerts();
    return new Monitoring(m.enabled(), m.mode(), new Monitoring.Alerts(a.claudeRequestsPerSecond(),
        Quantity.parse(at.toPlainString()), a.agentDownFor(), a.resourceUsagePercent(), a.databaseConnectionsPercent(),
        a.sustainedFor()), m.prometheus(), m.alertmanager(), m.grafana(), m.logging());
  }

  private SubAgent subAgent(Problems p, String path, SubAgentSpec s, DefaultsSpec.SubAgentDefaults defaults,
      ScalingSpec fleetScaling, Optional<String> registry) {
    Validation.dnsLabel(p, path + ".id", s.id(), MAX_ID_LENGTH);
    s.role().error().ifPresent(e -> p.add(path + ".role", e));
    String image = s.image().or(defaults::image).orElse("");
    if (image.isEmpty()) {
      p.add(path + ".image", "must provide an image (here or in defaults.subAgent.image)");
    } else if (s.image().isPresent()) {
      FleetRules.image(p, path + ".image", image, registry);
    }
    ReplicaRange range = s.replicas();
    Autoscaler autoscaler = s.scaling().flatMap(ScalingSpec::autoscaler)
        .or(fleetScaling::autoscaler).orElse(Defaults.AUTOSCALER);
    if (!range.isValid()) {
      p.add(path + ".replicas", range.error().orElseThrow());
    } else {
      if (autoscaler == Autoscaler.KEDA) {
        if (range.min() < 0) {
          p.add(path + ".replicas", "minimum " + range.min() + " must be at least 0");
        } else if (range.max() < 1) {
          p.add(path + ".replicas", "maximum " + range.max() + " must be at least 1");
        }
      } else if (range.min() < 1) {
        p.add(path + ".replicas", "minimum " + range.min() + " must be at least 1 (an HPA cannot scale to zero)");
      }
      if (range.min() > range.max()) {
        p.add(path + ".replicas", "minimum " + range.min() + " is above maximum " + range.max());
      } else if (range.max() > FleetRules.MAX_SUB_AGENT_REPLICAS) {
        p.add(path + ".replicas", "maximum " + range.max() + " is above " + FleetRules.MAX_SUB_AGENT_REPLICAS
            + ", the most replicas of one sub-agent (allowed: " + (autoscaler == Autoscaler.KEDA ? 0 : 1) + ".."
            + FleetRules.MAX_SUB_AGENT_REPLICAS + "; every replica calls the Claude API under one key)");
      }
    }
    Resources resources = resources(p, path, Optional.of(s.requests()), s.limits(), null);
    ScalingSpec own = s.scaling().orElse(ScalingSpec.builder().build());
    FleetRules.scalingTargets(p, path + ".scaling", own);
    ScalingSpec merged = own.orElse(fleetScaling);
    Scaling scaling = new Scaling(range.min(), range.max(),
        merged.cpu().map(Percent::value).orElse(Defaults.CPU_TARGET_PERCENT),
        merged.memory().map(Percent::value).orElse(Defaults.MEMORY_TARGET_PERCENT),
        merged.requestsPerSecond().orElse(Defaults.REQUESTS_PER_SECOND),
        merged.scaleDownAfter().orElse(Defaults.SCALE_DOWN_AFTER),
        merged.scaleDownPodsPerMinute().orElse(Defaults.SCALE_DOWN_PODS_PER_MINUTE), autoscaler);
    Quantity workspace = s.workspace().orElse(Defaults.SUB_AGENT_WORKSPACE);
    Validation.bytes(p, path + ".workspace", workspace, Validation.MAX_CONTAINER_MEMORY,
        "the most scratch space one pod may hold");
    return new SubAgent(s.id(), s.role(), qualify(image, registry), resources, s.priority(), scaling,
        s.apiAccess(), workspace, FleetRules.env(p, path, s.env(), AGENT_ENV));
  }

  private Agent agent(Problems p, String path, AgentSpec a, String prefix,
      DefaultsSpec.SubAgentDefaults defaults, Optional<String> registry) {
    // The longest name made from the id is <prefix>-<id>-frontend, a DNS label.
    Validation.dnsLabel(p, path + ".id", a.id(), Math.min(MAX_ID_LENGTH, 63 - prefix.length() - 1 - "-frontend".length()));
    WorkerSpec w = a.worker();
    String image = w.image().or(defaults::image).orElse("");
    if (image.isEmpty()) {
      p.add(path + ".worker.image", "must provide an image (here or in defaults.subAgent.image)");
    } else if (w.image().isPresent()) {
      FleetRules.image(p, path + ".worker.image", image, registry);
    }
    Quantity workspace = w.workspace().orElse(Defaults.WORKER_WORKSPACE);
    Validation.bytes(p, path + ".worker.workspace", workspace, Validation.MAX_VOLUME,
        "the largest volume a storage class provisions");
    String name = prefix + "-" + a.id();
    w.repository().ifPresent(r -> {
      if (!Validation.noCredentials(p, path + ".worker.repository", r,
          "the Secret worker.gitSecret names (key token)")) {
        return;
      }
      if (r.startsWith("git@") || r.startsWith("ssh://")) {
        p.add(path + ".worker.repository", "'" + r + "' is an SSH URL; the fleet allows HTTPS egress only "
            + "(port 443), so use the https:// URL with a token in worker.gitSecret");
      } else if (!r.startsWith("https://")) {
        p.add(path + ".worker.repository", "'" + r + "' must be an https:// Git URL");
      }
    });
    w.gitSecret().ifPresent(g -> {
      if (w.repository().isEmpty()) {
        p.add(path + ".worker.gitSecret", "names a Git credentials Secret but worker.repository is not set");
      }
      Validation.dnsName(p, path + ".worker.gitSecret", g);
    });
    Optional<String> gitSecret = w.gitSecret().or(() -> w.repository().map(r -> name + "-git"));
    Worker worker = new Worker(qualify(image, registry),
        resources(p, path + ".worker", w.requests(), w.limits(), Defaults.WORKER_REQUESTS), workspace,
        w.repository(), gitSecret, FleetRules.env(p, path + ".worker", w.env(), WORKER_ENV));
    Optional<Component> frontend = a.frontend().map(c -> component(p, path + ".frontend", c, Defaults.FRONTEND_PORT,
        Defaults.FRONTEND_REQUESTS, Defaults.FRONTEND_HEALTH_PATH, Defaults.FRONTEND_USER, registry));
    Optional<Component> backend = a.backend().map(c -> component(p, path + ".backend", c, Defaults.BACKEND_PORT,
        Defaults.BACKEND_REQUESTS, Defaults.BACKEND_HEALTH_PATH, Defaults.BACKEND_USER, registry));
    a.ingress().ifPresent(i -> {
      if (frontend.isEmpty()) {
        p.add(path + ".ingress", "publishes the frontend, but the agent has no frontend");
      }
      Validation.dnsName(p, path + ".ingress.host", i.host());
      i.tlsSecret().ifPresent(t -> Validation.dnsName(p, path + ".ingress.tlsSecret", t));
    });
    if (frontend.isPresent() && backend.isEmpty()) {
      p.add(path + ".backend", "must provide a backend: a frontend talks to its own agent's backend");
    }
    String database = a.database().orElse(a.id().replace('-', '_'));
    FleetRules.databaseName(p, path + ".database", database);
    return new Agent(a.id(), name, worker, frontend, backend, database, a.ingress());
  }

  private Component component(Problems p, String path, ComponentSpec c, int defaultPort, Compute defaultRequests,
      String defaultHealth, long defaultUser, Optional<String> registry) {
    FleetRules.image(p, path + ".image", c.image(), registry);
    int port = c.port().orElse(defaultPort);
    if (port < 1024 || port > 65535) {
      p.add(path + ".port", port + " is outside 1024..65535 (pods run as non-root and cannot bind ports below 1024)");
    }
    int replicas = c.replicas().orElse(1);
    Validation.range(p, path + ".replicas", replicas, 1, FleetRules.MAX_COMPONENT_REPLICAS,
        "a frontend or backend serves one agent's developer; an autoscaled sub-agent is the place for more");
    String health = c.healthPath().orElse(defaultHealth);
    if (!health.startsWith("/")) {
      p.add(path + ".healthPath", "'" + health + "' must be an absolute HTTP path starting with '/'");
    }
    long user = c.runAsUser().orElse(defaultUser);
    if (user < 1) {
      p.add(path + ".runAsUser", user + " must be a non-root user id (1 or more): the namespace enforces Pod Security \"restricted\"");
    } else {
      Validation.range(p, path + ".runAsUser", user, 1, Integer.MAX_VALUE, "Kubernetes user ids are 31-bit");
    }
    c.metricsPort().ifPresent(m -> {
      if (m == port) {
        p.add(path + ".metricsPort", m + " is already the component's port; use another port or leave metricsPort unset");
      } else if (m < 1024 || m > 65535) {
        p.add(path + ".metricsPort", m + " is outside 1024..65535 (pods run as non-root and cannot bind ports below 1024)");
      }
    });
    return new Component(qualify(c.image(), registry), port, replicas,
        resources(p, path, c.requests(), c.limits(), defaultRequests), health, user, c.metricsPort(),
        FleetRules.env(p, path, c.env(), path.endsWith(".backend") ? BACKEND_ENV : FRONTEND_ENV));
  }

  /** Resolves requests and limits; requests are required where {@code defaults} is null. */
  private Resources resources(Problems p, String path, Optional<Compute> requests, Optional<Compute> limits,
      Compute defaults) {
    Quantity cpu = request(p, path + ".requests.cpu", requests.flatMap(Compute::cpu),
        defaults == null ? Optional.empty() : defaults.cpu());
    Quantity memory = request(p, path + ".requests.memory", requests.flatMap(Compute::memory),
        defaults == null ? Optional.empty() : defaults.memory());
    Quantity cpuLimit = limits.flatMap(Compute::cpu).orElse(Defaults.limitFor(cpu, true));
    Quantity memoryLimit = limits.flatMap(Compute::memory).orElse(Defaults.limitFor(memory, false));
    limits.flatMap(Compute::cpu).ifPresent(l -> limit(p, path + ".limits.cpu", l, cpu, true));
    limits.flatMap(Compute::memory).ifPresent(l -> limit(p, path + ".limits.memory", l, memory, false));
    return new Resources(cpu, memory, cpuLimit, memoryLimit);
  }

  private Quantity request(Problems p, String path, Optional<Quantity> given, Optional<Quantity> fallback) {
    Optional<Quantity> q = given.or(() -> fallback);
    if (q.isEmpty()) {
      p.add(path, "must provide a request (the autoscaler's percentages and the quota are measured against it)");
      return Quantity.parse("0");
    }
    if (!FleetRules.compute(p, path, q.get())) {
      return Quantity.parse("0");
    }
    return q.get();
  }

  private void limit(Problems p, String path, Quantity limit, Quantity request, boolean cpu) {
    if (FleetRules.compute(p, path, limit) && request.isValid() && limit.compareTo(request) < 0) {
      p.add(path, "limit " + limit + " is below the request " + request
          + (cpu ? " (" + limit.describeCpu() + " < " + request.describeCpu() + ")" : ""));
    }
  }

  /** Prefixes the fleet's registry to an image that names none (no dot, colon or localhost in its first part). */
  static String qualify(String image, Optional<String> registry) {
    if (registry.isEmpty() || image.isEmpty()) {
      return image;
    }
    int slash = image.indexOf('/');
    String first = slash < 0 ? "" : image.substring(0, slash);
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    return hasRegistry ? image : registry.get() + "/" + image;
  }

  private void fits(Problems p, String path, String verb, CapacitySpec stated, Capacity need,
      FleetCapacity.Breakdown breakdown) {
    boolean valid = FleetRules.totalCpu(p, path + ".cpu", stated.cpu())
        & Validation.bytes(p, path + ".memory", stated.memory(), FleetRules.MAX_TOTAL_MEMORY, FleetRules.INT64_REASON);
    if (!valid) {
      return;
    }
    BigDecimal cpuShort = need.cpuRequests().amount().subtract(stated.cpu().amount());
    BigDecimal memShort = need.memoryRequests().amount().subtract(stated.memory().amount());
    if (cpuShort.signum() > 0 || memShort.signum() > 0) {
      List<String> shortBy = new ArrayList<>();
      if (cpuShort.signum() > 0) shortBy.add(Quantity.cores(cpuShort).describeCpu());
      if (memShort.signum() > 0) shortBy.add(Quantity.bytes(memShort).describeBytes() + " of memory");
      p.add(path, "the fleet at full scale requests " + need.cpuRequests().describeCpu() + " and "
          + need.memoryRequests().describeBytes() + " of memory (" + breakdown.describe() + "), but " + verb + " "
          + stated.cpu().describeCpu() + " and " + stated.memory().describeBytes() + ": short by "
          + String.join(" and ", shortBy));
    }
    stated.pods().ifPresent(pods -> {
      if (!Validation.range(p, path + ".pods", pods, 1, FleetRules.MAX_PODS, FleetRules.MAX_PODS_REASON)) {
        return;
      } else if (pods < need.pods()) {
        p.add(path + ".pods", "the fleet at full scale runs " + need.pods() + " pods, but " + verb + " " + pods
            + ": short by " + (need.pods() - pods));
      }
    });
  }

  /**
   * The quota: each dimension is the fleet at full scale plus the headroom, rounded up; a dimension stated in
   * fleet.yaml is used as written and must hold that much.
   */
  private Quota quota(Problems p, QuotaSpec q, Capacity need, FleetCapacity.Breakdown breakdown) {
    int headroom = Defaults.QUOTA_HEADROOM.value();
    if (q.headroom().isPresent()) {
      Percent h = q.headroom().get();
      if (!h.isValid()) {
        p.add("quota.headroom", h.error().orElseThrow());
      } else if (h.value() > 100) {
        p.add("quota.headroom", h + " must be between 0% and 100% of the fleet at full scale");
      } else {
        headroom = h.value();
      }
    }
    BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf(headroom).movePointLeft(2));
    Quantity cpu = Quantity.cores(need.cpuRequests().amount().multiply(factor));
    Quantity memory = roundUp(need.memoryRequests().amount().multiply(factor), MIB);
    int pods = factor.multiply(BigDecimal.valueOf(need.pods())).setScale(0, RoundingMode.CEILING).intValueExact();
    String with = headroom == 0 ? "" : " plus " + headroom + "% headroom (quota.headroom)";
    java.util.TreeSet<String> stated = new java.util.TreeSet<>();
    Quantity cpuQuota = cpu;
    Quantity memoryQuota = memory;
    int podsQuota = pods;
    boolean cpuValid = q.cpu().map(c -> FleetRules.totalCpu(p, "quota.cpu", c)).orElse(true);
    boolean memoryValid = q.memory().map(m -> Validation.bytes(p, "quota.memory", m, FleetRules.MAX_TOTAL_MEMORY,
        FleetRules.INT64_REASON)).orElse(true);
    if (cpuValid && memoryValid && (q.cpu().isPresent() || q.memory().isPresent())) {
      BigDecimal cpuShort = q.cpu().map(c -> cpu.amount().subtract(c.amount())).orElse(BigDecimal.ZERO);
      BigDecimal memShort = q.memory().map(m -> memory.amount().subtract(m.amount())).orElse(BigDecimal.ZERO);
      if (cpuShort.signum() > 0 || memShort.signum() > 0) {
        List<String> shortBy = new ArrayList<>();
        if (cpuShort.signum() > 0) shortBy.add(Quantity.cores(cpuShort).describeCpu());
        if (memShort.signum() > 0) shortBy.add(Quantity.bytes(memShort).describeBytes() + " of memory");
        p.add("quota", "the fleet at full scale requests " + need.cpuRequests().describeCpu() + " and "
            + need.memoryRequests().describeBytes() + " of memory (" + breakdown.describe() + ")"
            + (with.isEmpty() ? "" : with + ": " + cpu.describeCpu() + " and " + memory.describeBytes())
            + ", but the quota allows " + q.cpu().map(Quantity::describeCpu).orElse(cpu.describeCpu()) + " and "
            + q.memory().map(Quantity::describeBytes).orElse(memory.describeBytes()) + ": short by "
            + String.join(" and ", shortBy));
      }
    }
    if (q.cpu().isPresent()) {
      cpuQuota = q.cpu().get();
      stated.add("requests.cpu");
    }
    if (q.memory().isPresent()) {
      memoryQuota = q.memory().get();
      stated.add("requests.memory");
    }
    if (q.pods().isPresent()) {
      int given = q.pods().get();
      if (!Validation.range(p, "quota.pods", given, 1, FleetRules.MAX_PODS, FleetRules.MAX_PODS_REASON)) {
        given = pods;
      } else if (given < pods) {
        p.add("quota.pods", "the fleet at full scale runs " + need.pods() + " pods"
            + (with.isEmpty() ? "" : with + ": " + pods) + ", but the quota allows " + given + ": short by "
            + (pods - given));
      }
      podsQuota = given;
      stated.add("pods");
    }
    // Limits never below requests: a stated requests quota above the derived limits would bind on limits first.
    Quantity cpuLimits = max(Quantity.cores(need.cpuLimits().amount().multiply(factor)), cpuQuota);
    Quantity memoryLimits = max(roundUp(need.memoryLimits().amount().multiply(factor), MIB), memoryQuota);
    int claims = factor.multiply(BigDecimal.valueOf(need.persistentVolumeClaims()))
        .setScale(0, RoundingMode.CEILING).intValueExact();
    Quantity storage = roundUp(need.storage().amount().multiply(factor), GIB);
    return new Quota(headroom, new Capacity(cpuQuota, memoryQuota, cpuLimits, memoryLimits, podsQuota, claims, storage),
        stated);
  }

  private static final BigDecimal MIB = BigDecimal.valueOf(1L << 20);
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  /** Bytes rounded up to a whole number of {@code unit}. */
  private static Quantity roundUp(BigDecimal bytes, BigDecimal unit) {
    return Quantity.bytes(bytes.divide(unit, 0, RoundingMode.CEILING).multiply(unit));
  }

  private static Quantity max(Quantity a, Quantity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** External namespaces: each one the fleet would otherwise create, written once. */
  private SortedSet<String> externalNamespaces(Problems p, List<String> names, String namespace,
      NetworkSpec network, Monitoring monitoring) {
    SortedSet<String> created = new java.util.TreeSet<>();
    created.add(namespace);
    if (monitoring.enabled()) {
      created.add(network.monitoringNamespace());
      monitoring.logging().ifPresent(l -> created.add(l.namespace()));
    }
    SortedSet<String> external = new java.util.TreeSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String path = "externalNamespaces[" + i + "]";
      if (!Validation.dnsLabel(p, path, name, 63)) {
        continue;
      }
      if (!external.add(name)) {
        p.add(path, "'" + name + "' is listed twice");
      } else if (!created.contains(name)) {
        p.add(path, "'" + name + "' is not a namespace the fleet would create (" + String.join(", ", created)
            + "); only those can be declared external");
      }
    }
    monitoring.logging().filter(l -> monitoring.enabled() && external.contains(l.namespace())).ifPresent(l ->
        p.add("monitoring.logging.namespace", "'" + l.namespace() + "' is declared external, but the log collector "
            + "needs Pod Security \"privileged\", a label the tree cannot set on a namespace it does not own; give the "
            + "collector a namespace of its own (for example " + namespace + "-logging)"));
    return external;
  }

  private static Map<String, Integer> countIds(List<String> ids) {
    Map<String, Integer> count = new HashMap<>();
    ids.forEach(id -> count.merge(id, 1, Integer::sum));
    return count;
  }

  private void uniqueId(Problems p, String path, String id, Map<String, Integer> sameList, Set<String> seen) {
    if (sameList.getOrDefault(id, 0) > 1) {
      p.add(path + ".id", "'" + id + "' is used " + sameList.get(id) + " times; ids must be unique");
    } else if (!seen.add(id)) {
      p.add(path + ".id", "'" + id + "' is already the id of an agent or sub-agent; ids must be unique across the fleet");
    }
    seen.add(id);
  }

  private static String label(String id, int index) {
    return id == null || id.isBlank() ? Integer.toString(index) : id;
  }
}
