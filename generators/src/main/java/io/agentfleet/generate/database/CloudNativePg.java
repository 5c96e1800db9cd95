package io.agentfleet.generate.database;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Database;
import io.agentfleet.model.DatabaseSpec;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Resources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** CloudNativePG mode: the Cluster with its managed roles, a Database per agent, the Barman Cloud object store. */
final class CloudNativePg {
  static final String API = "postgresql.cnpg.io/v1";

  private CloudNativePg() {}

  static List<Document> cluster(Fleet fleet, SqlPlan plan) {
    Database db = fleet.database();
    List<Document> docs = new ArrayList<>();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("description", "PostgreSQL of the " + fleet.name() + " agent fleet: one database per agent");
    spec.put("instances", db.instances());
    spec.put("imageName", db.image());
    spec.put("primaryUpdateStrategy", "unsupervised");
    spec.put("priorityClassName", DatabaseNames.priorityClass(fleet));
    spec.put("enableSuperuserAccess", false);
    spec.put("inheritedMetadata", Map.of("labels", DatabaseNames.labels(fleet)));
    spec.put("storage", Map.of("size", db.storage().toString()));
    spec.put("resources", resources(db.resources()));
    SqlPlan.Db first = plan.databases().get(0);
    spec.put("bootstrap", Map.of("initdb", Map.of(
        "database", first.name(),
        "owner", first.owner(),
        "secret", Map.of("name", plan.roles().get(0).secret()),
        "dataChecksums", true,
        "encoding", "UTF8")));
    spec.put("postgresql", Map.of("pg_hba", List.of(
        "host sameuser all all scram-sha-256",
        "host all all all reject")));
    List<Map<String, Object>> roles = new ArrayList<>();
    for (SqlPlan.Role r : plan.roles()) {
      Map<String, Object> role = new LinkedHashMap<>();
      role.put("name", r.name());
      role.put("ensure", "present");
      role.put("comment", r.comment());
      role.put("login", true);
      role.put("superuser", false);
      role.put("createdb", false);
      role.put("createrole", false);
      role.put("replication", r.replication());
      role.put("bypassrls", false);
      role.put("inherit", true);
      role.put("passwordSecret", Map.of("name", r.secret()));
      roles.add(role);
    }
    spec.put("managed", Map.of("roles", roles));
    if (db.barman()) {
      spec.put("plugins", List.of(Map.of(
          "name", DatabaseNames.BARMAN_PLUGIN,
          "isWALArchiver", true,
          "parameters", Map.of("barmanObjectName", objectStoreName(fleet)))));
    }
    Map<String, String> notes = new TreeMap<>();
    notes.put("/spec/instances", fleet.sources().note("database.instances"));
    notes.put("/spec/storage/size", fleet.sources().note("database.storage"));
    for (String kind : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        notes.put("/spec/resources/" + kind + "/" + resource, fleet.sources().note("database." + kind + "." + resource));
      }
    }
    docs.add(Document.of(resource(fleet, "Cluster", DatabaseNames.cluster(fleet), spec),
        "CloudNativePG runs " + db.instances() + " instance(s): a primary and streaming replicas, with automated failover.\n"
            + "Agents connect to the Service " + DatabaseNames.rw(fleet) + ":" + DatabaseNames.PORT
            + " (created by the operator); reads may use " + DatabaseNames.ro(fleet) + ".\n"
            + "Isolation, in two layers: each agent's role logs in only to the database of its own name (pg_hba\n"
            + "'sameuser', everything else rejected), and CONNECT is revoked from PUBLIC on every database (the\n"
            + "isolation job, as each database's owner). No superuser over the network (enableSuperuserAccess: false).\n"
            + "The bootstrap database is the first agent's, so that no unused 'app' database and role exist.\n"
            + "Priority class " + DatabaseNames.priorityClass(fleet) + ", the fleet's highest: the agents that need the\n"
            + "database are evicted before it.").notes(notes));
    for (SqlPlan.Db d : plan.databases()) {
      Map<String, Object> dbSpec = new LinkedHashMap<>();
      dbSpec.put("cluster", Map.of("name", DatabaseNames.cluster(fleet)));
      dbSpec.put("name", d.name());
      dbSpec.put("owner", d.owner());
      dbSpec.put("ensure", "present");
      dbSpec.put("databaseReclaimPolicy", "retain");
      docs.add(Document.of(resource(fleet, "Database", d.agent(), dbSpec),
          d.agent().equals(plan.databases().get(0).agent())
              ? "The database of " + d.agent() + ", owned by its role. Removing an agent keeps its database\n"
                  + "(databaseReclaimPolicy: retain): dropping data is a decision, not a side effect of a sync."
              : ""));
    }
    return docs;
  }

  static List<Document> backup(Fleet fleet) {
    Database db = fleet.database();
    if (!db.barman()) {
      return List.of();
    }
    DatabaseSpec.ObjectStoreSpec store = db.backups().objectStore().orElseThrow();
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("destinationPath", store.destinationPath());
    store.endpointURL().ifPresent(e -> configuration.put("endpointURL", e));
    configuration.put("s3Credentials", Map.of(
        "accessKeyId", Map.of("name", store.secret(), "key", "ACCESS_KEY_ID"),
        "secretAccessKey", Map.of("name", store.secret(), "key", "ACCESS_SECRET_KEY")));
    configuration.put("wal", Map.of("compression", "gzip"));
    configuration.put("data", Map.of("compression", "gzip"));
    Map<String, Object> storeSpec = new LinkedHashMap<>();
    storeSpec.put("configuration", configuration);
    storeSpec.put("retentionPolicy", db.backups().retainDays() + "d");
    storeSpec.put("instanceSidecarConfiguration", Map.of("resources", resources(Database.BARMAN_SIDECAR_RESOURCES)));
    GenericKubernetesResource objectStore = new GenericKubernetesResourceBuilder()
        .withApiVersion("barmancloud.cnpg.io/v1")
        .withKind("ObjectStore")
        .withMetadata(Labels.meta(fleet, objectStoreName(fleet), DatabaseNames.labels(fleet)))
        .withAdditionalProperties(Map.of("spec", storeSpec))
        .build();
    Map<String, Object> scheduled = new LinkedHashMap<>();
    scheduled.put("cluster", Map.of("name", DatabaseNames.cluster(fleet)));
    scheduled.put("schedule", "0 " + db.backups().schedule());
    scheduled.put("method", "plugin");
    scheduled.put("pluginConfiguration", Map.of("name", DatabaseNames.BARMAN_PLUGIN));
    scheduled.put("backupOwnerReference", "self");
    scheduled.put("immediate", true);
    return List.of(
        Document.of(objectStore, "Physical backups and the WAL archive go to " + store.destinationPath()
            + " through the Barman Cloud plugin\n(the Cluster's in-tree barmanObjectStore is deprecated since CloudNativePG 1.26).\n"
            + "Base backups and WAL older than " + db.backups().retainDays() + " days are removed by the plugin.\n"
            + "Credentials: Secret " + store.secret() + " (keys ACCESS_KEY_ID, ACCESS_SECRET_KEY); never in this tree.")
            .note("/spec/retentionPolicy", fleet.sources().note("database.backups.retain")),
        Document.of(resource(fleet, "ScheduledBackup", DatabaseNames.cluster(fleet), scheduled),
            "CloudNativePG schedules have six fields (seconds first): \"" + db.backups().schedule() + "\" from fleet.yaml\n"
                + "becomes \"0 " + db.backups().schedule() + "\". immediate: a first base backup as soon as the cluster exists,\n"
                + "so that point-in-time recovery is possible from day one.")
            .note("/spec/schedule", fleet.sources().note("database.backups.schedule")));
  }

  static String objectStoreName(Fleet fleet) {
    return DatabaseNames.cluster(fleet) + "-backups";
  }

  static Map<String, Object> resources(Resources r) {
    Map<String, Object> requests = new TreeMap<>(Map.of("cpu", r.cpuRequest().toString(), "memory", r.memoryRequest().toString()));
    Map<String, Object> limits = new TreeMap<>(Map.of("cpu", r.cpuLimit().toString(), "memory", r.memoryLimit().toString()));
    return Map.of("requests", requests, "limits", limits);
  }

  private static GenericKubernetesResource resource(Fleet fleet, String kind, String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API)
        .withKind(kind)
        .withMetadata(Labels.meta(fleet, name, DatabaseNames.labels(fleet)))
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }
}
