package io.agentfleet.generate.spi;

import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Problem;
import java.util.List;

/** Checks a rendered tree before it is written; every problem names the file, the object and the rule. */
public interface TreeValidator {
  List<Problem> validate(RenderedTree tree, String kubernetesVersion);

  /** Checks the tree of a fleet against its platform plan; validators that need neither check the tree alone. */
  default List<Problem> validate(RenderedTree tree, Fleet fleet, PlatformPlan plan) {
    return validate(tree, fleet.kubernetesVersion());
  }
}
