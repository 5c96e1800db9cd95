package io.agentfleet.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where each resolved value of a fleet came from, so that the generated tree can say it next to the value: resolved
 * path ({@code subAgents[s1].scaling.cpu}, ids in the path as in error messages) → source. A source is the field of
 * {@code fleet.yaml} that holds the value, the fleet-level default that supplied it, a built-in {@link Defaults}
 * constant, a profile that set it, or the rule that derives it from another value. Computed from the spec alone,
 * beside the resolver, which stays the one place that decides values.
 *
 * <p>Two spec fields have their default declared on the spec itself ({@code subAgents[].priority} and
 * {@code subAgents[].apiAccess}); a value equal to that default may have been written or left out, so its note names
 * the field and says that the value is the default.
 */
public final class Sources {
  /** What kind of place a value came from. */
  public enum Kind {
    /** Written on the object itself in fleet.yaml (or with the builder). */
    WRITTEN,
    /** A fleet-level default ({@code defaults.subAgent...}). */
    FLEET_DEFAULT,
    /** A built-in default ({@link Defaults}, or the spec's own default). */
    BUILT_IN,
    /** Set by the profile's presets over what the fleet says. */
    PROFILE,
    /** Computed from another value by a documented rule. */
    DERIVED
  }

  /** One value's source and the short note a reviewer reads beside it. */
  public record Source(Kind kind, String note) {
    public Source {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(note, "note");
    }
  }

  private record Entry(Object value, Source source) {}

  /**
   * By path. A hash map: a fleet of 10 000 sub-agents has 160 000 paths sharing long prefixes
   * ({@code subAgents[s1234].scaling.}), which a sorted map compares character by character at every look-up.
   */
  private final Map<String, Source> sources;

  private Sources(Map<String, Source> sources) {
    this.sources = Collections.unmodifiableMap(sources);
  }

  /** No sources known (a fleet built by hand in a test). */
  public static Sources none() {
    return new Sources(new HashMap<>());
  }

  /** The sources of a spec resolved as it is, without a profile. */
  public static Sources of(FleetSpec spec) {
    return of(spec, spec, "");
  }

  /**
   * The sources of a fleet resolved from {@code applied}, the spec after the named profile's presets: a value the
   * profile changed (or supplied) is noted as the profile's.
   */
  public static Sources of(FleetSpec written, FleetSpec applied, String profile) {
    // Two independent walks of a large fleet (160 000 values at 10 000 sub-agents), side by side when they differ.
    List<Map<String, Entry>> both = written == applied ? List.of(entries(written))
        : java.util.stream.Stream.of(written, applied).parallel().map(Sources::entries).toList();
    Map<String, Entry> asWritten = both.get(0);
    Map<String, Entry> asApplied = both.get(both.size() - 1);
    Map<String, Source> out = new HashMap<>(asApplied.size() * 4 / 3 + 1);
    asApplied.forEach((path, e) -> {
      Entry before = asWritten.get(path);
      boolean byProfile = before == null || !Objects.equals(before.value(), e.value())
          || before.source().kind() != e.source().kind();
      out.put(path, byProfile && !profile.isEmpty()
          ? new Source(Kind.PROFILE, "profile " + profile + ": " + e.source().note())
          : e.source());
    });
    return new Sources(out);
  }

  /** The source of a resolved value, if known. */
  public Optional<Source> find(String path) {
    return Optional.ofNullable(sources.get(path));
  }

  /**
   * The note for a resolved value; empty when no source is known (a fleet built without a spec). A path no fleet
   * ever has is a programming error.
   */
  public String note(String path) {
    Source s = sources.get(path);
    if (s == null && !sources.isEmpty()) {
      throw new IllegalArgumentException("no source recorded for " + path);
    }
    return s == null ? "" : s.note();
  }

  /**
   * These sources with the given values noted as derived (a maximum lowered by the Claude API budget), replacing
   * what was recorded for them; the same sources when there are none.
   */
  public Sources withDerived(SortedMap<String, String> notes) {
    return with(Kind.DERIVED, notes);
  }

  /** These sources with the given values noted as written at another place of fleet.yaml (an environment's own). */
  public Sources withWritten(SortedMap<String, String> notes) {
    return with(Kind.WRITTEN, notes);
  }

  private Sources with(Kind kind, SortedMap<String, String> notes) {
    if (notes.isEmpty() || sources.isEmpty()) {
      return this;
    }
    Map<String, Source> out = new HashMap<>(sources);
    notes.forEach((path, note) -> out.put(path, new Source(kind, note)));
    return new Sources(out);
  }

