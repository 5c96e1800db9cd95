package io.agentfleet.generate.database;

import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Workloads;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Database;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The scripts ConfigMap, the backup volume and the CronJobs that dump each agent's database and keep isolation. */
final class BackupJobs {
  /** User of the CloudNativePG operand image. */
  static final long CNPG_UID = 26;

  private BackupJobs() {}

  static Document scripts(Fleet fleet, SqlPlan plan) {
    Map<String, String> data = new TreeMap<>();
    data.put("backup.sh", DatabaseScripts.backup(fleet, plan));
    if (fleet.database().mode() == DatabaseMode.STATEFULSET) {
      data.put("bootstrap.sh", DatabaseScripts.bootstrap(fleet, plan));
      data.put("keeper.sh", DatabaseScripts.keeper(fleet, plan));
      data.put("exporter-queries.yaml", DatabaseScripts.exporterQueries());
      data.put("roles.sql", plan.bootstrapSql());
    }
    return Document.of(Workloads.configMap(Labels.meta(fleet, DatabaseNames.scripts(fleet), DatabaseNames.labels(fleet)),
            data),
        "The scripts the pods run, generated from one role/database plan (roles.sql) and tested against a real\n"
            + "PostgreSQL by the agentfleet build.");
  }

  static List<Document> documents(Fleet fleet, SqlPlan plan) {
    Database db = fleet.database();
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(Workloads.serviceAccount(Labels.meta(fleet, jobsAccount(fleet), DatabaseNames.labels(fleet)),
        false), "The database jobs need no Kubernetes API access."));
    docs.add(Document.of(Workloads.claim(Labels.meta(fleet, DatabaseNames.backupJob(fleet), DatabaseNames.labels(fleet)),
            db.backups().storage().toString()),
        "Holds the per-agent dumps" + (db.mode() == DatabaseMode.STATEFULSET ? " and the base backups" : "")
            + " for " + db.backups().retainDays() + " days. It lives in the cluster: copy dumps elsewhere too\n"
            + "(database/README.md)."));
    docs.add(Document.of(cronJob(fleet, plan, DatabaseNames.backupJob(fleet), db.backups().schedule(), "backup", true),
        "Every agent's database, dumped as that agent's role (pg_dump -Fc, one file per run) and checked with\n"
            + "pg_restore --list; dumps older than " + db.backups().retainDays() + " days are pruned, never the newest."
            + (db.mode() == DatabaseMode.STATEFULSET ? "\nThen a compressed base backup (pg_basebackup) as the physical backup." : "")
            + "\nRestore one agent with database/restore.sh."));
    if (db.mode() == DatabaseMode.CLOUDNATIVE_PG) {
      docs.add(Document.of(cronJob(fleet, plan, DatabaseNames.isolationJob(fleet), "*/10 * * * *", "isolate", false),
          "CloudNativePG's Database objects cannot revoke CONNECT from PUBLIC; every 10 minutes each database's\n"
              + "owner does it (idempotent), so a new agent's database is closed soon after the operator creates it."));
    }
    return docs;
  }

  static String jobsAccount(Fleet fleet) {
    return DatabaseNames.cluster(fleet) + "-jobs";
  }

  private static io.fabric8.kubernetes.api.model.GenericKubernetesResource cronJob(Fleet fleet, SqlPlan plan,
      String name, String schedule, String action, boolean backupVolume) {
    Database db = fleet.database();
    long uid = db.mode() == DatabaseMode.CLOUDNATIVE_PG ? CNPG_UID : StatefulSetMode.POSTGRES_UID;
    List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = new ArrayList<>(List.of(
        AgentPods.mount("tmp", "/tmp", false),
        AgentPods.mount("scripts", DatabaseScripts.SCRIPTS_DIR, true),
        AgentPods.mount("credentials", DatabaseScripts.SECRETS_DIR, true)));
    List<Volume> volumes = new ArrayList<>(List.of(AgentPods.emptyDir("tmp", "1Gi"),
        StatefulSetMode.scriptsVolume(fleet), StatefulSetMode.credentials(plan)));
    if (backupVolume) {
      mounts.add(AgentPods.mount("backups", DatabaseScripts.BACKUP_DIR, false));
      volumes.add(Workloads.claimVolume("backups", DatabaseNames.backupJob(fleet)));
    }
    Container c = Workloads.container(action, db.image());
    c.setCommand(List.of("bash", DatabaseScripts.SCRIPTS_DIR + "/backup.sh", action));
    c.setEnv(List.of(AgentPods.env("PGHOST", DatabaseNames.rw(fleet)),
        AgentPods.env("PGPORT", Integer.toString(DatabaseNames.PORT)),
        AgentPods.env("BACKUP_DIR", DatabaseScripts.BACKUP_DIR),
        AgentPods.env("SECRETS_DIR", DatabaseScripts.SECRETS_DIR),
        AgentPods.env("RETAIN_MINUTES", Long.toString(db.backups().retainDays() * 24 * 60))));
    c.setResources(AgentPods.resources(Database.JOB_RESOURCES));
    c.setSecurityContext(AgentPods.containerSecurity());
    c.setVolumeMounts(mounts);
    PodSpec pod = new PodSpec();
    pod.setRestartPolicy("Never");
    pod.setServiceAccountName(jobsAccount(fleet));
    pod.setAutomountServiceAccountToken(false);
    pod.setEnableServiceLinks(false);
    pod.setSecurityContext(AgentPods.podSecurity(uid));
    pod.setContainers(List.of(c));
    pod.setVolumes(volumes);
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", Map.of("labels", DatabaseNames.jobLabels(fleet, name)));
    template.put("spec", pod);
    Map<String, Object> jobSpec = new LinkedHashMap<>();
    jobSpec.put("backoffLimit", 2);
    jobSpec.put("activeDeadlineSeconds", backupVolume ? 6 * 3600 : 600);
    jobSpec.put("ttlSecondsAfterFinished", 7 * 86400);
    jobSpec.put("template", template);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("schedule", schedule);
    spec.put("timeZone", "Etc/UTC");
    spec.put("concurrencyPolicy", "Forbid");
    spec.put("startingDeadlineSeconds", 3600);
    spec.put("successfulJobsHistoryLimit", 3);
    spec.put("failedJobsHistoryLimit", 3);
    spec.put("jobTemplate", Map.of("metadata", Map.of("labels", DatabaseNames.jobLabels(fleet, name)), "spec", jobSpec));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("batch/v1")
        .withKind("CronJob")
        .withMetadata(Labels.meta(fleet, name, DatabaseNames.jobLabels(fleet, name)))
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }
}
