package io.agentfleet.model;

import java.util.Map;
import java.util.Optional;

/** A resolved Claude Code worker of a standard agent. */
public record Worker(
    String image, Resources resources, Quantity workspace, Optional<String> repository, Optional<String> gitSecret,
    Map<String, EnvValue> env) {}
