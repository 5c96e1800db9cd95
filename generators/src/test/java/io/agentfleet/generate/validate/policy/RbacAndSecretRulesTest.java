package io.agentfleet.generate.validate.policy;

import static io.agentfleet.generate.validate.Fixtures.check;
import static io.agentfleet.generate.validate.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.validate.Fixtures;
import io.agentfleet.model.Problem;
import org.junit.jupiter.api.Test;

/** No RBAC wildcards, no secret values in the tree. */
class RbacAndSecretRulesTest {
  @Test
  void role_whenNamingEverything_passes() {
    assertThat(check(new RbacWildcardRule(), yaml("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader, namespace: fleet}
        rules: [{apiGroups: [''], resources: [configmaps], verbs: [get, list]}]
        """))).isEmpty();
  }

  @Test
  void clusterRole_whenUsingWildcards_failsPerField() {
    assertThat(check(new RbacWildcardRule(), yaml("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: admin-ish}
        rules:
        - {apiGroups: [''], resources: [pods], verbs: [get]}
        - {apiGroups: ['*'], resources: [deployments], verbs: ['*']}
        """))).containsExactly(
        new Problem("app.yaml ClusterRole/admin-ish", "rules[1].apiGroups: must not contain \"*\" (name each one)"),
        new Problem("app.yaml ClusterRole/admin-ish", "rules[1].verbs: must not contain \"*\" (name each one)"));
  }

  @Test
  void secret_whenOnlyMetadata_passes() {
    assertThat(check(new SecretValuesRule(), yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n")))
        .isEmpty();
  }

  @Test
  void secret_whenCarryingValues_fails() {
    assertThat(check(new SecretValuesRule(), yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: s}
        data: {key: c2VjcmV0}
        stringData: {other: plain}
        """))).containsExactly(
        new Problem("app.yaml Secret/s", "data: must not be set, the tree references secrets and never holds their values"
            + " (use an ExternalSecret or a SealedSecret)"),
        new Problem("app.yaml Secret/s", "stringData: must not be set, the tree references secrets and never holds their"
            + " values (use an ExternalSecret or a SealedSecret)"));
  }
}
