package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The fleet's PostgreSQL cluster, which holds one isolated database per standard agent:
 * {@code { mode: cloudnative-pg, instances: 3, storage: 50Gi, backups: { schedule: "0 2 * * *", retain: 14d } }}.
 * Every field is optional; defaults are in {@link Defaults} (DATABASE_*).
 */
@Value.Immutable
@FleetStyle
@JsonSerialize(as = ImmutableDatabaseSpec.class)
@JsonDeserialize(as = ImmutableDatabaseSpec.class)
@JsonPropertyOrder({"mode", "instances", "storage", "image", "requests", "limits", "backups"})
public interface DatabaseSpec {
  /** {@code cloudnative-pg} (default) or {@code statefulset}. */
  Optional<DatabaseMode> mode();

  /** Number of PostgreSQL instances (one primary, the rest streaming replicas). */
  Optional<Integer> instances();

  /** Volume size of each instance. */
  Optional<Quantity> storage();

  /** PostgreSQL image; a default pinned image per mode unless given. */
  Optional<String> image();

  /** CPU and memory requests of each PostgreSQL instance. */
  Optional<Compute> requests();

  /** CPU and memory limits of each PostgreSQL instance. */
  Optional<Compute> limits();

  /** Logical (per agent) and physical backups. */
  Optional<BackupsSpec> backups();

  /** {@code { schedule: "0 2 * * *", retain: 14d, storage: 50Gi, objectStore: { … } }}. */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableBackupsSpec.class)
  @JsonDeserialize(as = ImmutableBackupsSpec.class)
  @JsonPropertyOrder({"schedule", "retain", "storage", "objectStore"})
  interface BackupsSpec {
    /** Cron schedule (five fields, UTC) of the per-agent dumps and of the physical backup. */
    Optional<String> schedule();

    /** How long backups are kept, in whole days ({@code 14d}). */
    Optional<Span> retain();

    /** Size of the volume holding the per-agent dumps (and, in statefulset mode, the base backups). */
    Optional<Quantity> storage();

    /** S3-compatible object store for CloudNativePG's physical backups and WAL archive (Barman Cloud plugin). */
    Optional<ObjectStoreSpec> objectStore();

    static ImmutableBackupsSpec.Builder builder() {
      return ImmutableBackupsSpec.builder();
    }
  }

  /** {@code { destinationPath: s3://bucket/path, endpointURL: https://…, secret: name }}. */
  @Value.Immutable
  @FleetStyle
  @JsonSerialize(as = ImmutableObjectStoreSpec.class)
  @JsonDeserialize(as = ImmutableObjectStoreSpec.class)
  @JsonPropertyOrder({"destinationPath", "endpointURL", "secret"})
  interface ObjectStoreSpec {
    /** Where base backups and WAL go: {@code s3://bucket/path}. */
    String destinationPath();

    /** Endpoint of an S3-compatible store other than AWS (MinIO, Ceph …). */
    Optional<String> endpointURL();

    /** Secret with the keys {@code ACCESS_KEY_ID} and {@code ACCESS_SECRET_KEY}; its value is never in the tree. */
    String secret();

    static ImmutableObjectStoreSpec.Builder builder() {
      return ImmutableObjectStoreSpec.builder();
    }
  }

  static ImmutableDatabaseSpec.Builder builder() {
    return ImmutableDatabaseSpec.builder();
  }
}
