package io.agentfleet.generate.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An object an operator creates at run time from an object of the tree: a Service, a Secret, a ServiceAccount or
 * the pods it runs (with their labels, so selectors can be checked against them). Each rule says where it was read.
 *
 * @param kind      Service, Secret, ServiceAccount or Pod
 * @param namespace where the operator creates it
 * @param name      its name (for pods, the owning object's name)
 * @param labels    for pods, the labels they carry; empty otherwise
 */
public record Created(String kind, String namespace, String name, SortedMap<String, String> labels) {

  /** What the operators of the catalog create from one object of the tree (as rendered JSON). */
  public static List<Created> from(JsonNode obj) {
    // Asked of every object of the tree, of which only these few kinds make anything: the others are answered before
    // any name is read or put together.
    switch (obj.path("kind").asText("")) {
      case "Prometheus", "Alertmanager", "Cluster", "ExternalSecret", "SealedSecret" -> { }
      default -> {
        return List.of();
      }
    }
    String apiVersion = obj.path("apiVersion").asText("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String kind = obj.path("kind").asText("");
    String ns = obj.path("metadata").path("namespace").asText("");
    String name = obj.path("metadata").path("name").asText("");
    List<Created> out = new ArrayList<>();
    switch (group + "/" + kind) {
      // prometheus-operator/prometheus-operator@v0.93.0: pkg/prometheus/server/statefulset.go (governingServiceName),
      // pkg/prometheus/server/operator.go (makeSelectorLabels), pkg/prometheus/common.go (port "web", 9090).
      case "monitoring.coreos.com/Prometheus" -> {
        out.add(service(ns, "prometheus-operated"));
        out.add(pods(ns, name, labels("app.kubernetes.io/name", "prometheus", "app.kubernetes.io/instance", name,
            "app.kubernetes.io/managed-by", "prometheus-operator", "operator.prometheus.io/name", name,
            "prometheus", name), obj.path("spec").path("podMetadata").path("labels")));
      }
      // pkg/alertmanager/statefulset.go (defaultOperatedServiceName), pkg/alertmanager/operator.go (makeSelectorLabels).
      case "monitoring.coreos.com/Alertmanager" -> {
        out.add(service(ns, "alertmanager-operated"));
        out.add(pods(ns, name, labels("app.kubernetes.io/name", "alertmanager", "app.kubernetes.io/instance", name,
            "app.kubernetes.io/managed-by", "prometheus-operator", "alertmanager", name),
            obj.path("spec").path("podMetadata").path("labels")));
      }
      // cloudnative-pg/cloudnative-pg@v1.30.0: api/v1/cluster_types.go (service and secret suffixes),
      // cluster_funcs.go (X-superuser only with enableSuperuserAccess), pkg/utils/labels_annotations.go (cnpg.io/cluster).
      case "postgresql.cnpg.io/Cluster" -> {
        for (String suffix : List.of("-rw", "-ro", "-r")) {
          out.add(service(ns, name + suffix));
        }
        for (String suffix : List.of("-app", "-ca", "-server", "-replication")) {
          out.add(new Created("Secret", ns, name + suffix, new TreeMap<>()));
        }
        if (obj.path("spec").path("enableSuperuserAccess").asBoolean(false)) {
          out.add(new Created("Secret", ns, name + "-superuser", new TreeMap<>()));
        }
        out.add(new Created("ServiceAccount", ns, name, new TreeMap<>()));
        out.add(pods(ns, name, labels("cnpg.io/cluster", name, "cnpg.io/podRole", "instance"),
            obj.path("spec").path("inheritedMetadata").path("labels")));
      }
      // External Secrets: the target Secret is spec.target.name, or the ExternalSecret's own name.
      case "external-secrets.io/ExternalSecret" -> {
        String target = obj.path("spec").path("target").path("name").asText(name);
        out.add(new Created("Secret", ns, target.isEmpty() ? name : target, new TreeMap<>()));
      }
      case "bitnami.com/SealedSecret" -> out.add(new Created("Secret", ns, name, new TreeMap<>()));
      default -> { }
    }
    return out;
  }

  private static Created service(String ns, String name) {
    return new Created("Service", ns, name, new TreeMap<>());
  }

  private static Created pods(String ns, String owner, SortedMap<String, String> labels, JsonNode extra) {
    SortedMap<String, String> all = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      all.put(e.getKey(), e.getValue().asText());
    }
    all.putAll(labels);
    return new Created("Pod", ns, owner, all);
  }

  private static SortedMap<String, String> labels(String... kv) {
    SortedMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
