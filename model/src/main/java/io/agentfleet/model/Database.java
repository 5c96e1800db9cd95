package io.agentfleet.model;

import java.util.List;

/** The resolved PostgreSQL cluster. */
public record Database(int instances, Quantity storage) {
  /** The namespace demand of the cluster's own pods (none when an operator runs them outside the quota's view). */
  public List<Demand> demands() {
    return List.of();
  }
}
