package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.support.Folders;
import vn.hcmc.cchc.support.GeneratedWeek;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.PgServer;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code catalog sync} into real metastores, through {@code scripts/cchc} as a user runs it, in five
 * launches: a PostgreSQL-backed metastore (a throw-away cluster of {@code scripts/pg-server}) synced
 * twice while {@code serve} holds it open, a third process reading {@code gold.case_monthly} by name
 * from it with its comments; then a {@code run} configured with an embedded Derby metastore, which
 * it fills at its end. The metastores' own tables are read over JDBC, not through Spark.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogIT {
  private static final Pattern LISTENING = Pattern.compile("serve: Spark Connect on \\S+ \\(pid (\\d+)\\), (\\d+) "
      + "tables of metastore (\\S+),");
  /** Each registered table's location, from the metastore's own tables (a Spark table's is its serde's "path"). */
  private static final String LOCATIONS = "SELECT d.\"NAME\", t.\"TBL_NAME\", p.\"PARAM_VALUE\" FROM \"TBLS\" t "
      + "JOIN \"DBS\" d ON t.\"DB_ID\" = d.\"DB_ID\" JOIN \"SDS\" s ON t.\"SD_ID\" = s.\"SD_ID\" "
      + "JOIN \"SERDE_PARAMS\" p ON p.\"SERDE_ID\" = s.\"SERDE_ID\" AND p.\"PARAM_KEY\" = 'path'";

  private final Map<String, String> client = new HashMap<>();
  private PgServer pg;
  private String metastoreUrl;
  private Warehouse synced;
  private Warehouse ran;
  private Path derby;
  private Outcome first;
  private Outcome second;
  private Outcome describe;
  private Outcome run;
  private String serveLine = "";
  private long metastoreConnectionsOfServe;
  private final List<String> timings = new ArrayList<>();

  @BeforeAll
  void syncTwiceWhileServeHoldsTheCatalogThenRunWithDerby() throws Exception {
    long start = System.nanoTime();
    Path dir = TestSpark.tempDir("catalog-it");
    pg = PgServer.start("catalog-it-superuser-password");
    try (Connection admin = pg.connect("cchc"); Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE cchc_metastore");
    }
    metastoreUrl = pg.url("cchc_metastore");
    client.put("CCHC_METASTORE_USER", pg.exports().get("CCHC_PG_USER"));
    client.put("CCHC_METASTORE_PASSWORD", pg.exports().get("CCHC_PG_PASSWORD"));

    synced = copyOfTheWeek();
    timings.add(String.format(Locale.ROOT, "PostgreSQL and the week's warehouse ready %.1f s",
        (System.nanoTime() - start) / 1e9));
    first = timed("first sync", () -> Launcher.run(client, "catalog", "sync", "--warehouse", synced.root(),
        "--metastore", metastoreUrl));
    assertThat(first.exitCode()).as(first.stderr()).isZero();

    // process A: a long-lived session over the metastore; B and C work on it while A holds it
    Path serveLog = Files.createTempFile("cchc-serve", ".log");
    Process serve = Launcher.start("cchc", client, serveLog, "serve", "--warehouse", synced.root(), "--metastore",
        metastoreUrl, "--port", String.valueOf(Launcher.freePort()));
    try {
      long t0 = System.nanoTime();
      for (long deadline = t0 + TimeUnit.MINUTES.toNanos(5); !LISTENING.matcher(serveLine).find(); Thread.sleep(200)) {
        serveLine = Files.readString(serveLog);
        assertThat(serve.isAlive() && System.nanoTime() < deadline).as("serve started: %s", serveLine).isTrue();
      }
      timings.add(String.format(Locale.ROOT, "serve listening %.1f s", (System.nanoTime() - t0) / 1e9));
      metastoreConnectionsOfServe = count("SELECT count(*) FROM pg_stat_activity WHERE datname = 'cchc_metastore' "
          + "AND pid <> pg_backend_pid()");
      second = timed("second sync", () -> Launcher.run(client, "catalog", "sync", "--warehouse", synced.root(),
          "--metastore", metastoreUrl));
      describe = timed("sql --metastore", () -> Launcher.run(client, "sql", "--metastore", metastoreUrl, "--format",
          "csv", "DESCRIBE TABLE EXTENDED gold.case_monthly"));
      assertThat(serve.isAlive()).as("serve held the catalog throughout: %s", Files.readString(serveLog)).isTrue();
    } finally {
      serve.destroy(); // SIGTERM, as `kill PID`
      if (!serve.waitFor(60, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }

    // a run configured with a Derby metastore syncs it at its end (the week again: nothing new to load)
    ran = copyOfTheWeek();
    derby = dir.resolve("derby-metastore");
    Map<String, String> env = new HashMap<>(GeneratedWeek.keyEnv());
    env.put("CCHC_METASTORE", "derby:" + derby);
    run = timed("run with a Derby catalog", () -> Launcher.run(env, "run", "--raw", GeneratedWeek.raw().toString(),
        "--warehouse", ran.root()));
    System.out.printf(Locale.ROOT, "CatalogIT: %s; %.1f s in all%n", String.join(", ", timings),
        (System.nanoTime() - start) / 1e9);
  }

  @AfterAll
  void stopPostgres() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void theFirstSyncCreatesTheSchemaAndRegistersEveryTableOnStorage() throws SQLException {
    assertThat(first.stderr()).contains("schema 2.3.0 created");
    List<Table> onStorage = List.of(Table.values()).stream().filter(synced::exists).toList();
    assertThat(onStorage).contains(Table.GOLD_CASE_MONTHLY, Table.SILVER_CASES, Table.OPS_RUNS);
    for (Table t : onStorage) {
      assertThat(first.stdout()).containsPattern("(?m)^" + Pattern.quote(t.sqlName()) + "\\s+created\\s+file:/+"
          + Pattern.quote(synced.root().substring(1) + "/" + t.relativePath()) + "$");
    }
    assertThat(first.stdout()).contains("catalog sync: " + onStorage.size() + " tables: " + onStorage.size()
        + " created, 0 re-pointed, 0 unchanged; databases created: bronze, silver, gold, ops");
    // exactly those names in the metastore's own tables, each at its location
    Map<String, String> expected = new TreeMap<>();
    onStorage.forEach(t -> expected.put(t.sqlName(), "file:" + synced.location(t)));
    try (Connection c = pg.connect("cchc_metastore")) {
      assertThat(locations(c)).isEqualTo(expected);
    }
  }

  @Test
  void theSecondSyncWhileServeHoldsTheCatalogChangesNothingAndSaysSo() throws SQLException {
    assertThat(metastoreConnectionsOfServe).as("serve's connections to the metastore's database").isPositive();
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stderr()).contains("schema 2.3.0 present").doesNotContain("schema 2.3.0 created");
    assertThat(second.stdout()).doesNotContain(" created ").doesNotContain("re-pointed")
        .containsPattern("(?m)^gold\\.case_monthly\\s+unchanged\\s")
        .contains("catalog sync: " + first.stdout().lines().filter(l -> l.contains(" created ")).count()
            + " tables already registered, nothing changed");
    try (Connection c = pg.connect("cchc_metastore")) {
      assertThat(count(c, "SELECT count(*) FROM \"TBLS\"")).isEqualTo(locations(c).size());
      assertThat(count(c, "SELECT count(*) FROM \"VERSION\"")).isEqualTo(1);
    }
  }

  @Test
  void anotherProcessReadsGoldCaseMonthlyByNameWithItsCommentsWhileServeHoldsTheCatalog() {
    Matcher serving = LISTENING.matcher(serveLine);
    assertThat(serving.find()).isTrue();
    assertThat(serving.group(3)).isEqualTo(metastoreUrl);
    assertThat(Integer.parseInt(serving.group(2))).isEqualTo(
        (int) first.stdout().lines().filter(l -> l.contains(" created ")).count());
    assertThat(describe.exitCode()).as(describe.stderr()).isZero();
    String table = describe.stdout();
    // the table's comment and every column's, both languages, from the Delta log of the table in the warehouse
    assertThat(table).contains(csv(Table.GOLD_CASE_MONTHLY.text().comment()))
        .contains("file:" + synced.location(Table.GOLD_CASE_MONTHLY)).containsPattern("(?m)^Type,EXTERNAL,");
    Table.GOLD_CASE_MONTHLY.columns().list().forEach(col -> assertThat(table).as(col.name())
        .containsPattern("(?m)^" + col.name() + ",\\w+," + Pattern.quote(csv(col.text().comment()))));
    for (Outcome o : List.of(first, second, describe)) {
      assertThat(o.stdout() + o.stderr()).doesNotContain(client.get("CCHC_METASTORE_PASSWORD"));
    }
  }

  @Test
  void aRunConfiguredWithADerbyMetastoreRegistersItsTablesAtItsEnd() throws SQLException {
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("metastore derby:" + derby + ": schema 2.3.0 created");
    Row last = ran.read(Table.OPS_RUNS).orderBy(org.apache.spark.sql.functions.desc("started_at")).first();
    List<Row> stages = last.getList(last.fieldIndex("stages"));
    Row catalog = stages.get(stages.size() - 1);
    assertThat(catalog.<String>getAs("stage")).isEqualTo("catalog");
    assertThat(catalog.<String>getAs("detail")).contains("created").endsWith("(metastore derby:" + derby + ")");
    // the run has ended: this JVM opens the Derby folder it left, which one process at a time may
    String url = "jdbc:derby:;databaseName=" + derby.resolve("metastore_db");
    try (Connection c = DriverManager.getConnection(url, "APP", null)) {
      assertThat(locations(c)).containsEntry("gold.case_monthly", "file:" + ran.location(Table.GOLD_CASE_MONTHLY))
          .containsEntry("silver.cases", "file:" + ran.location(Table.SILVER_CASES));
      assertThat(count(c, "SELECT count(*) FROM \"VERSION\" WHERE \"SCHEMA_VERSION\" = '2.3.0'")).isEqualTo(1);
    } finally {
      try {
        DriverManager.getConnection(url + ";shutdown=true").close();
      } catch (SQLException shutDown) {
        // Derby answers a shutdown with an exception (08006)
      }
    }
  }

  private interface Launch {
    Outcome get() throws Exception;
  }

  private Outcome timed(String what, Launch launch) throws Exception {
    long t0 = System.nanoTime();
    Outcome o = launch.get();
    timings.add(String.format(Locale.ROOT, "%s %.1f s", what, (System.nanoTime() - t0) / 1e9));
    return o;
  }

  /** A copy of the generated week's warehouse (a run writes ops.runs; the shared one is only read). */
  private static Warehouse copyOfTheWeek() {
    Path to = TestSpark.tempDir("catalog-wh");
    Folders.copy(Path.of(GeneratedWeek.warehouse().root()), to);
    return new Warehouse(TestSpark.session(), to.toString());
  }

  private long count(String sql) throws SQLException {
    try (Connection c = pg.connect("cchc_metastore")) {
      return count(c, sql);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** {@code layer.table -> location} of every table the metastore holds. */
  private static Map<String, String> locations(Connection c) throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(LOCATIONS)) {
      while (r.next()) {
        out.put(r.getString(1) + "." + r.getString(2), r.getString(3));
      }
    }
    return out;
  }

  /** {@code value} as a field of {@code sql --format csv}. */
  private static String csv(String value) {
    return ResultPrinter.csvLine(List.of(value));
  }

  static {
    try {
      Class.forName("org.apache.derby.jdbc.EmbeddedDriver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
