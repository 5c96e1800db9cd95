package io.agentfleet.model;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Facts about the platform the tree runs on that the model checks a fleet against, although other modules own them:
 * the namespaces the platform operators run in, the labels the generators set, the Kubernetes versions whose schemas
 * are shipped. The model cannot read them where they are declared (it depends on no other module), so they are
 * repeated here; tests in {@code generators} fail when the two copies disagree.
 */
public final class PlatformFacts {
  private PlatformFacts() {}

  /**
   * The Kubernetes minor versions a tree can be generated for: those whose schemas the {@code schemas} module ships
   * ({@code kubernetes/v<version>.0-standalone-strict/}), since every generated tree is validated against them.
   */
  public static final List<String> KUBERNETES_VERSIONS = List.of("1.34");

  /**
   * The namespaces the platform operators run in or write to (generators' {@code Operator.CATALOG}): a fleet in one of
   * them would share its quota, network policies and Pod Security level with an operator.
   */
  public static final SortedSet<String> OPERATOR_NAMESPACES = new TreeSet<>(Set.of("cert-manager", "cnpg-system",
      "external-secrets", "keda", "kube-system", "prometheus-adapter", "prometheus-operator", "vpa"));

  /** Namespaces every cluster has, which the fleet must never create, label or restrict. */
  public static final SortedSet<String> SYSTEM_NAMESPACES =
      new TreeSet<>(Set.of("default", "kube-node-lease", "kube-public", "kube-system"));

  /** The prefix Kubernetes reserves for its own namespaces. */
  public static final String RESERVED_NAMESPACE_PREFIX = "kube-";

  /** The prefix Kubernetes reserves for its own PriorityClasses (the fleet names them {@code <name>-<priority>}). */
  public static final String RESERVED_PRIORITY_CLASS_PREFIX = "system-";

  /**
   * Label keys the generators set on the objects they make (generators' {@code Labels}, {@code AgentNames}): a fleet
   * label with one of these keys would be overwritten, or would overwrite a selector the tree relies on.
   */
  public static final SortedSet<String> OWNED_LABELS = new TreeSet<>(Set.of("app.kubernetes.io/name",
      "app.kubernetes.io/instance", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
      "app.kubernetes.io/managed-by", "app.kubernetes.io/version", "agentfleet.io/role", "agentfleet.io/https-egress",
      "agentfleet.io/agent"));

  /**
   * Label key prefixes that belong to agentfleet or to Kubernetes itself ({@code kubernetes.io/} and {@code k8s.io/}
   * and their subdomains are reserved for Kubernetes core components; Pod Security reads its own).
   */
  public static final List<String> OWNED_LABEL_PREFIXES = List.of("agentfleet.io/", "kubernetes.io/", "k8s.io/",
      "pod-security.kubernetes.io/");

  /** Whether Kubernetes or agentfleet owns the label key. */
  static boolean ownsLabel(String key) {
    if (OWNED_LABELS.contains(key)) {
      return true;
    }
    int slash = key.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String prefix = key.substring(0, slash);
    return prefix.equals("agentfleet.io") || prefix.endsWith(".agentfleet.io") || prefix.equals("kubernetes.io")
        || prefix.endsWith(".kubernetes.io") || prefix.equals("k8s.io") || prefix.endsWith(".k8s.io");
  }
}
