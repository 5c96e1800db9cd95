package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** The Claude Code worker that drives a standard agent. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableWorkerSpec.class)
@JsonDeserialize(as = ImmutableWorkerSpec.class)
public interface WorkerSpec {
  /** Image, if not the fleet's {@code defaults.subAgent.image} (the same Claude Code agent image). */
  Optional<String> image();

  /** Size of the persistent workspace volume holding the agent's checkout. */
  Optional<Quantity> workspace();

  /** Git repository the agent works on. */
  Optional<String> repository();

  /** CPU and memory requests of the worker. */
  Optional<Compute> requests();

  /** CPU and memory limits of the worker; derived from the requests unless given. */
  Optional<Compute> limits();

  /**
   * The Secret (key {@code token}) holding the Git token the worker pushes with; {@code <agent>-git} when a
   * repository is given and no name is.
   */
  Optional<String> gitSecret();

  /**
   * Extra environment variables, plain ({@code LOG_LEVEL: info}) or from a Secret ({@code TOKEN: { secret: s, key: k
   * }}); none by default. Names the tree sets itself (the agent contract's variables) are refused.
   */
  Map<String, EnvValue> env();

  static ImmutableWorkerSpec.Builder builder() {
    return ImmutableWorkerSpec.builder();
  }
}
