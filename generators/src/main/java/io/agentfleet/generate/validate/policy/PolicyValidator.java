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
    return validate(TreeIndex.of(tree));
  }

  /** Checks every object of an indexed tree; {@link TreeIndex#visited()} then tells how much looking up it took. */
  public List<Problem> validate(TreeIndex index) {
    List<Problem> problems = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (Manifest m : index.all()) {
      for (PolicyRule rule : RULES) {
        rule.check(m, index, messages);
      }
      // Almost every object has none: its path is spelt for a message only.
      for (String message : messages) {
        problems.add(new Problem(m.path(), message));
      }
      messages.clear();
    }
    return problems;
  }
}
