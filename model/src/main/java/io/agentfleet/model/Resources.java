package io.agentfleet.model;

/** Resolved requests and limits of one container. */
public record Resources(Quantity cpuRequest, Quantity memoryRequest, Quantity cpuLimit, Quantity memoryLimit) {}
