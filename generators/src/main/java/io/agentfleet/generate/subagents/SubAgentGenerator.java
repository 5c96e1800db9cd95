package io.agentfleet.generate.subagents;

import io.agentfleet.generate.Generator;
import io.agentfleet.generate.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.List;

/** Placeholder while the generator is written. */
public final class SubAgentGenerator implements Generator {
  @Override
  public String folder() {
    return "sub-agents";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet) {
    return List.of();
  }
}
