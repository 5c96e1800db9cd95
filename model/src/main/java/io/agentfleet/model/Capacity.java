package io.agentfleet.model;

/** Requests, limits, pods and storage of the fleet at full scale: the quota it needs. */
public record Capacity(
    Quantity cpuRequests, Quantity memoryRequests, Quantity cpuLimits, Quantity memoryLimits, int pods,
    int persistentVolumeClaims, Quantity storage) {}