  /** Every recorded source, sorted by path (a copy, made at each call). */
  public SortedMap<String, Source> all() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(sources));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sources other && sources.equals(other.sources);
  }

  @Override
  public int hashCode() {
    return sources.hashCode();
  }

  @Override
  public String toString() {
    return "Sources[" + sources.size() + " values]";
  }

  // ---- computing the sources of one spec -------------------------------------------------------------------

  private static Map<String, Entry> entries(FleetSpec spec) {
    Map<String, Entry> m = new HashMap<>();
    DefaultsSpec.SubAgentDefaults defaults =
        spec.defaults().subAgent().orElse(DefaultsSpec.SubAgentDefaults.builder().build());
    ScalingSpec fleetScaling = defaults.scaling().orElse(ScalingSpec.builder().build());
    for (int i = 0; i < spec.subAgents().size(); i++) {
      SubAgentSpec s = spec.subAgents().get(i);
      subAgent(m, "subAgents[" + label(s.id(), i) + "]", s, defaults, fleetScaling);
      tokens(m, "subAgents[" + label(s.id(), i) + "].tokensPerRequest", s.tokensPerRequest(),
          spec.claude().tokensPerRequest());
    }
    for (int i = 0; i < spec.agents().size(); i++) {
      AgentSpec a = spec.agents().get(i);
      agent(m, "agents[" + label(a.id(), i) + "]", a, defaults);
    }
    database(m, spec.database().orElse(DatabaseSpec.builder().build()));
    return m;
  }

  private static void subAgent(Map<String, Entry> m, String path, SubAgentSpec s,
      DefaultsSpec.SubAgentDefaults defaults, ScalingSpec fleetScaling) {
    written(m, path + ".replicas.min", s.replicas().min(), path + ".replicas");
    written(m, path + ".replicas.max", s.replicas().max(), path + ".replicas");
    image(m, path + ".image", s.image(), defaults);
    resources(m, path, Optional.of(s.requests()), s.limits(), null, null);
    ScalingSpec own = s.scaling().orElse(ScalingSpec.builder().build());
    scaling(m, path, "cpu", own, fleetScaling, ScalingSpec::cpu, "CPU_TARGET_PERCENT");
    scaling(m, path, "memory", own, fleetScaling, ScalingSpec::memory, "MEMORY_TARGET_PERCENT");
    scaling(m, path, "requestsPerSecond", own, fleetScaling, ScalingSpec::requestsPerSecond, "REQUESTS_PER_SECOND");
    scaling(m, path, "scaleDownAfter", own, fleetScaling, ScalingSpec::scaleDownAfter, "SCALE_DOWN_AFTER");
    scaling(m, path, "scaleDownPodsPerMinute", own, fleetScaling, ScalingSpec::scaleDownPodsPerMinute,
        "SCALE_DOWN_PODS_PER_MINUTE");
    scaling(m, path, "autoscaler", own, fleetScaling, ScalingSpec::autoscaler, "AUTOSCALER");
    specDefault(m, path + ".priority", s.priority(), "priority");
    specDefault(m, path + ".apiAccess", s.apiAccess(), "apiAccess");
    orBuiltIn(m, path + ".workspace", s.workspace(), "SUB_AGENT_WORKSPACE");
  }

  private static void agent(Map<String, Entry> m, String path, AgentSpec a, DefaultsSpec.SubAgentDefaults defaults) {
    WorkerSpec w = a.worker();
    image(m, path + ".worker.image", w.image(), defaults);
    orBuiltIn(m, path + ".worker.workspace", w.workspace(), "WORKER_WORKSPACE");
    resources(m, path + ".worker", w.requests(), w.limits(), Defaults.WORKER_REQUESTS, "WORKER_REQUESTS");
    a.frontend().ifPresent(c -> component(m, path + ".frontend", c, "FRONTEND"));
    a.backend().ifPresent(c -> component(m, path + ".backend", c, "BACKEND"));
  }

  private static void component(Map<String, Entry> m, String path, ComponentSpec c, String kind) {
    written(m, path + ".image", c.image(), path + ".image");
    orBuiltIn(m, path + ".port", c.port(), kind + "_PORT");
    if (c.replicas().isPresent()) {
      written(m, path + ".replicas", c.replicas().get(), path + ".replicas");
    } else {
      m.put(path + ".replicas", new Entry(1, new Source(Kind.BUILT_IN, "default (1 replica)")));
    }
    Compute fallback = kind.equals("FRONTEND") ? Defaults.FRONTEND_REQUESTS : Defaults.BACKEND_REQUESTS;
    resources(m, path, c.requests(), c.limits(), fallback, kind + "_REQUESTS");
  }

  private static void database(Map<String, Entry> m, DatabaseSpec d) {
    orBuiltIn(m, "database.instances", d.instances(), "DATABASE_INSTANCES");
    orBuiltIn(m, "database.storage", d.storage(), "DATABASE_STORAGE");
    resources(m, "database", d.requests(), d.limits(), Defaults.DATABASE_REQUESTS, "DATABASE_REQUESTS");
    DatabaseSpec.BackupsSpec b = d.backups().orElse(null);
    orBuiltIn(m, "database.backups.schedule", b == null ? Optional.empty() : b.schedule(), "BACKUP_SCHEDULE");
    orBuiltIn(m, "database.backups.retain", b == null ? Optional.empty() : b.retain(), "BACKUP_RETAIN");
  }

  /**
   * Requests (written, or the built-in {@code constant}; required when it is null) and limits (written, or derived
   * from the request by the limit rules of {@link Defaults#limitFor}).
   */
  private static void resources(Map<String, Entry> m, String path, Optional<Compute> requests, Optional<Compute> limits,
      Compute fallback, String constant) {
    for (String part : new String[] {"cpu", "memory"}) {
      boolean cpu = part.equals("cpu");
      Optional<Quantity> given = requests.flatMap(cpu ? Compute::cpu : Compute::memory);
      String at = path + ".requests." + part;
      if (given.isPresent() || fallback == null) {
        written(m, at, given.orElse(null), at);
      } else {
        m.put(at, new Entry((cpu ? fallback.cpu() : fallback.memory()).orElse(null),
            builtIn(constant)));
      }
      Optional<Quantity> limit = limits.flatMap(cpu ? Compute::cpu : Compute::memory);
      String limitAt = path + ".limits." + part;
      if (limit.isPresent()) {
        written(m, limitAt, limit.get(), limitAt);
      } else {
        String factor = (cpu ? Defaults.CPU_LIMIT_FACTOR : Defaults.MEMORY_LIMIT_FACTOR).stripTrailingZeros()
            .toPlainString();
        String note = "= " + (factor.equals("1") ? "" : factor + " × ") + at + " (" + (cpu ? "CPU" : "memory")
            + " limit rule)";
        m.put(limitAt, new Entry(m.get(at).value(), new Source(Kind.DERIVED, note)));
      }
    }
  }

  private static <T> void scaling(Map<String, Entry> m, String path, String field, ScalingSpec own,
      ScalingSpec fleet, Function<ScalingSpec, Optional<T>> get, String constant) {
    String at = path + ".scaling." + field;
    Optional<T> mine = get.apply(own);
    Optional<T> fleetWide = get.apply(fleet);
    if (mine.isPresent()) {
      written(m, at, mine.get(), at);
    } else if (fleetWide.isPresent()) {
      m.put(at, new Entry(fleetWide.get(), new Source(Kind.FLEET_DEFAULT, "defaults.subAgent.scaling." + field)));
    } else {
      m.put(at, new Entry(null, builtIn(constant)));
    }
  }

  /** A sub-agent's tokens per request: its own, or the fleet's {@code claude.tokensPerRequest}. */
  private static void tokens(Map<String, Entry> m, String at, Optional<TokensSpec> own, Optional<TokensSpec> fleet) {
    for (String part : List.of("input", "output")) {
      Function<TokensSpec, Quantity> get = part.equals("input") ? TokensSpec::input : TokensSpec::output;
      if (own.isPresent()) {
        written(m, at + "." + part, get.apply(own.get()), at + "." + part);
      } else if (fleet.isPresent()) {
        m.put(at + "." + part, new Entry(get.apply(fleet.get()),
            new Source(Kind.FLEET_DEFAULT, "claude.tokensPerRequest." + part)));
      }
    }
  }

  private static void image(Map<String, Entry> m, String at, Optional<String> own, DefaultsSpec.SubAgentDefaults d) {
    if (own.isPresent()) {
      written(m, at, own.get(), at);
    } else if (d.image().isPresent()) {
      m.put(at, new Entry(d.image().get(), new Source(Kind.FLEET_DEFAULT, "defaults.subAgent.image")));
    }
  }

  private static <T> void orBuiltIn(Map<String, Entry> m, String at, Optional<T> given, String constant) {
    if (given.isPresent()) {
      written(m, at, given.get(), at);
    } else {
      m.put(at, new Entry(null, builtIn(constant)));
    }
  }

  /** A field whose default the spec declares itself: written unless equal to that default. */
  private static void specDefault(Map<String, Entry> m, String at, Object value, String field) {
    Object dflt = FleetSchema.object(SubAgentSpec.class).field(field).flatMap(FleetSchema.Field::modelDefault)
        .orElse(null);
    if (value.equals(dflt)) {
      m.put(at, new Entry(value, new Source(Kind.BUILT_IN, at + " (" + value + " is the default)")));
    } else {
      written(m, at, value, at);
    }
  }

  private static void written(Map<String, Entry> m, String at, Object value, String where) {
    m.put(at, new Entry(value, new Source(Kind.WRITTEN, where)));
  }

  private static Source builtIn(String constant) {
    return new Source(Kind.BUILT_IN, "default (Defaults." + constant + ")");
  }

  private static String label(String id, int index) {
    return id == null || id.isBlank() ? Integer.toString(index) : id;
  }
}
