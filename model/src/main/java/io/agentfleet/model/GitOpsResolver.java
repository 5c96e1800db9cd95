package io.agentfleet.model;

import java.util.Optional;

/** Fills the GitOps section's defaults and checks its rules. */
final class GitOpsResolver {
  private GitOpsResolver() {}

  static GitOps resolve(Optional<GitOpsSpec> spec, Problems p) {
    GitOpsSpec s = spec.orElse(GitOpsSpec.builder().build());
    return new GitOps(s.repository(), s.revision().orElse("main"));
  }
}
