package io.agentfleet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resolved PostgreSQL cluster. {@code enabled} is false when the fleet has no standard agent: nobody needs a
 * database then, and none is generated.
 */
public record Database(boolean enabled, DatabaseMode mode, int instances, Quantity storage, String image,
    Resources resources, Backups backups) {

  /** Resolved backups: schedule (five-field cron), retention, dump volume size and the optional object store. */
  public record Backups(String schedule, Span retain, Quantity storage, Optional<DatabaseSpec.ObjectStoreSpec> objectStore) {
    /** Retention in whole days (the resolver allows nothing else). */
    public long retainDays() {
      return Math.max(1, retain.seconds() / 86_400);
    }
  }

  /** Requests and limits of the backup and isolation jobs: pg_dump streams, it needs little memory. */
  public static final Resources JOB_RESOURCES = new Resources(Quantity.parse("100m"), Quantity.parse("256Mi"),
      Quantity.parse("1"), Quantity.parse("256Mi"));

  /** Requests and limits of the Barman Cloud plugin's sidecar in each CloudNativePG instance pod. */
  public static final Resources BARMAN_SIDECAR_RESOURCES = new Resources(Quantity.parse("100m"),
      Quantity.parse("256Mi"), Quantity.parse("500m"), Quantity.parse("256Mi"));

  /**
   * Requests and limits of each of the two sidecars of a statefulset-mode instance: the metrics exporter and the
   * keeper (passfile, password rotation, replication slot), both idle between scrapes or every 30 s.
   */
  public static final Resources STATEFULSET_SIDECAR_RESOURCES = new Resources(Quantity.parse("10m"),
      Quantity.parse("64Mi"), Quantity.parse("100m"), Quantity.parse("64Mi"));

  /** True when the Barman Cloud plugin (and its sidecar) is configured: CloudNativePG with an object store. */
  public boolean barman() {
    return enabled && mode == DatabaseMode.CLOUDNATIVE_PG && backups.objectStore().isPresent();
  }

  /**
   * What the cluster's pods ask of the namespace: the instances (in both modes they run in the fleet's namespace,
   * each with its volume), the Barman sidecar when configured, the backup job with its dump volume and, with
   * CloudNativePG, the isolation job.
   */
  public List<Demand> demands() {
    if (!enabled) {
      return List.of();
    }
    Quantity none = Quantity.parse("0");
    List<Demand> out = new ArrayList<>();
    // The Barman Cloud sidecar runs inside each instance pod: its resources add to the pod, not to the pod count.
    Resources pod = barman() ? plus(resources, BARMAN_SIDECAR_RESOURCES) : resources;
    if (mode == DatabaseMode.STATEFULSET) {
      pod = plus(plus(pod, STATEFULSET_SIDECAR_RESOURCES), STATEFULSET_SIDECAR_RESOURCES);
    }
    out.add(new Demand("postgres instances", pod, instances, false, storage));
    out.add(new Demand("postgres backup job", JOB_RESOURCES, 1, false, backups.storage()));
    if (mode == DatabaseMode.CLOUDNATIVE_PG) {
      out.add(new Demand("postgres isolation job", JOB_RESOURCES, 1, false, none));
    }
    return out;
  }

  private static Resources plus(Resources a, Resources b) {
    return new Resources(Quantity.cores(a.cpuRequest().plus(b.cpuRequest()).amount()),
        Quantity.bytes(a.memoryRequest().plus(b.memoryRequest()).amount()),
        Quantity.cores(a.cpuLimit().plus(b.cpuLimit()).amount()),
        Quantity.bytes(a.memoryLimit().plus(b.memoryLimit()).amount()));
  }
}
