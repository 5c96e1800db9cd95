package io.agentfleet.profiles;

import io.agentfleet.generate.spi.Decorator;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.util.LinkedHashMap;
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
    return withPodSpec(d, new PodSpecBuilder(d.getSpec().getTemplate().getSpec())
        .withTopologySpreadConstraints(spread).build());
  }

  /**
   * A new Deployment whose pod template has {@code pod} for its spec. Only the path down to the pod spec is new;
   * everything beside it is shared with {@code d}, which is not changed (objects in a tree never are). A builder's
   * {@code editSpec().editTemplate().editSpec()} deep-copies the pod spec once per level, which made this
   * decorator the largest part of decorating a large fleet.
   */
  private static Deployment withPodSpec(Deployment d, PodSpec pod) {
    PodTemplateSpec template = d.getSpec().getTemplate();
    PodTemplateSpec newTemplate = new PodTemplateSpec(template.getMetadata(), pod);
    newTemplate.setAdditionalProperties(new LinkedHashMap<>(template.getAdditionalProperties()));
    DeploymentSpec spec = d.getSpec();
    DeploymentSpec newSpec = new DeploymentSpec();
    newSpec.setMinReadySeconds(spec.getMinReadySeconds());
    newSpec.setPaused(spec.getPaused());
    newSpec.setProgressDeadlineSeconds(spec.getProgressDeadlineSeconds());
    newSpec.setReplicas(spec.getReplicas());
    newSpec.setRevisionHistoryLimit(spec.getRevisionHistoryLimit());
    newSpec.setSelector(spec.getSelector());
    newSpec.setStrategy(spec.getStrategy());
    newSpec.setTemplate(newTemplate);
    newSpec.setAdditionalProperties(new LinkedHashMap<>(spec.getAdditionalProperties()));
    Deployment out = new Deployment();
    out.setApiVersion(d.getApiVersion());
    out.setKind(d.getKind());
    out.setMetadata(d.getMetadata());
    out.setSpec(newSpec);
    out.setStatus(d.getStatus());
    out.setAdditionalProperties(new LinkedHashMap<>(d.getAdditionalProperties()));
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
