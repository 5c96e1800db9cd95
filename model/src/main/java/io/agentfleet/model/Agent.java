package io.agentfleet.model;

import java.util.Optional;

/** A resolved standard agent: worker, optional frontend and backend, and its own database name. */
public record Agent(
    String id, String name, Worker worker, Optional<Component> frontend, Optional<Component> backend, String database) {}
