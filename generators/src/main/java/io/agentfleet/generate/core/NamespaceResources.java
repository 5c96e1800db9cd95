package io.agentfleet.generate.core;

import io.agentfleet.generate.Labels;
import io.agentfleet.model.Capacity;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.Resources;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The fleet's Namespace (Pod Security "restricted" enforced), its ResourceQuota and LimitRange. */
final class NamespaceResources {
  private NamespaceResources() {}

  static Namespace namespace(Fleet fleet) {
    return Labels.namespace(fleet, fleet.namespace(), "restricted");
  }

  static String namespaceComment() {
    return "Pod Security \"restricted\" is enforced, pinned to the target Kubernetes version so that an upgrade\n"
        + "cannot tighten the rules under running agents.";
  }

  static ResourceQuota quota(Fleet fleet) {
    Capacity need = fleet.fullScale();
    Quantity cpu = fleet.statedQuota().map(q -> q.cpu()).orElse(need.cpuRequests());
    Quantity memory = fleet.statedQuota().map(q -> q.memory()).orElse(need.memoryRequests());
    int pods = fleet.statedQuota().flatMap(q -> q.pods()).orElse(need.pods());
    Map<String, io.fabric8.kubernetes.api.model.Quantity> hard = new TreeMap<>();
    hard.put("requests.cpu", q(cpu));
    hard.put("requests.memory", q(memory));
    hard.put("limits.cpu", q(need.cpuLimits()));
    hard.put("limits.memory", q(need.memoryLimits()));
    hard.put("pods", new io.fabric8.kubernetes.api.model.Quantity(Integer.toString(pods)));
    hard.put("persistentvolumeclaims",
        new io.fabric8.kubernetes.api.model.Quantity(Integer.toString(need.persistentVolumeClaims())));
    if (need.storage().isPositive()) {
      hard.put("requests.storage", q(need.storage()));
    }
    return new ResourceQuotaBuilder()
        .withMetadata(Labels.meta(fleet, fleet.name() + "-quota", Labels.common(fleet)))
        .withNewSpec().withHard(hard).endSpec()
        .build();
  }

  static String quotaComment(Fleet fleet) {
    String origin = fleet.statedQuota().isPresent()
        ? "Requests as stated in fleet.yaml (checked to hold the fleet at full scale); limits derived."
        : "Derived from the fleet at full scale: every workload at its maximum replicas plus one rolling-update\n"
            + "surge pod per Deployment.";
    return origin + "\nFull-scale requests: " + fleet.breakdown().describe() + ".";
  }

  static LimitRange limitRange(Fleet fleet) {
    List<Resources> all = new ArrayList<>();
    fleet.subAgents().forEach(s -> all.add(s.resources()));
    fleet.agents().forEach(a -> {
      all.add(a.worker().resources());
      a.frontend().ifPresent(c -> all.add(c.resources()));
      a.backend().ifPresent(c -> all.add(c.resources()));
    });
    Quantity maxCpu = all.stream().map(Resources::cpuLimit).max(Quantity::compareTo).orElse(Quantity.parse("1"));
    Quantity maxMemory = all.stream().map(Resources::memoryLimit).max(Quantity::compareTo).orElse(Quantity.parse("1Gi"));
    return new LimitRangeBuilder()
        .withMetadata(Labels.meta(fleet, fleet.name() + "-limits", Labels.common(fleet)))
        .withNewSpec()
        .addNewLimit()
        .withType("Container")
        .withDefaultRequest(Map.of("cpu", qs("100m"), "memory", qs("128Mi")))
        .withDefault(Map.of("cpu", qs("500m"), "memory", qs("512Mi")))
        .withMax(Map.of("cpu", q(maxCpu), "memory", q(maxMemory)))
        .endLimit()
        .endSpec()
        .build();
  }

  static String limitRangeComment() {
    return "Defaults apply only to containers the fleet does not describe (injected sidecars); the maximum is the\n"
        + "largest container limit of the fleet, so a typo cannot take a node.";
  }

  private static io.fabric8.kubernetes.api.model.Quantity q(Quantity q) {
    return new io.fabric8.kubernetes.api.model.Quantity(q.toString());
  }

  private static io.fabric8.kubernetes.api.model.Quantity qs(String s) {
    return new io.fabric8.kubernetes.api.model.Quantity(s);
  }
}
