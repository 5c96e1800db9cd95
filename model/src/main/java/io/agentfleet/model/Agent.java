package io.agentfleet.model;

import java.util.Optional;

/** A resolved standard agent: worker, optional frontend and backend, its own database and optional ingress. */
public record Agent(
    String id, String name, Worker worker, Optional<Component> frontend, Optional<Component> backend, String database,
    Optional<IngressSpec> ingress) {

  /** Name of the Secret (basic-auth: username, password) with the agent's database credentials. */
  public String databaseSecret() {
    return name + "-db";
  }
}
