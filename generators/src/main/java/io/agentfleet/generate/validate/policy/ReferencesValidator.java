package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.ContainerRef;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.LabelSelector;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.PodTemplate;
import io.agentfleet.generate.platform.Created;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Fields;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Problem;
import io.agentfleet.model.SecretsProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every reference in the tree resolves: to an object of the tree, to an object an operator of the platform plan
 * creates from one ({@link Created}), or to a prerequisite the plan lists (and the tree's README states). Checked:
 * in-cluster DNS names and URLs, Secret, ConfigMap, PersistentVolumeClaim, ServiceAccount and PriorityClass names,
 * the Services an Alertmanager list names, the CRD of every custom resource, the namespaces each Argo CD
 * Application writes to against its AppProject, and the label selectors of monitors, Prometheus and NetworkPolicies
 * (each must match something). Schema-valid is not working: this is what a cluster would find out at sync time.
 */
public final class ReferencesValidator implements TreeValidator {
  /** Built-in API groups: kinds served by every API server, no operator needed. */
  static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "networking.k8s.io",
      "rbac.authorization.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
      "apiextensions.k8s.io", "admissionregistration.k8s.io", "apiregistration.k8s.io", "certificates.k8s.io",
      "node.k8s.io", "events.k8s.io");
  private static final Set<String> BUILT_IN_PRIORITIES = Set.of("system-cluster-critical", "system-node-critical");
  private static final Pattern SERVICE_DNS =
      Pattern.compile("(?<![A-Za-z0-9.-])([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.svc(\\.cluster\\.local)?(?![A-Za-z0-9-])");

  /** Without a platform plan nothing can be resolved against operators: the tree alone is not checked here. */
  @Override
  public List<Problem> validate(RenderedTree tree, String kubernetesVersion) {
    return List.of();
  }

  @Override
  public List<Problem> validate(RenderedTree tree, Fleet fleet, PlatformPlan plan) {
    return new Run(tree, plan, fleet.secrets().provider() == SecretsProvider.MANUAL).check();
  }

  /** One validation: the tree's known objects, then each document's references. */
  static final class Run {
    private final PlatformPlan plan;
    /** Secrets the user creates by hand (provider manual): the tree's README must list each. */
    private final boolean manualSecrets;
    private final List<Manifest> all = new ArrayList<>();
    private final Set<Key> objects = new HashSet<>();
    private final List<Map.Entry<String, Map<String, String>>> pods = new ArrayList<>();
    private final Map<String, List<Manifest>> byKind = new HashMap<>();
    private Map<Key, List<Map<String, String>>> podsByLabel;
    private Map<String, List<Map<String, String>>> podsByNamespace;
    private final String readmes;
    private final List<Problem> problems = new ArrayList<>();

    Run(RenderedTree tree, PlatformPlan plan, boolean manualSecrets) {
      this.plan = plan;
      this.manualSecrets = manualSecrets;
      StringBuilder text = new StringBuilder();
      // By path, not files(): the YAML files are not rendered yet when the generation validates.
      for (String path : tree.paths()) {
        if (path.endsWith(".md")) {
          text.append(tree.text(path)).append('\n');
        }
      }
      this.readmes = text.toString();
      tree.documents().forEach((file, docs) -> {
        for (int i = 0; i < docs.size(); i++) {
          Manifest m = new Manifest(file, i, docs.get(i));
          all.add(m);
          byKind.computeIfAbsent(m.group() + "/" + m.kind(), k -> new ArrayList<>()).add(m);
          known(m.kind(), m.namespace(), m.name());
          PodTemplate.of(m).ifPresent(p -> pods.add(Map.entry(m.namespace(), p.labels())));
          for (Created c : Created.from(m.node())) {
            if (c.kind().equals("Pod")) {
              pods.add(Map.entry(c.namespace(), c.labels()));
            } else {
              known(c.kind(), c.namespace(), c.name());
            }
          }
          if (m.is("apps", "StatefulSet")) {
            for (JsonNode t : Json.list(m.node().path("spec").path("volumeClaimTemplates"))) {
              known("PersistentVolumeClaimTemplate", m.namespace(), Json.text(t, "metadata", "name"));
            }
          }
        }
      });
      plan.prerequisitePods().forEach(p -> pods.add(Map.entry(p.namespace(), p.labels())));
      if (plan.installsOperators()) {
        for (Operator op : plan.operators()) {
          op.services().forEach(s -> known("Service", op.namespace(), s));
        }
      }
    }

    /**
     * Three texts as one key (kind, namespace, name; or namespace, label, value), hashed from their cached hashes:
     * joined into one string, each object and each look-up made a new one.
     */
    private record Key(String a, String b, String c) {}

    private void known(String kind, String ns, String name) {
      objects.add(new Key(kind, ns, name));
    }

    private boolean has(String kind, String ns, String name) {
      return objects.contains(new Key(kind, ns, name));
    }

    List<Problem> check() {
      for (Manifest m : all) {
        List<String> out = new ArrayList<>();
        // Most documents hold no ".svc" at all, which their tree knows since it was built: none to walk for names.
        if (!io.agentfleet.generate.spi.YamlRenderer.namesNoService(m.node())) {
          dnsNames(m, m.node(), new java.util.ArrayList<>(), out);
        }
        crd(m, out);
        PodTemplate.of(m).ifPresent(pod -> podReferences(m, pod, out));
        objectReferences(m, out);
        selectors(m, out);
        out.forEach(msg -> problems.add(new Problem(m.path(), msg)));
      }
      appProjects();
      return problems;
    }

    // ------------------------------------------------------------------------------------------- DNS names

    /**
     * Every {@code <name>.<namespace>.svc} in the object's text values that names no known Service. The path of a
     * value (segments: a key or an index) is written out only for a value that has a problem.
     */
    private void dnsNames(Manifest m, JsonNode node, java.util.ArrayList<Object> path, List<String> out) {
      if (node.isTextual()) {
        String text = node.textValue();
        if (!text.contains(".svc")) {
          return;
        }
        // The pattern is tried only around each ".svc" (a name and a namespace before it, 63 characters each at most;
        // ".cluster.local" after it), with the text beyond visible to its look-arounds: a long value (a dashboard, a
        // rule file) is not scanned position by position (7 % of a warm 10 000-sub-agent run was that scan).
        Matcher matcher = SERVICE_DNS.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int from = 0;
        for (int at = text.indexOf(".svc"); at >= 0; at = text.indexOf(".svc", at + 4)) {
          matcher.region(Math.max(from, at - 300), Math.min(text.length(), at + 24));
          if (!matcher.find()) {
            continue;
          }
          from = matcher.end();
          at = Math.max(at, from - 4);
          String name = matcher.group(1);
          String ns = matcher.group(3);
          String host = name + "." + ns + ".svc";
          if (!has("Service", ns, name) && !plan.externalHosts().contains(host)
              && !plan.externalHosts().contains(matcher.group())) {
            out.add(pathOf(path) + ": " + matcher.group() + " names Service \"" + name + "\" in namespace \"" + ns
                + "\", which is neither in the tree, nor created by an operator of the platform plan, nor a "
                + "stated prerequisite");
          }
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          path.add(i);
          dnsNames(m, node.get(i), path, out);
          path.remove(path.size() - 1);
        }
      } else if (node.isObject()) {
        Fields fields = Fields.of(node);
        for (int i = 0, n = fields.count(); i < n; i++) {
          path.add(fields.name(i));
          dnsNames(m, fields.value(i), path, out);
          path.remove(path.size() - 1);
        }
      }
    }

    private static String pathOf(List<Object> segments) {
      String path = "";
      for (Object segment : segments) {
        path = segment instanceof Integer i ? Json.index(path, i) : Json.field(path, (String) segment);
      }
      return path;
    }

    // -------------------------------------------------------------------------------------------- CRDs

    private void crd(Manifest m, List<String> out) {
      String group = m.group();
      if (BUILT_IN_GROUPS.contains(group) || PlatformPlan.PREREQUISITE_GROUPS.contains(group)) {
        return;
      }
      if (plan.serving(group).isEmpty()) {
        out.add("apiVersion: " + m.apiVersion() + " is served by no operator of the platform plan ("
            + String.join(", ", plan.operators().stream().map(Operator::id).toList())
            + "): its CRD would not exist in the cluster");
      }
    }

    // ------------------------------------------------------------------------------------ pod references

    /**
     * Secrets and ConfigMaps the pod's volumes, environment and image pulls name. The path of a reference is spelt
     * only for one that is missing: a large tree holds tens of thousands of references, and nearly all resolve.
     */
    private void podReferences(Manifest m, PodTemplate pod, List<String> out) {
      String ns = m.namespace();
      JsonNode volumes = pod.spec().path("volumes");
      for (int i = 0; volumes.isArray() && i < volumes.size(); i++) {
        JsonNode v = volumes.get(i);
        int volume = i;
        secretAndConfigMap(ns, v, "secret", "secretName", "configMap", () -> Json.index(pod.at("volumes"), volume), out);
        JsonNode sources = v.path("projected").path("sources");
        for (int j = 0; sources.isArray() && j < sources.size(); j++) {
          int source = j;
          secretAndConfigMap(ns, sources.get(j), "secret", "name", "configMap", () -> projected(pod, volume, source),
              out);
        }
        String claim = Json.text(v, "persistentVolumeClaim", "claimName");
        if (claim != null && !has("PersistentVolumeClaim", ns, claim)) {
          out.add(Json.field(Json.index(pod.at("volumes"), i), "persistentVolumeClaim", "claimName")
              + ": PersistentVolumeClaim \"" + claim + "\" not found in namespace \"" + ns + "\"");
        }
      }
      for (ContainerRef c : pod.allContainers()) {
        JsonNode env = c.node().path("env");
        for (int i = 0; env.isArray() && i < env.size(); i++) {
          JsonNode from = env.get(i).path("valueFrom");
          if (!from.isMissingNode()) { // else a value written out: nothing named
            int variable = i;
            secretAndConfigMap(ns, from, "secretKeyRef", "name", "configMapKeyRef", () -> valueFrom(c, variable), out);
          }
        }
        JsonNode envFrom = c.node().path("envFrom");
        for (int i = 0; envFrom.isArray() && i < envFrom.size(); i++) {
          int source = i;
          secretAndConfigMap(ns, envFrom.get(i), "secretRef", "name", "configMapRef",
              () -> Json.index(c.at("envFrom"), source), out);
        }
      }
      JsonNode pullSecrets = pod.spec().path("imagePullSecrets");
      for (int i = 0; pullSecrets.isArray() && i < pullSecrets.size(); i++) {
        String secret = Json.text(pullSecrets.get(i), "name");
        if (missingSecret(ns, secret, false)) {
          out.add(secretProblem(Json.field(Json.index(pod.at("imagePullSecrets"), i), "name"), ns, secret));
        }
      }
    }

    /**
     * The Secret {@code holder} names at {@code secretKey}.{@code secretName} and the ConfigMap at
     * {@code configMapKey}.name, each unless marked optional; {@code at} spells the holder's path, for a message only.
     */
    private void secretAndConfigMap(String ns, JsonNode holder, String secretKey, String secretName,
        String configMapKey, java.util.function.Supplier<String> at, List<String> out) {
      String secret = Json.text(holder, secretKey, secretName);
      if (missingSecret(ns, secret, Json.isTrue(holder, secretKey, "optional"))) {
        out.add(secretProblem(Json.field(at.get(), secretKey, secretName), ns, secret));
      }
      String configMap = Json.text(holder, configMapKey, "name");
      if (missingConfigMap(ns, configMap, Json.isTrue(holder, configMapKey, "optional"))) {
        out.add(configMapProblem(Json.field(at.get(), configMapKey, "name"), ns, configMap));
      }
    }

    private static String projected(PodTemplate pod, int volume, int source) {
      return Json.index(Json.field(Json.index(pod.at("volumes"), volume), "projected", "sources"), source);
    }

    private static String valueFrom(ContainerRef c, int env) {
      return Json.field(Json.index(c.at("env"), env), "valueFrom");
    }

    /** Adds the problem of a Secret reference at {@code at} that names no Secret anyone makes. */
    private void secret(String ns, String name, String at, boolean optional, List<String> out) {
      if (missingSecret(ns, name, optional)) {
        out.add(secretProblem(at, ns, name));
      }
    }

    /** Whether a Secret reference names a Secret nobody makes: neither the tree, nor an operator, nor the user. */
    private boolean missingSecret(String ns, String name, boolean optional) {
      if (name == null || optional || has("Secret", ns, name)) {
        return false;
      }
      // A Secret the user creates is listed in the tree's README with its command.
      return !(manualSecrets && Pattern.compile("create secret (generic|tls|docker-registry) " + Pattern.quote(name)
          + "(?![-A-Za-z0-9.])").matcher(readmes).find());
    }

    private String secretProblem(String at, String ns, String name) {
      return at + ": Secret \"" + name + "\" in namespace \"" + ns + "\" is neither in the tree, nor made by an "
          + "ExternalSecret or an operator" + (manualSecrets ? ", nor listed in the tree's README as one to create" : "");
    }

    private boolean missingConfigMap(String ns, String name, boolean optional) {
      return name != null && !optional && !name.equals("kube-root-ca.crt") && !has("ConfigMap", ns, name);
    }

    private static String configMapProblem(String at, String ns, String name) {
      return at + ": ConfigMap \"" + name + "\" not found in namespace \"" + ns + "\"";
    }

    // --------------------------------------------------------------------------------- other references

    private void objectReferences(Manifest m, List<String> out) {
      JsonNode spec = m.node().path("spec");
      String ns = m.namespace();
      if (PodTemplate.of(m).isEmpty()) {
        String pc = Json.text(spec, "priorityClassName");
        if (pc != null && !BUILT_IN_PRIORITIES.contains(pc) && !has("PriorityClass", "", pc)) {
          out.add("spec.priorityClassName: PriorityClass \"" + pc + "\" not found in the tree");
        }
      }
      if (m.is("monitoring.coreos.com", "Prometheus") || m.is("monitoring.coreos.com", "Alertmanager")) {
        String sa = Json.text(spec, "serviceAccountName");
        if (sa != null && !sa.equals("default") && !has("ServiceAccount", ns, sa)) {
          out.add("spec.serviceAccountName: ServiceAccount \"" + sa + "\" not found in namespace \"" + ns + "\"");
        }
        List<JsonNode> ams = Json.list(spec.path("alerting").path("alertmanagers"));
        for (int i = 0; i < ams.size(); i++) {
          String amNs = Optional.ofNullable(Json.text(ams.get(i), "namespace")).orElse(ns);
          String name = Json.text(ams.get(i), "name");
          if (name != null && !has("Service", amNs, name)) {
            out.add(Json.field(Json.index("spec.alerting.alertmanagers", i), "name") + ": Service \"" + name
                + "\" in namespace \"" + amNs + "\" exists nowhere: no Alertmanager of the tree creates it");
          }
        }
      }
      if (m.is("postgresql.cnpg.io", "Cluster")) {
        List<JsonNode> roles = Json.list(spec.path("managed").path("roles"));
        for (int i = 0; i < roles.size(); i++) {
          secret(ns, Json.text(roles.get(i), "passwordSecret", "name"),
              Json.field(Json.index("spec.managed.roles", i), "passwordSecret", "name"), false, out);
        }
        secret(ns, Json.text(spec, "superuserSecret", "name"), "spec.superuserSecret.name", false, out);
      }
      if (m.is("barmancloud.cnpg.io", "ObjectStore")) {
        JsonNode creds = spec.path("configuration").path("s3Credentials");
        for (Iterator<Map.Entry<String, JsonNode>> it = creds.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          secret(ns, Json.text(e.getValue(), "name"),
              Json.field("spec.configuration.s3Credentials", e.getKey(), "name"), false, out);
        }
      }
    }

    // ---------------------------------------------------------------------------------------- selectors

    private boolean anyPod(Set<String> namespaces, JsonNode selector) {
      if (podsByLabel == null) {
        indexPods();
      }
      Map<String, String> required = Json.stringMap(selector.path("matchLabels"));
      for (String ns : namespaces) {
        // Only the pods carrying the selector's rarest label can match: one look-up, not a scan of every pod.
        List<Map<String, String>> candidates = podsByNamespace.getOrDefault(ns, List.of());
        for (Map.Entry<String, String> e : required.entrySet()) {
          List<Map<String, String>> bucket = podsByLabel.getOrDefault(new Key(ns, e.getKey(), e.getValue()), List.of());
          if (bucket.size() < candidates.size()) {
            candidates = bucket;
          }
        }
        for (Map<String, String> labels : candidates) {
          if (LabelSelector.matches(selector, labels)) {
            return true;
          }
        }
      }
      return false;
    }

    private void indexPods() {
      podsByLabel = new HashMap<>();
      podsByNamespace = new HashMap<>();
      for (Map.Entry<String, Map<String, String>> p : pods) {
        podsByNamespace.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
        p.getValue().forEach((k, v) ->
            podsByLabel.computeIfAbsent(new Key(p.getKey(), k, v), x -> new ArrayList<>()).add(p.getValue()));
      }
    }

    private void selectors(Manifest m, List<String> out) {
      JsonNode spec = m.node().path("spec");
      if (m.is("monitoring.coreos.com", "PodMonitor")) {
        Set<String> namespaces = new TreeSet<>(Json.strings(spec.path("namespaceSelector").path("matchNames")));
        if (namespaces.isEmpty()) {
          namespaces.add(m.namespace());
        }
        if (!anyPod(namespaces, spec.path("selector"))) {
          out.add("spec.selector: matches no pod of the tree (nor one an operator creates) in " + namespaces);
        }
      }
      if (m.is("monitoring.coreos.com", "Prometheus")) {
        matchesSome(m, spec.path("podMonitorSelector"), "monitoring.coreos.com/PodMonitor", "spec.podMonitorSelector", out);
        matchesSome(m, spec.path("ruleSelector"), "monitoring.coreos.com/PrometheusRule", "spec.ruleSelector", out);
      }
      if (m.is("networking.k8s.io", "NetworkPolicy")) {
        JsonNode podSelector = spec.path("podSelector");
        if (!isEmpty(podSelector) && !anyPod(Set.of(m.namespace()), podSelector)) {
          out.add("spec.podSelector: selects no pod of the tree in namespace \"" + m.namespace() + "\"");
        }
        for (String direction : List.of("ingress", "egress")) {
          List<JsonNode> rules = Json.list(spec.path(direction));
          for (int i = 0; i < rules.size(); i++) {
            List<JsonNode> peers = Json.list(rules.get(i).path(direction.equals("ingress") ? "from" : "to"));
            for (int j = 0; j < peers.size(); j++) {
              peer(m, peers.get(j), Json.index(Json.field(Json.index("spec." + direction, i),
                  direction.equals("ingress") ? "from" : "to"), j), out);
            }
          }
        }
      }
    }

    private void peer(Manifest m, JsonNode peer, String at, List<String> out) {
      JsonNode podSelector = peer.path("podSelector");
      if (peer.path("podSelector").isMissingNode() || isEmpty(podSelector)) {
        return; // whole namespaces or address blocks
      }
      Set<String> namespaces;
      if (peer.path("namespaceSelector").isMissingNode()) {
        namespaces = Set.of(m.namespace());
      } else {
        String ns = Json.text(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
        if (ns == null || !treeNamespaces().contains(ns)) {
          return; // pods of namespaces the tree does not run (cluster DNS): prerequisites
        }
        namespaces = Set.of(ns);
      }
      if (!anyPod(namespaces, podSelector)) {
        out.add(at + ".podSelector: matches no pod of the tree in " + namespaces);
      }
    }

    private Set<String> treeNamespaces() {
      if (podsByNamespace == null) {
        indexPods();
      }
      return podsByNamespace.keySet();
    }

    private void matchesSome(Manifest m, JsonNode selector, String groupKind, String at, List<String> out) {
      if (selector.isMissingNode()) {
        return;
      }
      boolean any = byKind.getOrDefault(groupKind, List.of()).stream().anyMatch(o -> o.namespace().equals(m.namespace())
          && LabelSelector.matches(selector, Json.stringMap(o.node().path("metadata").path("labels"))));
      if (!any) {
        out.add(at + ": selects no " + groupKind.substring(groupKind.indexOf('/') + 1) + " in namespace \""
            + m.namespace() + "\"");
      }
    }

    private static boolean isEmpty(JsonNode selector) {
      return selector.isMissingNode() || selector.isNull() || selector.size() == 0;
    }

    // ------------------------------------------------------------------------------------- AppProjects

    /** Every Application writes only to namespaces its AppProject allows: a refused sync stops every later wave. */
    private void appProjects() {
      Written written = Written.of(all);
      Map<String, Set<String>> destinations = new HashMap<>();
      for (Manifest p : byKind.getOrDefault("argoproj.io/AppProject", List.of())) {
        Set<String> ns = new TreeSet<>();
        Json.list(p.node().path("spec").path("destinations")).forEach(d -> ns.add(Json.text(d, "namespace")));
        destinations.put(p.name(), ns);
      }
      for (Manifest app : byKind.getOrDefault("argoproj.io/Application", List.of())) {
        JsonNode spec = app.node().path("spec");
        String project = Json.text(spec, "project");
        Set<String> allowed = destinations.get(project);
        if (allowed == null) {
          problems.add(new Problem(app.path(), "spec.project: AppProject \"" + project + "\" not found in the tree"));
          continue;
        }
        SortedSet<String> writes = new TreeSet<>();
        writes.add(Json.text(spec, "destination", "namespace"));
        String chart = Json.text(spec, "source", "chart");
        if (chart != null) {
          plan.operators().stream().filter(o -> o.chart().equals(chart) && o.repoUrl().equals(Json.text(spec, "source", "repoURL")))
              .findFirst().ifPresentOrElse(o -> writes.addAll(o.namespaces()),
                  () -> problems.add(new Problem(app.path(), "spec.source.chart: " + chart
                      + " is no operator of the platform plan")));
        }
        String sourcePath = Json.text(spec, "source", "path");
        if (sourcePath != null && chart == null) {
          String folder = treeFolder(sourcePath, written.byFolder().keySet());
          String include = Json.text(spec, "source", "directory", "include");
          if (include == null) {
            writes.addAll(written.byFolder().getOrDefault(folder, Set.of()));
          } else {
            for (String name : includes(include)) {
              writes.addAll(written.byFile().getOrDefault(folder + name, Set.of()));
            }
          }
        }
        writes.removeIf(ns -> ns == null || allowed.contains(ns));
        if (!writes.isEmpty()) {
          problems.add(new Problem(app.path(), "writes to namespace(s) " + writes + " that AppProject \"" + project
              + "\" does not allow (spec.destinations): Argo CD refuses the sync"));
        }
      }
    }

    /**
     * The folder of the tree an Application's {@code spec.source.path} points at: the longest end of the path that is
     * a folder of the tree ({@code sub-agents/shard-07/} of {@code clusters/prod/sub-agents/shard-07}), with its
     * slash; the tree's top ({@code ""}) when no end is, as for the Application of the tree itself.
     */
    static String treeFolder(String sourcePath, Set<String> folders) {
      String path = sourcePath.endsWith("/") ? sourcePath : sourcePath + "/";
      for (int i = 0; i < path.length(); i = path.indexOf('/', i) + 1) {
        if (folders.contains(path.substring(i))) {
          return path.substring(i);
        }
      }
      return "";
    }

    /** The file names of a directory source's {@code include}: one name, or several as {@code {a.yaml,b.yaml}}. */
    static List<String> includes(String include) {
      String glob = include.trim();
      if (glob.startsWith("{") && glob.endsWith("}")) {
        return List.of(glob.substring(1, glob.length() - 1).split(","));
      }
      return List.of(glob);
    }

    /**
     * The namespaces the tree's objects are in, by file and by folder (a folder counting the objects of every folder
     * below it; the top, {@code ""}, all of them): indexed once, so that checking every Application reads the tree
     * once rather than once per Application.
     */
    record Written(Map<String, Set<String>> byFolder, Map<String, Set<String>> byFile) {
      static Written of(List<Manifest> all) {
        Map<String, Set<String>> byFolder = new HashMap<>();
        Map<String, Set<String>> byFile = new HashMap<>();
        for (Manifest o : all) {
          if (o.namespace().isEmpty()) {
            continue;
          }
          String file = o.file();
          byFile.computeIfAbsent(file, f -> new TreeSet<>()).add(o.namespace());
          for (int i = file.indexOf('/'); i > 0; i = file.indexOf('/', i + 1)) {
            byFolder.computeIfAbsent(file.substring(0, i + 1), f -> new TreeSet<>()).add(o.namespace());
          }
          byFolder.computeIfAbsent("", f -> new TreeSet<>()).add(o.namespace());
        }
        return new Written(byFolder, byFile);
      }
    }
  }
}
