package io.agentfleet.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Fills the database section's defaults and checks its rules. */
final class DatabaseResolver {
  /** One cron field: *, numbers, ranges, lists and steps. */
  private static final Pattern CRON_FIELD = Pattern.compile("^(\\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?(,(\\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?)*$");
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
    DatabaseSpec s = spec.orElse(DatabaseSpec.builder().build());
    DatabaseMode mode = s.mode().orElse(Defaults.DATABASE_MODE);
    int instances = s.instances().orElse(Defaults.DATABASE_INSTANCES);
    if (instances < 1) {
      p.add("database.instances", instances + " must be at least 1");
    }
    Quantity storage = s.storage().orElse(Defaults.DATABASE_STORAGE);
    Validation.positive(p, "database.storage", storage);
    String image = s.image().map(qualify).orElse(mode == DatabaseMode.CLOUDNATIVE_PG
        ? Defaults.DATABASE_IMAGE_CLOUDNATIVE_PG : Defaults.DATABASE_IMAGE_STATEFULSET);
    Resources res = resources.resolve("database", s.requests(), s.limits(), Defaults.DATABASE_REQUESTS);

    DatabaseSpec.BackupsSpec b = s.backups().orElse(DatabaseSpec.BackupsSpec.builder().build());
    String schedule = b.schedule().orElse(Defaults.BACKUP_SCHEDULE).trim();
    String[] fields = schedule.split("\\s+");
    if (fields.length != 5 || !java.util.Arrays.stream(fields).allMatch(f -> CRON_FIELD.matcher(f).matches())) {
      p.add("database.backups.schedule", "'" + schedule + "' is not a five-field cron schedule (example: \"0 2 * * *\")");
    }
    Span retain = b.retain().orElse(Defaults.BACKUP_RETAIN);
    if (!retain.isValid()) {
      p.add("database.backups.retain", retain.error().orElseThrow());
    } else if (retain.seconds() <= 0 || retain.seconds() % 86_400 != 0) {
      p.add("database.backups.retain", retain + " must be a whole number of days, at least 1d (example: 14d)");
    }
    Quantity backupStorage = b.storage().orElse(storage);
    Validation.positive(p, "database.backups.storage", backupStorage);
    b.objectStore().ifPresent(o -> {
      if (mode == DatabaseMode.STATEFULSET) {
        p.add("database.backups.objectStore", "is only used in cloudnative-pg mode; statefulset mode keeps its base "
            + "backups on the backup volume (remove objectStore or set mode: cloudnative-pg)");
      }
      if (!DESTINATION.matcher(o.destinationPath()).matches()) {
        p.add("database.backups.objectStore.destinationPath", "'" + o.destinationPath()
            + "' is not an S3 location (example: s3://booking-backups/postgres)");
      }
      o.endpointURL().ifPresent(e -> {
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
