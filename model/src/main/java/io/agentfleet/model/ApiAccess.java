package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How much of the Kubernetes API a workload may use; only {@code read} mounts a service-account token. */
public enum ApiAccess {
  /** No token is mounted; the default, since agents talk to their own services, not to the API server. */
  NONE,
  /** Read-only access to the fleet's workloads, services, events and autoscalers (never Secrets). */
  READ;

  @JsonCreator
  public static ApiAccess parse(String text) {
    return Names.parseEnum(ApiAccess.class, "API access level", text);
  }

  @JsonValue
  @Override
  public String toString() {
    return Names.kebab(this);
  }
}
