package io.agentfleet.generate.core;

import io.agentfleet.generate.Generator;
import io.agentfleet.generate.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.List;

/** Placeholder while the generator is written. */
public final class CoreGenerator implements Generator {
  @Override
  public String folder() {
    return "core";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet) {
    return List.of();
  }
}
