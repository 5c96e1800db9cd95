package io.agentfleet.generate.cicd;

import io.agentfleet.generate.Generator;
import io.agentfleet.generate.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.List;

/** {@code ci-cd/}: not generated yet. */
public final class CiCdGenerator implements Generator {
  @Override
  public String folder() {
    return "ci-cd";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet) {
    return List.of();
  }
}
