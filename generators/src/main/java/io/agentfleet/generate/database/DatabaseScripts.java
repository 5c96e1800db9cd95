package io.agentfleet.generate.database;

import io.agentfleet.generate.kit.Template;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.Fleet;
import java.util.stream.Collectors;

/**
 * The shell scripts of the database folder, generated from the {@link SqlPlan}: the statefulset bootstrap (init
 * container), the backup job (isolation, per-agent dumps, base backup) and {@code restore.sh}. Every script is bash
 * with {@code set -euo pipefail} and takes its locations from the environment, so that tests run the very same text
 * on loopback. The scripts' fixed text is kept in templates beside this class (resources {@code database/*.tmpl}).
 */
public final class DatabaseScripts {
  /** Mount path of the scripts ConfigMap. */
  public static final String SCRIPTS_DIR = "/etc/agentfleet/scripts";
  /** Mount path of the projected credentials: {@code <dir>/<secret>/username} and {@code password}. */
  public static final String SECRETS_DIR = "/etc/agentfleet/secrets";
  /** Where the backup volume is mounted in the backup job. */
  public static final String BACKUP_DIR = "/backups";
  /** The data volume's mount and the data directory below it (initdb wants an empty directory it owns). */
  public static final String DATA_MOUNT = "/var/lib/postgresql/data";
  public static final String PGDATA = DATA_MOUNT + "/pgdata";
  public static final String SOCKET_DIR = "/var/run/postgresql";

  private static final Template BOOTSTRAP = Template.of(DatabaseScripts.class, "bootstrap.sh.tmpl");
  private static final Template KEEPER = Template.of(DatabaseScripts.class, "keeper.sh.tmpl");
  private static final Template EXPORTER_QUERIES = Template.of(DatabaseScripts.class, "exporter-queries.yaml.tmpl");
  private static final Template BACKUP = Template.of(DatabaseScripts.class, "backup.sh.tmpl");
  private static final Template BACKUP_BASE = Template.of(DatabaseScripts.class, "backup-base.sh.tmpl");
  private static final Template RESTORE = Template.of(DatabaseScripts.class, "restore.sh.tmpl");

  private DatabaseScripts() {}

  /** Where the replication passfile is kept (the pod's socket emptyDir: mode 0600, owned by the postgres user). */
  public static final String PASSFILE = SOCKET_DIR + "/replication.pgpass";
  /** The include file of the settings every instance gets, rewritten on every start. */
  static final String SETTINGS_FILE = "agentfleet.conf";
  /** The include file of a replica's standby settings (primary_conninfo without a password, the slot). */
  static final String STANDBY_FILE = "agentfleet-standby.conf";
  /** How often the keeper sidecar refreshes the passfile, the passwords and the slot (seconds). */
  static final int KEEPER_INTERVAL_SECONDS = 30;

  /**
   * The most WAL a replication slot may hold back, in MB: a fifth of the volume. A replica that falls further
   * behind (or was removed) loses its slot and must be recloned, rather than filling the primary's disk.
   */
  static long maxSlotWalKeepMb(Fleet fleet) {
    return fleet.database().storage().amount().divide(java.math.BigDecimal.valueOf(5L * 1024 * 1024))
        .longValue();
  }

  /**
   * The statefulset init container. The role an instance takes is decided from its data directory and from what
   * answers at the read-write Service, never from the ordinal alone (README: Failover). It writes the settings every
   * instance gets ({@code agentfleet.conf}), the same on the primary and the replicas.
   */
  public static String bootstrap(Fleet fleet, SqlPlan plan) {
    return BOOTSTRAP.with("cluster", DatabaseNames.cluster(fleet)).with("socketDir", SOCKET_DIR)
        .with("scriptsDir", SCRIPTS_DIR).with("passfile", PASSFILE).with("replicationRole", SqlPlan.REPLICATION_ROLE)
        .with("settingsFile", SETTINGS_FILE).with("standbyFile", STANDBY_FILE)
        .with("maxSlotWalKeepMb", maxSlotWalKeepMb(fleet)).with("monitorRole", SqlPlan.MONITOR_ROLE).text();
  }

