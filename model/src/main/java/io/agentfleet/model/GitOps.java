package io.agentfleet.model;

import java.util.Optional;

/**
 * The resolved GitOps section: every default filled except the tree's path, whose default depends on the profile
 * the tree is generated with ({@link #pathFor}).
 */
public record GitOps(Optional<String> repository, String revision, Optional<String> path, int agentShards,
    int subAgentShards, ArgoCd argocd, Flux flux) {
  /** The most shards a fleet may ask for, of agents or sub-agents: a thousand Applications each is already a lot. */
  public static final int MAX_SHARDS = 1000;

  /** The default folder of the tree in the repository, for a profile: where {@code agentfleet:generate} writes it. */
  public static final String DEFAULT_PATH_PREFIX = "generated/";

  /** The tree's folder in the repository when generated with {@code profile}: the stated path, else generated/profile. */
  public String pathFor(String profile) {
    return path.orElse(DEFAULT_PATH_PREFIX + profile);
  }

  /** Argo CD settings, resolved. */
  public record ArgoCd(boolean enabled, String namespace, String project, boolean installOperators) {}

  /** Flux settings, resolved. */
  public record Flux(boolean enabled, String namespace, Span interval, Span timeout) {}
}
