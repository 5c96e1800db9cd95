package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Namespaces;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Small building blocks shared by the monitoring folder's objects, which live outside the fleet's namespace. */
final class MonitoringParts {
  private MonitoringParts() {}

  /** Labels of a monitoring component: the fleet's common labels plus name, instance and component. */
  static SortedMap<String, String> labels(Fleet fleet, String name, String component) {
    return Labels.workload(fleet, name, name, component);
  }

  /** A namespace whose Pod Security level is enforced at {@code level}; none when the fleet declares it external. */
  static java.util.Optional<Namespace> namespace(Fleet fleet, String name, String level) {
    return Namespaces.namespace(fleet, name, level);
  }

  /** A Role in the fleet's namespace that only reads pods: what Kubernetes pod discovery and metadata need. */
  static Role podReader(Fleet fleet, String name, Map<String, String> labels) {
    return new RoleBuilder()
        .withMetadata(Labels.meta(fleet, name, labels))
        .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("pods")
            .withVerbs("get", "list", "watch").build())
        .build();
  }

  /** Binds a Role in the fleet's namespace to a ServiceAccount of another namespace. */
  static RoleBinding bind(Fleet fleet, String name, Map<String, String> labels, String saNamespace, String sa) {
    return new RoleBindingBuilder()
        .withMetadata(Labels.meta(fleet, name, labels))
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(sa).withNamespace(saNamespace).endSubject()
        .build();
  }

  /** The requests and limits the model gives a monitoring server ({@code Monitoring.*_RESOURCES}). */
  static ResourceRequirements resources(io.agentfleet.model.Resources r) {
    return resources(r.cpuRequest().toString(), r.memoryRequest().toString(), r.cpuLimit().toString(),
        r.memoryLimit().toString());
  }

  static ResourceRequirements resources(String cpu, String memory, String cpuLimit, String memoryLimit) {
    return new ResourceRequirementsBuilder()
        .withRequests(new TreeMap<>(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))))
        .withLimits(new TreeMap<>(Map.of("cpu", new Quantity(cpuLimit), "memory", new Quantity(memoryLimit))))
        .build();
  }

  /** A short content hash: put on a pod template, it rolls the pods when a mounted configuration changes. */
  static String checksum(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        md.update(part.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
