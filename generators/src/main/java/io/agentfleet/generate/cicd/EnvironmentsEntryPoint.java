package io.agentfleet.generate.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeValidationException;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.validate.schema.SchemaValidator;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code argocd-environments.yaml}, beside the environments' trees: the one Argo CD entry point of every environment
 * of a fleet in one cluster. An ApplicationSet with a list generator creates each environment's app-of-apps exactly
 * as its tree declares it ({@code applicationsSync: create-only}: from then on each manages itself, as it does when
 * bootstrapped alone, so no object ever has two managers), in a small project of its own that allows only that.
 * Before writing, it checks what Argo CD would apply from it: no object may come from two environments, and the
 * environment that installs the operators must install every operator the others need.
 */
public final class EnvironmentsEntryPoint {
  /** The file's name, in the folder that holds the environments' trees. */
  public static final String FILE = "argocd-environments.yaml";

  private EnvironmentsEntryPoint() {}

  /**
   * The entry point of the environments, given in order with their generated trees; validated against the
   * ApplicationSet and AppProject schemas. Throws a {@link TreeValidationException} naming every object two
   * environments would both write, and every operator the installing environment lacks.
   */
  public static RenderedTree of(Map<String, GenerationResult> environments, String schemaLocation, Path schemaCache) {
    List<Problem> problems = new ArrayList<>(collisions(environments));
    problems.addAll(operators(environments));
    GenerationResult first = environments.values().iterator().next();
    Fleet fleet = first.fleet();
    String repo = fleet.gitops().repository().orElse(null);
    if (repo == null || !fleet.gitops().argocd().enabled()) {
      problems.add(new Problem("gitops", "the Argo CD entry point of several environments needs gitops.repository "
          + "and Argo CD (gitops.argocd.enabled)"));
    }
    if (!problems.isEmpty()) {
      throw new TreeValidationException("The environments of '" + Labels.sharedName(fleet, fleet.name())
          + "' cannot share one cluster and one Argo CD; nothing was written", problems);
    }
    ManifestTree tree = new ManifestTree();
    tree.add(ManifestFile.yaml(FILE, List.of(project(fleet, repo), applicationSet(environments, repo))));
    RenderedTree rendered = RenderedTree.of(tree);
    List<Problem> invalid = new SchemaValidator(schemaLocation, schemaCache).validate(rendered, fleet.kubernetesVersion());
    if (!invalid.isEmpty()) {
      throw new TreeValidationException("The Argo CD entry point fails validation; nothing was written", invalid);
    }
    return rendered;
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

  private static Document applicationSet(Map<String, GenerationResult> environments, String repo) {
    Fleet first = environments.values().iterator().next().fleet();
    List<Map<String, String>> elements = new ArrayList<>();
    Map<String, Object> policy = null;
    for (Map.Entry<String, GenerationResult> e : environments.entrySet()) {
      JsonNode root = root(e.getValue());
      Map<String, String> element = new LinkedHashMap<>();
      element.put("environment", e.getKey());
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
    String owner = environments.entrySet().stream().filter(e -> e.getValue().fleet().ownsOperators())
        .map(Map.Entry::getKey).findFirst().orElse("none");
    return Document.of(ArgoCdWiring.resource("ApplicationSet", ArgoCdWiring.sharedMeta(first, base(first), Map.of()),
        spec), """
        One app-of-apps per environment, created once and never updated or deleted by this ApplicationSet
        (create-only): each then manages itself from its tree, exactly as when that environment is bootstrapped
        alone, so no object has two managers. The operators are the cluster's and are synced once, by %s's
        app-of-apps (its include names operators.yaml). Bootstrap once: `kubectl apply -f %s`, after merging
        one tree's ci-cd/argocd-cm.yaml (the same in every environment).""".formatted(owner, FILE));
  }

  /** The app-of-apps of an environment's tree: the Application of ci-cd/argocd.yaml named as the fleet. */
  private static JsonNode root(GenerationResult r) {
    for (JsonNode doc : r.tree().documents().getOrDefault("ci-cd/argocd.yaml", List.of())) {
      if ("Application".equals(Json.text(doc, "kind")) && r.fleet().name().equals(Json.text(doc, "metadata", "name"))) {
        return doc;
      }
    }
    throw new IllegalStateException("no app-of-apps in the tree of " + r.fleet().name());
  }

  /**
   * Every object two environments would both apply (group, kind, namespace, name), following what Argo CD syncs:
   * each tree's folders and ci-cd/argocd.yaml, and operators.yaml of the environment that installs the operators.
   */
  static List<Problem> collisions(Map<String, GenerationResult> environments) {
    Map<String, List<String>> writers = new TreeMap<>();
    environments.forEach((env, r) -> applied(r).forEach(id -> writers.computeIfAbsent(id, k -> new ArrayList<>())
        .add(env)));
    List<Problem> out = new ArrayList<>();
    writers.forEach((id, envs) -> {
      if (envs.size() > 1) {
        out.add(new Problem(id, "written by the environments " + String.join(" and ", envs) + ": in one cluster "
            + "their Applications would fight over it (give each environment its own namespace, or leave the names "
            + "to the environments' suffixes)"));
      }
    });
    return out;
  }

  /** The identities of the objects Argo CD applies from one environment's tree. */
  public static Set<String> applied(GenerationResult r) {
    Set<String> ids = new TreeSet<>();
    r.tree().documents().forEach((path, docs) -> {
      if (!synced(path, r.fleet())) {
        return;
      }
      for (JsonNode d : docs) {
        String apiVersion = Json.text(d, "apiVersion");
        String kind = Json.text(d, "kind");
        if (apiVersion == null || kind == null || kind.equals("Kustomization") && path.endsWith("kustomization.yaml")) {
          continue;
        }
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String ns = Json.text(d, "metadata", "namespace");
        ids.add(group + "/" + kind + " " + (ns == null ? "" : ns + "/") + Json.text(d, "metadata", "name"));
      }
    });
    return ids;
  }

  /** Whether Argo CD syncs a file of the tree (the Flux objects and Argo CD's own settings are bootstrapped by hand). */
  private static boolean synced(String path, Fleet fleet) {
    if (!path.startsWith("ci-cd/")) {
      return !path.endsWith("kustomization.yaml");
    }
    return path.equals("ci-cd/argocd.yaml") || path.equals("ci-cd/" + ArgoCdWiring.OPERATORS_FILE) && fleet.ownsOperators();
  }

  /** The operators an environment needs that the installing environment does not install. */
  static List<Problem> operators(Map<String, GenerationResult> environments) {
    List<Problem> out = new ArrayList<>();
    Map.Entry<String, GenerationResult> owner = environments.entrySet().stream()
        .filter(e -> e.getValue().fleet().ownsOperators()).findFirst().orElse(null);
    if (owner == null || !owner.getValue().fleet().gitops().argocd().installOperators()) {
      return out;
    }
    Set<String> installed = ids(PlatformPlan.of(owner.getValue().fleet()));
    environments.forEach((env, r) -> {
      if (env.equals(owner.getKey()) || !r.fleet().gitops().argocd().installOperators()) {
        return;
      }
      Set<String> missing = new TreeSet<>(ids(PlatformPlan.of(r.fleet())));
      missing.removeAll(installed);
      if (!missing.isEmpty()) {
        out.add(new Problem("environments." + env, "needs the operator(s) " + String.join(", ", missing)
            + ", which " + owner.getKey() + " (the environment that installs the cluster's operators, once for all) "
            + "does not install: give " + owner.getKey() + " what needs them too, or set "
            + "gitops.argocd.installOperators: false and install them beside Argo CD"));
      }
    });
    return out;
  }

  private static Set<String> ids(PlatformPlan plan) {
    Set<String> ids = new TreeSet<>();
    plan.operators().stream().map(Operator::id).forEach(ids::add);
    return ids;
  }
}
