package io.agentfleet.generate.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.agentfleet.generate.spi.RenderedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Statefulset mode for real, on 127.0.0.1: the generated bootstrap.sh brings up a primary (ordinal 0) and two
 * replicas (ordinals 1, 2) with Debian's PostgreSQL tools; a row written on the primary is read on both replicas.
 * Then the generated backup.sh dumps two agents' databases (and takes a base backup), A2's database is dropped and
 * the generated restore.sh brings it back, while A3's database is left exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StatefulSetOnRealPostgresTest {
  private static final String CLUSTER = "booking-agents-postgres";
  private LocalPostgres pg;
  private RenderedTree tree;
  private final List<Integer> ports = new ArrayList<>();
  private final List<Path> data = new ArrayList<>();
  private Path secrets;
  private Path scripts;
  /** The environment of each ordinal's pod; PRIMARY_PORT stands for the read-write Service (patched on failover). */
  private final List<Map<String, String>> envs = new ArrayList<>();

  @BeforeAll
  void startCluster() {
    tree = IsolationOnRealPostgresTest.tree(DatabaseFleets.statefulSet());
    pg = LocalPostgres.open("sts");
    long t0 = System.nanoTime();
    secrets = pg.dir("secrets");
    for (String a : List.of("a2", "a3", "a4")) {
      pg.write("secrets/booking-agent-" + a + "-db/username", a);
      pg.write("secrets/booking-agent-" + a + "-db/password", IsolationOnRealPostgresTest.password(a));
    }
    pg.write("secrets/" + CLUSTER + "-replication/username", SqlPlan.REPLICATION_ROLE);
    pg.write("secrets/" + CLUSTER + "-replication/password", "replication-secret-42");
    scripts = pg.dir("scripts");
    for (String key : List.of("bootstrap.sh", "keeper.sh", "roles.sql", "backup.sh")) {
      pg.write("scripts/" + key, IsolationOnRealPostgresTest.configMapData(tree, "database/postgres-backup.yaml", key));
    }
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      int port = LocalPostgres.freePort();
      Path pgdata = pg.dir("instance-" + ordinal).resolve("pgdata");
      ports.add(port);
      data.add(pgdata);
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PGDATA", pgdata.toString());
      env.put("POD_NAME", CLUSTER + "-" + ordinal);
      env.put("PRIMARY_HOST", "127.0.0.1");
      env.put("PRIMARY_PORT", Integer.toString(ports.get(0)));
      env.put("PGPORT", Integer.toString(port));
      env.put("SOCKET_DIR", pg.socketDir().toString());
      env.put("SECRETS_DIR", secrets.toString());
      env.put("SCRIPTS_DIR", scripts.toString());
      env.put("PASSFILE", pg.dir("instance-" + ordinal + "-run").resolve("replication.pgpass").toString());
      envs.add(env);
      long s0 = System.nanoTime();
      LocalPostgres.Result r = pg.run(Duration.ofSeconds(120), env,
          List.of("bash", scripts.resolve("bootstrap.sh").toString()), true);
      System.out.printf("[timing] bootstrap.sh ordinal %d: %.1f s%n", ordinal, (System.nanoTime() - s0) / 1e9);
      r.ok();
      assertThat(r.output()).contains(ordinal == 0 ? "primary: ready" : "instance " + ordinal + ": cloned from 127.0.0.1");
      // What the postgres container does: run the server on the prepared data directory.
      pg.start(pgdata, port);
    }
    System.out.printf("[timing] primary + 2 replicas up from the generated bootstrap.sh: %.1f s%n",
        (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  void stopCluster() {
    if (pg != null) {
      pg.close();
    }
  }

  private String pw(String role) {
    return IsolationOnRealPostgresTest.password(role);
  }

  /** Polls a query until it returns the expected text (replication is asynchronous), at most 30 s. */
  private void awaitOn(int port, String role, String database, String sql, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    LocalPostgres.Result last = null;
    while (System.nanoTime() < deadline) {
      last = pg.as(role, pw(role), port, database, sql);
      if (last.exit() == 0 && last.output().trim().equals(expected)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("port " + port + ": expected '" + expected + "' from " + sql + ", last: " + last);
  }

  @Test
  @Order(1)
  void replicas_whenRowIsWrittenOnPrimary_readItAndRefuseWrites() throws InterruptedException {
    int primary = ports.get(0);
    long t0 = System.nanoTime();
    pg.as("a2", pw("a2"), primary, "a2", "CREATE TABLE replicated (id int PRIMARY KEY, note text);"
        + "INSERT INTO replicated VALUES (1, 'written on the primary')").ok();
    for (int i = 1; i < 3; i++) {
      awaitOn(ports.get(i), "a2", "a2", "SELECT note FROM replicated WHERE id = 1", "written on the primary");
      assertThat(pg.as("a2", pw("a2"), ports.get(i), "a2", "SELECT pg_is_in_recovery()").ok().output().trim()).isEqualTo("t");
      assertThat(pg.as("a2", pw("a2"), ports.get(i), "a2", "INSERT INTO replicated VALUES (2, 'x')").output())
          .contains("read-only transaction");
    }
    assertThat(pg.superuser(primary, "postgres", "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")
        .ok().output().trim()).isEqualTo("2");
    System.out.printf("[timing] row written on the primary read on both replicas: %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @Test
  @Order(2)
  void hba_whenAnAgentLogsInToAnotherAgentsDatabase_rejectsIt() {
    assertThat(pg.as("a2", pw("a2"), ports.get(0), "a3", "SELECT 1").output()).contains("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"a2\", database \"a3\"");
    assertThat(pg.as("a2", "wrong", ports.get(0), "a2", "SELECT 1").output()).contains("password authentication failed");
  }

  @Test
  @Order(3)
  void restore_whenA2IsDroppedAfterBackup_bringsBackA2AndLeavesA3Untouched() throws IOException, InterruptedException {
    int primary = ports.get(0);
    String a2Rows = "SELECT string_agg(id || ':' || guest, ',' ORDER BY id) FROM bookings";
    pg.as("a2", pw("a2"), primary, "a2", "CREATE TABLE bookings (id int PRIMARY KEY, guest text);"
        + "INSERT INTO bookings SELECT g, 'a2 guest ' || g FROM generate_series(1, 500) g;"
        + "CREATE VIEW recent AS SELECT * FROM bookings WHERE id > 490").ok();
    pg.as("a3", pw("a3"), primary, "a3", "CREATE TABLE bookings (id int PRIMARY KEY, guest text);"
        + "INSERT INTO bookings SELECT g, 'a3 guest ' || g FROM generate_series(1, 300) g").ok();
    String a2Before = pg.as("a2", pw("a2"), primary, "a2", a2Rows).ok().output();

    Path backups = pg.dir("backups");
    Path stale = pg.write("backups/a2/a2-20000101T020000Z.dump", "an old dump past the retention");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
    long t0 = System.nanoTime();
    LocalPostgres.Result backup = pg.run(Duration.ofMinutes(2), Map.of("PGHOST", "127.0.0.1",
        "PGPORT", Integer.toString(primary), "SECRETS_DIR", secrets.toString(), "BACKUP_DIR", backups.toString()),
        List.of("bash", scripts.resolve("backup.sh").toString(), "backup"), true);
    System.out.printf("[timing] backup.sh (3 dumps + base backup): %.1f s%n", (System.nanoTime() - t0) / 1e9);
    backup.ok();
    assertThat(stale).as("a dump older than the retention is pruned").doesNotExist();
    Path a2Dump = only(backups.resolve("a2"));
    assertThat(only(backups.resolve("a3")).getFileName().toString()).matches("a3-[0-9]{8}T[0-9]{6}Z\\.dump");
    assertThat(only(backups.resolve("base")).resolve("base.tar.gz")).exists();

    // After the backup, A3 changes (a restore of A2 must not roll it back) and A2 is lost.
    pg.as("a3", pw("a3"), primary, "a3", "INSERT INTO bookings VALUES (301, 'after the backup')").ok();
    String a3Before = pg.as("a3", pw("a3"), primary, "a3", "SELECT count(*), max(guest) FROM bookings").ok().output();
    pg.superuser(primary, "postgres", "DROP DATABASE a2 WITH (FORCE)").ok();

    Path restore = pg.write("restore.sh", tree.files().get("database/restore.sh"));
    Map<String, String> admin = Map.of("PGHOST", pg.socketDir().toString(), "PGPORT", Integer.toString(primary));
    LocalPostgres.Result dry = pg.run(Duration.ofSeconds(60), admin, List.of("bash", restore.toString(), "--database",
        "a2", "--dump", a2Dump.toString(), "--dry-run"), true).ok();
    assertThat(dry.output()).contains("would restore");
    assertThat(pg.superuser(primary, "postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'a2%'").ok()
        .output().trim()).as("--dry-run changes nothing").isEqualTo("0");

    long r0 = System.nanoTime();
    LocalPostgres.Result restored = pg.run(Duration.ofMinutes(2), admin, List.of("bash", restore.toString(),
        "--database", "a2", "--dump", a2Dump.toString()), true);
    System.out.printf("[timing] restore.sh of a2 (500 rows): %.1f s%n", (System.nanoTime() - r0) / 1e9);
    restored.ok();

    assertThat(pg.as("a2", pw("a2"), primary, "a2", a2Rows).ok().output()).isEqualTo(a2Before);
    assertThat(pg.as("a2", pw("a2"), primary, "a2", "SELECT count(*) FROM recent").ok().output().trim()).isEqualTo("10");
    assertThat(pg.as("a3", pw("a3"), primary, "a3", "SELECT count(*), max(guest) FROM bookings").ok().output())
        .as("A3 untouched, including what it wrote after the backup").isEqualTo(a3Before);
    assertThat(pg.superuser(primary, "a2", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'a2' "
        + "UNION ALL SELECT tableowner FROM pg_tables WHERE tablename = 'bookings'").ok().output().trim())
        .isEqualTo("a2\na2");
    assertThat(pg.superuser(primary, "postgres", "SELECT has_database_privilege('a3', 'a2', 'CONNECT'), "
        + "has_database_privilege('a2', 'a2', 'CONNECT'), (SELECT count(*) FROM pg_database WHERE datname LIKE '%restoring')")
        .ok().output().trim()).as("isolation re-applied, staging database gone").isEqualTo("f|t|0");
    awaitOn(ports.get(1), "a2", "a2", "SELECT count(*) FROM bookings", "500");

    // Restoring over a live database replaces it: what was written since the dump is gone, A3 still untouched.
    pg.as("a2", pw("a2"), primary, "a2", "INSERT INTO bookings VALUES (9999, 'written after the restore')").ok();
    pg.run(Duration.ofMinutes(2), admin, List.of("bash", restore.toString(), "--database", "a2", "--dump",
        a2Dump.toString()), true).ok();
    assertThat(pg.as("a2", pw("a2"), primary, "a2", a2Rows).ok().output()).isEqualTo(a2Before);
    assertThat(pg.as("a3", pw("a3"), primary, "a3", "SELECT count(*), max(guest) FROM bookings").ok().output())
        .isEqualTo(a3Before);
  }

  @Test
  @Order(4)
  void restore_whenArgumentsAreWrong_failsWithAClearMessageAndTouchesNothing() {
    Path restore = pg.write("restore.sh", tree.files().get("database/restore.sh"));
    Map<String, String> admin = Map.of("PGHOST", pg.socketDir().toString(), "PGPORT", Integer.toString(ports.get(0)));
    LocalPostgres.Result help = pg.run(Duration.ofSeconds(10), admin, List.of("bash", restore.toString(), "--help"), true);
    assertThat(help.exit()).isZero();
    assertThat(help.output()).startsWith("Usage: restore.sh --database NAME --dump FILE");
    LocalPostgres.Result unknown = pg.run(Duration.ofSeconds(10), admin, List.of("bash", restore.toString(),
        "--database", "postgres", "--dump", "/dev/null"), true);
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.output()).contains("'postgres' is not an agent database of this fleet (one of: a2 a3 a4)");
    Path notADump = pg.write("not-a-dump.dump", "plain text");
    LocalPostgres.Result bad = pg.run(Duration.ofSeconds(30), admin, List.of("bash", restore.toString(),
        "--database", "a4", "--dump", notADump.toString()), true);
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.output()).contains("is not a pg_dump custom-format file");
    LocalPostgres.Result missing = pg.run(Duration.ofSeconds(10), admin, List.of("bash", restore.toString(), "--database", "a4"), true);
    assertThat(missing.output()).contains("--dump is required");
    assertThat(pg.superuser(ports.get(0), "postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'a4%'").ok()
        .output().trim()).isEqualTo("1");
  }

  // ---- issue 9, defect 10: statefulset mode replicated only in the simple case

  private LocalPostgres.Result bootstrap(int ordinal, int primaryPort) {
    Map<String, String> env = new LinkedHashMap<>(envs.get(ordinal));
    env.put("PRIMARY_PORT", Integer.toString(primaryPort));
    envs.set(ordinal, env);
    return pg.run(Duration.ofSeconds(120), env, List.of("bash", scripts.resolve("bootstrap.sh").toString()), true);
  }

  private LocalPostgres.Result keeper(int ordinal, String command) {
    return pg.run(Duration.ofSeconds(60), envs.get(ordinal),
        List.of("bash", scripts.resolve("keeper.sh").toString(), command), true);
  }

  private String sql(int port, String query) {
    return pg.superuser(port, "postgres", query).ok().output().trim();
  }

  /** Polls the primary until its replicas stream again (they reconnect on their own, every few seconds). */
  private void awaitStreaming(int primary, int replicas) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = sql(primary, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'");
      if (last.equals(Integer.toString(replicas))) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("expected " + replicas + " streaming replicas on port " + primary + ", got " + last);
  }

  @Test
  @Order(5)
  void replicasHadNoReplicationSlots_now_aReplicaBehindTheKeptWalCatchesUpThroughItsSlot() throws InterruptedException {
    int primary = ports.get(0);
    assertThat(sql(primary, "SELECT string_agg(slot_name || ':' || slot_type || ':' || active, ',' ORDER BY slot_name) "
        + "FROM pg_replication_slots"))
        .isEqualTo("booking_agents_postgres_1:physical:true,booking_agents_postgres_2:physical:true");
    // Only the slot may keep WAL for the replica: no wal_keep_size reserve.
    sql(primary, "ALTER SYSTEM SET wal_keep_size = 0");
    sql(primary, "SELECT pg_reload_conf()");
    pg.stop(data.get(2));
    pg.as("a4", pw("a4"), primary, "a4", "CREATE TABLE lagging (id int PRIMARY KEY, pad text)").ok();
    for (int i = 0; i < 4; i++) {
      pg.as("a4", pw("a4"), primary, "a4", "INSERT INTO lagging SELECT g, repeat('x', 200) FROM generate_series("
          + (i * 20000 + 1) + ", " + ((i + 1) * 20000) + ") g").ok();
      sql(primary, "SELECT pg_switch_wal()");
      sql(primary, "CHECKPOINT");
    }
    assertThat(sql(primary, "SELECT active || ':' || wal_status FROM pg_replication_slots "
        + "WHERE slot_name = 'booking_agents_postgres_2'"))
        .as("the stopped replica's WAL is held for it").isEqualTo("false:reserved");

    bootstrap(2, primary).ok();
    pg.start(data.get(2), ports.get(2));
    awaitOn(ports.get(2), "a4", "a4", "SELECT count(*) FROM lagging", "80000");
    awaitStreaming(primary, 2);
    sql(primary, "ALTER SYSTEM RESET wal_keep_size");
    sql(primary, "SELECT pg_reload_conf()");
  }

  @Test
  @Order(6)
  void rotatedReplicationPassword_brokeStreaming_now_replicasReconnectWithTheNewOneAndItIsStoredNowhere()
      throws IOException, InterruptedException {
    int primary = ports.get(0);
    for (Path pgdata : data) {
      assertNoSecretIn(pgdata, "replication-secret-42");
      assertThat(pgdata.resolve("postgresql.auto.conf")).content().doesNotContain("primary_conninfo");
    }
    assertThat(Files.readString(data.get(1).resolve("agentfleet-standby.conf")))
        .contains("passfile=" + envs.get(1).get("PASSFILE"), "primary_slot_name = 'booking_agents_postgres_1'");

    // The Secret changes (External Secrets or kubectl): Kubernetes updates the mounted file in every pod.
    pg.write("secrets/" + CLUSTER + "-replication/password", "rotated:secret\\43");
    keeper(0, "passwords").ok();
    for (int i = 0; i < 3; i++) {
      keeper(i, "passfile").ok();
    }
    // Existing streams survive a rotation; force every replica to log in again with the new password.
    sql(primary, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_replication");
    pg.as("a2", pw("a2"), primary, "a2", "CREATE TABLE after_rotation (id int); INSERT INTO after_rotation VALUES (7)").ok();
    for (int i = 1; i < 3; i++) {
      awaitOn(ports.get(i), "a2", "a2", "SELECT id FROM after_rotation", "7");
    }
    awaitStreaming(primary, 2);
    LocalPostgres.Result old = pg.run(Duration.ofSeconds(30), Map.of("PGPASSWORD", "replication-secret-42"),
        List.of(pg.bin().resolve("psql").toString(), "-X", "-tA", "host=127.0.0.1 port=" + primary + " user="
            + SqlPlan.REPLICATION_ROLE + " dbname=replication replication=true", "-c", "IDENTIFY_SYSTEM"), false);
    assertThat(old.output()).as("the old password no longer logs in").contains("password authentication failed");
    for (Path pgdata : data) {
      assertNoSecretIn(pgdata, "rotated:secret");
    }
  }

  @Test
  @Order(7)
  void ordinalZeroRestartedAsPrimaryAfterFailover_now_refusesThenRejoinsAsReplicaOfThePromotedOne()
      throws InterruptedException {
    int oldPrimary = ports.get(0);
    int newPrimary = ports.get(1);
    pg.stop(data.get(0));
    pg.run(Duration.ofSeconds(60), Map.of(), List.of(pg.bin().resolve("pg_ctl").toString(), "-D", data.get(1).toString(),
        "-w", "promote"), true).ok();
    // The failover procedure patches the read-write Service to the promoted instance: PRIMARY_PORT follows it.
    LocalPostgres.Result refused = bootstrap(0, newPrimary);
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.output()).contains("refusing to start booking-agents-postgres-0 as a primary",
        "on timeline 2, later than this instance's 1");

    pg.stop(data.get(2));
    bootstrap(2, newPrimary).ok();
    pg.start(data.get(2), ports.get(2));

    // Fail back, as database/README.md says: clear ordinal 0's volume; it clones the promoted primary.
    pg.run(Duration.ofSeconds(60), Map.of(), List.of("rm", "-rf", data.get(0).toString()), true).ok();
    LocalPostgres.Result rejoined = bootstrap(0, newPrimary).ok();
    assertThat(rejoined.output()).contains("instance 0: cloned from 127.0.0.1, a replica");
    pg.start(data.get(0), oldPrimary);

    pg.as("a3", pw("a3"), newPrimary, "a3", "CREATE TABLE after_failover (id int); INSERT INTO after_failover VALUES (9)").ok();
    awaitOn(oldPrimary, "a3", "a3", "SELECT id FROM after_failover", "9");
    awaitOn(ports.get(2), "a3", "a3", "SELECT id FROM after_failover", "9");
    assertThat(sql(oldPrimary, "SELECT pg_is_in_recovery()")).isEqualTo("t");
    awaitStreaming(newPrimary, 2);
    assertThat(sql(newPrimary, "SELECT string_agg(slot_name, ',' ORDER BY slot_name) FROM pg_replication_slots WHERE active"))
        .isEqualTo("booking_agents_postgres_0,booking_agents_postgres_2");
  }

  @Test
  @Order(8)
  void exporterQueries_whenRunAsTheMonitorRoleOverTheLocalSocket_answerOnPrimaryAndReplicas() throws Exception {
    JsonNode queries = new YAMLMapper().readTree(IsolationOnRealPostgresTest.configMapData(tree,
        "database/postgres-backup.yaml", "exporter-queries.yaml"));
    int primary = ports.get(1);
    for (int port : ports) {
      for (var it = queries.fields(); it.hasNext(); ) {
        var q = it.next();
        LocalPostgres.Result r = pg.run(Duration.ofSeconds(30), Map.of(), List.of(pg.bin().resolve("psql").toString(),
            "-X", "-tA", "-v", "ON_ERROR_STOP=1", "-h", pg.socketDir().toString(), "-p", Integer.toString(port),
            "-U", SqlPlan.MONITOR_ROLE, "-d", "postgres", "-c", q.getValue().path("query").asText()), false);
        assertThat(r.exit()).as("%s on port %d: %s", q.getKey(), port, r.output()).isZero();
        if (q.getKey().equals("cnpg_pg_replication_slots")) {
          assertThat(r.output().trim().lines().count()).as("slots listed on the primary only").isEqualTo(port == primary ? 2 : 0);
        }
      }
    }
    LocalPostgres.Result other = pg.run(Duration.ofSeconds(30), Map.of(), List.of(pg.bin().resolve("psql").toString(),
        "-X", "-tA", "-h", pg.socketDir().toString(), "-p", Integer.toString(primary), "-U", SqlPlan.MONITOR_ROLE,
        "-d", "a2", "-c", "SELECT 1"), false);
    assertThat(other.output()).as("the monitor role reaches no agent database").contains("no pg_hba.conf entry");
  }

  /** No file directly in the data directory (configuration, signals) holds the secret. */
  private static void assertNoSecretIn(Path pgdata, String secret) throws IOException {
    try (Stream<Path> files = Files.list(pgdata)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(secret);
      }
    }
  }

  private static Path only(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).as("files in %s", dir).hasSize(1);
      return all.get(0);
    }
  }
}
