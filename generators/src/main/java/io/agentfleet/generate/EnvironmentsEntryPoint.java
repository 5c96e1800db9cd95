package io.agentfleet.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.cicd.EntryPointDocuments;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.validate.schema.SchemaValidator;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code argocd-environments.yaml}, beside the environments' trees: the one Argo CD entry point of every environment
 * of a fleet in one cluster ({@link EntryPointDocuments}). Before writing, it checks what Argo CD would apply from it: no object may come from two environments, and the
 * environment that installs the operators must install every operator the others need.
 */
public final class EnvironmentsEntryPoint {
  /** The file's name, in the folder that holds the environments' trees. */
  public static final String FILE = EntryPointDocuments.FILE;

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
    List<EntryPointDocuments.Root> roots = new ArrayList<>();
    environments.forEach((env, r) -> roots.add(new EntryPointDocuments.Root(env, r.fleet(), root(r))));
    tree.add(ManifestFile.yaml(FILE, EntryPointDocuments.of(roots, repo)));
    RenderedTree rendered = RenderedTree.of(tree);
    List<Problem> invalid = new SchemaValidator(schemaLocation, schemaCache).validate(rendered, fleet.kubernetesVersion());
    if (!invalid.isEmpty()) {
      throw new TreeValidationException("The Argo CD entry point fails validation; nothing was written", invalid);
    }
    return rendered;
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
    return path.equals("ci-cd/argocd.yaml") || path.equals("ci-cd/" + EntryPointDocuments.OPERATORS_FILE) && fleet.ownsOperators();
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
