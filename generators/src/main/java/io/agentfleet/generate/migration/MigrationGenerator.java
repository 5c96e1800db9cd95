package io.agentfleet.generate.migration;

import io.agentfleet.generate.Generator;
import io.agentfleet.generate.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.List;

/** {@code migration/}: not generated yet. */
public final class MigrationGenerator implements Generator {
  @Override
  public String folder() {
    return "migration";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet) {
    return List.of();
  }
}
