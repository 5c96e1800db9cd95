package io.agentfleet.generate;

import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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

  /**
   * Argo CD sync options on every Namespace the tree creates: never pruned when it leaves Git ({@code Prune=false})
   * and never deleted with its Application ({@code Delete=false}), so deleting or renaming an Application cannot
   * take the fleet's volumes, database or monitoring data with it. The annotation holds comma-separated options.
   * Verified in argoproj/argo-cd@37ee0097cf851bc2dd7665fc081bbce61a7e836e:
   * gitops-engine/pkg/sync/common/types.go (AnnotationSyncOptions "argocd.argoproj.io/sync-options",
   * SyncOptionPrune "Prune", SyncOptionDelete "Delete"), gitops-engine/pkg/sync/resource/annotations.go
   * (GetAnnotationCSVs splits on ','), controller/appcontroller.go (shouldBeDeleted skips Delete=false on cascade
   * delete), gitops-engine/pkg/sync/sync_context.go (Prune=false), docs/user-guide/sync-options.md.
   */
  public static final String ARGOCD_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
  public static final String ARGOCD_KEEP = "Prune=false,Delete=false";
  /**
   * Flux: objects annotated {@code kustomize.toolkit.fluxcd.io/prune: disabled} are skipped by garbage collection,
   * both when they leave Git and when their Kustomization is deleted. Verified in
   * fluxcd/kustomize-controller@186fb3b29138ce82ff61ba1a9370b96a3dd598fe: api/v1/kustomization_types.go
   * (DisabledValue "disabled"), internal/controller/kustomization_controller.go (deleteObjects' Exclusions on
   * "kustomize.toolkit.fluxcd.io/prune", used by prune and finalize), docs/spec/v1/kustomizations.md.
   */
  public static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";
  public static final String FLUX_PRUNE_DISABLED = "disabled";

  /**
   * The Namespace the tree creates for {@code name}, or nothing when the fleet declares it external
   * ({@code externalNamespaces}): a namespace that exists before the fleet is neither created nor relabelled.
   * Pod Security is enforced, audited and warned at {@code level}, pinned to the fleet's Kubernetes version so that
   * an upgrade cannot tighten the rules under running pods; Argo CD and Flux may never prune or delete it.
   */
  public static java.util.Optional<io.fabric8.kubernetes.api.model.Namespace> namespace(Fleet fleet, String name,
      String level) {
    if (!fleet.ownsNamespace(name)) {
      return java.util.Optional.empty();
    }
    SortedMap<String, String> labels = common(fleet);
    String version = "v" + fleet.kubernetesVersion();
    for (String mode : java.util.List.of("enforce", "audit", "warn")) {
      labels.put("pod-security.kubernetes.io/" + mode, level);
      labels.put("pod-security.kubernetes.io/" + mode + "-version", version);
    }
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put(ARGOCD_SYNC_OPTIONS, ARGOCD_KEEP);
    annotations.put(FLUX_PRUNE, FLUX_PRUNE_DISABLED);
    return java.util.Optional.of(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).withAnnotations(annotations).build())
        .build());
  }

  /**
   * The only scrapers of metrics ports: pods labelled {@code app.kubernetes.io/name: prometheus} in the fleet's
   * monitoring namespace (not everything in that namespace: Grafana, for one, has no business there).
   */
  public static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer prometheus(Fleet fleet) {
    return new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder()
        .withNewNamespaceSelector()
        .withMatchLabels(Map.of("kubernetes.io/metadata.name", fleet.network().monitoringNamespace()))
        .endNamespaceSelector()
        .withNewPodSelector().withMatchLabels(Map.of(NAME, "prometheus")).endPodSelector()
        .build();
  }

  /** Metadata of an object in the fleet's namespace. */
  public static ObjectMeta meta(Fleet fleet, String name, Map<String, String> labels) {
    return meta(fleet.namespace(), name, labels);
  }

  /** Metadata of an object in another namespace (monitoring, Argo CD, Flux). */
  public static ObjectMeta meta(String namespace, String name, Map<String, String> labels) {
    return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(new TreeMap<>(labels)).build();
  }

  /** Metadata of a cluster-scoped object. */
  public static ObjectMeta clusterMeta(String name, Map<String, String> labels) {
    return new ObjectMetaBuilder().withName(name).withLabels(new TreeMap<>(labels)).build();
  }
}
