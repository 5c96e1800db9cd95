package io.agentfleet.generate.cicd;

import io.agentfleet.generate.inspect.FolderGraph;
import io.agentfleet.generate.inspect.TreeFacts;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.GitOps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * {@code ci-cd/argocd.yaml}: the fleet's AppProject (its repository, its namespaces, exactly the kinds the tree
 * holds), an app-of-apps, one Application per folder (or part of one) in sync waves from {@link FolderGraph}, and,
 * unless switched off, the operators the tree needs as Applications of pinned Helm charts in a project of their own.
 * {@code ci-cd/argocd-cm.yaml}: the two {@code argocd-cm} settings the waves and the labels rely on. This class
 * puts the file together and holds what its parts share; the parts are {@link ArgoCdProjects},
 * {@link FolderApplications}, {@link OperatorApplications} and {@link ArgoCdSettings}.
 */
final class ArgoCdWiring {
  static final String IN_CLUSTER = "https://kubernetes.default.svc";
  static final String WAVE = "argocd.argoproj.io/sync-wave";
  /** A folder holding one object larger than this (as JSON) is applied server-side: client-side apply would copy
   * it into a {@code last-applied-configuration} annotation, and all annotations together must stay under 256 KiB. */
  static final int SERVER_SIDE_APPLY_ABOVE_BYTES = 128 * 1024;

  private ArgoCdWiring() {}

  /** The Application of a folder or of a part of one ({@link TreeFacts.Unit#name()}). */
  static String appName(Fleet fleet, String unit) {
    return fleet.name() + "-" + unit;
  }

  /** The operators' project: one per fleet, whichever environment installs them (no environment suffix). */
  static String operatorsProject(Fleet fleet) {
    return Labels.sharedName(fleet, fleet.gitops().argocd().project()) + "-operators";
  }

  /** The file holding the operators' project and Applications, alike in every environment that needs the same ones. */
  static final String OPERATORS_FILE = "operators.yaml";

  static List<Document> documents(Fleet fleet, PlatformPlan plan, TreeFacts facts, FolderGraph graph, String path) {
    GitOps g = fleet.gitops();
    String repo = g.repository().orElseThrow();
    List<Document> docs = new ArrayList<>();
    docs.add(ArgoCdProjects.fleet(fleet, facts, repo));
    docs.add(FolderApplications.root(fleet, repo, path, fleet.ownsOperators() && !graph.operators().isEmpty()));
    for (FolderGraph.Node n : graph.folders()) {
      facts.unitObjects(n.name()).forEach((unit, objs) ->
          docs.add(FolderApplications.of(fleet, unit, objs, n, repo, path)));
    }
    return docs;
  }

  /**
   * {@code ci-cd/operators.yaml}: the operators' project and one Application per operator, labelled without the
   * environment, so that every environment needing the same operators writes the same bytes: they are the cluster's,
   * installed once, by the environment whose root syncs this file.
   */
  static List<Document> operators(Fleet fleet, PlatformPlan plan, FolderGraph graph) {
    List<Document> docs = new ArrayList<>();
    docs.add(ArgoCdProjects.operators(fleet, graph));
    for (Operator op : graph.operators()) {
      docs.add(OperatorApplications.of(fleet, plan, graph, op));
    }
    return docs;
  }

  /** Metadata of an object shared by every environment (no environment label, the fleet's shared name). */
  static ObjectMeta sharedMeta(Fleet fleet, String name, Map<String, String> annotations) {
    ObjectMeta meta = Labels.meta(fleet.gitops().argocd().namespace(), name, Labels.shared(fleet));
    meta.setAnnotations(annotations.isEmpty() ? null : new TreeMap<>(annotations));
    return meta;
  }

  static ObjectMeta meta(Fleet fleet, String name, Map<String, String> annotations) {
    ObjectMeta meta = Labels.meta(fleet.gitops().argocd().namespace(), name, Labels.common(fleet));
    meta.setAnnotations(annotations.isEmpty() ? null : new TreeMap<>(annotations));
    return meta;
  }

  static HasMetadata resource(String kind, ObjectMeta meta, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion("argoproj.io/v1alpha1").withKind(kind)
        .withMetadata(meta).withAdditionalProperties(Map.of("spec", spec)).build();
  }

  static List<Map<String, String>> kinds(SortedSet<String> groupKinds) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String gk : groupKinds) {
      int slash = gk.indexOf('/');
      out.add(Map.of("group", gk.substring(0, slash), "kind", gk.substring(slash + 1)));
    }
    return out;
  }

  static Map<String, Object> syncPolicy(boolean serverSide, boolean respectIgnore, boolean createNamespace) {
    List<String> options = new ArrayList<>();
    if (createNamespace) {
      options.add("CreateNamespace=true");
    }
    options.add("PruneLast=true");
    if (respectIgnore) {
      options.add("RespectIgnoreDifferences=true");
    }
    if (serverSide) {
      options.add("ServerSideApply=true");
    }
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("automated", Map.of("prune", true, "selfHeal", true));
    policy.put("syncOptions", options);
    policy.put("retry", Map.of("limit", 5, "backoff", Map.of("duration", "10s", "factor", 2, "maxDuration", "3m")));
    return policy;
  }
}
