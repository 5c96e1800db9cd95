package io.agentfleet.model;

/** A resolved frontend or backend of a standard agent. */
public record Component(String image, int port, int replicas, Resources resources) {}
