package io.agentfleet.generate.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.model.FleetSpec;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The database folder in both modes, through the whole pipeline with the strict schema and policy validators. */
class DatabaseGeneratorTest {
  private static GenerationResult generate(FleetSpec spec) {
    return FleetGenerator.builder().build().generate(spec);
  }

  private static List<JsonNode> docs(GenerationResult r, String file) {
    return r.tree().documents().get(file);
  }

  private static JsonNode find(GenerationResult r, String file, String kind, String name) {
    return docs(r, file).stream().filter(d -> d.path("kind").asText().equals(kind)
        && d.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow(
            () -> new AssertionError(kind + "/" + name + " not in " + file));
  }

  @Test
  void cloudNativePg_whenGenerated_validatesAndManagesOneRoleAndDatabasePerAgent() {
    GenerationResult r = generate(DatabaseFleets.cloudNativePg());

    JsonNode cluster = find(r, "database/postgres-cluster.yaml", "Cluster", "booking-agents-postgres");
    assertThat(cluster.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
    assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
    assertThat(cluster.at("/spec/enableSuperuserAccess").asBoolean(true)).isFalse();
    JsonNode l = cluster.at("/spec/inheritedMetadata/labels");
    assertThat(l.path("app.kubernetes.io/name").asText()).isEqualTo("postgres");
    assertThat(l.path("app.kubernetes.io/instance").asText()).isEqualTo("booking-agents-postgres");
    assertThat(l.path("app.kubernetes.io/part-of").asText()).isEqualTo("booking-agents");
    List<JsonNode> roles = StreamSupport.stream(cluster.at("/spec/managed/roles").spliterator(), false).toList();
    assertThat(roles).extracting(n -> n.path("name").asText()).containsExactly("a2", "a3", "a4");
    for (JsonNode role : roles) {
      assertThat(role.path("superuser").asBoolean(true)).isFalse();
      assertThat(role.path("createdb").asBoolean(true)).isFalse();
      assertThat(role.path("createrole").asBoolean(true)).isFalse();
      assertThat(role.at("/passwordSecret/name").asText()).isEqualTo("booking-agent-" + role.path("name").asText() + "-db");
    }
    JsonNode a3 = find(r, "database/postgres-cluster.yaml", "Database", "booking-agent-a3");
    assertThat(a3.at("/spec/name").asText()).isEqualTo("a3");
    assertThat(a3.at("/spec/owner").asText()).isEqualTo("a3");

    JsonNode scheduled = find(r, "database/postgres-backup.yaml", "ScheduledBackup", "booking-agents-postgres");
    assertThat(scheduled.at("/spec/method").asText()).isEqualTo("plugin");
    assertThat(scheduled.at("/spec/schedule").asText()).as("six-field cron").isEqualTo("0 0 2 * * *");
    JsonNode store = find(r, "database/postgres-backup.yaml", "ObjectStore", "booking-agents-postgres-backups");
    assertThat(store.at("/spec/retentionPolicy").asText()).isEqualTo("14d");
    assertThat(cluster.at("/spec/plugins/0/parameters/barmanObjectName").asText()).isEqualTo("booking-agents-postgres-backups");
    assertThat(cluster.at("/spec/plugins/0/isWALArchiver").asBoolean()).isTrue();

    assertThat(docs(r, "database/secrets.yaml")).extracting(d -> d.at("/spec/target/name").asText())
        .containsExactly("booking-agent-a2-db", "booking-agent-a3-db", "booking-agent-a4-db", "postgres-backup-s3");
    assertThat(r.tree().files()).containsKeys("database/restore.sh", "database/README.md");
  }

  /** Issue 9, defect 8: the PostgreSQL instances had no priority class (0), the first victims of any preemption. */
  @Test
  void databasePreemptedFirst_whenGenerated_instancesGetTheHighestPriorityClassOfTheTreeInBothModes() {
    for (FleetSpec spec : List.of(DatabaseFleets.cloudNativePg(), DatabaseFleets.statefulSet())) {
      GenerationResult r = generate(spec);
      JsonNode highest = docs(r, "core/priority-classes.yaml").stream()
          .max(java.util.Comparator.comparingLong(d -> d.path("value").asLong())).orElseThrow();
      assertThat(highest.at("/metadata/name").asText()).isEqualTo("booking-agents-high");
      JsonNode cluster = docs(r, "database/postgres-cluster.yaml").stream()
          .filter(d -> List.of("Cluster", "StatefulSet").contains(d.path("kind").asText())).findFirst().orElseThrow();
      String pc = cluster.path("kind").asText().equals("Cluster") ? cluster.at("/spec/priorityClassName").asText()
          : cluster.at("/spec/template/spec/priorityClassName").asText();
      assertThat(pc).as(cluster.path("kind").asText()).isEqualTo(highest.at("/metadata/name").asText());
    }
  }

  /** Issue 9, defect 8: `high` preempted lower priorities, every pod without a class in the cluster included. */
  @Test
  void highPriorityPreemptsLowerPods_noMore_noPriorityClassOfTheFleetPreempts() {
    GenerationResult r = generate(DatabaseFleets.cloudNativePg());

    assertThat(docs(r, "core/priority-classes.yaml")).extracting(d -> d.path("metadata").path("name").asText())
        .contains("booking-agents-high", "booking-agents-medium");
    assertThat(docs(r, "core/priority-classes.yaml")).allSatisfy(d ->
        assertThat(d.path("preemptionPolicy").asText()).as(d.at("/metadata/name").asText()).isEqualTo("Never"));
  }

  /** Issue 9, minor defect: the Secrets the External Secrets Operator makes for the database had no reload label. */
  @Test
  void externalSecretMadeDatabaseSecrets_carryTheCnpgReloadLabel_soCloudNativePgReloadsOnRotation() {
    GenerationResult r = generate(DatabaseFleets.cloudNativePg());

    assertThat(docs(r, "database/secrets.yaml")).hasSize(4).allSatisfy(es -> {
      assertThat(es.path("kind").asText()).isEqualTo("ExternalSecret");
      assertThat(es.at("/spec/target/template/metadata/labels/cnpg.io~1reload").asText()).isEqualTo("true");
    });
    assertThat(find(r, "database/secrets.yaml", "ExternalSecret", "booking-agent-a2-db")
        .at("/spec/target/template/type").asText()).isEqualTo("kubernetes.io/basic-auth");
  }

  @Test
  void statefulSet_whenGenerated_validatesWithPrimaryOnlyReadWriteServiceAndManualSecretsDocumented() {
    GenerationResult r = generate(DatabaseFleets.statefulSet());

    JsonNode sts = find(r, "database/postgres-cluster.yaml", "StatefulSet", "booking-agents-postgres");
    assertThat(sts.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(sts.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("50Gi");
    assertThat(sts.at("/spec/template/spec/initContainers/0/command/1").asText()).endsWith("bootstrap.sh");
    JsonNode rw = find(r, "database/postgres-cluster.yaml", "Service", "booking-agents-postgres-rw");
    assertThat(rw.at("/spec/selector/statefulset.kubernetes.io~1pod-name").asText()).isEqualTo("booking-agents-postgres-0");
    assertThat(rw.at("/spec/ports/0/port").asInt()).isEqualTo(5432);
    find(r, "database/postgres-cluster.yaml", "Service", "booking-agents-postgres-ro");
    find(r, "database/postgres-cluster.yaml", "PodDisruptionBudget", "booking-agents-postgres");
    assertThat(r.tree().documents()).doesNotContainKey("database/secrets.yaml");
    assertThat(r.tree().files().get("database/README.md"))
        .contains("kubectl create secret generic booking-agent-a2-db --namespace booking-agents \\\n  --type=kubernetes.io/basic-auth")
        .contains("booking-agents-postgres-replication")
        .contains("## Failover (manual in statefulset mode)");
  }

  /**
   * Issue 9, defect 10: statefulset mode had no exporter, so the database alerts could never fire. The exporter
   * sidecar must serve every series the rules and dashboards read from the database (the same names as
   * CloudNativePG's; pg_up, the exporter's own, stands for cnpg_collector_up when PostgreSQL does not answer), on
   * the port the PodMonitor scrapes, pinned and restricted.
   */
  @Test
  void statefulSetHadNoExporter_now_aPinnedRestrictedSidecarServesTheSeriesTheDatabaseRulesRead() throws Exception {
    GenerationResult r = generate(DatabaseFleets.statefulSet());
    JsonNode sts = find(r, "database/postgres-cluster.yaml", "StatefulSet", "booking-agents-postgres");
    JsonNode exporter = StreamSupport.stream(sts.at("/spec/template/spec/containers").spliterator(), false)
        .filter(c -> c.path("name").asText().equals("exporter")).findFirst().orElseThrow();

    assertThat(exporter.path("image").asText()).matches("quay\\.io/prometheuscommunity/postgres-exporter:v[0-9]+\\.[0-9]+\\.[0-9]+");
    assertThat(exporter.at("/ports/0/name").asText()).isEqualTo("metrics");
    assertThat(exporter.at("/ports/0/containerPort").asInt()).isEqualTo(DatabaseNames.METRICS_PORT);
    assertThat(exporter.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(exporter.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
    assertThat(exporter.path("env").toString()).contains("user=" + SqlPlan.MONITOR_ROLE).doesNotContain("password");
    JsonNode queries = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(
        IsolationOnRealPostgresTest.configMapData(r.tree(), "database/postgres-backup.yaml", "exporter-queries.yaml"));
    java.util.Set<String> served = new java.util.TreeSet<>();
    queries.fields().forEachRemaining(q -> q.getValue().path("metrics").forEach(m -> m.fields().forEachRemaining(col -> {
      if (!col.getValue().path("usage").asText().equals("LABEL")) {
        served.add(q.getKey() + "_" + col.getKey());
      }
    })));
    served.add("pg_up"); // postgres_exporter's own series, whatever the custom queries
    assertThat(served).containsAll(io.agentfleet.generate.monitoring.AgentMetrics.CLOUDNATIVE_PG);
    // What the monitoring folder scrapes: a PodMonitor whose selector matches these pods, on the port "metrics".
    JsonNode podMonitor = docs(r, "monitoring/prometheus.yaml").stream()
        .filter(d -> d.path("kind").asText().equals("PodMonitor")
            && d.at("/spec/podMetricsEndpoints/0/port").asText().equals("metrics")
            && d.at("/spec/selector/matchLabels").path("app.kubernetes.io/name").asText().equals("postgres"))
        .findFirst().orElseThrow();
    podMonitor.at("/spec/selector/matchLabels").fields().forEachRemaining(l ->
        assertThat(sts.at("/spec/template/metadata/labels").path(l.getKey()).asText()).isEqualTo(l.getValue().asText()));
  }

  @Test
  void quota_whenDatabaseIsGenerated_countsInstancesJobsAndVolumes() {
    GenerationResult r = generate(DatabaseFleets.statefulSet());
    JsonNode quota = find(r, "core/namespace.yaml", "ResourceQuota", "booking-agents-quota");
    GenerationResult without = FleetGenerator.builder().build()
        .generate(FleetSpec.builder().from(DatabaseFleets.statefulSet()).agents(List.of())
            .database(java.util.Optional.empty()).build());
    JsonNode bare = find(without, "core/namespace.yaml", "ResourceQuota", "booking-agents-quota");
    // 3 instances + 1 backup job pod, 3 data volumes + 1 backup volume on top of the 3 workers' workspaces.
    // The quota adds its headroom on top (issue 9, defect 9); the count itself is the full-scale demand.
    assertThat(r.fleet().fullScale().persistentVolumeClaims()).isEqualTo(3 + 3 + 1);
    assertThat(r.fleet().fullScale().storage()).isEqualTo(io.agentfleet.model.Quantity.parse("260Gi"));
    assertThat(quota.at("/spec/hard/persistentvolumeclaims").asInt()).isGreaterThan(3 + 3 + 1);
    assertThat(without.tree().documents()).doesNotContainKey("database/postgres-cluster.yaml");
    assertThat(bare.at("/spec/hard/pods").asInt()).isLessThan(quota.at("/spec/hard/pods").asInt());
  }
}
