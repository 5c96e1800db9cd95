package io.agentfleet.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The booking-agents fleet grown to any number of sub-agents, for scale benchmarks: sub-agent {@code s<i>} takes
 * role, replicas, requests and priority from the example's {@code s<(i-1) mod 6 + 1>}, everything else is the
 * example's. Past {@value #SUB_AGENTS_PER_SHARD} sub-agents it shares them out among Argo CD Applications as a user
 * would ({@code gitops.subAgentShards}: one per {@value #SUB_AGENTS_PER_SHARD}, some 2 200 objects each, under the
 * 3 000 one kustomization may hold).
 *
 * <pre>java -cp ... io.agentfleet.examples.ScaleFleet N path/to/fleet.yaml [agents]</pre>
 */
public final class ScaleFleet {
  private static final String[] SUB_AGENTS = {
      "role: senior-developer,    replicas: 1..8, requests: { cpu: 1,   memory: 2Gi }, priority: high",
      "role: ui-developer,        replicas: 1..6, requests: { cpu: 1.5, memory: 3Gi }, priority: medium",
      "role: ux-expert,           replicas: 1..4, requests: { cpu: 1,   memory: 2Gi }, priority: medium",
      "role: test-expert,         replicas: 1..6, requests: { cpu: 1,   memory: 2Gi }, priority: medium",
      "role: architecture-expert, replicas: 1..6, requests: { cpu: 2,   memory: 4Gi }, priority: high",
      "role: devops-expert,       replicas: 1..5, requests: { cpu: 1.5, memory: 3Gi }, priority: high, apiAccess: read",
  };

  /** Sub-agents per shard of {@code sub-agents/}. */
  public static final int SUB_AGENTS_PER_SHARD = 300;

  private ScaleFleet() {}

  /** The {@code gitops.subAgentShards} of a fleet of {@code n} sub-agents: 1 up to 300, then one per 300. */
  public static int shards(int n) {
    return (n + SUB_AGENTS_PER_SHARD - 1) / SUB_AGENTS_PER_SHARD;
  }

  /** The fleet.yaml text of a booking-agents fleet with {@code n} sub-agents. */
  public static String yaml(int n) {
    return yaml(n, 3);
  }

  /**
   * The fleet.yaml text of a booking-agents fleet with {@code n} sub-agents and {@code agents} standard agents,
   * {@code a2}, {@code a3}, … (the example's three for 3).
   */
  public static String yaml(int n, int agents) {
    StringBuilder sb = new StringBuilder(160 * n + 2048);
    sb.append("""
        name: booking-agents
        namespace: booking-agents
        agentPrefix: booking-agent
        kubernetesVersion: "1.34"
        imageRegistry: ghcr.io/example
        labels:
          app.kubernetes.io/part-of: booking-agents
        claude:
          apiKeySecret: claude-api-credentials
          apiKeyKey: api-key
        secrets:
          provider: external-secrets
          store: fleet-secrets
        network:
          apiServer:
            - { cidr: 10.96.0.1/32, port: 443 }
            - { cidr: 10.0.0.10/32, port: 6443 }
        defaults:
          subAgent:
            image: claude-code-agent:2.1.0
            scaling: { cpu: 70%, memory: 80%, requestsPerSecond: 10, scaleDownAfter: 5m }
        agents:
        """);
    for (int a = 2; a < 2 + agents; a++) {
      sb.append("  - id: a").append(a).append('\n')
          .append("    worker: { workspace: 20Gi, repository: https://github.com/example/booking.git }\n")
          .append("    frontend: { image: booking-frontend:1.4.0 }\n")
          .append("    backend: { image: booking-backend:1.4.0 }\n");
    }
    sb.append("subAgents:\n");
    for (int i = 1; i <= n; i++) {
      sb.append("  - { id: s").append(i).append(", ").append(SUB_AGENTS[(i - 1) % SUB_AGENTS.length]).append(" }\n");
    }
    sb.append("""
        database:
          mode: cloudnative-pg
          instances: 3
          storage: 50Gi
          backups:
            schedule: "0 2 * * *"
            retain: 14d
            objectStore: { destinationPath: s3://booking-agents-backups/postgres, secret: postgres-backup-s3 }
        gitops:
          repository: https://github.com/example/booking-gitops.git
          revision: main
        """);
    if (shards(n) > 1) {
      sb.append("  subAgentShards: ").append(shards(n)).append('\n');
    }
    sb.append("""
        monitoring:
          mode: prometheus-operator
          alerts: { claudeRequestsPerSecond: 50, tokensPerDay: 900000, agentDownFor: 1m, resourceUsage: 90% }
          logging: { sink: loki, url: "http://loki-gateway.logging.svc:80" }
        """);
    return sb.toString();
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3 || !args[0].matches("[1-9][0-9]*")
        || (args.length == 3 && !args[2].matches("[1-9][0-9]*"))) {
      System.err.println("usage: ScaleFleet N fleet.yaml [agents]   (agents: standard agents, default 3)");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    int agents = args.length == 3 ? Integer.parseInt(args[2]) : 3;
    Files.writeString(out, yaml(Integer.parseInt(args[0]), agents), StandardCharsets.UTF_8);
  }
}
