package io.agentfleet.generate.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.FolderGraph;
import io.agentfleet.generate.inspect.TreeFacts;
import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.GitOps;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code ci-cd/argocd.yaml}: the fleet's AppProject (its repository, its namespaces, exactly the kinds the tree
 * holds), an app-of-apps, one Application per folder in sync waves from {@link FolderGraph}, and, unless switched
 * off, the operators the tree needs as Applications of pinned Helm charts in a project of their own.
 * {@code ci-cd/argocd-cm.yaml}: the two {@code argocd-cm} settings the waves and the labels rely on.
 */
final class ArgoCdWiring {
  static final String IN_CLUSTER = "https://kubernetes.default.svc";
  static final String WAVE = "argocd.argoproj.io/sync-wave";
  /** A folder holding one object larger than this (as JSON) is applied server-side: client-side apply would copy
   * it into a {@code last-applied-configuration} annotation, and all annotations together must stay under 256 KiB. */
  static final int SERVER_SIDE_APPLY_ABOVE_BYTES = 128 * 1024;
  /** Kinds whose objects hold data: their folder's Application has no cascading-delete finalizer. */
  private static final SortedSet<String> STATEFUL = new TreeSet<>(List.of("/PersistentVolumeClaim",
      "apps/StatefulSet", "postgresql.cnpg.io/Cluster", "acid.zalan.do/postgresql"));
  /** The Lua that gives Applications a health again (removed in Argo CD 1.8, argo-cd #3781). */
  static final String APPLICATION_HEALTH_LUA = """
      hs = {}
      hs.status = "Progressing"
      hs.message = ""
      if obj.status ~= nil then
        if obj.status.health ~= nil then
          hs.status = obj.status.health.status
          if obj.status.health.message ~= nil then
            hs.message = obj.status.health.message
          end
        end
      end
      return hs
      """;

  private ArgoCdWiring() {}

  static String appName(Fleet fleet, String folder) {
    return fleet.name() + "-" + folder;
  }

  static String operatorsProject(Fleet fleet) {
    return fleet.gitops().argocd().project() + "-operators";
  }

  static List<Document> documents(Fleet fleet, PlatformPlan plan, TreeFacts facts, FolderGraph graph, String path) {
    GitOps g = fleet.gitops();
    String repo = g.repository().orElseThrow();
    List<Document> docs = new ArrayList<>();
    docs.add(project(fleet, facts, repo));
    if (!graph.operators().isEmpty()) {
      docs.add(operatorsProject(fleet, graph));
    }
    docs.add(root(fleet, repo, path));
    for (FolderGraph.Node n : graph.folders()) {
      docs.add(folderApp(fleet, facts, graph, n, repo, path));
    }
    for (Operator op : graph.operators()) {
      docs.add(operatorApp(fleet, plan, graph, op));
    }
    return docs;
  }

  private static ObjectMeta meta(Fleet fleet, String name, Map<String, String> annotations) {
    ObjectMeta meta = Labels.meta(fleet.gitops().argocd().namespace(), name, Labels.common(fleet));
    meta.setAnnotations(annotations.isEmpty() ? null : new TreeMap<>(annotations));
    return meta;
  }

  private static HasMetadata resource(String kind, ObjectMeta meta, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion("argoproj.io/v1alpha1").withKind(kind)
        .withMetadata(meta).withAdditionalProperties(Map.of("spec", spec)).build();
  }

