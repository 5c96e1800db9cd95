package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Where the generated tree is committed, for Argo CD or Flux to apply. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableGitOpsSpec.class)
@JsonDeserialize(as = ImmutableGitOpsSpec.class)
public interface GitOpsSpec {
  /** The Git repository holding the generated tree. */
  Optional<String> repository();

  /** The branch or tag Argo CD and Flux follow. */
  Optional<String> revision();

  static ImmutableGitOpsSpec.Builder builder() {
    return ImmutableGitOpsSpec.builder();
  }
}
