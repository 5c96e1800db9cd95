package io.agentfleet.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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

  /** The sources of everything but the sub-agents (the agents, the database): a few dozen, made at once. */
  private final Map<String, Source> fixed;
  /** Sources replaced after the walk ({@link #withDerived}, {@link #withWritten}), by path; they come first. */
  private final Map<String, Source> replaced;
  /** The sub-agents' sources, made per sub-agent when asked; null when there are none. */
  private final SubAgentSources subAgents;

  private Sources(Map<String, Source> fixed, Map<String, Source> replaced, SubAgentSources subAgents) {
    this.fixed = Collections.unmodifiableMap(fixed);
    this.replaced = Collections.unmodifiableMap(replaced);
    this.subAgents = subAgents;
  }

  /** No sources known (a fleet built by hand in a test). */
  public static Sources none() {
    return new Sources(Map.of(), Map.of(), null);
  }

  /** The sources of a spec resolved as it is, without a profile. */
  public static Sources of(FleetSpec spec) {
    return of(spec, spec, "");
  }

  /**
   * The sources of a fleet resolved from {@code applied}, the spec after the named profile's presets: a value the
   * profile changed (or supplied) is noted as the profile's.
   *
   * <p>A sub-agent's sixteen or so sources are made when one of them is first asked for, and not kept: a fleet of
   * 10 000 sub-agents has 160 000 of them, which the generator reads once each, sub-agent by sub-agent, while it
   * makes that sub-agent's files. Held at once, they were tens of megabytes for the whole run and half a second
   * of a cold run to make.
   */
  public static Sources of(FleetSpec written, FleetSpec applied, String profile) {
    Map<String, Entry> asWritten = fixedEntries(written);
    Map<String, Entry> asApplied = written == applied ? asWritten : fixedEntries(applied);
    SubAgentSources subAgents = applied.subAgents().isEmpty() ? null
        : new SubAgentSources(written, applied, profile);
    return new Sources(merge(asWritten, asApplied, profile), Map.of(), subAgents);
  }

  /** The sources of values as applied, each noted as the profile's where it differs from the value as written. */
  private static Map<String, Source> merge(Map<String, Entry> asWritten, Map<String, Entry> asApplied,
      String profile) {
    Map<String, Source> out = new HashMap<>(asApplied.size() * 4 / 3 + 1);
    asApplied.forEach((path, e) -> {
      Entry before = asWritten.get(path);
      boolean byProfile = before == null || !Objects.equals(before.value(), e.value())
          || before.source().kind() != e.source().kind();
      out.put(path, byProfile && !profile.isEmpty()
          ? new Source(Kind.PROFILE, "profile " + profile + ": " + e.source().note())
          : e.source());
    });
    return out;
  }

  /** The source of a resolved value, if known. */
  public Optional<Source> find(String path) {
    return Optional.ofNullable(get(path));
  }

  private Source get(String path) {
    Source s = replaced.get(path);
    if (s != null) {
      return s;
    }
    return subAgents != null && path.startsWith(SubAgentSources.PREFIX) ? subAgents.get(path) : fixed.get(path);
  }

  private boolean isEmpty() {
    return fixed.isEmpty() && replaced.isEmpty() && subAgents == null;
  }

  /**
   * The note for a resolved value; empty when no source is known (a fleet built without a spec). A path no fleet
   * ever has is a programming error.
   */
  public String note(String path) {
    Source s = get(path);
    if (s == null && !isEmpty()) {
      throw new IllegalArgumentException("no source recorded for " + path);
    }
    return s == null ? "" : s.note();
  }

  /**
   * {@link #note} of a sub-agent's value, by the sub-agent's id and the value's path below it ({@code scaling.cpu}):
   * {@code note("subAgents[" + id + "]." + field)}, without that path spelt and read apart again when no source was
   * replaced ({@link #withDerived}, {@link #withWritten}). The sub-agents' generator asks it for each of their noted
   * values: 160 000 times at 10 000 sub-agents.
   */
  public String subAgentNote(String id, String field) {
    if (subAgents == null || !replaced.isEmpty()) {
      return note(SubAgentSources.PREFIX + id + "]." + field);
    }
    Source s = subAgents.get(id, field);
    if (s == null) {
      throw new IllegalArgumentException("no source recorded for " + SubAgentSources.PREFIX + id + "]." + field);
    }
    return s.note();
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
    if (notes.isEmpty() || isEmpty()) {
      return this;
    }
    Map<String, Source> out = new HashMap<>(replaced);
    notes.forEach((path, note) -> out.put(path, new Source(kind, note)));
    return new Sources(fixed, out, subAgents);
  }

  /** Every recorded source, sorted by path (a copy, made at each call: every sub-agent's sources are made). */
  public SortedMap<String, Source> all() {
    SortedMap<String, Source> all = new TreeMap<>(fixed);
    if (subAgents != null) {
      subAgents.forEach(all::putAll);
    }
    all.putAll(replaced);
    return Collections.unmodifiableSortedMap(all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sources other && all().equals(other.all());
  }

  @Override
  public int hashCode() {
    return all().hashCode();
  }

  @Override
  public String toString() {
    return "Sources[" + all().size() + " values]";
  }

  /**
   * The sources of a spec's sub-agents, made per sub-agent from the spec as written and as applied, by the label in
   * their paths ({@code subAgents[s1].scaling.cpu}): its id. The last few made are kept, in slots by label, for the
   * next question is most often about the same sub-agent (several threads make sub-agents' files at once).
   */
  private static final class SubAgentSources {
    static final String PREFIX = "subAgents[";
    private static final int RECENT = 64;

    private record Made(String label, Map<String, Source> sources) {}

    private final Walk written;
    private final Walk applied;
    private final String profile;
    private final java.util.concurrent.atomic.AtomicReferenceArray<Made> recent =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(RECENT);

    SubAgentSources(FleetSpec written, FleetSpec applied, String profile) {
      this.applied = new Walk(applied);
      this.written = written == applied ? this.applied : new Walk(written);
      this.profile = profile;
    }

    /**
     * One spec's sub-agents: each one's index by its label (the last of a label repeated, never in a valid fleet),
     * and what their sources share: the fleet-wide values they fall back on, the values the spec declares as its
     * fields' defaults, and the entries of a value taken from a fleet default or a built-in constant, the same for
     * every sub-agent (made once here rather than per sub-agent).
     */
    private static final class Walk {
      final FleetSpec spec;
      final Map<String, Integer> index;
      final ScalingSpec fleetScaling;
      final Entry image;
      final Object priorityDefault;
      final Object apiAccessDefault;
      final Entry workspace = new Entry(null, builtIn("SUB_AGENT_WORKSPACE"));
      /** By scaling field: its fleet default's entry, else its built-in constant's. */
      final Map<String, Entry> scalingFallback = new HashMap<>();
      /** By {@code tokensPerRequest.input} and {@code .output}: the fleet's, when it sets them. */
      final Map<String, Entry> tokensFallback = new HashMap<>();

      Walk(FleetSpec spec) {
        this.spec = spec;
        index = new HashMap<>(spec.subAgents().size() * 4 / 3 + 1);
        for (int i = 0; i < spec.subAgents().size(); i++) {
          index.put(label(spec.subAgents().get(i).id(), i), i);
        }
        DefaultsSpec.SubAgentDefaults defaults =
            spec.defaults().subAgent().orElse(DefaultsSpec.SubAgentDefaults.builder().build());
        fleetScaling = defaults.scaling().orElse(ScalingSpec.builder().build());
        image = defaults.image().map(i -> new Entry(i, new Source(Kind.FLEET_DEFAULT, "defaults.subAgent.image")))
            .orElse(null);
        priorityDefault = modelDefault("priority");
        apiAccessDefault = modelDefault("apiAccess");
        SCALING.forEach((field, constant) -> {
          Optional<?> fleetWide = scalingField(fleetScaling, field);
          scalingFallback.put(field, fleetWide.isPresent()
              ? new Entry(fleetWide.get(), new Source(Kind.FLEET_DEFAULT, "defaults.subAgent.scaling." + field))
              : new Entry(null, builtIn(constant)));
        });
        spec.claude().tokensPerRequest().ifPresent(t -> {
          tokensFallback.put("input", new Entry(t.input(), new Source(Kind.FLEET_DEFAULT,
              "claude.tokensPerRequest.input")));
          tokensFallback.put("output", new Entry(t.output(), new Source(Kind.FLEET_DEFAULT,
              "claude.tokensPerRequest.output")));
        });
      }

      private static Object modelDefault(String field) {
        return FleetSchema.object(SubAgentSpec.class).field(field).flatMap(FleetSchema.Field::modelDefault)
            .orElse(null);
      }

      /**
       * The entries of the sub-agent labelled {@code label}, by the field's path below the sub-agent
       * ({@code scaling.cpu}); none when the spec has no such sub-agent.
       */
      Map<String, Entry> entries(String label) {
        Integer i = index.get(label);
        if (i == null) {
          return Map.of();
        }
        Map<String, Entry> m = new HashMap<>(48);
        SubAgentSpec s = spec.subAgents().get(i);
        String path = PREFIX + label + "]";
        Source replicas = new Source(Kind.WRITTEN, path + ".replicas");
        m.put("replicas.min", new Entry(s.replicas().min(), replicas));
        m.put("replicas.max", new Entry(s.replicas().max(), replicas));
        if (s.image().isPresent()) {
          m.put("image", writtenAt(path, "image", s.image().get()));
        } else if (image != null) {
          m.put("image", image);
        }
        for (String part : new String[] {"cpu", "memory"}) {
          boolean cpu = part.equals("cpu");
          String request = path + ".requests." + part;
          Object given = (cpu ? s.requests().cpu() : s.requests().memory()).orElse(null);
          m.put("requests." + part, new Entry(given, new Source(Kind.WRITTEN, request)));
          Optional<Quantity> limit = s.limits().flatMap(cpu ? Compute::cpu : Compute::memory);
          m.put("limits." + part, limit.isPresent() ? writtenAt(path, "limits." + part, limit.get())
              : new Entry(given, limitRule(cpu, request)));
        }
        ScalingSpec own = s.scaling().orElse(null);
        SCALING.keySet().forEach(field -> {
          Optional<?> mine = own == null ? Optional.empty() : scalingField(own, field);
          m.put("scaling." + field, mine.isPresent() ? writtenAt(path, "scaling." + field, mine.get())
              : scalingFallback.get(field));
        });
        m.put("priority", specDefault(path, "priority", s.priority(), priorityDefault));
        m.put("apiAccess", specDefault(path, "apiAccess", s.apiAccess(), apiAccessDefault));
        m.put("workspace", s.workspace().isPresent() ? writtenAt(path, "workspace", s.workspace().get()) : workspace);
        for (String part : new String[] {"input", "output"}) {
          String field = "tokensPerRequest." + part;
          if (s.tokensPerRequest().isPresent()) {
            TokensSpec t = s.tokensPerRequest().get();
            m.put(field, writtenAt(path, field, part.equals("input") ? t.input() : t.output()));
          } else if (tokensFallback.containsKey(part)) {
            m.put(field, tokensFallback.get(part));
          }
        }
        return m;
      }

      private static Entry writtenAt(String path, String field, Object value) {
        return new Entry(value, new Source(Kind.WRITTEN, path + "." + field));
      }

      /** A field whose default the spec declares itself: written unless equal to that default. */
      private static Entry specDefault(String path, String field, Object value, Object dflt) {
        return value.equals(dflt)
            ? new Entry(value, new Source(Kind.BUILT_IN, path + "." + field + " (" + value + " is the default)"))
            : writtenAt(path, field, value);
      }
    }

    /** The scaling fields, each with the built-in constant it falls back on. */
    private static final Map<String, String> SCALING = Map.of("cpu", "CPU_TARGET_PERCENT", "memory",
        "MEMORY_TARGET_PERCENT", "requestsPerSecond", "REQUESTS_PER_SECOND", "scaleDownAfter", "SCALE_DOWN_AFTER",
        "scaleDownPodsPerMinute", "SCALE_DOWN_PODS_PER_MINUTE", "autoscaler", "AUTOSCALER");

    private static Optional<?> scalingField(ScalingSpec s, String field) {
      return switch (field) {
        case "cpu" -> s.cpu();
        case "memory" -> s.memory();
        case "requestsPerSecond" -> s.requestsPerSecond();
        case "scaleDownAfter" -> s.scaleDownAfter();
        case "scaleDownPodsPerMinute" -> s.scaleDownPodsPerMinute();
        case "autoscaler" -> s.autoscaler();
        default -> throw new IllegalArgumentException("no scaling field " + field);
      };
    }

    /** A sub-agent's source, by its label and the field's path below it; null when there is none. */
    Source get(String label, String field) {
      return of(label).get(field);
    }

    /** The source at a sub-agent's path ({@code subAgents[s1].scaling.cpu}); null when there is none. */
    Source get(String path) {
      int end = path.indexOf(']', PREFIX.length());
      return end < 0 || end + 1 >= path.length() || path.charAt(end + 1) != '.' ? null
          : get(path.substring(PREFIX.length(), end), path.substring(end + 2));
    }

    /** Every sub-agent's sources by their whole paths, in the order of the spec as applied. */
    void forEach(java.util.function.Consumer<Map<String, Source>> each) {
      for (int i = 0; i < applied.spec.subAgents().size(); i++) {
        String label = label(applied.spec.subAgents().get(i).id(), i);
        Map<String, Source> byPath = new HashMap<>();
        make(label).forEach((field, source) -> byPath.put(PREFIX + label + "]." + field, source));
        each.accept(byPath);
      }
    }

    private Map<String, Source> of(String label) {
      int slot = (label.hashCode() & Integer.MAX_VALUE) % RECENT;
      Made known = recent.get(slot);
      if (known != null && known.label().equals(label)) {
        return known.sources();
      }
      Map<String, Source> made = make(label);
      recent.set(slot, new Made(label, made));
      return made;
    }

    private Map<String, Source> make(String label) {
      Map<String, Entry> asApplied = applied.entries(label);
      if (asApplied.isEmpty()) {
        return Map.of();
      }
      return merge(written == applied ? asApplied : written.entries(label), asApplied, profile);
    }
  }

  // ---- computing the sources of one spec -------------------------------------------------------------------

  /** The entries of everything but the sub-agents ({@link SubAgentSources} makes theirs). */
  private static Map<String, Entry> fixedEntries(FleetSpec spec) {
    Map<String, Entry> m = new HashMap<>();
    DefaultsSpec.SubAgentDefaults defaults =
        spec.defaults().subAgent().orElse(DefaultsSpec.SubAgentDefaults.builder().build());
    for (int i = 0; i < spec.agents().size(); i++) {
      AgentSpec a = spec.agents().get(i);
      agent(m, "agents[" + label(a.id(), i) + "]", a, defaults);
    }
    database(m, spec.database().orElse(DatabaseSpec.builder().build()));
    return m;
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
        m.put(limitAt, new Entry(m.get(at).value(), limitRule(cpu, at)));
      }
    }
  }

  /** A limit derived from the request at {@code request} by {@link Defaults#limitFor}'s rule. */
  private static Source limitRule(boolean cpu, String request) {
    return new Source(Kind.DERIVED, "= " + (cpu ? CPU_FACTOR : MEMORY_FACTOR) + request + " ("
        + (cpu ? "CPU" : "memory") + " limit rule)");
  }

  /** The limit rules' factors as their notes write them, before the request's path: nothing for a factor of 1. */
  private static final String CPU_FACTOR = factor(Defaults.CPU_LIMIT_FACTOR);
  private static final String MEMORY_FACTOR = factor(Defaults.MEMORY_LIMIT_FACTOR);

  private static String factor(java.math.BigDecimal factor) {
    String plain = factor.stripTrailingZeros().toPlainString();
    return plain.equals("1") ? "" : plain + " × ";
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
