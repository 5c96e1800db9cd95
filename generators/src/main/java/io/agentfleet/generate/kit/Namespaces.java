package io.agentfleet.generate.kit;

import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.SortedMap;
import java.util.TreeMap;

/** The Namespaces a tree creates, and the GitOps annotations that keep them when they leave Git. */
public final class Namespaces {
  private Namespaces() {}

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
    SortedMap<String, String> labels = Labels.common(fleet);
    String version = "v" + fleet.kubernetesVersion();
    for (String mode : java.util.List.of("enforce", "audit", "warn")) {
      labels.put("pod-security.kubernetes.io/" + mode, level);
      labels.put("pod-security.kubernetes.io/" + mode + "-version", version);
    }
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put(ARGOCD_SYNC_OPTIONS, ARGOCD_KEEP);
    annotations.put(FLUX_PRUNE, FLUX_PRUNE_DISABLED);
    ObjectMeta meta = Labels.clusterMeta(name, labels);
    meta.setAnnotations(annotations);
    io.fabric8.kubernetes.api.model.Namespace namespace = new io.fabric8.kubernetes.api.model.Namespace();
    namespace.setMetadata(meta);
    return java.util.Optional.of(namespace);
  }
}
