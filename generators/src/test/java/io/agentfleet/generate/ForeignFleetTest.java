package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fleet that shares nothing with the booking example (names, roles, thresholds, one agent, two sub-agents) gets a
 * tree in which nothing of the example shows: every comment and README sentence speaks of the fleet it describes.
 */
class ForeignFleetTest {

  /** Every number the example writes or inherits from a default is set to another value here. */
  private static final String FLEET = """
      name: ledger-crew
      namespace: ledger-crew
      agentPrefix: ledger
      imageRegistry: registry.example.org/ledger
      claude: { apiKeySecret: ledger-claude-token, apiKeyKey: token }
      network:
        apiServer:
          - { cidr: 172.20.0.1/32, port: 443 }
      defaults:
        subAgent:
          image: ledger-helper:0.3.2
          scaling: { cpu: 60%, memory: 75%, requestsPerSecond: 3, scaleDownAfter: 7m }
      agents:
        - id: l1
          worker: { image: ledger-worker:0.3.2, workspace: 8Gi, repository: https://git.example.org/ledger/core.git }
          frontend: { image: ledger-web:2.0.1 }
          backend: { image: ledger-api:2.0.1 }
      subAgents:
        - { id: reviewer, role: triage-expert, replicas: 2..5, requests: { cpu: 750m, memory: 1536Mi }, priority: low, apiAccess: read }
        - { id: tester, role: regression-tester, replicas: 1..3, requests: { cpu: 500m, memory: 1Gi }, priority: medium }
      gitops:
        repository: https://git.example.org/ledger/deploy.git
        revision: release
      """;

  /** The parts that switch modes: together they turn on both database modes, both monitoring modes, logging. */
  private static final Map<String, String> VARIANTS = Map.of(
      "operators", """
          secrets: { provider: external-secrets, store: ledger-vault }
          database:
            mode: cloudnative-pg
            instances: 2
            storage: 12Gi
            backups:
              schedule: "15 4 * * *"
              retain: 9d
              objectStore: { destinationPath: s3://ledger-archive/pg, secret: ledger-archive-s3 }
          monitoring:
            mode: prometheus-operator
            alerts: { claudeRequestsPerSecond: 20, tokensPerDay: 250000, agentDownFor: 3m, resourceUsage: 85%, databaseConnections: 88% }
            logging: { sink: loki, url: "http://loki.ledger-logs.svc:3100" }
          """,
      "plain", """
          database: { mode: statefulset, instances: 2, storage: 12Gi, backups: { schedule: "15 4 * * *", retain: 9d } }
          monitoring:
            mode: standalone
            alerts: { claudeRequestsPerSecond: 20, tokensPerDay: 250000, agentDownFor: 3m, resourceUsage: 85%, databaseConnections: 88% }
            logging: { sink: elasticsearch, url: "http://search.ledger-logs.svc:9200" }
          """);

  /** Strings that can only come from the booking example or from the document it was written from. */
  private static final Map<String, Pattern> EXAMPLE = examplePatterns();

  private static Map<String, Pattern> examplePatterns() {
    Map<String, Pattern> p = new java.util.LinkedHashMap<>();
    p.put("seed", Pattern.compile("(?i)\\bseed"));
    p.put("booking", Pattern.compile("(?i)booking"));
    p.put("agent ids a2-a4", Pattern.compile("(?i)\\ba[2-4]\\b"));
    // s3 is also an object store's scheme (s3://) and a suffix of Secret names (-s3): only a bare id counts here.
    p.put("sub-agent ids s1-s6", Pattern.compile("(?i)(?<![-\\w])s[1-6](?![-:\\w])"));
    p.put("claude-sub-agent-s*", Pattern.compile("claude-sub-agent-s[1-6]"));
    for (String role : List.of("senior-developer", "ui-developer", "ux-expert", "test-expert", "architecture-expert",
        "devops-expert")) {
      p.put(role, Pattern.compile(Pattern.quote(role)));
    }
    p.put("claude-api-credentials", Pattern.compile("claude-api-credentials"));
    p.put("scale-down 50/60", Pattern.compile("50 ?%? ?/ ?60 ?%|50 ?% CPU|60 ?% memory"));
    p.put("cpu 70%", Pattern.compile("\\b70 ?%"));
    p.put("memory 80%", Pattern.compile("\\b80 ?%"));
    p.put("resource alert 90%", Pattern.compile("\\b90 ?%"));
    p.put("10 requests/s", Pattern.compile("\\b10 req|requestsPerSecond: 10\\b|\"10\" req"));
    p.put("50 requests/s alert", Pattern.compile("\\b50 req|> ?50\\b"));
    p.put("900k tokens", Pattern.compile("900k|900000|900 000|900,000"));
    p.put("schedule 0 2", Pattern.compile("\"0 2 \\* \\* \\*\"|02:00"));
    p.put("retain 14d", Pattern.compile("\\b14d\\b|\\b14 days"));
    p.put("storage 50Gi", Pattern.compile("\\b50Gi"));
    p.put("3 instances", Pattern.compile("(?i)3-(replica|instance)|three (replicas|instances)"));
    p.put("S1-S6 / A2-A4", Pattern.compile("S1-S6|A2-A4|S1–S6|A2–A4"));
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"operators", "plain"})
  void tree_ofAFleetUnlikeTheExample_holdsNothingOfTheExample(String variant) {
    FleetSpec spec = FleetYaml.read(FLEET + VARIANTS.get(variant), "ledger-crew.yaml");

    GenerationResult result = FleetGenerator.builder().build().generate(spec);

    List<String> found = new ArrayList<>();
    result.tree().files().forEach((path, content) -> {
      EXAMPLE.forEach((what, pattern) -> {
        if (pattern.matcher(path).find()) {
          found.add(path + ": path has " + what);
        }
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          Matcher m = pattern.matcher(lines[i]);
          if (m.find()) {
            found.add(path + ":" + (i + 1) + ": " + what + " (\"" + m.group() + "\"): " + lines[i].strip());
          }
        }
      });
    });
    assertThat(found).as("example strings in the tree of ledger-crew (%s)", variant).isEmpty();
  }
}
