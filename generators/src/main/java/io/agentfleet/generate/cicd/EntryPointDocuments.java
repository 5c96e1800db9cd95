package io.agentfleet.generate.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The documents of {@code argocd-environments.yaml}, the one Argo CD entry point of every environment of a fleet in
 * one cluster: an ApplicationSet with a list generator that creates each environment's app-of-apps exactly as its
 * tree declares it ({@code applicationsSync: create-only}: from then on each manages itself, as it does when
 * bootstrapped alone, so no object ever has two managers), in a small project of its own that allows only that.
 */
public final class EntryPointDocuments {
  /** The file's name, in the folder that holds the environments' trees. */
  public static final String FILE = "argocd-environments.yaml";
  /**
   * The argocd-cmd-params-cm key without which Argo CD ignores an ApplicationSet's own {@code applicationsSync}: the
   * controller's policy ({@code sync} by default) then applies, and the ApplicationSet would reset each app-of-apps to
   * its template at every reconcile, fighting the app-of-apps' own sync. Verified in
   * argoproj/argo-cd@3475d2999c491d6800fdaf508570769a4b68dede: applicationset/utils/policy.go ({@code DefaultPolicy}
   * returns the controller's policy unless {@code enablePolicyOverride}); argoproj/argo-cd@01f5d56ba83233a62f837a8d6d2bf7738a16e60d:
   * manifests/base/applicationset-controller/argocd-applicationset-controller-deployment.yaml (the key, read as
   * {@code ARGOCD_APPLICATIONSET_CONTROLLER_ENABLE_POLICY_OVERRIDE} when the controller starts, so it restarts to
   * take it); docs/operator-manual/applicationset/Controlling-Resource-Modification.md (default false).
   */
  public static final String POLICY_OVERRIDE_KEY = "applicationsetcontroller.enable.policy.override";
  /** The Deployment of Argo CD's ApplicationSet controller (same manifest as above). */
  public static final String APPLICATIONSET_CONTROLLER = "argocd-applicationset-controller";

  /** The file of a tree holding the operators' project and Applications. */
  public static final String OPERATORS_FILE = ArgoCdWiring.OPERATORS_FILE;

  /** One environment: its resolved fleet and its app-of-apps as its tree holds it. */
  public record Root(String environment, Fleet fleet, JsonNode app) {}

  private EntryPointDocuments() {}

  /** The entry point's project and ApplicationSet, for the environments in order; {@code repo} holds every tree. */
  public static List<Document> of(List<Root> roots, String repo) {
    return List.of(project(roots.get(0).fleet(), repo), applicationSet(roots, repo));
  }

  private static String base(Fleet fleet) {
    return Labels.sharedName(fleet, fleet.name()) + "-environments";
  }

  private static Document project(Fleet fleet, String repo) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("description", "Creates the app-of-apps of each environment of " + Labels.sharedName(fleet, fleet.name())
        + "; each then moves itself into its environment's project.");
    spec.put("sourceRepos", List.of(repo));
    spec.put("destinations", List.of(Map.of("server", ArgoCdWiring.IN_CLUSTER,
        "namespace", fleet.gitops().argocd().namespace())));
    spec.put("namespaceResourceWhitelist", ArgoCdWiring.kinds(new TreeSet<>(List.of("argoproj.io/Application",
        "argoproj.io/AppProject"))));
    return Document.of(ArgoCdWiring.resource("AppProject", ArgoCdWiring.sharedMeta(fleet, base(fleet), Map.of()), spec),
        """
        The entry point's project: the first sync of each environment's app-of-apps runs in it, and may only
        create Applications and AppProjects in Argo CD's namespace from this repository. That sync puts the
        app-of-apps into its environment's own project (ci-cd/argocd.yaml of its tree).""");
  }

  private static Document applicationSet(List<Root> roots, String repo) {
    Fleet first = roots.get(0).fleet();
    List<Map<String, String>> elements = new ArrayList<>();
    Map<String, Object> policy = null;
    for (Root r : roots) {
      JsonNode root = r.app();
      Map<String, String> element = new LinkedHashMap<>();
      element.put("environment", r.environment());
      element.put("name", Json.text(root, "metadata", "name"));
      element.put("path", Json.text(root, "spec", "source", "path"));
      element.put("include", Json.text(root, "spec", "source", "directory", "include"));
      element.put("revision", Json.text(root, "spec", "source", "targetRevision"));
      elements.add(element);
      policy = ArgoCdWiring.syncPolicy(false, false, false);
    }
    SortedMap<String, String> labels = Labels.shared(first);
    labels.put(Labels.ENVIRONMENT, "{{.environment}}");
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", repo);
    source.put("targetRevision", "{{.revision}}");
    source.put("path", "{{.path}}");
    source.put("directory", Map.of("include", "{{.include}}"));
    Map<String, Object> appSpec = new LinkedHashMap<>();
    appSpec.put("project", base(first));
    appSpec.put("source", source);
    appSpec.put("destination", Map.of("server", ArgoCdWiring.IN_CLUSTER, "namespace",
        first.gitops().argocd().namespace()));
    appSpec.put("syncPolicy", policy);
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", Map.of("name", "{{.name}}", "labels", labels));
    template.put("spec", appSpec);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("goTemplate", true);
    spec.put("goTemplateOptions", List.of("missingkey=error"));
    spec.put("generators", List.of(Map.of("list", Map.of("elements", elements))));
    spec.put("syncPolicy", Map.of("applicationsSync", "create-only", "preserveResourcesOnDeletion", true));
    spec.put("template", template);
    String owner = roots.stream().filter(r -> r.fleet().ownsOperators()).map(Root::environment).findFirst()
        .orElse("none");
    return Document.of(ArgoCdWiring.resource("ApplicationSet", ArgoCdWiring.sharedMeta(first, base(first), Map.of()),
        spec), """
        One app-of-apps per environment, created once and never updated or deleted by this ApplicationSet
        (create-only): each then manages itself from its tree, exactly as when that environment is bootstrapped
        alone, so no object has two managers. The operators are the cluster's and are synced once, by %s's
        app-of-apps (its include names operators.yaml). Argo CD honours create-only here only when its
        ApplicationSet controller allows a policy per ApplicationSet, which is off by default: without it the
        controller's own policy (sync) resets each app-of-apps to this template and fights its sync. Bootstrap
        once: merge one tree's ci-cd/argocd-cm.yaml (the same in every environment), set %s: "true" in
        argocd-cmd-params-cm and restart deployment/%s (ci-cd/README.md), then `kubectl apply -f %s`."""
        .formatted(owner, POLICY_OVERRIDE_KEY, APPLICATIONSET_CONTROLLER, FILE));
  }

}
