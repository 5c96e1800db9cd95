package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** Roles and ClusterRoles name their verbs, resources and API groups: no {@code *}. */
public final class RbacWildcardRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    if (!m.is("rbac.authorization.k8s.io", "Role") && !m.is("rbac.authorization.k8s.io", "ClusterRole")) {
      return;
    }
    List<JsonNode> rules = Json.list(m.node().path("rules"));
    for (int i = 0; i < rules.size(); i++) {
      for (String field : List.of("apiGroups", "resources", "verbs")) {
        if (Json.strings(rules.get(i).path(field)).contains("*")) {
          out.add(Json.field(Json.index("rules", i), field) + ": must not contain \"*\" (name each one)");
        }
      }
    }
  }
}
