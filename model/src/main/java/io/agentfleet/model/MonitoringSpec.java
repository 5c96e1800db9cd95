package io.agentfleet.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Metrics, alerts, dashboards and logging for the fleet. */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableMonitoringSpec.class)
@JsonDeserialize(as = ImmutableMonitoringSpec.class)
public interface MonitoringSpec {
  /** Whether monitoring objects are generated at all. */
  Optional<Boolean> enabled();

  static ImmutableMonitoringSpec.Builder builder() {
    return ImmutableMonitoringSpec.builder();
  }
}
