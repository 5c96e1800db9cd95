package io.agentfleet.profiles;

import io.agentfleet.generate.spi.Decorator;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;

/**
 * Spreads the replicas of every Deployment across nodes and zones. {@code ScheduleAnyway}: a skewed placement is
 * better than a pending agent, so the spread is a preference, never a reason not to schedule.
 */
public final class AddTopologySpread implements Decorator {
  @Override
  public HasMetadata apply(HasMetadata resource, Fleet fleet) {
    if (!(resource instanceof Deployment d) || d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints() != null
        && !d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().isEmpty()) {
      return resource;
    }
    Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
    List<TopologySpreadConstraint> spread = List.of(
        constraint("kubernetes.io/hostname", selector),
        constraint("topology.kubernetes.io/zone", selector));
    return new DeploymentBuilder(d).editSpec().editTemplate().editSpec()
        .withTopologySpreadConstraints(spread).endSpec().endTemplate().endSpec().build();
  }

  @Override
  public String describe() {
    return "topology spread";
  }

  private static TopologySpreadConstraint constraint(String key, Map<String, String> selector) {
    return new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey(key)
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(selector).build())
        .build();
  }
}
