package io.agentfleet.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules a fleet's values must follow, each adding a field-named problem that says the rule and the allowed
 * values instead of throwing; {@link FleetResolver} fills the defaults and calls them in one pass.
 */
final class FleetRules {
  private static final Pattern K8S_VERSION = Pattern.compile("^1\\.[0-9]{1,3}$");
  private static final Pattern PG_IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]*$");
  private static final Pattern REGISTRY = Pattern.compile("^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$");
  private static final Pattern IMAGE = Pattern.compile(
      "^(?<repo>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+(?=/))?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
          + "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$");
  private static final Pattern LABEL_NAME = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$");
  private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
  private static final Pattern CIDR = Pattern.compile(
      "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$");
  private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*$");
  private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
  /** An HPA stabilization window may be at most one hour. */
  private static final long MAX_WINDOW_SECONDS = 3600;

  /**
   * The most replicas one sub-agent may scale to: every replica calls the Claude API under the fleet's one key, and a
   * thousand pods is above any API rate limit; it also keeps the fleet's pod count far from integer overflow.
   */
  static final int MAX_SUB_AGENT_REPLICAS = 1000;
  /** A frontend or backend serves one agent's developer: a fixed count, a hundred at most. */
  static final int MAX_COMPONENT_REPLICAS = 100;
  /** Pods in a quota or cluster: 150,000 is the largest cluster Kubernetes supports (its documented limit). */
  static final int MAX_PODS = 150_000;
  static final String MAX_PODS_REASON = "150000 pods is the largest cluster Kubernetes supports";
  /** A per-pod target above ten thousand Claude API requests per second is beyond any API rate limit. */
  static final java.math.BigDecimal MAX_POD_REQUESTS_PER_SECOND = java.math.BigDecimal.valueOf(10_000);
  /** The fleet-wide alert threshold: a million requests per second could never be reached, so it would never fire. */
  static final java.math.BigDecimal MAX_FLEET_REQUESTS_PER_SECOND = java.math.BigDecimal.valueOf(1_000_000);
  /** Quota and cluster totals: Kubernetes keeps a quantity as a 64-bit count of millicores or bytes. */
  static final Quantity MAX_TOTAL_MEMORY = Quantity.bytes(Validation.MAX_INT64);
  static final String INT64_REASON = "the largest amount Kubernetes can store (a 64-bit count of bytes)";

  private FleetRules() {}

  /** A container's CPU or memory request or limit, by the last part of {@code path}. */
  static boolean compute(Problems p, String path, Quantity q) {
    if (path.endsWith(".cpu")) {
      return Validation.cpu(p, path, q, Validation.MAX_CONTAINER_CPU, "more than one container can use");
    }
    return Validation.bytes(p, path, q, Validation.MAX_CONTAINER_MEMORY, "more than one container can use");
  }

  /** The CPU of a quota or a cluster: at most a 64-bit count of millicores. */
  static boolean totalCpu(Problems p, String path, Quantity q) {
    return Validation.cpu(p, path, q, Validation.MAX_INT64.movePointLeft(3),
        "the largest amount Kubernetes can store (a 64-bit count of millicores)");
  }

  /** A rate of requests per second: a plain number ({@code 10}, {@code 0.5}, {@code 500m}), at least 0.001. */
  static boolean rate(Problems p, String path, Quantity q, java.math.BigDecimal max) {
    if (!q.isValid() && q.toString().matches("^\\s*[0-9.]+\\s*/\\s*(s|sec|second)\\s*$")) {
      p.add(path, "'" + q + "' is not a number; write the requests per second alone (example: 10)");
      return false;
    }
    if (!Validation.positive(p, path, q)) {
      return false;
    }
    String range = " (allowed: 0.001 to " + max.toPlainString() + " requests per second)";
    if (q.suffix().endsWith("i") || q.suffix().length() == 1 && !q.suffix().equals("m") && !q.suffix().equals("k")) {
      p.add(path, q + " uses the unit '" + q.suffix() + "', which is no rate; write the requests per second as a number"
          + range);
    } else if (q.amount().compareTo(new java.math.BigDecimal("0.001")) < 0) {
      p.add(path, q + " is below 0.001, the finest target an autoscaler reads" + range);
    } else if (q.amount().compareTo(max) > 0) {
      p.add(path, q + " is above " + max.toPlainString() + range);
    } else {
      return true;
    }
    return false;
  }

  /** A Kubernetes minor version whose schemas agentfleet ships. */
  static void kubernetesVersion(Problems p, String version) {
    List<String> supported = PlatformFacts.KUBERNETES_VERSIONS;
    String range = supported.get(0) + (supported.size() == 1 ? "" : " to " + supported.get(supported.size() - 1));
    if (!K8S_VERSION.matcher(version).matches()) {
      p.add("kubernetesVersion", "'" + version + "' is not a Kubernetes minor version (write \"" + supported.get(supported.size() - 1) + "\")");
    } else if (!supported.contains(version)) {
      p.add("kubernetesVersion", "'" + version + "' is not supported: agentfleet generates and validates trees for Kubernetes "
          + range + " (the versions whose schemas it ships)");
    }
  }

  /** A registry host with an optional path. */
  static void registry(Problems p, String registry) {
    if (!REGISTRY.matcher(registry).matches()) {
      p.add("imageRegistry", "'" + registry + "' is not a registry host with an optional path (example: ghcr.io/example)");
    }
  }

  /** A PostgreSQL database name that needs no quoting. */
  static void databaseName(Problems p, String path, String database) {
    if (!PG_IDENTIFIER.matcher(database).matches() || database.length() > 63) {
      p.add(path, "'" + database + "' is not a PostgreSQL database name "
          + "(lower-case letters, digits and '_', starting with a letter or '_', at most 63 characters)");
    }
  }

  /**
   * Checks extra environment variables: names a shell and Kubernetes accept, not one the tree sets itself (it would
   * appear twice in the container), Secret references with a Secret name and key. Returns them sorted by name.
   */
  static Map<String, EnvValue> env(Problems p, String path, Map<String, EnvValue> env, Set<String> reserved) {
    for (Map.Entry<String, EnvValue> e : env.entrySet()) {
      String at = path + ".env." + e.getKey();
      if (!ENV_NAME.matcher(e.getKey()).matches()) {
        p.add(at, "'" + e.getKey() + "' is not an environment variable name (letters, digits, '_', '.' and '-', "
            + "not starting with a digit)");
      } else if (reserved.contains(e.getKey())) {
        p.add(at, "is set by the generated tree itself (" + String.join(", ", new java.util.TreeSet<>(reserved))
            + "); remove it or use another name");
      }
      EnvValue v = e.getValue();
      if (v.isSecret()) {
        Validation.dnsName(p, at + ".secret", v.secret().orElseThrow());
        if (!SECRET_KEY.matcher(v.key().orElseThrow()).matches()) {
          p.add(at + ".key", "'" + v.key().orElseThrow() + "' is not a Secret key (letters, digits, '-', '_' and '.')");
        }
      }
    }
    return java.util.Collections.unmodifiableMap(new TreeMap<>(env));
  }

  static void scalingTargets(Problems p, String path, ScalingSpec s) {
    s.cpu().ifPresent(c -> percent(p, path + ".cpu", c));
    s.memory().ifPresent(c -> percent(p, path + ".memory", c));
    s.requestsPerSecond().ifPresent(r -> rate(p, path + ".requestsPerSecond", r, MAX_POD_REQUESTS_PER_SECOND));
    s.scaleDownAfter().ifPresent(d -> {
      if (!d.isValid()) {
        p.add(path + ".scaleDownAfter", d.error().orElseThrow());
      } else if (d.seconds() > MAX_WINDOW_SECONDS) {
        p.add(path + ".scaleDownAfter", d + " is longer than one hour, the longest stabilization window an HPA takes");
      }
    });
    s.scaleDownPodsPerMinute().ifPresent(n -> {
      if (n < 1) {
        p.add(path + ".scaleDownPodsPerMinute", n + " must be at least 1");
      } else {
        Validation.range(p, path + ".scaleDownPodsPerMinute", n, 1, MAX_SUB_AGENT_REPLICAS,
            "no sub-agent has more replicas to remove");
      }
    });
  }

  static void percent(Problems p, String path, Percent value) {
    if (!value.isValid()) {
      p.add(path, value.error().orElseThrow());
    } else if (value.value() < 1 || value.value() > 100) {
      p.add(path, value + " must be between 1% and 100% of the request");
    }
  }

  static void image(Problems p, String path, String image, Optional<String> registry) {
    var m = IMAGE.matcher(image);
    if (!m.matches()) {
      p.add(path, "'" + image + "' is not an image reference (example: claude-code-agent:2.1.0)");
      return;
    }
    String tag = m.group("tag");
    String digest = m.group("digest");
    if (tag == null && digest == null) {
      p.add(path, "'" + image + "' must be pinned by a tag or digest (for example " + image + ":1.0.0)");
    } else if ("latest".equals(tag) && digest == null) {
      p.add(path, "'" + image + "' uses the tag 'latest'; pin a version or digest so that every sync runs the same code");
    }
  }

  /** Sub-agents with API access need the API server's addresses: a NetworkPolicy cannot name it. */
  static void apiServer(Problems p, NetworkSpec n, List<SubAgent> subAgents) {
    for (int i = 0; i < n.apiServer().size(); i++) {
      NetworkSpec.ApiServerEndpoint e = n.apiServer().get(i);
      String path = "network.apiServer[" + i + "]";
      if (!CIDR.matcher(e.cidr()).matches()) {
        p.add(path + ".cidr", "'" + e.cidr() + "' is not an IPv4 CIDR (example: 172.20.0.6/32)");
      }
      if (e.port() < 1 || e.port() > 65535) {
        p.add(path + ".port", e.port() + " is not a TCP port (1..65535; the API server usually answers on 443 or 6443)");
      }
    }
    List<String> withAccess = subAgents.stream().filter(s -> s.apiAccess() != ApiAccess.NONE).map(SubAgent::id).toList();
    if (!withAccess.isEmpty() && n.apiServer().isEmpty()) {
      p.add("network.apiServer", "must provide the Kubernetes API server's addresses and ports (sub-agent"
          + (withAccess.size() == 1 ? " " : "s ") + String.join(", ", withAccess) + " ha" + (withAccess.size() == 1 ? "s" : "ve")
          + " apiAccess: read, and a NetworkPolicy can open egress to the API server only by address): the endpoints of "
          + "Service kubernetes with their port, from kubectl get endpointslices -n default -l "
          + "kubernetes.io/service-name=kubernetes, and its ClusterIP with port 443; "
          + "example: apiServer: [ { cidr: 172.20.0.6/32, port: 6443 }, { cidr: 10.96.0.1/32, port: 443 } ]");
    }
  }

  static void labels(Problems p, Map<String, String> labels, String fleetName) {
    labels(p, "labels.", labels);
    new TreeMap<>(labels).forEach((key, value) -> {
      if (!PlatformFacts.ownsLabel(key)) {
        return;
      }
      String set = key.equals("app.kubernetes.io/part-of") ? fleetName
          : key.equals("app.kubernetes.io/managed-by") ? "agentfleet" : null;
      if (set == null) {
        p.add("labels." + key, "'" + key + "' is a label " + (PlatformFacts.OWNED_LABELS.contains(key)
            ? "the generated tree sets itself (selectors and dashboards rely on it)"
            : "key under a prefix Kubernetes or agentfleet reserves (kubernetes.io/, k8s.io/, agentfleet.io/)")
            + "; choose a key of your own (example: example.com/team)");
      } else if (!set.equals(value)) {
        p.add("labels." + key, "'" + value + "' would replace the value the generated tree sets on every object ('" + set
            + "'); remove the label or choose a key of your own");
      }
    });
  }

  /** Label keys and values as Kubernetes accepts them, each problem at {@code prefix + key}. */
  static void labels(Problems p, String at, Map<String, String> labels) {
    new TreeMap<>(labels).forEach((key, value) -> {
      String name = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
      String prefix = key.contains("/") ? key.substring(0, key.indexOf('/')) : null;
      if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()
          || (prefix != null && (prefix.length() > 253 || !prefix.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")))) {
        p.add(at + key, "'" + key + "' is not a valid label key (an optional DNS subdomain prefix of at most 253 "
            + "characters and '/', then a name of at most 63 letters, digits, '-', '_' and '.', starting and ending "
            + "with a letter or digit)");
      }
      if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        p.add(at + key, "'" + value + "' is not a valid label value (at most 63 letters, digits, '-', '_' and '.', "
            + "starting and ending with a letter or digit)");
      }
    });
  }

  static void secrets(Problems p, SecretsSpec s) {
    if (s.provider() == SecretsProvider.EXTERNAL_SECRETS && s.store().isEmpty()) {
      p.add("secrets.store", "must provide the ClusterSecretStore to read from when the provider is external-secrets");
    }
    s.store().ifPresent(store -> Validation.dnsName(p, "secrets.store", store));
    if (!s.refreshInterval().isValid()) {
      p.add("secrets.refreshInterval", s.refreshInterval().error().orElseThrow());
    }
  }

  static void network(Problems p, NetworkSpec n) {
    for (int i = 0; i < n.privateRanges().size(); i++) {
      String cidr = n.privateRanges().get(i);
      if (!CIDR.matcher(cidr).matches()) {
        p.add("network.privateRanges[" + i + "]", "'" + cidr + "' is not an IPv4 CIDR (example: 10.0.0.0/8)");
      }
    }
    Validation.dnsLabel(p, "network.dnsNamespace", n.dnsNamespace(), 63);
    Validation.dnsLabel(p, "network.monitoringNamespace", n.monitoringNamespace(), 63);
    Validation.dnsLabel(p, "network.ingressNamespace", n.ingressNamespace(), 63);
  }

  /**
   * The fleet's namespace is its own: not one Kubernetes keeps ({@code default}, {@code kube-*}), not one a platform
   * operator runs in, and not the monitoring, logging, ingress, DNS, Argo CD or Flux namespace. The namespaces the
   * fleet creates besides its own (monitoring, logging) follow the same rule.
   */
  static void namespaces(Problems p, String path, String namespace, NetworkSpec network, Monitoring monitoring,
      GitOps gitops) {
    if (!reserved(p, path, namespace, "the fleet's namespace")) {
      return;
    }
    java.util.LinkedHashMap<String, String> others = new java.util.LinkedHashMap<>();
    others.put("network.monitoringNamespace", network.monitoringNamespace());
    monitoring.logging().ifPresent(l -> others.put("monitoring.logging.namespace", l.namespace()));
    others.put("network.ingressNamespace", network.ingressNamespace());
    others.put("network.dnsNamespace", network.dnsNamespace());
    others.put("gitops.argocd.namespace", gitops.argocd().namespace());
    others.put("gitops.flux.namespace", gitops.flux().namespace());
    others.forEach((field, other) -> {
      if (other.equals(namespace)) {
        p.add(path, "'" + namespace + "' is also " + field + "; the fleet needs a namespace of its own (its quota, "
            + "default-deny network policies and Pod Security level would apply to both)");
      }
    });
    if (monitoring.enabled()) {
      reserved(p, "network.monitoringNamespace", network.monitoringNamespace(), "the monitoring namespace");
      monitoring.logging().ifPresent(l -> reserved(p, "monitoring.logging.namespace", l.namespace(),
          "the log collector's namespace"));
    }
  }

  /** False, with a problem, when the namespace is one Kubernetes or a platform operator keeps. */
  private static boolean reserved(Problems p, String path, String namespace, String what) {
    if (PlatformFacts.SYSTEM_NAMESPACES.contains(namespace)) {
      p.add(path, "'" + namespace + "' is a namespace every cluster has and shares; " + what + " must be one the fleet "
          + "owns (reserved: " + String.join(", ", PlatformFacts.SYSTEM_NAMESPACES) + ")");
    } else if (namespace.startsWith(PlatformFacts.RESERVED_NAMESPACE_PREFIX)) {
      p.add(path, "'" + namespace + "' starts with 'kube-', the prefix Kubernetes reserves for its own namespaces");
    } else if (PlatformFacts.OPERATOR_NAMESPACES.contains(namespace)) {
      p.add(path, "'" + namespace + "' is where a platform operator runs (" + String.join(", ",
          PlatformFacts.OPERATOR_NAMESPACES) + "); " + what + " must be one of the fleet's own");
    } else {
      return true;
    }
    return false;
  }

  /** The longest names made from the fleet's name, with the limit Kubernetes sets on each. */
  static void nameLengths(Problems p, String name, boolean database) {
    if (name == null || name.isEmpty() || name.length() > FleetResolver.MAX_NAME_LENGTH) {
      return;
    }
    if (name.startsWith(PlatformFacts.RESERVED_PRIORITY_CLASS_PREFIX)) {
      p.add("name", "'" + name + "' starts with 'system-', which Kubernetes reserves for its own PriorityClasses (the "
          + "fleet's are named " + name + "-medium and so on)");
    }
    if (database) {
      String job = Names.databaseIsolationJob(name);
      if (job.length() > MAX_CRONJOB_NAME) {
        p.add("name", "'" + name + "' is " + name.length() + " characters long; the CronJob " + job + " made from it "
            + "would be " + job.length() + " characters, and Kubernetes allows at most " + MAX_CRONJOB_NAME
            + " in a CronJob name (at most " + (MAX_CRONJOB_NAME - job.length() + name.length())
            + " characters fit while the fleet has agents)");
      }
    }
  }

  /** Kubernetes appends an 11-character suffix to a CronJob's name for its Jobs, which must stay a 63-character label. */
  static final int MAX_CRONJOB_NAME = 52;

  /**
   * Names two parts of the fleet would both give an object in the fleet's namespace (a Deployment, Service, Secret,
   * Database …): the second is refused, naming both fields. Secrets the user names are compared with the Secrets the
   * tree and CloudNativePG make.
   */
  static void collisions(Problems p, FleetSpec spec, List<Agent> agents, List<SubAgent> subAgents, Database database) {
    record Made(String path, String what) {}
    java.util.Map<String, Made> objects = new java.util.HashMap<>();
    java.util.Map<String, Made> secrets = new java.util.HashMap<>();
    java.util.function.BiConsumer<String, Made> object = (name, made) -> {
      Made first = objects.putIfAbsent(name, made);
      if (first != null && !first.path().equals(made.path())) {
        p.add(made.path(), "makes " + made.what() + " named " + name + ", the name of " + first.what() + " that "
            + first.path() + " makes; rename one of them");
      }
    };
    if (!subAgents.isEmpty() || !agents.isEmpty()) {
      for (String suffix : List.of("-quota", "-limits", "-reader")) {
        object.accept(spec.name() + suffix, new Made("name", "an object of the fleet's namespace"));
      }
    }
    if (database.enabled()) {
      String cluster = Names.databaseCluster(spec.name());
      Made db = new Made("name", "the PostgreSQL cluster's objects");
      object.accept(cluster, db);
      for (String suffix : List.of("-backup", "-backups", "-clients", "-isolation", "-jobs", "-scripts")) {
        object.accept(cluster + suffix, db);
      }
      Names.DATABASE_SERVICES.forEach(suffix -> object.accept(cluster + suffix, db));
      Names.DATABASE_SECRETS.forEach(suffix -> {
        object.accept(cluster + suffix, db);
        secrets.put(cluster + suffix, new Made("name", "the PostgreSQL cluster's Secret"));
      });
    }
    for (SubAgent s : subAgents) {
      Made made = new Made("subAgents[" + s.id() + "].id", "sub-agent " + s.id() + "'s Deployment and Service");
      object.accept(s.name(), made);
      if (s.apiAccess() != ApiAccess.NONE) {
        object.accept(Names.subAgentApiServer(s.id()), made);
      }
    }
    for (Agent a : agents) {
      String path = "agents[" + a.id() + "].id";
      if (database.enabled()) {
        object.accept(a.name(), new Made(path, "agent " + a.id() + "'s Database"));
        String secret = Names.agentDatabaseSecret(a.name());
        object.accept(secret, new Made(path, "agent " + a.id() + "'s database Secret"));
        secrets.putIfAbsent(secret, new Made(path, "agent " + a.id() + "'s database Secret"));
      }
      for (String part : Names.AGENT_PARTS) {
        boolean has = part.equals("worker") || part.equals("frontend") && a.frontend().isPresent()
            || part.equals("backend") && a.backend().isPresent();
        if (has) {
          object.accept(Names.agentPart(a.name(), part), new Made(path, "agent " + a.id() + "'s " + part));
        }
      }
    }
    java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
    named.put("claude.apiKeySecret", spec.claude().apiKeySecret());
    for (AgentSpec a : spec.agents()) {
      a.worker().gitSecret().ifPresent(g -> named.put("agents[" + a.id() + "].worker.gitSecret", g));
      a.ingress().flatMap(IngressSpec::tlsSecret).ifPresent(t -> named.put("agents[" + a.id() + "].ingress.tlsSecret", t));
    }
    spec.database().flatMap(DatabaseSpec::backups).flatMap(DatabaseSpec.BackupsSpec::objectStore)
        .ifPresent(o -> named.put("database.backups.objectStore.secret", o.secret()));
    named.forEach((path, name) -> {
      Made made = secrets.get(name);
      if (made != null) {
        p.add(path, "'" + name + "' is " + made.what() + " that " + made.path() + " makes; name a Secret of your own");
      }
    });
  }
}
