package io.agentfleet.generate.core;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.ApiAccess;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SubAgent;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * One read-only Role, bound only to the sub-agents granted {@code apiAccess: read}: no wildcards, no Secrets. Each
 * sub-agent's ServiceAccount sits in its own file beside its Deployment, so this folder does not grow with the
 * fleet (an Application's status lists every object it holds).
 */
final class Rbac {
  private Rbac() {}

  static List<Document> documents(Fleet fleet) {
    List<Document> docs = new ArrayList<>();
    List<Subject> readers = new ArrayList<>();
    for (SubAgent s : fleet.subAgents()) {
      if (s.apiAccess() != ApiAccess.NONE) {
        readers.add(new SubjectBuilder().withKind("ServiceAccount").withName(s.name())
            .withNamespace(fleet.namespace()).build());
      }
    }
    if (!readers.isEmpty()) {
      String role = fleet.name() + "-reader";
      docs.add(Document.of(new RoleBuilder()
          .withMetadata(Labels.meta(fleet, role, Labels.common(fleet)))
          .withRules(readRules())
          .build(), "Read-only view of the fleet's workloads for agents granted apiAccess: read. Secrets are not readable."));
      docs.add(Document.of(new RoleBindingBuilder()
          .withMetadata(Labels.meta(fleet, role, Labels.common(fleet)))
          .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(role).endRoleRef()
          .withSubjects(readers)
          .build()));
    }
    return docs;
  }

  private static List<PolicyRule> readRules() {
    List<String> read = List.of("get", "list", "watch");
    return List.of(
        new PolicyRuleBuilder().withApiGroups("")
            .withResources("configmaps", "endpoints", "events", "pods", "pods/log", "services").withVerbs(read).build(),
        new PolicyRuleBuilder().withApiGroups("apps")
            .withResources("deployments", "replicasets", "statefulsets").withVerbs(read).build(),
        new PolicyRuleBuilder().withApiGroups("autoscaling")
            .withResources("horizontalpodautoscalers").withVerbs(read).build(),
        new PolicyRuleBuilder().withApiGroups("policy")
            .withResources("poddisruptionbudgets").withVerbs(read).build());
  }
}
