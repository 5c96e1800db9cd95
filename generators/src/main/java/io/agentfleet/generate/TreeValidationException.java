package io.agentfleet.generate;

import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.Problem;
import java.util.List;

/** The spec was valid but the tree made from it is not: problems name the generated file and object, not fleet.yaml. */
public class TreeValidationException extends FleetValidationException {
  private static final long serialVersionUID = 1L;

  public TreeValidationException(String what, List<Problem> problems) {
    super(what, problems);
  }
}
