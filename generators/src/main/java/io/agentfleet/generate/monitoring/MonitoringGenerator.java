package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.Generator;
import io.agentfleet.generate.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.List;

/** {@code monitoring/}: not generated yet. */
public final class MonitoringGenerator implements Generator {
  @Override
  public String folder() {
    return "monitoring";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet) {
    return List.of();
  }
}
