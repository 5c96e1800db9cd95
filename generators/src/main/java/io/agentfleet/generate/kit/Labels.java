package io.agentfleet.generate.kit;

import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The label vocabulary of the tree: {@code app.kubernetes.io/*} on every object, a two-label selector per workload
 * that never changes between regenerations (selectors of Deployments are immutable), and the fleet's own labels.
 */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String VERSION = "app.kubernetes.io/version";
  /** The sub-agent's role, for dashboards and kubectl selection. */
  public static final String ROLE = "agentfleet.io/role";
  /** Pods with this label set to "true" may open HTTPS connections outside the cluster (Claude API, Git hosting). */
  public static final String HTTPS_EGRESS = "agentfleet.io/https-egress";

  /** The component label of a standard agent's Claude Code worker. */
  public static final String COMPONENT_WORKER = "worker";
  /** The component label of sub-agents. */
  public static final String COMPONENT_SUB_AGENT = "sub-agent";

  private Labels() {}

  /** Labels of every object: the fleet's own, then part-of and managed-by. */
  public static SortedMap<String, String> common(Fleet fleet) {
    SortedMap<String, String> labels = new TreeMap<>(fleet.labels());
    labels.put(PART_OF, fleet.name());
    labels.put(MANAGED_BY, "agentfleet");
    return labels;
  }

  /** The label naming the environment of every object of an environment's tree. */
  public static final String ENVIRONMENT = "agentfleet.io/environment";

  /**
   * The fleet's name without its environment's suffix ({@code booking-agents-dev} → {@code booking-agents}): the
   * name of what every environment of one fleet shares in a cluster.
   */
  public static String sharedName(Fleet fleet, String name) {
    String env = fleet.labels().get(ENVIRONMENT);
    return env != null && name.endsWith("-" + env) ? name.substring(0, name.length() - env.length() - 1) : name;
  }

  /**
   * Labels of an object every environment of the fleet writes alike (the operators, Argo CD's settings): the common
   * labels without the environment, part-of the fleet's shared name, so that the bytes are the same in every tree.
   */
  public static SortedMap<String, String> shared(Fleet fleet) {
    SortedMap<String, String> labels = common(fleet);
    labels.remove(ENVIRONMENT);
    labels.put(PART_OF, sharedName(fleet, fleet.name()));
    return labels;
  }

  /** Labels of a workload's objects: common labels plus name, instance and component. */
  public static SortedMap<String, String> workload(Fleet fleet, String name, String instance, String component) {
    SortedMap<String, String> labels = common(fleet);
    labels.put(NAME, name);
    labels.put(INSTANCE, instance);
    labels.put(COMPONENT, component);
    return labels;
  }

  /** The {@code app.kubernetes.io/name} of every sub-agent. */
  public static final String SUB_AGENT_APP = "claude-sub-agent";

  /** Labels of a sub-agent's objects: shared by its folder and by core's ServiceAccount and Role. */
  public static SortedMap<String, String> subAgent(Fleet fleet, io.agentfleet.model.SubAgent s) {
    SortedMap<String, String> labels = workload(fleet, SUB_AGENT_APP, s.name(), COMPONENT_SUB_AGENT);
    labels.put(ROLE, s.role().toString());
    return labels;
  }

  /** The stable selector of a workload: name and instance only, so that relabelling never orphans pods. */
  public static SortedMap<String, String> selector(String name, String instance) {
    return new TreeMap<>(Map.of(NAME, name, INSTANCE, instance));
  }

  /** Metadata of an object in the fleet's namespace. */
  public static ObjectMeta meta(Fleet fleet, String name, Map<String, String> labels) {
    return meta(fleet.namespace(), name, labels);
  }

  /** Metadata of an object in another namespace (monitoring, Argo CD, Flux). */
  public static ObjectMeta meta(String namespace, String name, Map<String, String> labels) {
    ObjectMeta meta = clusterMeta(name, labels);
    meta.setNamespace(namespace);
    return meta;
  }

  /**
   * Metadata of a cluster-scoped object. Set, not built: every object of a fleet has its metadata, and the builder
   * copies the labels once more; held sorted, they are written as they are (the serializer sorts any other map).
   */
  public static ObjectMeta clusterMeta(String name, Map<String, String> labels) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setLabels(new TreeMap<>(labels));
    return meta;
  }
}
