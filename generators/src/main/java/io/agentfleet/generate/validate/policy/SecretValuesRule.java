package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** The tree holds references to secrets, never values: no Secret with data or stringData. */
public final class SecretValuesRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    if (!m.is("", "Secret")) {
      return;
    }
    for (String field : List.of("data", "stringData")) {
      if (m.node().has(field)) {
        out.add(field + ": must not be set, the tree references secrets and never holds their values"
            + " (use an ExternalSecret or a SealedSecret)");
      }
    }
  }
}
