package io.agentfleet.generate.database;

import io.agentfleet.generate.Generator;
import io.agentfleet.generate.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.List;

/** {@code database/}: not generated yet. */
public final class DatabaseGenerator implements Generator {
  @Override
  public String folder() {
    return "database";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet) {
    return List.of();
  }
}
