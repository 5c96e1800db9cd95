package io.agentfleet.model;

import java.util.List;

/** The resolved monitoring section. */
public record Monitoring(boolean enabled) {
  /** The namespace demand of monitoring workloads that run in the fleet's namespace. */
  public List<Demand> demands() {
    return List.of();
  }
}
