package io.agentfleet.model;

import java.util.Optional;

/** The resolved GitOps section. */
public record GitOps(Optional<String> repository, String revision) {}
