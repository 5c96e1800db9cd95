package io.agentfleet.generate.database;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Names;
import java.util.SortedMap;

/** Names and labels of the database folder's objects, fixed by the contract with the other folders. */
public final class DatabaseNames {
  /** {@code app.kubernetes.io/name} of PostgreSQL pods in both modes. */
  public static final String APP_NAME = "postgres";
  /** {@code app.kubernetes.io/component} of PostgreSQL pods. */
  public static final String COMPONENT = "database";
  /** {@code app.kubernetes.io/component} of the backup and isolation jobs. */
  public static final String JOB_COMPONENT = "database-job";
  /** The component label of agent backends, the only application pods that reach PostgreSQL. */
  public static final String BACKEND_COMPONENT = "backend";
  public static final int PORT = 5432;
  /** Port of CloudNativePG's metrics exporter in each instance. */
  public static final int METRICS_PORT = 9187;
  /** Port of CloudNativePG's instance manager, polled by the operator. */
  public static final int STATUS_PORT = 8000;
  /** Namespace of the CloudNativePG operator (its manifests' default). */
  public static final String OPERATOR_NAMESPACE = "cnpg-system";
  /** The Barman Cloud plugin's name, as Cluster.spec.plugins and ScheduledBackup refer to it. */
  public static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

  private DatabaseNames() {}

  /** {@code <fleet>-postgres}: the Cluster (CloudNativePG) or StatefulSet. */
  public static String cluster(Fleet fleet) {
    return Names.databaseCluster(fleet.name());
  }

  /** The read-write Service agents connect to, in both modes. */
  public static String rw(Fleet fleet) {
    return cluster(fleet) + "-rw";
  }

  public static String ro(Fleet fleet) {
    return cluster(fleet) + "-ro";
  }

  public static String headless(Fleet fleet) {
    return cluster(fleet) + "-headless";
  }

  public static String backupJob(Fleet fleet) {
    return Names.databaseBackupJob(fleet.name());
  }

  public static String isolationJob(Fleet fleet) {
    return Names.databaseIsolationJob(fleet.name());
  }

  public static String scripts(Fleet fleet) {
    return cluster(fleet) + "-scripts";
  }

  /**
   * The PriorityClass of the PostgreSQL instances: the highest the fleet defines (core/ makes one per priority
   * used, named by the model), so that every agent depending on the database is evicted before it, not after.
   */
  public static String priorityClass(Fleet fleet) {
    return fleet.priorityClassName(fleet.prioritiesUsed().last());
  }

  /** Labels of PostgreSQL pods and objects. */
  public static SortedMap<String, String> labels(Fleet fleet) {
    return Labels.workload(fleet, APP_NAME, cluster(fleet), COMPONENT);
  }

  public static SortedMap<String, String> selector(Fleet fleet) {
    return Labels.selector(APP_NAME, cluster(fleet));
  }

  /** Labels of the backup and isolation jobs' pods. */
  public static SortedMap<String, String> jobLabels(Fleet fleet, String job) {
    return Labels.workload(fleet, "postgres-job", job, JOB_COMPONENT);
  }
}