  private static List<Map<String, String>> kinds(SortedSet<String> groupKinds) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String gk : groupKinds) {
      int slash = gk.indexOf('/');
      out.add(Map.of("group", gk.substring(0, slash), "kind", gk.substring(slash + 1)));
    }
    return out;
  }

  private static Document project(Fleet fleet, TreeFacts facts, String repo) {
    String argoNs = fleet.gitops().argocd().namespace();
    List<Map<String, String>> destinations = new ArrayList<>();
    SortedSet<String> namespaces = facts.namespaces();
    namespaces.add(argoNs);
    namespaces.forEach(ns -> destinations.add(Map.of("server", IN_CLUSTER, "namespace", ns)));
    SortedSet<String> namespaced = facts.namespacedKinds();
    namespaced.add("argoproj.io/Application");
    namespaced.add("argoproj.io/AppProject");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("description", "The " + fleet.name() + " fleet, generated by agentfleet: only its repository, "
        + "its namespaces and the kinds its tree holds.");
    spec.put("sourceRepos", List.of(repo));
    spec.put("destinations", destinations);
    spec.put("clusterResourceWhitelist", kinds(facts.clusterKinds()));
    spec.put("namespaceResourceWhitelist", kinds(namespaced));
    spec.put("orphanedResources", Map.of("warn", true));
    return Document.of(resource("AppProject", meta(fleet, fleet.gitops().argocd().project(), Map.of(WAVE, "-1")), spec),
        """
        The fleet's project: Applications in it may read only the fleet's repository, deploy only into the
        namespaces the tree uses (and Argo CD's own, for the app-of-apps), and create only the kinds the tree
        holds; cluster-scoped kinds are exactly those found in the tree. A pull request that adds another kind
        fails to sync until this list (generated) grows with it. Wave -1: it exists before its Applications.""");
  }

  private static Document operatorsProject(Fleet fleet, FolderGraph graph) {
    SortedSet<String> repos = new TreeSet<>();
    SortedSet<String> namespaces = new TreeSet<>();
    graph.operators().forEach(o -> {
      repos.add(o.repoUrl());
      namespaces.addAll(o.namespaces());
    });
    List<Map<String, String>> destinations = new ArrayList<>();
    namespaces.forEach(ns -> destinations.add(Map.of("server", IN_CLUSTER, "namespace", ns)));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("description", "Operators the " + fleet.name() + " fleet needs, from pinned Helm charts.");
    spec.put("sourceRepos", List.copyOf(repos));
    spec.put("destinations", destinations);
    spec.put("clusterResourceWhitelist", kinds(new TreeSet<>(List.of("/Namespace",
        "apiextensions.k8s.io/CustomResourceDefinition", "rbac.authorization.k8s.io/ClusterRole",
        "rbac.authorization.k8s.io/ClusterRoleBinding", "admissionregistration.k8s.io/MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/ValidatingWebhookConfiguration", "apiregistration.k8s.io/APIService"))));
    return Document.of(resource("AppProject", meta(fleet, operatorsProject(fleet), Map.of(WAVE, "-1")), spec),
        """
        A separate project for the operators: their charts install CRDs, cluster roles, webhooks and API
        services, which the fleet's own project must never be allowed to create. It reads only the pinned
        chart repositories and deploys only into the namespaces the charts write to with the values below
        (the platform plan lists them per operator; kube-system only where a chart cannot be told otherwise).""");
  }

  private static Map<String, Object> syncPolicy(boolean serverSide, boolean respectIgnore, boolean createNamespace) {
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

  private static Document root(Fleet fleet, String repo, String path) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", fleet.gitops().argocd().project());
    spec.put("source", Map.of("repoURL", repo, "targetRevision", fleet.gitops().revision(), "path", path + "/ci-cd",
        "directory", Map.of("include", "argocd.yaml")));
    spec.put("destination", Map.of("server", IN_CLUSTER, "namespace", fleet.gitops().argocd().namespace()));
    spec.put("syncPolicy", syncPolicy(false, false, false));
    return Document.of(resource("Application", meta(fleet, fleet.name(), Map.of()), spec),
        """
        The app-of-apps: syncs this file only (ci-cd/ also holds the Flux objects and the workflow), so it manages
        the projects and the Applications below, itself included. Bootstrap once (ci-cd/README.md):
        `kubectl apply -f ci-cd/argocd.yaml` after merging ci-cd/argocd-cm.yaml; after that, Git is the only
        way in. Its children sync in the order of their sync-wave annotations, each wave waiting for the previous
        one to be Healthy: that needs the Application health check of ci-cd/argocd-cm.yaml.""");
  }

  private static Document folderApp(Fleet fleet, TreeFacts facts, FolderGraph graph, FolderGraph.Node node,
      String repo, String path) {
    String folder = node.name();
    List<TreeFacts.Obj> objs = facts.objects(folder);
    boolean serverSide = objs.stream().anyMatch(o -> o.size() > SERVER_SIDE_APPLY_ABOVE_BYTES);
    boolean stateful = objs.stream().anyMatch(o -> STATEFUL.contains(o.group() + "/" + o.kind()));
    List<Map<String, Object>> ignore = ignoreReplicas(facts, folder);
    SortedSet<String> ns = new TreeSet<>();
    objs.stream().filter(o -> !o.clusterScoped()).forEach(o -> ns.add(o.namespace()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", fleet.gitops().argocd().project());
    spec.put("source", Map.of("repoURL", repo, "targetRevision", fleet.gitops().revision(), "path", path + "/" + folder));
    spec.put("destination", Map.of("server", IN_CLUSTER, "namespace", ns.isEmpty() ? fleet.namespace()
        : ns.contains(fleet.namespace()) ? fleet.namespace() : ns.first()));
    spec.put("syncPolicy", syncPolicy(serverSide, !ignore.isEmpty(), false));
    if (!ignore.isEmpty()) {
      spec.put("ignoreDifferences", ignore);
    }
    ObjectMeta meta = meta(fleet, appName(fleet, folder), Map.of(WAVE, Integer.toString(node.wave())));
    if (!stateful) {
      meta.setFinalizers(List.of("resources-finalizer.argocd.argoproj.io"));
    }
    StringBuilder why = new StringBuilder("Folder " + folder + "/, wave " + node.wave());
    why.append(node.needs().isEmpty() ? ": needs nothing before it." : ": after " + String.join(", ", node.needs()) + ".");
    why.append("\nAutomated sync prunes what Git no longer has and undoes changes made by hand (selfHeal).");
    if (!ignore.isEmpty()) {
      why.append("\nAn autoscaler owns spec.replicas of the Deployments listed under ignoreDifferences: the manifests"
          + "\nomit it, and Argo CD neither diffs nor resets it (RespectIgnoreDifferences also applies it on sync).");
    }
    if (serverSide) {
      why.append("\nServer-side apply: an object here is too large for client-side apply's last-applied annotation.");
    }
    why.append(stateful
        ? "\nNo resources finalizer: this folder holds data, so deleting the Application leaves its objects in place."
        : "\nThe resources finalizer deletes this folder's objects when the Application is deleted.");
    return Document.of(resource("Application", meta, spec), why.toString());
  }

  /** {@code /spec/replicas} of every workload an HPA or a KEDA ScaledObject of the folder scales. */
  private static List<Map<String, Object>> ignoreReplicas(TreeFacts facts, String folder) {
    SortedMap<String, Map<String, Object>> out = new TreeMap<>();
    for (TreeFacts.Obj o : facts.objects(folder)) {
      JsonNode ref;
      if (o.is("autoscaling", "HorizontalPodAutoscaler") || o.is("keda.sh", "ScaledObject")) {
        ref = o.json().path("spec").path("scaleTargetRef");
      } else {
        continue;
      }
      String kind = ref.path("kind").asText("Deployment");
      String group = TreeFacts.groupOf(ref.path("apiVersion").asText("apps/v1"));
      String name = ref.path("name").asText("");
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("group", group);
      entry.put("kind", kind);
      entry.put("name", name);
      entry.put("namespace", o.namespace());
      entry.put("jsonPointers", List.of("/spec/replicas"));
      out.put(group + "/" + kind + "/" + o.namespace() + "/" + name, entry);
    }
    return new ArrayList<>(out.values());
  }

  private static Document operatorApp(Fleet fleet, PlatformPlan plan, FolderGraph graph, Operator op) {
    Map<String, Object> helm = new LinkedHashMap<>();
    helm.put("releaseName", op.id());
    Map<String, Object> values = plan.helmValues(op);
    if (!values.isEmpty()) {
      helm.put("valuesObject", values);
    }
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", op.repoUrl());
    source.put("chart", op.chart());
    source.put("targetRevision", op.version());
    source.put("helm", helm);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", operatorsProject(fleet));
    spec.put("source", source);
    spec.put("destination", Map.of("server", IN_CLUSTER, "namespace", op.namespace()));
    spec.put("syncPolicy", syncPolicy(true, false, true));
    int wave = graph.node(op.id()).orElseThrow().wave();
    List<String> users = new ArrayList<>();
    graph.folders().stream().filter(n -> n.needs().contains(op.id())).forEach(n -> users.add(n.name() + "/"));
    graph.operators().stream().filter(o -> o.needs().contains(op.id())).forEach(o -> users.add(o.id()));
    return Document.of(resource("Application", meta(fleet, op.id(), Map.of(WAVE, Integer.toString(wave))), spec),
        op.title() + ", chart " + op.chart() + " " + op.version() + " (pinned; upgrading is a reviewed change), wave "
            + wave + ".\nVersion verified at " + op.verifiedAt() + ".\nNeeded by " + String.join(", ", users) + ". Server-side apply: operator CRDs can exceed the 256 KiB "
            + "annotation limit\nof client-side apply. Set gitops.argocd.installOperators: false when the cluster "
            + "already runs it." + notes(op));
  }

  private static String notes(Operator op) {
    if (op.equals(Operator.PROMETHEUS_OPERATOR)) {
      return "\nThe operator, its CRDs, kube-state-metrics and the kubelet ServiceMonitor; the fleet's monitoring/ folder"
          + "\nbrings its own Prometheus and Alertmanager. Control-plane Services are off: they would be written to kube-system.";
    }
    if (op.equals(Operator.VPA)) {
      return "\nRecommender only: every VPA of the tree only recommends (updateMode \"Off\").";
    }
    if (op.equals(Operator.PROMETHEUS_ADAPTER)) {
      return "\nServes " + AgentContract.REQUESTS_PER_SECOND_METRIC + " per pod from the agents' "
          + AgentContract.REQUESTS_COUNTER + " counter: without it\nthe HPAs scale up on CPU and memory but never scale down.";
    }
    return "";
  }

  /** {@code ci-cd/argocd-cm.yaml}: only the keys the wiring needs, to be merged into Argo CD's own ConfigMap. */
  static List<Document> argocdCm(Fleet fleet) {
    Map<String, String> data = new TreeMap<>();
    data.put("resource.customizations.health.argoproj.io_Application", APPLICATION_HEALTH_LUA);
    data.put("application.resourceTrackingMethod", "annotation");
    SortedMap<String, String> labels = Labels.common(fleet);
    labels.put("app.kubernetes.io/part-of", "argocd");
    HasMetadata cm = new ConfigMapBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("argocd-cm").withNamespace(fleet.gitops().argocd().namespace())
            .withLabels(labels).build())
        .withData(data).build();
    return List.of(Document.of(cm, """
        Two settings of Argo CD's own ConfigMap, to merge into it (server-side apply owns only these keys):
        `kubectl apply --server-side --field-manager=agentfleet -f ci-cd/argocd-cm.yaml`. No Application syncs
        this file, so Argo CD never fights its installer over argocd-cm.
        - The Application health check: Argo CD 1.8 removed it (argo-cd #3781), and without it the app-of-apps
          does not wait for one wave of Applications to be Healthy before the next: the waves would not gate.
        - Annotation tracking: with label tracking (the default before Argo CD 3.0) Argo CD overwrites each
          object's app.kubernetes.io/instance label, which the tree's selectors use."""));
  }
}
