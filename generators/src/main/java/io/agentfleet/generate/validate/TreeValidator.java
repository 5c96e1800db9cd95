package io.agentfleet.generate.validate;

import io.agentfleet.generate.RenderedTree;
import io.agentfleet.model.Problem;
import java.util.List;

/** Checks a rendered tree before it is written; every problem names the file, the object and the rule. */
public interface TreeValidator {
  List<Problem> validate(RenderedTree tree, String kubernetesVersion);
}
