package io.agentfleet.model;

/**
 * What one workload of a section (database, monitoring) asks of the namespace at full scale: its resources, how
 * many pods at most, whether a rolling update adds a surge pod, and persistent storage per pod.
 */
public record Demand(String what, Resources resources, int pods, boolean surge, Quantity storagePerPod) {}
