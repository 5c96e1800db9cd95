package io.agentfleet.profiles;

import io.agentfleet.generate.spi.Decorator;
import io.agentfleet.generate.spi.Profile;
import io.agentfleet.model.AgentSpec;
import io.agentfleet.model.ComponentSpec;
import io.agentfleet.model.Compute;
import io.agentfleet.model.DatabaseSpec;
import io.agentfleet.model.Defaults;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.GitOpsSpec;
import io.agentfleet.model.MonitoringSpec;
import io.agentfleet.model.NetworkSpec;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.SubAgentSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An environment's profile, read from its resolved {@link Preset}: adjusts the shared description, names everything
 * that could collide in a shared cluster or Argo CD with the suffix {@code -<env>} (production keeps its names), and
 * labels every object {@code agentfleet.io/environment: <env>}.
 */
final class PresetProfile implements Profile {
  /** The environment whose names carry no suffix: an existing production cluster upgrades without renames. */
  static final String UNSUFFIXED = "production";
  /** The label every object of an environment's tree carries. */
  static final String ENVIRONMENT_LABEL = "agentfleet.io/environment";
  /** The smallest CPU request a divided request keeps: below it, startup alone is throttled. */
  static final String MIN_CPU = "100m";
  /** The smallest memory request a divided request keeps: memory limits equal requests, and a Node.js or .NET process needs about 200 MiB resident; below this, dev would be OOM-killed where production is not. */
  static final String MIN_MEMORY = "256Mi";

  private final Preset preset;

  PresetProfile(Preset resolved) {
    this.preset = resolved;
  }

  /** The resolved preset (every setting its chain makes). */
  Preset preset() {
    return preset;
  }

  @Override
  public String name() {
    return preset.name();
  }

  @Override
  public Map<String, String> labels() {
    return Map.of(ENVIRONMENT_LABEL, preset.name());
  }

  @Override
  public String describe() {
    return preset.describe();
  }

  @Override
  public FleetSpec apply(FleetSpec spec) {
    var b = FleetSpec.builder().from(spec);
    if (!preset.name().equals(UNSUFFIXED)) {
      rename(spec, b);
    }
    b.subAgents(spec.subAgents().stream().map(this::subAgent).toList());
    b.agents(spec.agents().stream().map(this::agent).toList());
    spec.database().ifPresent(db -> b.database(database(db)));
    return b.build();
  }

  @Override
  public List<Decorator> decorators() {
    return preset.topologySpread().orElse(false) ? List.of(new AddTopologySpread()) : List.of();
  }

  /** Suffixes the fleet's name and every namespace it creates, so two environments never share an object. */
  private void rename(FleetSpec spec, io.agentfleet.model.ImmutableFleetSpec.Builder b) {
    String suffix = "-" + preset.name();
    String name = spec.name() + suffix;
    b.name(name);
    b.namespace(spec.namespace().orElse(spec.name()) + suffix);
    if (spec.labels().containsKey("app.kubernetes.io/part-of")) {
      Map<String, String> labels = new TreeMap<>(spec.labels());
      labels.put("app.kubernetes.io/part-of", name);
      b.labels(labels);
    }
    boolean external = !spec.externalNamespaces().isEmpty();
    if (!external || !spec.externalNamespaces().contains(spec.network().monitoringNamespace())) {
      b.network(NetworkSpec.builder().from(spec.network())
          .monitoringNamespace(spec.network().monitoringNamespace() + suffix).build());
    }
    spec.monitoring().flatMap(MonitoringSpec::logging).ifPresent(l -> {
      String ns = l.namespace().orElse(io.agentfleet.model.Monitoring.DEFAULT_LOG_NAMESPACE);
      if (!spec.externalNamespaces().contains(ns)) {
        b.monitoring(MonitoringSpec.builder().from(spec.monitoring().orElseThrow())
            .logging(MonitoringSpec.LoggingSpec.builder().from(l).namespace(ns + suffix).build()).build());
      }
    });
    spec.gitops().ifPresent(g -> g.argocd().flatMap(GitOpsSpec.ArgoCdSpec::project).ifPresent(project ->
        b.gitops(GitOpsSpec.builder().from(g).argocd(GitOpsSpec.ArgoCdSpec.builder().from(g.argocd().orElseThrow())
            .project(project + suffix).build()).build())));
  }

