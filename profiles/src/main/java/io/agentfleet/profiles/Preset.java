package io.agentfleet.profiles;

import java.util.Objects;
import java.util.Optional;

/**
 * What an environment's preset sets over the fleet's shared description, as data; a setting left empty is the
 * parent's (staging is production with smaller numbers), and the description as written when no preset in the chain
 * sets it. Values written under {@code environments.<env>} in fleet.yaml win over every setting here.
 *
 * @param name the environment, also the folder of its tree ({@code generated/<name>})
 * @param parent the preset whose settings this one inherits where it sets none
 * @param fixedReplicas every sub-agent, frontend and backend runs exactly this many replicas (nothing autoscales)
 * @param maxReplicasDivisor every sub-agent's maximum divided by this (rounded up, never below its minimum)
 * @param databaseInstances PostgreSQL instances of the fleet's cluster
 * @param physicalBackups false: no object-store backups (no ObjectStore, ScheduledBackup or Barman Cloud plugin)
 * @param requestsDivisor requests of sub-agents, workers, frontends and backends (their built-in ones when they
 *     state none) divided by this, floored at
 *     {@link PresetProfile#MIN_CPU} and {@link PresetProfile#MIN_MEMORY}
 * @param topologySpread whether Deployments spread their replicas over nodes and zones
 */
public record Preset(
    String name,
    Optional<String> parent,
    Optional<Integer> fixedReplicas,
    Optional<Integer> maxReplicasDivisor,
    Optional<Integer> databaseInstances,
    Optional<Boolean> physicalBackups,
    Optional<Integer> requestsDivisor,
    Optional<Boolean> topologySpread) {

  public Preset {
    Objects.requireNonNull(name, "name");
  }

  /** A preset that sets nothing yet. */
  public static Preset named(String name) {
    return new Preset(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  public Preset parent(String p) {
    return new Preset(name, Optional.of(p), fixedReplicas, maxReplicasDivisor, databaseInstances, physicalBackups,
        requestsDivisor, topologySpread);
  }

  public Preset fixedReplicas(int n) {
    return new Preset(name, parent, Optional.of(n), maxReplicasDivisor, databaseInstances, physicalBackups,
        requestsDivisor, topologySpread);
  }

  public Preset maxReplicasDivisor(int n) {
    return new Preset(name, parent, fixedReplicas, Optional.of(n), databaseInstances, physicalBackups,
        requestsDivisor, topologySpread);
  }

  public Preset databaseInstances(int n) {
    return new Preset(name, parent, fixedReplicas, maxReplicasDivisor, Optional.of(n), physicalBackups,
        requestsDivisor, topologySpread);
  }

  public Preset physicalBackups(boolean on) {
    return new Preset(name, parent, fixedReplicas, maxReplicasDivisor, databaseInstances, Optional.of(on),
        requestsDivisor, topologySpread);
  }

  public Preset requestsDivisor(int n) {
    return new Preset(name, parent, fixedReplicas, maxReplicasDivisor, databaseInstances, physicalBackups,
        Optional.of(n), topologySpread);
  }

  public Preset topologySpread(boolean on) {
    return new Preset(name, parent, fixedReplicas, maxReplicasDivisor, databaseInstances, physicalBackups,
        requestsDivisor, Optional.of(on));
  }

  /** This preset with every empty setting taken from {@code p} (its parent, already resolved). */
  Preset over(Preset p) {
    return new Preset(name, parent, fixedReplicas.or(p::fixedReplicas), maxReplicasDivisor.or(p::maxReplicasDivisor),
        databaseInstances.or(p::databaseInstances), physicalBackups.or(p::physicalBackups),
        requestsDivisor.or(p::requestsDivisor), topologySpread.or(p::topologySpread));
  }

  /** What it sets, for the tree's README: {@code parent production; maxima halved; 2 database instances}. */
  public String describe() {
    java.util.List<String> out = new java.util.ArrayList<>();
    parent.ifPresent(p -> out.add("inherits " + p));
    fixedReplicas.ifPresent(n -> out.add(n + " replica per sub-agent, frontend and backend (no autoscalers)"));
    maxReplicasDivisor.ifPresent(n -> out.add("sub-agent maxima divided by " + n + " (rounded up)"));
    databaseInstances.ifPresent(n -> out.add(n + " PostgreSQL instance" + (n == 1 ? "" : "s")));
    physicalBackups.filter(b -> !b).ifPresent(b -> out.add("no object-store backups"));
    requestsDivisor.ifPresent(n -> out.add("requests divided by " + n + " (at least " + PresetProfile.MIN_CPU + " CPU, "
        + PresetProfile.MIN_MEMORY + " memory)"));
    topologySpread.ifPresent(b -> out.add(b ? "replicas spread over nodes and zones" : "no topology spread"));
    return out.isEmpty() ? "the fleet as written" : String.join("; ", out);
  }
}
