package io.agentfleet.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Fills the database section's defaults and checks its rules. */
final class DatabaseResolver {
  /** A primary and up to nine replicas: more replicas only add replication load to the primary. */
  static final int MAX_INSTANCES = 10;
  /** Ten years of backups at most: a longer retention is a typo, not a policy. */
  static final long MAX_RETAIN_DAYS = 3650;
  private static final Pattern DESTINATION = Pattern.compile("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s]*)?$");
  private static final Pattern ENDPOINT = Pattern.compile("^https?://[^\\s/]+(/[^\\s]*)?$");
  /** Names PostgreSQL keeps for itself, or that the generated plan uses. */
  static final Set<String> RESERVED = Set.of("postgres", "template0", "template1", "public", "streaming_replica",
      "agentfleet_replication");

  private DatabaseResolver() {}

  /** The fleet resolver's request/limit rules (positive values, limit not below request, defaults). */
  interface ResourceRules {
    Resources resolve(String path, Optional<Compute> requests, Optional<Compute> limits, Compute defaults);
  }

  static Database resolve(Optional<DatabaseSpec> spec, List<Agent> agents, Problems p, ResourceRules resources,
      java.util.function.Function<String, String> qualify) {
    if (spec.isPresent() && agents.isEmpty()) {
      p.add("database", "is the PostgreSQL cluster of the agents' databases, and this fleet has no agents "
          + "(sub-agents keep none): nothing would be made of it; remove the section or add agents");
    }
    DatabaseSpec s = spec.orElse(DatabaseSpec.builder().build());
    DatabaseMode mode = s.mode().orElse(Defaults.DATABASE_MODE);
    int instances = s.instances().orElse(Defaults.DATABASE_INSTANCES);
    Validation.range(p, "database.instances", instances, 1, MAX_INSTANCES,
        "one primary and up to " + (MAX_INSTANCES - 1) + " replicas; each replica only adds replication load");
    Quantity storage = s.storage().orElse(Defaults.DATABASE_STORAGE);
    Validation.bytes(p, "database.storage", storage, Validation.MAX_VOLUME, "the largest volume a storage class provisions");
    String image = s.image().map(qualify).orElse(mode == DatabaseMode.CLOUDNATIVE_PG
        ? Defaults.DATABASE_IMAGE_CLOUDNATIVE_PG : Defaults.DATABASE_IMAGE_STATEFULSET);
    Resources res = resources.resolve("database", s.requests(), s.limits(), Defaults.DATABASE_REQUESTS);

    DatabaseSpec.BackupsSpec b = s.backups().orElse(DatabaseSpec.BackupsSpec.builder().build());
    String schedule = b.schedule().orElse(Defaults.BACKUP_SCHEDULE).trim();
    CronSchedule.problem(schedule).ifPresent(problem -> p.add("database.backups.schedule", problem));
    Span retain = b.retain().orElse(Defaults.BACKUP_RETAIN);
    if (!retain.isValid()) {
      p.add("database.backups.retain", retain.error().orElseThrow());
    } else if (retain.seconds() <= 0 || retain.seconds() % 86_400 != 0) {
      p.add("database.backups.retain", retain + " must be a whole number of days, at least 1d (example: 14d)");
    } else if (retain.seconds() / 86_400 > MAX_RETAIN_DAYS) {
      p.add("database.backups.retain", retain + " is more than " + MAX_RETAIN_DAYS + "d (allowed: 1d.." + MAX_RETAIN_DAYS
          + "d; ten years of nightly dumps outgrow any backup volume)");
    }
    Quantity backupStorage = b.storage().orElse(storage);
    // Unset, it is database.storage, already checked.
    b.storage().ifPresent(given -> Validation.bytes(p, "database.backups.storage", given, Validation.MAX_VOLUME,
        "the largest volume a storage class provisions"));
    b.objectStore().ifPresent(o -> {
      if (mode == DatabaseMode.STATEFULSET) {
        p.add("database.backups.objectStore", "is only used in cloudnative-pg mode; statefulset mode keeps its base "
            + "backups on the backup volume (remove objectStore or set mode: cloudnative-pg)");
      }
      if (!Validation.noCredentials(p, "database.backups.objectStore.destinationPath", o.destinationPath(),
          "the Secret database.backups.objectStore.secret names")) {
        // reported
      } else if (!DESTINATION.matcher(o.destinationPath()).matches()) {
        p.add("database.backups.objectStore.destinationPath", "'" + o.destinationPath()
            + "' is not an S3 location (example: s3://booking-backups/postgres)");
      }
      o.endpointURL().ifPresent(e -> {
        if (!Validation.noCredentials(p, "database.backups.objectStore.endpointURL", e,
            "the Secret database.backups.objectStore.secret names")) {
          return;
        }
        if (!ENDPOINT.matcher(e).matches()) {
          p.add("database.backups.objectStore.endpointURL", "'" + e + "' is not an http(s) URL");
        }
      });
      Validation.dnsName(p, "database.backups.objectStore.secret", o.secret());
    });
    for (Agent a : agents) {
      if (RESERVED.contains(a.database()) || a.database().startsWith("pg_")) {
        p.add("agents[" + a.id() + "].database", "'" + a.database() + "' is reserved by PostgreSQL or by the generated "
            + "role plan; choose another database name");
      }
    }
    return new Database(!agents.isEmpty(), mode, instances, storage, image, res,
        new Database.Backups(schedule, retain, backupStorage, b.objectStore()));
  }
}
