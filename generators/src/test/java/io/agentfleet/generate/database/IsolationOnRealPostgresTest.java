package io.agentfleet.generate.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.FleetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generated role/database plan on a real PostgreSQL server, in both modes: for every pair of agents, X's role
 * cannot connect to Y's database (so cannot read its tables), cannot create databases or roles, and works normally
 * in its own. pg_hba here admits every role to every database with a password, so what is proven is the SQL plan
 * itself, not the pg_hba layer the generated clusters add on top.
 */
class IsolationOnRealPostgresTest {
  private static final String OPEN_HBA = "local all postgres peer\nhost all all 127.0.0.1/32 scram-sha-256\n";
  private static final List<String> AGENTS = List.of("a2", "a3", "a4");

  static RenderedTree tree(FleetSpec spec) {
    return FleetGenerator.builder().validators(List.of()).build().generate(spec).tree();
  }

  /** A ConfigMap's data entry from the generated tree. */
  static String configMapData(RenderedTree tree, String file, String key) {
    return tree.documents().get(file).stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
        .map(d -> d.path("data").path(key)).filter(JsonNode::isTextual).map(JsonNode::asText).findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in a ConfigMap of " + file));
  }

  static String password(String role) {
    return "pw-" + role + "-0123456789";
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void statefulSetPlan_whenRunTwiceAsSuperuser_isolatesEveryPairOfAgents() {
    RenderedTree tree = tree(DatabaseFleets.statefulSet());
    String rolesSql = configMapData(tree, "database/postgres-backup.yaml", "roles.sql");
    long t0 = System.nanoTime();
    try (LocalPostgres pg = LocalPostgres.open("iso-sts")) {
      Path data = pg.initdb("server", OPEN_HBA);
      int port = LocalPostgres.freePort();
      pg.start(data, port);
      pg.superuser(port, "postgres", rolesSql).ok();
      pg.superuser(port, "postgres", rolesSql).ok(); // idempotent: runs on every start of the primary
      for (String a : AGENTS) {
        pg.superuser(port, "postgres", "ALTER ROLE " + a + " PASSWORD '" + password(a) + "'").ok();
      }
      assertIsolated(pg, port, true);
      assertThat(pg.superuser(port, "postgres",
          "SELECT rolreplication FROM pg_roles WHERE rolname = 'agentfleet_replication'").ok().output().trim()).isEqualTo("t");
    }
    System.out.printf("[timing] statefulset role plan on real PostgreSQL (initdb, start, plan x2, %d checks): %.1f s%n",
        AGENTS.size() * AGENTS.size() * 2 + AGENTS.size() * 4, (System.nanoTime() - t0) / 1e9);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void cloudNativePgPlan_whenOperatorObjectsExistAndIsolationJobRan_isolatesEveryPairOfAgents() {
    RenderedTree tree = tree(DatabaseFleets.cloudNativePg());
    JsonNode cluster = tree.documents().get("database/postgres-cluster.yaml").get(0);
    String backupSh = configMapData(tree, "database/postgres-backup.yaml", "backup.sh");
    long t0 = System.nanoTime();
    try (LocalPostgres pg = LocalPostgres.open("iso-cnpg")) {
      Path data = pg.initdb("server", OPEN_HBA);
      int port = LocalPostgres.freePort();
      pg.start(data, port);
      // What the operator does with spec.managed.roles and the Database objects, attribute for attribute.
      StringBuilder operator = new StringBuilder();
      for (JsonNode role : cluster.at("/spec/managed/roles")) {
        String name = role.path("name").asText();
        operator.append("CREATE ROLE ").append(name)
            .append(role.path("login").asBoolean() ? " LOGIN" : " NOLOGIN")
            .append(role.path("superuser").asBoolean() ? " SUPERUSER" : " NOSUPERUSER")
            .append(role.path("createdb").asBoolean() ? " CREATEDB" : " NOCREATEDB")
            .append(role.path("createrole").asBoolean() ? " CREATEROLE" : " NOCREATEROLE")
            .append(role.path("replication").asBoolean() ? " REPLICATION" : " NOREPLICATION")
            .append(role.path("bypassrls").asBoolean() ? " BYPASSRLS" : " NOBYPASSRLS")
            .append(" PASSWORD '").append(password(name)).append("';\n");
      }
      pg.superuser(port, "postgres", operator.toString()).ok();
      for (JsonNode doc : tree.documents().get("database/postgres-cluster.yaml")) {
        if (doc.path("kind").asText().equals("Database")) {
          pg.superuser(port, "postgres", "CREATE DATABASE " + doc.at("/spec/name").asText() + " OWNER "
              + doc.at("/spec/owner").asText()).ok();
        }
      }
      assertThat(pg.as("a2", password("a2"), port, "a3", "SELECT 1").exit())
          .as("before the isolation job, PUBLIC may still connect").isZero();

      Path secrets = pg.dir("secrets");
      for (String a : AGENTS) {
        pg.write("secrets/booking-agent-" + a + "-db/username", a);
        pg.write("secrets/booking-agent-" + a + "-db/password", password(a));
      }
      Path script = pg.write("scripts/backup.sh", backupSh);
      pg.run(Duration.ofSeconds(60), Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(port),
          "SECRETS_DIR", secrets.toString()), List.of("bash", script.toString(), "isolate"), false).ok();
      // The maintenance database 'postgres' stays open to PUBLIC here: the operator's own roles use it (pg_rewind
      // as streaming_replica); pg_hba rejects agents there over the network.
      assertIsolated(pg, port, false);
    }
    System.out.printf("[timing] cloudnative-pg plan on real PostgreSQL (operator objects + isolation job): %.1f s%n",
        (System.nanoTime() - t0) / 1e9);
  }

  /** Every pair (X, Y), X != Y: no connect, no read; X cannot create databases or roles; X works in its own. */
  static void assertIsolated(LocalPostgres pg, int port, boolean maintenanceDatabaseClosed) {
    for (String x : AGENTS) {
      pg.as(x, password(x), port, x, "CREATE TABLE IF NOT EXISTS bookings (id int PRIMARY KEY, guest text);"
          + "INSERT INTO bookings VALUES (1, 'guest of " + x + "') ON CONFLICT DO NOTHING;").ok();
    }
    for (String x : AGENTS) {
      LocalPostgres.Result own = pg.as(x, password(x), port, x,
          "CREATE TEMP TABLE scratch AS SELECT guest FROM bookings; UPDATE bookings SET guest = guest; "
              + "CREATE INDEX IF NOT EXISTS bookings_guest ON bookings (guest); SELECT guest FROM scratch").ok();
      assertThat(own.output().trim()).isEqualTo("guest of " + x);
      assertThat(pg.as(x, password(x), port, x, "CREATE DATABASE stolen").output())
          .contains("permission denied to create database");
      assertThat(pg.as(x, password(x), port, x, "CREATE ROLE intruder LOGIN").output())
          .contains("permission denied to create role");
      if (maintenanceDatabaseClosed) {
        assertThat(pg.as(x, password(x), port, "postgres", "SELECT 1").output())
            .contains("permission denied for database \"postgres\"");
      }
      for (String y : AGENTS) {
        if (y.equals(x)) {
          continue;
        }
        LocalPostgres.Result read = pg.as(x, password(x), port, y, "SELECT guest FROM bookings");
        assertThat(read.exit()).as("%s reading %s's bookings", x, y).isNotZero();
        assertThat(read.output()).contains("permission denied for database \"" + y + "\"").doesNotContain("guest of");
        assertThat(pg.superuser(port, "postgres", "SELECT has_database_privilege('" + x + "', '" + y + "', 'CONNECT'), "
            + "has_database_privilege('" + x + "', '" + y + "', 'TEMPORARY'), has_database_privilege('" + x + "', '" + y
            + "', 'CREATE')").ok().output().trim()).isEqualTo("f|f|f");
      }
      assertThat(pg.superuser(port, "postgres", "SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, "
          + "(SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" + x + "') FROM pg_roles WHERE rolname = '"
          + x + "'").ok().output().trim()).isEqualTo("f|f|f|f|" + x);
    }
  }
}