  private SubAgentSpec subAgent(SubAgentSpec s) {
    var b = SubAgentSpec.builder().from(s);
    ReplicaRange r = s.replicas();
    if (r.isValid()) {
      if (preset.fixedReplicas().isPresent()) {
        b.replicas(ReplicaRange.exactly(preset.fixedReplicas().get()));
      } else if (preset.maxReplicasDivisor().isPresent()) {
        int max = Math.max(r.min(), (r.max() + preset.maxReplicasDivisor().get() - 1) / preset.maxReplicasDivisor().get());
        b.replicas(max == r.min() ? ReplicaRange.exactly(max) : ReplicaRange.between(r.min(), max));
      }
    }
    preset.requestsDivisor().ifPresent(d -> b.requests(divide(s.requests(), d)));
    return b.build();
  }

  private AgentSpec agent(AgentSpec a) {
    if (preset.fixedReplicas().isEmpty() && preset.requestsDivisor().isEmpty()) {
      return a;
    }
    var b = AgentSpec.builder().from(a);
    preset.requestsDivisor().ifPresent(d -> b.worker(io.agentfleet.model.WorkerSpec.builder().from(a.worker())
        .requests(divide(a.worker().requests().orElse(Defaults.WORKER_REQUESTS), d)).build()));
    a.frontend().ifPresent(c -> b.frontend(component(c, Defaults.FRONTEND_REQUESTS)));
    a.backend().ifPresent(c -> b.backend(component(c, Defaults.BACKEND_REQUESTS)));
    return b.build();
  }

  /** A frontend or backend: its replicas fixed, its requests (the built-in ones when it states none) divided. */
  private ComponentSpec component(ComponentSpec c, Compute builtIn) {
    var b = ComponentSpec.builder().from(c);
    preset.fixedReplicas().ifPresent(b::replicas);
    preset.requestsDivisor().ifPresent(d -> b.requests(divide(c.requests().orElse(builtIn), d)));
    return b.build();
  }

  private DatabaseSpec database(DatabaseSpec db) {
    var b = DatabaseSpec.builder().from(db);
    preset.databaseInstances().ifPresent(b::instances);
    if (!preset.physicalBackups().orElse(true)) {
      db.backups().ifPresent(k -> b.backups(DatabaseSpec.BackupsSpec.builder().from(k).objectStore(Optional.empty())
          .build()));
    }
    return b.build();
  }

  /** Requests divided, each floored at the minimum a process needs to start; unreadable values stay as written. */
  static Compute divide(Compute c, int divisor) {
    BigDecimal by = BigDecimal.valueOf(divisor);
    Quantity minCpu = Quantity.parse(MIN_CPU);
    Quantity minMemory = Quantity.parse(MIN_MEMORY);
    var b = Compute.builder().from(c);
    c.cpu().filter(Quantity::isPositive).ifPresent(q -> {
      Quantity half = Quantity.cores(q.amount().divide(by, 3, java.math.RoundingMode.CEILING));
      b.cpu(q.compareTo(minCpu) <= 0 ? q : half.compareTo(minCpu) < 0 ? minCpu : half);
    });
    c.memory().filter(Quantity::isPositive).ifPresent(q -> {
      Quantity half = Quantity.bytes(q.amount().divide(by, 0, java.math.RoundingMode.CEILING));
      b.memory(q.compareTo(minMemory) <= 0 ? q : half.compareTo(minMemory) < 0 ? minMemory : half);
    });
    return b.build();
  }
}
