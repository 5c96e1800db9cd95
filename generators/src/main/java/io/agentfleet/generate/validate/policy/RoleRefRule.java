package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** A RoleBinding's roleRef names a Role of the tree in its namespace, or a ClusterRole. */
public final class RoleRefRule implements PolicyRule {
  @Override
  public void check(Manifest m, TreeIndex tree, List<String> out) {
    if (!m.is("rbac.authorization.k8s.io", "RoleBinding") || !"Role".equals(Json.text(m.node(), "roleRef", "kind"))) {
      return;
    }
    String role = Json.text(m.node(), "roleRef", "name");
    if (tree.ofKind("rbac.authorization.k8s.io", "Role").stream()
        .noneMatch(r -> r.name().equals(role) && r.namespace().equals(m.namespace()))) {
      out.add("roleRef.name: Role \"" + role + "\" not found in namespace \"" + m.namespace() + "\"");
    }
  }
}
