package io.agentfleet.generate.agents;

import io.agentfleet.generate.Generator;
import io.agentfleet.generate.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.List;

/** {@code agents/}: not generated yet. */
public final class AgentGenerator implements Generator {
  @Override
  public String folder() {
    return "agents";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet) {
    return List.of();
  }
}
