package io.agentfleet.model;

import java.util.Map;

/** A resolved sub-agent: every default filled, every rule checked. */
public record SubAgent(
    String id,
    Role role,
    String image,
    Resources resources,
    Priority priority,
    Scaling scaling,
    ApiAccess apiAccess,
    Quantity workspace,
    Map<String, EnvValue> env) {

  /** Workload, Service and ServiceAccount name: {@code claude-sub-agent-s1}. */
  public String name() {
    return Names.subAgent(id);
  }
}
