package io.agentfleet.model;

/** A resolved scaling policy: replica bounds plus the targets an autoscaler holds the pods at. */
public record Scaling(
    int minReplicas,
    int maxReplicas,
    int cpuPercent,
    int memoryPercent,
    Quantity requestsPerSecond,
    Span scaleDownAfter,
    int scaleDownPodsPerMinute,
    Autoscaler autoscaler) {

  /** True when an autoscaler chooses the count, false when it is fixed at {@link #minReplicas()}. */
  public boolean isScaled() {
    return maxReplicas > minReplicas;
  }
}
