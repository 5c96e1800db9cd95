package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.TreeIndex;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.model.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a reviewer would do by hand, over the whole tree: Pod Security at the namespace's enforced level,
 * requests/limits and probes, references that resolve, autoscaler interlocks, no RBAC wildcards, no secret values.
 * Problems come in file order, then document order, then rule order.
 */
public final class PolicyValidator implements TreeValidator {
  private static final List<PolicyRule> RULES = List.of(
      new PodSecurityRule(),
      new ResourcesRule(),
      new ProbesRule(),
      new ServiceAccountRule(),
      new PriorityClassRule(),
      new HpaOwnsReplicasRule(),
      new ServiceSelectorRule(),
      new ScaleTargetRule(),
      new HpaRequestsRule(),
      new VpaHpaConflictRule(),
      new DisruptionBudgetRule(),
      new RoleRefRule(),
      new RbacWildcardRule(),
      new SecretValuesRule());

  @Override
  public List<Problem> validate(RenderedTree tree, String kubernetesVersion) {
    TreeIndex index = TreeIndex.of(tree);
    List<Problem> problems = new ArrayList<>();
    for (Manifest m : index.all()) {
      for (PolicyRule rule : RULES) {
        List<String> messages = new ArrayList<>();
        rule.check(m, index, messages);
        messages.forEach(msg -> problems.add(new Problem(m.path(), msg)));
      }
    }
    return problems;
  }
}