  /**
   * The keeper sidecar (and helper of bootstrap.sh): the replication passfile from the mounted Secret, every
   * role's password on the primary when a Secret changes, and a replica's slot on whichever instance is primary.
   */
  public static String keeper(Fleet fleet, SqlPlan plan) {
    String passwords = plan.roles().stream()
        .map(r -> "  set_password " + r.name() + " " + r.secret())
        .collect(Collectors.joining("\n"));
    return KEEPER.with("cluster", DatabaseNames.cluster(fleet)).with("socketDir", SOCKET_DIR)
        .with("secretsDir", SECRETS_DIR).with("passfile", PASSFILE).with("interval", KEEPER_INTERVAL_SECONDS)
        .with("replicationRole", SqlPlan.REPLICATION_ROLE).with("replicationSecret", SqlPlan.replicationSecret(fleet))
        .with("passwords", passwords).text();
  }

  /**
   * The exporter's queries (postgres_exporter {@code --extend.query-path}): the series the database rules and
   * dashboards read, under the names CloudNativePG's exporter gives them, so that one set of rules serves both
   * modes. The exporter's own {@code pg_up} says whether PostgreSQL answers at all.
   */
  public static String exporterQueries() {
    return EXPORTER_QUERIES.text();
  }

  /**
   * The backup job: for each agent, as that agent's role (the owner of its database), re-applies the grants and
   * dumps the database in custom format; prunes dumps older than the retention; in statefulset mode also takes a
   * compressed base backup. {@code backup.sh isolate} only re-applies the grants (CloudNativePG's isolation job).
   */
  public static String backup(Fleet fleet, SqlPlan plan) {
    boolean statefulset = fleet.database().mode() == DatabaseMode.STATEFULSET;
    String agents = plan.roles().stream().filter(r -> !r.replication())
        .map(r -> "  " + r.name() + " " + r.secret()).collect(Collectors.joining("\n"));
    String base = statefulset ? "\n" + BACKUP_BASE.with("replicationSecret", SqlPlan.replicationSecret(fleet))
        .with("replicationRole", SqlPlan.REPLICATION_ROLE).text() : "";
    return BACKUP.with("cluster", DatabaseNames.cluster(fleet)).with("baseNote", statefulset ? ", base backup" : "")
        .with("secretsDir", SECRETS_DIR).with("backupDir", BACKUP_DIR)
        .with("retainMinutes", fleet.database().backups().retainDays() * 24 * 60).with("grants", grantCases(plan))
        .with("agents", agents).with("base", base).text();
  }

  /**
   * {@code restore.sh}: restores one agent's database from a custom-format dump into a fresh database, and only
   * when that succeeded swaps it in for the current one; other databases are never touched.
   */
  public static String restore(Fleet fleet, SqlPlan plan) {
    String known = plan.databases().stream().map(SqlPlan.Db::name).collect(Collectors.joining(" "));
    boolean cnpg = fleet.database().mode() == DatabaseMode.CLOUDNATIVE_PG;
    String podHint = cnpg
        ? "kubectl -n " + fleet.namespace() + " get cluster " + DatabaseNames.cluster(fleet)
            + " -o jsonpath='{.status.currentPrimary}'"
        : "the primary, " + DatabaseNames.cluster(fleet) + "-0 unless you failed over";
    return RESTORE.with("cluster", DatabaseNames.cluster(fleet)).with("knownDatabases", known)
        .with("namespace", fleet.namespace()).with("podHint", podHint).with("grants", grantCases(plan)).text();
  }

  /** The branches of the scripts' {@code grants} function: each database's owner SQL, on one line. */
  private static String grantCases(SqlPlan plan) {
    return plan.databases().stream()
        .map(d -> "    " + d.name() + ") echo '" + SqlPlan.grants(d).replace("\n", " ").strip() + "' ;;")
        .collect(Collectors.joining("\n"));
  }
}
