package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What scales a sub-agent: a HorizontalPodAutoscaler, or a KEDA ScaledObject (never both on one workload). */
public enum Autoscaler {
  /** A HorizontalPodAutoscaler on CPU, memory and the per-pod Claude API request rate; the default (no add-on). */
  HPA,
  /** A KEDA ScaledObject on the same three signals; the only choice that may scale to zero replicas. */
  KEDA;

  @JsonCreator
  public static Autoscaler parse(String text) {
    return Names.parseEnum(Autoscaler.class, "autoscaler", text);
  }

  @JsonValue
  @Override
  public String toString() {
    return Names.kebab(this);
  }
}
