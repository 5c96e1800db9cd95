package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where the generated tree is committed, for Argo CD or Flux to apply. Without a {@code repository} the tree has
 * no Argo CD or Flux objects (they must name the repository); the workflow and scripts are generated regardless.
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableGitOpsSpec.class)
@JsonDeserialize(as = ImmutableGitOpsSpec.class)
@JsonPropertyOrder({"repository", "revision", "path", "agentShards", "subAgentShards", "argocd", "flux"})
public interface GitOpsSpec {
  /** The Git repository holding the generated tree ({@code https://…} or {@code ssh://…}/{@code git@host:…}). */
  Optional<String> repository();

  /** The branch Argo CD and Flux follow; {@code main} unless given ({@code refs/tags/…} or a commit id also work). */
  Optional<String> revision();

  /**
   * Where the tree sits in the repository, relative to its root; {@code generated/<profile>} unless given, which is
   * where {@code mvn agentfleet:generate} writes it.
   */
  Optional<String> path();

  /**
   * How many parts the sub-agents are shared out among, each applied on its own (an Argo CD Application, a Flux
   * Kustomization, one {@code kubectl apply -k} of {@code deploy.sh}); 1 (all in {@code sub-agents/}) unless given.
   * Above 1 each sub-agent's file sits in {@code sub-agents/shard-<n>/}, n fixed by its id (CRC-32 of the id, modulo
   * this number), so adding or removing sub-agents never moves another one. Needed past some 400 sub-agents (the
   * generation says how many): one kustomization applies at most 3 000 objects.
   */
  Optional<Integer> subAgentShards();

  /**
   * The same for the standard agents, in {@code agents/shard-<n>/}: 1 unless given. Needed past some 150 agents
   * (about 19 objects each).
   */
  Optional<Integer> agentShards();

  /** The Argo CD wiring; generated when a repository is given. */
  Optional<ArgoCdSpec> argocd();

  /** The Flux wiring; generated when a repository is given. */
  Optional<FluxSpec> flux();

  /** The Argo CD wiring: an AppProject, an app-of-apps and one Application per folder (or part of one). */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableArgoCdSpec.class)
  @JsonDeserialize(as = ImmutableArgoCdSpec.class)
  @JsonPropertyOrder({"enabled", "namespace", "project", "installOperators"})
  interface ArgoCdSpec {
    /** Whether {@code ci-cd/argocd.yaml} is generated; true unless given. */
    Optional<Boolean> enabled();

    /** The namespace Argo CD runs in and reads Applications from; {@code argocd} (its install default) unless given. */
    Optional<String> namespace();

    /** The AppProject of the fleet's Applications; the fleet's name unless given. */
    Optional<String> project();

    /**
     * Whether Argo CD also installs the operators the tree needs (CloudNativePG, Prometheus Operator, VPA,
     * prometheus-adapter, External Secrets …) from pinned Helm charts; true unless given. Set false when the cluster
     * already runs them.
     */
    Optional<Boolean> installOperators();

    static ImmutableArgoCdSpec.Builder builder() {
      return ImmutableArgoCdSpec.builder();
    }
  }

  /** The Flux wiring: a GitRepository and one Kustomization per folder (or part of one). */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableFluxSpec.class)
  @JsonDeserialize(as = ImmutableFluxSpec.class)
  @JsonPropertyOrder({"enabled", "namespace", "interval", "timeout"})
  interface FluxSpec {
    /** Whether {@code ci-cd/flux.yaml} is generated; true unless given. */
    Optional<Boolean> enabled();

    /** The namespace of the Flux objects; {@code flux-system} (the bootstrap default) unless given. */
    Optional<String> namespace();

    /** How often Flux fetches and reconciles; 5m unless given (Git changes arrive within this time). */
    Optional<Span> interval();

    /** How long one folder may take to become healthy before Flux reports it failed; 10m unless given. */
    Optional<Span> timeout();

    static ImmutableFluxSpec.Builder builder() {
      return ImmutableFluxSpec.builder();
    }
  }

  static ImmutableGitOpsSpec.Builder builder() {
    return ImmutableGitOpsSpec.builder();
  }
}
