package io.agentfleet.model;

import java.util.Map;
import java.util.Optional;

/** A resolved frontend or backend of a standard agent. */
public record Component(
    String image, int port, int replicas, Resources resources, String healthPath, long runAsUser,
    Optional<Integer> metricsPort, Map<String, EnvValue> env) {}
