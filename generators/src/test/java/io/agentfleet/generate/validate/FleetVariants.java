package io.agentfleet.generate.validate;

import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fleets that together switch on every option that changes which kinds a tree holds: both database modes (with and
 * without an object store), both monitoring modes and log sinks, HPA and KEDA, both secret providers, Argo CD and
 * Flux, an ingress. Not the booking example: other names throughout.
 */
public final class FleetVariants {
  private FleetVariants() {}

  private static final String BASE = """
      name: relay-bots
      namespace: relay-bots
      agentPrefix: relay
      imageRegistry: registry.example.org/relay
      claude: { apiKeySecret: relay-claude-key }
      defaults:
        subAgent:
          image: relay-sub-agent:3.0.1
          scaling: { cpu: 65%, memory: 75%, requestsPerSecond: 4, scaleDownAfter: 3m }
      agents:
        - id: r1
          worker: { workspace: 5Gi, repository: https://git.example.org/relay/app.git }
          frontend: { image: relay-web:0.9.0 }
          backend: { image: relay-api:0.9.0 }
      """;

  /** Every variant by name, in a fixed order. */
  public static Map<String, FleetSpec> all() {
    Map<String, FleetSpec> out = new LinkedHashMap<>();
    out.put("cloudnative-pg, prometheus-operator, loki, external-secrets, argocd", read("operators", BASE + """
            ingress: { host: relay.example.org }
        subAgents:
          - { id: q1, role: test-expert, replicas: 1..3, requests: { cpu: 500m, memory: 1Gi }, priority: high }
        secrets: { provider: external-secrets, store: relay-store }
        database:
          mode: cloudnative-pg
          instances: 2
          storage: 5Gi
          backups: { schedule: "30 1 * * *", retain: 7d, objectStore: { destinationPath: s3://relay-backups/pg, secret: relay-s3 } }
        monitoring:
          mode: prometheus-operator
          alertmanager: { webhookSecret: relay-alerts }
          logging: { sink: loki, url: "http://loki.logs.svc:3100" }
        gitops: { repository: https://git.example.org/relay/gitops.git }
        """));
    out.put("statefulset, standalone, elasticsearch, manual secrets, keda, flux", read("plain", BASE + """
        subAgents:
          - { id: q2, role: ux-expert, replicas: 0..2, requests: { cpu: 250m, memory: 512Mi }, priority: low, scaling: { autoscaler: keda } }
        secrets: { provider: manual }
        database: { mode: statefulset, instances: 1, storage: 2Gi, backups: { schedule: "0 3 * * *", retain: 3d } }
        monitoring:
          mode: standalone
          prometheus: { clusterMetricsUrl: "http://prometheus.cluster-monitoring.svc:9090" }
          logging: { sink: elasticsearch, url: "http://es.logs.svc:9200" }
        gitops: { repository: https://git.example.org/relay/gitops.git, argocd: { enabled: false }, flux: { enabled: true } }
        """));
    return out;
  }

  private static FleetSpec read(String name, String yaml) {
    return FleetYaml.read(yaml, name + ".yaml");
  }
}
