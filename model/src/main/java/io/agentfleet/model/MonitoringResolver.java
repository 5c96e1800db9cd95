package io.agentfleet.model;

import java.util.Optional;

/** Fills the monitoring section's defaults and checks its rules. */
final class MonitoringResolver {
  private MonitoringResolver() {}

  static Monitoring resolve(Optional<MonitoringSpec> spec, Problems p) {
    MonitoringSpec s = spec.orElse(MonitoringSpec.builder().build());
    return new Monitoring(s.enabled().orElse(true));
  }
}
