package io.agentfleet.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A resolved fleet: what generators read. Every default is filled and every rule has been checked; {@code sources}
 * says where each value came from (fleet.yaml, a fleet-level default, a built-in default, a profile or a rule).
 */
public record Fleet(
    String name,
    String namespace,
    String kubernetesVersion,
    SortedMap<String, String> labels,
    ClaudeSpec claude,
    SecretsSpec secrets,
    NetworkSpec network,
    Optional<CapacitySpec> cluster,
    Quota quota,
    Capacity fullScale,
    FleetCapacity.Breakdown breakdown,
    List<Agent> agents,
    List<SubAgent> subAgents,
    Database database,
    Monitoring monitoring,
    GitOps gitops,
    SortedSet<String> externalNamespaces,
    ClaudeBudget claudeBudget,
    Sources sources,
    boolean ownsOperators) {

  public Fleet {
    labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
    agents = List.copyOf(agents);
    subAgents = List.copyOf(subAgents);
    externalNamespaces = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(externalNamespaces));
    sources = (sources == null ? Sources.none() : sources).withDerived(capNotes(claudeBudget));
  }

  /**
   * Two fleets are equal when they resolve to the same values, wherever those came from: a fleet.yaml that writes a
   * default out and one that leaves it to the model describe the same fleet, with different {@link #sources()}.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Fleet f && valuesEqual(f);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, namespace, kubernetesVersion, labels, claude, secrets, network, cluster, quota,
        fullScale, breakdown, agents, subAgents, database, monitoring, gitops, externalNamespaces, claudeBudget);
  }

  private boolean valuesEqual(Fleet f) {
    return java.util.Objects.equals(java.util.List.of(name, namespace, kubernetesVersion, labels, claude, secrets,
        network, cluster, quota, fullScale, breakdown, agents, subAgents, database, monitoring, gitops,
        externalNamespaces, claudeBudget), java.util.List.of(f.name, f.namespace, f.kubernetesVersion, f.labels,
        f.claude, f.secrets, f.network, f.cluster, f.quota, f.fullScale, f.breakdown, f.agents, f.subAgents,
        f.database, f.monitoring, f.gitops, f.externalNamespaces, f.claudeBudget));
  }

  /**
   * The same fleet with other {@link Sources}: the generator replaces the resolver's (which sees the spec after the
   * profile) by those that know what the profile set.
   */
  public Fleet withSources(Sources other) {
    return new Fleet(name, namespace, kubernetesVersion, labels, claude, secrets, network, cluster, quota, fullScale,
        breakdown, agents, subAgents, database, monitoring, gitops, externalNamespaces, claudeBudget,
        other, ownsOperators);
  }

  /**
   * The same fleet with more labels on every object (a profile's environment label): added after the fleet's rules
   * are checked, since the label keys are ones a user may not write.
   */
  public Fleet withLabels(java.util.Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    java.util.SortedMap<String, String> all = new java.util.TreeMap<>(labels);
    all.putAll(more);
    return new Fleet(name, namespace, kubernetesVersion, all, claude, secrets, network, cluster, quota, fullScale,
        breakdown, agents, subAgents, database, monitoring, gitops, externalNamespaces, claudeBudget, sources,
        ownsOperators);
  }

  /**
   * The same fleet, saying whether its tree's Argo CD root also syncs the operators ({@code ci-cd/operators.yaml}):
   * true for a fleet alone in its cluster; of several environments under one Argo CD, only one may.
   */
  public Fleet withOwnsOperators(boolean owns) {
    return new Fleet(name, namespace, kubernetesVersion, labels, claude, secrets, network, cluster, quota, fullScale,
        breakdown, agents, subAgents, database, monitoring, gitops, externalNamespaces, claudeBudget, sources, owns);
  }

  /** The note of every maximum the Claude API budget lowered: {@code = subAgents[s1].replicas capped by ...}. */
  private static java.util.SortedMap<String, String> capNotes(ClaudeBudget claudeBudget) {
    java.util.SortedMap<String, String> notes = new java.util.TreeMap<>();
    if (claudeBudget != null && claudeBudget.overBudget() == OverBudget.CAP) {
      claudeBudget.subAgents().stream().filter(ClaudeBudget.Use::capped).forEach(u -> notes.put(
          "subAgents[" + u.id() + "].replicas.max",
          "= subAgents[" + u.id() + "].replicas capped by claude.limits." + claudeBudget.binding()));
    }
    return notes;
  }

  /**
   * Whether the tree creates, labels and protects this namespace: false for one declared in
   * {@code externalNamespaces}, which exists before the fleet and belongs to someone else.
   */
  public boolean ownsNamespace(String namespace) {
    return !externalNamespaces.contains(namespace);
  }

  /** The priorities some workload uses, in ascending order: one PriorityClass each. */
  public SortedSet<Priority> prioritiesUsed() {
    SortedSet<Priority> used = new TreeSet<>();
    subAgents.forEach(s -> used.add(s.priority()));
    if (!agents.isEmpty()) {
      used.add(Priority.MEDIUM);
    }
    return used;
  }

  /** Name of the PriorityClass for a priority: cluster-scoped, so prefixed with the fleet's name. */
  public String priorityClassName(Priority priority) {
    return name + "-" + priority;
  }
}
