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

  @Test
  void quota_whenDatabaseIsGenerated_countsInstancesJobsAndVolumes() {
    GenerationResult r = generate(DatabaseFleets.statefulSet());
    JsonNode quota = find(r, "core/namespace.yaml", "ResourceQuota", "booking-agents-quota");
    GenerationResult without = FleetGenerator.builder().build()
        .generate(FleetSpec.builder().from(DatabaseFleets.statefulSet()).agents(List.of()).build());
    JsonNode bare = find(without, "core/namespace.yaml", "ResourceQuota", "booking-agents-quota");
    // 3 instances + 1 backup job pod, 3 data volumes + 1 backup volume on top of the 3 workers' workspaces.
    assertThat(quota.at("/spec/hard/persistentvolumeclaims").asInt()).isEqualTo(3 + 3 + 1);
    assertThat(quota.at("/spec/hard/requests.storage").asText()).isEqualTo("260Gi");
    assertThat(without.tree().documents()).doesNotContainKey("database/postgres-cluster.yaml");
    assertThat(bare.at("/spec/hard/pods").asInt()).isLessThan(quota.at("/spec/hard/pods").asInt());
  }
}
