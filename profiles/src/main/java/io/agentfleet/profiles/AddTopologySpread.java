package io.agentfleet.profiles;

import io.agentfleet.generate.spi.Decorator;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
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
    return withConstraints(d, spread);
  }

  /**
   * A new Deployment whose pod spec has {@code spread} for its constraints. Only the path down to the pod spec is
   * new ({@link ShallowCopy}); everything beside it is shared with {@code d}, which is not changed (objects in a tree
   * never are). A builder's copy of the pod spec copies every container, volume and list in it, which made this
   * decorator the largest part of decorating a large fleet.
   */
  private static Deployment withConstraints(Deployment d, List<TopologySpreadConstraint> spread) {
    PodSpec pod = ShallowCopy.of(d.getSpec().getTemplate().getSpec());
    pod.setTopologySpreadConstraints(spread);
    PodTemplateSpec template = ShallowCopy.of(d.getSpec().getTemplate());
    template.setSpec(pod);
    DeploymentSpec spec = ShallowCopy.of(d.getSpec());
    spec.setTemplate(template);
    Deployment out = ShallowCopy.of(d);
    out.setSpec(spec);
    return out;
  }

  @Override
  public String describe() {
    return "topology spread";
  }

  /** It sets the pod's constraints and nothing else; {@code ProfilesTest} holds it to that. */
  @Override
  public List<String> sets(HasMetadata result) {
    return List.of("/spec/template/spec/topologySpreadConstraints");
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
