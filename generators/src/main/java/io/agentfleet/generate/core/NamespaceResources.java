package io.agentfleet.generate.core;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Namespaces;
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

  static java.util.Optional<Namespace> namespace(Fleet fleet) {
    return Namespaces.namespace(fleet, fleet.namespace(), "restricted");
  }

  static String namespaceComment() {
    return "Pod Security \"restricted\" is enforced, pinned to the target Kubernetes version so that an upgrade\n"
        + "cannot tighten the rules under running agents. Argo CD never prunes or deletes it, not even with its\n"
        + "Application (Prune=false,Delete=false), and Flux never prunes it: volumes and databases outlive both.";
  }

  static ResourceQuota quota(Fleet fleet) {
    Capacity hard = fleet.quota().hard();
    Map<String, io.fabric8.kubernetes.api.model.Quantity> quota = new TreeMap<>();
    quota.put("requests.cpu", q(hard.cpuRequests()));
    quota.put("requests.memory", q(hard.memoryRequests()));
    quota.put("limits.cpu", q(hard.cpuLimits()));
    quota.put("limits.memory", q(hard.memoryLimits()));
    quota.put("pods", new io.fabric8.kubernetes.api.model.Quantity(Integer.toString(hard.pods())));
    quota.put("persistentvolumeclaims",
        new io.fabric8.kubernetes.api.model.Quantity(Integer.toString(hard.persistentVolumeClaims())));
    if (hard.storage().isPositive()) {
      quota.put("requests.storage", q(hard.storage()));
    }
    return new ResourceQuotaBuilder()
        .withMetadata(Labels.meta(fleet, fleet.name() + "-quota", Labels.common(fleet)))
        .withNewSpec().withHard(quota).endSpec()
        .build();
  }

  static String quotaComment(Fleet fleet) {
    int headroom = fleet.quota().headroomPercent();
    String origin = "The fleet at full scale (every workload at its maximum replicas plus one rolling-update surge pod\n"
        + "per Deployment) plus " + headroom + "% headroom (quota.headroom) on every dimension, rounded up: room for a\n"
        + "replaced database instance, an expanded volume, a restore or debug pod, pods still terminating.";
    if (!fleet.quota().stated().isEmpty()) {
      origin += "\nAs stated in fleet.yaml (checked to hold the above): " + String.join(", ", fleet.quota().stated()) + ".";
    }
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
