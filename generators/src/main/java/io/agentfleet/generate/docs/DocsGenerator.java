package io.agentfleet.generate.docs;

import io.agentfleet.generate.Generator;
import io.agentfleet.generate.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.List;

/** Placeholder while the generator is written. */
public final class DocsGenerator implements Generator {
  @Override
  public String folder() {
    return "";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet) {
    return List.of();
  }
}
