package io.agentfleet.generate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.Autoscaler;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.ImmutableFleetSpec;
import io.agentfleet.model.LogSink;
import io.agentfleet.model.MonitoringSpec;
import io.agentfleet.model.ReplicaRange;
import io.agentfleet.model.ScalingSpec;
import io.agentfleet.model.SubAgentSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitoring folder's objects, generated through the full pipeline (strict schemas and policy checks included). */
class MonitoringGeneratorTest {
  private static List<String> kinds(GenerationResult r, String path) {
    return MonitoringFixtures.documents(r, path).stream().map(d -> d.path("kind").asText()).toList();
  }

  @Test
  void operatorMode_putsMonitorsAndRulesInTheMonitoringNamespaceWithSelectorLabels() {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));

    assertThat(kinds(r, "monitoring/prometheus.yaml"))
        .containsExactly("Namespace", "NetworkPolicy", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Prometheus", "Alertmanager", "PodMonitor", "PodMonitor", "PrometheusRule")
        .doesNotContain("Deployment");
    for (String name : List.of("agentfleet-agents", "agentfleet-postgres")) {
      JsonNode pm = MonitoringFixtures.find(r, "monitoring/prometheus.yaml", "PodMonitor", name);
      assertThat(pm.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
      assertThat(pm.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText())
          .isEqualTo("booking-agents");
      assertThat(pm.path("spec").path("namespaceSelector").path("matchNames").toString()).isEqualTo("[\"booking-agents\"]");
      assertThat(pm.path("spec").path("podMetricsEndpoints").get(0).path("port").asText()).isEqualTo("metrics");
    }
    JsonNode rule = MonitoringFixtures.find(r, "monitoring/prometheus.yaml", "PrometheusRule", "agentfleet");
    assertThat(rule.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
  }

  /** Defect: in prometheus-operator mode no Prometheus existed, so prometheus-operated.monitoring.svc never resolved. */
  @Test
  void operatorMode_noPrometheusExisted_nowTheTreeRunsOneThatSelectsItsMonitorsAndRoutesToAnAlertmanager() {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));
    JsonNode prometheus = MonitoringFixtures.find(r, "monitoring/prometheus.yaml", "Prometheus", "booking-agents");
    JsonNode spec = prometheus.path("spec");

    assertThat(prometheus.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
    assertThat(spec.path("podMonitorSelector").path("matchLabels").toString())
        .isEqualTo("{\"app.kubernetes.io/part-of\":\"booking-agents\"}");
    assertThat(spec.path("ruleSelector")).isEqualTo(spec.path("podMonitorSelector"));
    assertThat(spec.path("serviceMonitorSelector").path("matchLabels").path("release").asText())
        .isEqualTo("prometheus-operator");
    assertThat(spec.path("alerting").path("alertmanagers").get(0).path("name").asText()).isEqualTo("alertmanager-operated");
    assertThat(spec.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(spec.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    JsonNode datasource = MonitoringFixtures.find(r, "monitoring/grafana.yaml", "ConfigMap", "grafana-provisioning");
    assertThat(datasource.path("data").path("datasources.yaml").asText())
        .contains("url: http://prometheus-operated.monitoring.svc:9090");
    JsonNode kps = MonitoringFixtures.documents(r, "ci-cd/operators.yaml").stream()
        .filter(d -> d.path("metadata").path("name").asText().equals("prometheus-operator")).findFirst().orElseThrow();
    JsonNode values = kps.path("spec").path("source").path("helm").path("valuesObject");
    assertThat(values.path("kubelet").path("enabled").asBoolean()).isTrue();
    assertThat(values.path("kubeStateMetrics").path("enabled").asBoolean()).isTrue();
    assertThat(values.path("prometheus").path("enabled").asBoolean()).isFalse();
  }

  /** Defect: standalone mode pointed the adapter at prometheus-operated, but its Service is prometheus. */
  @Test
  void standaloneMode_adapterQueriedPrometheusOperated_nowItQueriesTheStandaloneService() {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.standalone());
    JsonNode adapter = MonitoringFixtures.documents(r, "ci-cd/operators.yaml").stream()
        .filter(d -> d.path("metadata").path("name").asText().equals("prometheus-adapter")).findFirst().orElseThrow();

    assertThat(adapter.path("spec").path("source").path("helm").path("valuesObject").path("prometheus")
        .path("url").asText()).isEqualTo("http://prometheus.monitoring.svc");
    assertThat(kinds(r, "monitoring/prometheus.yaml")).doesNotContain("ConfigMap/prometheus-adapter-agentfleet");
    assertThat(MonitoringFixtures.documents(r, "monitoring/prometheus.yaml").stream()
        .map(d -> d.path("metadata").path("name").asText())).doesNotContain("prometheus-adapter-agentfleet")
        .contains("alertmanager");
  }

  @Test
  void standaloneMode_runsARestrictedPrometheusThatOnlyReadsPodsOfTheFleet() {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.standalone());

    assertThat(kinds(r, "monitoring/prometheus.yaml")).contains("ServiceAccount", "Role", "RoleBinding",
        "PersistentVolumeClaim", "Deployment", "Service").doesNotContain("PodMonitor", "PrometheusRule", "ClusterRole");
    JsonNode role = MonitoringFixtures.find(r, "monitoring/prometheus.yaml", "Role", "booking-agents-prometheus-discovery");
    assertThat(role.path("metadata").path("namespace").asText()).isEqualTo("booking-agents");
    assertThat(role.path("rules").toString())
        .isEqualTo("[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\",\"list\",\"watch\"]}]");
    JsonNode binding = MonitoringFixtures.find(r, "monitoring/prometheus.yaml", "RoleBinding",
        "booking-agents-prometheus-discovery");
    assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo("monitoring");
    JsonNode ns = MonitoringFixtures.find(r, "monitoring/prometheus.yaml", "Namespace", "monitoring");
    assertThat(ns.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText())
        .isEqualTo("restricted");
    JsonNode pod = MonitoringFixtures.find(r, "monitoring/prometheus.yaml", "Deployment", "prometheus")
        .path("spec").path("template");
    assertThat(pod.path("metadata").path("labels").path("app.kubernetes.io/name").asText()).isEqualTo("prometheus");
    assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("spec").path("containers").get(0).path("args").toString())
        .contains("--storage.tsdb.retention.time=15d");
  }

  @Test
  void scrapeAllowance_admitsOnlyPrometheusPodsOnMetricsPortsIntoTheFleetNamespace() {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));
    JsonNode np = MonitoringFixtures.find(r, "monitoring/prometheus.yaml", "NetworkPolicy", "allow-prometheus-scrape");

    assertThat(np.path("metadata").path("namespace").asText()).isEqualTo("booking-agents");
    JsonNode rule = np.path("spec").path("ingress").get(0);
    assertThat(rule.path("ports").toString()).isEqualTo("[{\"port\":\"metrics\",\"protocol\":\"TCP\"}]");
    assertThat(rule.path("from").get(0).path("namespaceSelector").path("matchLabels")
        .path("kubernetes.io/metadata.name").asText()).isEqualTo("monitoring");
    assertThat(rule.path("from").get(0).path("podSelector").path("matchLabels")
        .path("app.kubernetes.io/name").asText()).isEqualTo("prometheus");
  }

  @Test
  void adapterRule_turnsTheRequestCounterIntoThePerPodMetricTheHpasRead() throws Exception {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));
    JsonNode adapter = MonitoringFixtures.documents(r, "ci-cd/operators.yaml").stream()
        .filter(d -> d.path("metadata").path("name").asText().equals("prometheus-adapter")).findFirst().orElseThrow();
    JsonNode rule = adapter.path("spec").path("source").path("helm").path("valuesObject").path("rules").path("custom")
        .get(0);

    assertThat(rule.path("seriesQuery").asText())
        .isEqualTo("claude_api_requests_total{job=\"agentfleet-agents\", namespace=\"booking-agents\", pod!=\"\"}");
    assertThat(rule.path("name").path("as").asText()).isEqualTo("claude_api_requests_per_second");
    assertThat(rule.path("resources").path("overrides").path("pod").path("resource").asText()).isEqualTo("pod");
    assertThat(rule.path("metricsQuery").asText())
        .isEqualTo("sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)");
    JsonNode hpa = MonitoringFixtures.find(r, "sub-agents/claude-sub-agent-s1.yaml", "HorizontalPodAutoscaler",
        "claude-sub-agent-s1");
    assertThat(hpa.path("spec").path("metrics").toString()).contains("\"name\":\"claude_api_requests_per_second\"");
  }

  @Test
  void logging_runsInAPrivilegedNamespaceWithMinimalPrivilegesAndShipsToLoki() {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));

    JsonNode ns = MonitoringFixtures.find(r, "monitoring/logging.yaml", "Namespace", "logging");
    assertThat(ns.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText())
        .isEqualTo("privileged");
    JsonNode pod = MonitoringFixtures.find(r, "monitoring/logging.yaml", "DaemonSet", "fluent-bit").path("spec")
        .path("template").path("spec");
    JsonNode sc = pod.path("containers").get(0).path("securityContext");
    assertThat(sc.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(pod.has("hostNetwork")).isFalse();
    assertThat(pod.path("containers").get(0).path("volumeMounts").get(0).path("readOnly").asBoolean()).isTrue();
    assertThat(kinds(r, "monitoring/logging.yaml")).doesNotContain("ClusterRole", "ClusterRoleBinding");
    String conf = MonitoringFixtures.find(r, "monitoring/logging.yaml", "ConfigMap", "fluent-bit").path("data")
        .path("fluent-bit.conf").asText();
    assertThat(conf).contains("Path              /var/log/containers/*_booking-agents_*.log", "Parser        agent-json",
        "Name        loki", "Host        loki-gateway.logging.svc", "Port        80");
  }

  @Test
  void logging_whenSinkIsElasticsearch_shipsToItsIndexOverTls() {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m.logging(
        MonitoringSpec.LoggingSpec.builder().sink(LogSink.ELASTICSEARCH).url("https://es.logging.svc:9200")
            .index("booking-logs").build())));
    String conf = MonitoringFixtures.find(r, "monitoring/logging.yaml", "ConfigMap", "fluent-bit").path("data")
        .path("fluent-bit.conf").asText();

    assertThat(conf).contains("Name               es", "Host               es.logging.svc", "Port               9200",
        "tls                On", "Index              booking-logs").doesNotContain("loki");
  }

  @Test
  void sections_whenDisabledOrAbsent_leaveTheirFilesOut() {
    GenerationResult noGrafana = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m
        .grafana(MonitoringSpec.GrafanaSpec.builder().enabled(false).build())));
    assertThat(noGrafana.tree().files()).doesNotContainKey("monitoring/grafana.yaml").containsKey("monitoring/prometheus.yaml");

    FleetSpec off = ImmutableFleetSpec.copyOf(MonitoringFixtures.booking(m -> m))
        .withMonitoring(MonitoringSpec.builder().enabled(false).build());
    assertThat(MonitoringFixtures.generate(off).tree().files().keySet()).noneMatch(p -> p.startsWith("monitoring/"));
  }

  @Test
  void kedaSubAgent_getsAScaledObjectInsteadOfAnHpa_andMayScaleToZero() {
    FleetSpec base = MonitoringFixtures.booking(m -> m);
    List<SubAgentSpec> subs = new ArrayList<>(base.subAgents());
    subs.set(1, SubAgentSpec.builder().from(subs.get(1)).replicas(ReplicaRange.between(0, 6))
        .scaling(ScalingSpec.builder().autoscaler(Autoscaler.KEDA).build()).build());
    GenerationResult r = MonitoringFixtures.generate(ImmutableFleetSpec.copyOf(base).withSubAgents(subs));

    assertThat(kinds(r, "sub-agents/claude-sub-agent-s2.yaml")).contains("ScaledObject")
        .doesNotContain("HorizontalPodAutoscaler");
    assertThat(kinds(r, "sub-agents/claude-sub-agent-s1.yaml")).contains("HorizontalPodAutoscaler")
        .doesNotContain("ScaledObject");
    JsonNode so = MonitoringFixtures.find(r, "sub-agents/claude-sub-agent-s2.yaml", "ScaledObject", "claude-sub-agent-s2");
    assertThat(so.path("spec").path("minReplicaCount").asInt()).isZero();
    assertThat(so.path("spec").path("maxReplicaCount").asInt()).isEqualTo(6);
    assertThat(so.path("spec").path("triggers").findValuesAsText("type"))
        .containsExactly("cpu", "memory", "prometheus", "prometheus");
    assertThat(so.path("spec").path("triggers").get(2).path("metadata").path("query").asText())
        .contains("claude_api_requests_total{namespace=\"booking-agents\", workload=\"claude-sub-agent-s2\"}");
    assertThat(so.path("spec").path("triggers").get(3).path("metadata").path("query").asText())
        .as("at zero replicas the demand must come from other agents' pending delegations")
        .contains("agent_delegations_pending{namespace=\"booking-agents\", target=\"claude-sub-agent-s2\"}");
    assertThat(MonitoringFixtures.find(r, "sub-agents/claude-sub-agent-s2.yaml", "Deployment", "claude-sub-agent-s2")
        .path("spec").has("replicas")).isFalse();
  }

  @Test
  void readme_showsTheMainDashboardGridAndTheMetricContract() {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));
    String readme = r.tree().files().get("monitoring/README.md");

    assertThat(readme).contains("| y | 0–1 | 2–3 |", "**Health**", "Agent pods up (stat, h 4) | … | … |",
        "| `claude_api_tokens_total` | counter |", "prometheus-adapter", "ServerSideApply=true",
        "## Design notes", "more than 50 Claude API requests per second) is fleet-wide");
  }

  private static String checksum(GenerationResult r, String file, String deployment) {
    return find(r, file, "Deployment", deployment).path("spec").path("template").path("metadata").path("annotations")
        .path("agentfleet.io/config-checksum").asText();
  }

  private static JsonNode find(GenerationResult r, String file, String kind, String name) {
    return MonitoringFixtures.find(r, file, kind, name);
  }

  /**
   * Minor defect: raising one sub-agent's maximum changed the config checksums and restarted Prometheus and Grafana.
   * Now only the rules change: the dashboards read the bounds from the rules' model series, not from their own text.
   */
  @Test
  void replicaChange_restartedPrometheusAndGrafana_nowOnlyTheRulesChange() {
    FleetSpec before = MonitoringFixtures.standalone();
    List<SubAgentSpec> subs = new ArrayList<>(before.subAgents());
    subs.set(0, SubAgentSpec.builder().from(subs.get(0)).replicas(ReplicaRange.between(1, 12)).build());
    GenerationResult a = MonitoringFixtures.generate(before);
    GenerationResult b = MonitoringFixtures.generate(ImmutableFleetSpec.copyOf(before).withSubAgents(subs));

    assertThat(a.tree().files().get("monitoring/grafana.yaml")).isEqualTo(b.tree().files().get("monitoring/grafana.yaml"));
    assertThat(find(a, "monitoring/prometheus.yaml", "ConfigMap", "prometheus-rules"))
        .isNotEqualTo(find(b, "monitoring/prometheus.yaml", "ConfigMap", "prometheus-rules"));
    assertThat(checksum(b, "monitoring/prometheus.yaml", "prometheus"))
        .isEqualTo(checksum(a, "monitoring/prometheus.yaml", "prometheus"));
    assertThat(checksum(b, "monitoring/grafana.yaml", "grafana")).isEqualTo(checksum(a, "monitoring/grafana.yaml", "grafana"));
    assertThat(find(a, "monitoring/prometheus.yaml", "Deployment", "prometheus").path("spec").path("template")
        .path("spec").path("containers").findValuesAsText("name")).contains("rules-reloader");
  }

  /** Minor defect: grafana-admin was a hand-made Secret that blocked Grafana's rollout. */
  @Test
  void grafanaAdmin_wasAHandMadeSecret_nowAnExternalSecretFillsItWithTheFleetsStore() {
    GenerationResult r = MonitoringFixtures.generate(MonitoringFixtures.booking(m -> m));
    JsonNode es = find(r, "monitoring/grafana.yaml", "ExternalSecret", "grafana-admin");

    assertThat(es.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
    assertThat(es.path("spec").path("data").findValuesAsText("secretKey")).containsExactly("admin-user", "admin-password");
    assertThat(es.path("spec").path("secretStoreRef").path("name").asText()).isEqualTo("fleet-secrets");
  }
}
