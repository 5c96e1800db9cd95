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

  private FleetRules() {}

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
    s.requestsPerSecond().ifPresent(r -> Validation.positive(p, path + ".requestsPerSecond", r));
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

  static void labels(Problems p, Map<String, String> labels) {
    new TreeMap<>(labels).forEach((key, value) -> {
      String name = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
      String prefix = key.contains("/") ? key.substring(0, key.indexOf('/')) : null;
      if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()
          || (prefix != null && (prefix.length() > 253 || !prefix.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")))) {
        p.add("labels." + key, "'" + key + "' is not a valid label key");
      }
      if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        p.add("labels." + key, "'" + value + "' is not a valid label value (at most 63 letters, digits, '-', '_' and '.', "
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
}
