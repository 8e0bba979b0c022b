package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.hcmc.cchc.cli.Cchc;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.GeneratedWarehouse;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.PgServer;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code publish} into a real PostgreSQL (a throw-away cluster of {@code scripts/pg-server} on
 * loopback): through {@code scripts/cchc publish} as a user runs it, then every published table
 * against its Delta source row for row, psql against the {@code sql} command, the read-only role,
 * a second publish, a swap that fails half-way, and two publishes at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishIT {
  private static final String QUERY = "SELECT period_month, received_new, resolved, resolved_late, pending_end "
      + "FROM gold.case_monthly WHERE scope_type = 'city' AND sector = '*' ORDER BY period_month";

  private PgServer pg;
  private final Map<String, String> client = new HashMap<>();
  private Warehouse warehouse;
  private Outcome published;
  private double publishSeconds;

  @BeforeAll
  void startPostgresAndPublishTheGeneratedYear() {
    pg = PgServer.start("publish-it-superuser-password");
    client.putAll(pg.exports());
    assertThat(client).containsKeys("CCHC_PG_URL", "CCHC_PG_USER", "CCHC_PG_PASSWORD", "PGPORT");

    // publish records itself in ops.runs: in a copy, the shared year is only read
    warehouse = GeneratedWarehouse.copyOfYear2021();
    long t0 = System.nanoTime();
    published = Launcher.run(client, "publish", "--warehouse", warehouse.root(), "--jdbc-url", client.get("CCHC_PG_URL"));
    publishSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("publish of the generated year through scripts/cchc: %.1f s (JVM start included)%n", publishSeconds);
  }

  @AfterAll
  void stopPostgres() {
    pg.close();
  }

  @Test
  @Order(1)
  void publishPrintsEveryGoldTableWithItsRowsAndVersion() {
    assertThat(published.exitCode()).as(published.stderr()).isZero();
    for (Table t : PostgresPublisher.TABLES) {
      assertThat(published.stdout()).containsPattern("gold\\." + t.tableName() + "\\s+[1-9]\\d*\\s+\\d+");
    }
    // the password never shows, not even in the logged config or the run record
    assertThat(published.stderr() + published.stdout()).doesNotContain(client.get("CCHC_PG_PASSWORD"));
  }

  @Test
  @Order(2)
  void everyPublishedTableEqualsItsDeltaSourceRowForRow() {
    for (Table t : PostgresPublisher.TABLES) {
      Dataset<Row> delta = warehouse.read(t);
      assertThat(delta.count()).as(t.sqlName()).isPositive();
      Frames.assertSameContent(delta, postgres("gold." + t.tableName()));
    }
  }

  /**
   * The published schema as Metabase and Superset read it, through JDBC's {@code DatabaseMetaData}:
   * a description for every table and every column (the data dictionary's, both languages) and a
   * primary key for every table (its grain).
   */
  @Test
  @Order(3)
  void aBiToolFindsADescriptionForEveryColumnAndAKeyForEveryTable() throws SQLException {
    try (Connection c = connect(client.get("CCHC_PG_USER"), client.get("CCHC_PG_PASSWORD"))) {
      java.sql.DatabaseMetaData meta = c.getMetaData();
      for (Table t : PostgresPublisher.TABLES) {
        try (ResultSet r = meta.getTables(null, "gold", t.tableName(), new String[] {"TABLE"})) {
          assertThat(r.next()).as(t.sqlName()).isTrue();
          assertThat(r.getString("REMARKS")).as(t.sqlName()).isEqualTo(t.text().comment());
        }
        Map<String, String> remarks = new HashMap<>();
        try (ResultSet r = meta.getColumns(null, "gold", t.tableName(), null)) {
          while (r.next()) {
            remarks.put(r.getString("COLUMN_NAME"), r.getString("REMARKS"));
          }
        }
        assertThat(remarks).as(t.sqlName()).hasSize(t.columns().list().size());
        t.columns().list().forEach(col -> assertThat(remarks.get(col.name())).as("%s.%s", t.sqlName(), col.name())
            .isEqualTo(col.text().comment()).contains(" | "));
        List<String> key = new ArrayList<>(t.grain().size());
        key.addAll(java.util.Collections.nCopies(t.grain().size(), ""));
        try (ResultSet r = meta.getPrimaryKeys(null, "gold", t.tableName())) {
          while (r.next()) {
            key.set(r.getShort("KEY_SEQ") - 1, r.getString("COLUMN_NAME"));
          }
        }
        assertThat(key).as("%s's primary key", t.sqlName()).isNotEmpty().isEqualTo(t.grain());
      }
    }
  }

  @Test
  @Order(3)
  void psqlShowsTheNumbersOfTheSqlCommand() {
    Outcome psql = Launcher.command(List.of("psql", "--csv", "-v", "ON_ERROR_STOP=1", "-c", QUERY), client);
    // the sql command's CSV, in process (LauncherIT shows the launcher prints what the command does)
    Outcome sql = InProcessCli.run("sql", "--conf", InProcessCli.localConf().toString(), "--warehouse",
        warehouse.root(), "--format", "csv", QUERY);
    assertThat(psql.exitCode()).as(psql.stderr()).isZero();
    assertThat(sql.exitCode()).as(sql.stderr()).isZero();
    assertThat(psql.stdout().lines()).hasSize(13); // header and twelve months
    assertThat(psql.stdout()).isEqualTo(sql.stdout());
  }

  @Test
  @Order(4)
  void theReaderRoleReadsTheMartsAndCannotChangeThem() throws SQLException {
    try (Connection admin = connect(client.get("CCHC_PG_USER"), client.get("CCHC_PG_PASSWORD"))) {
      update(admin, "DROP ROLE IF EXISTS metabase", "CREATE ROLE metabase LOGIN PASSWORD 'bi-password' IN ROLE cchc_reader");
    }
    try (Connection bi = connect("metabase", "bi-password")) {
      assertThat(count(bi, "SELECT count(*) FROM gold.case_monthly")).isEqualTo(warehouse.read(Table.GOLD_CASE_MONTHLY).count());
      assertThat(count(bi, "SELECT count(*) FROM gold.cchc_published")).isEqualTo(PostgresPublisher.TABLES.size());
      for (String write : List.of("DELETE FROM gold.case_monthly", "CREATE TABLE gold.mine (x int)",
          "DROP TABLE gold.work_monthly")) {
        assertThatThrownBy(() -> update(bi, write)).as(write).isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42000"));
      }
    }
  }

  /**
   * The labelled schema: one view per published table named by the data dictionary, with the
   * dictionary's Vietnamese labels as column names and its texts as comments, readable by the BI role.
   */
  @Test
  @Order(5)
  void everyPublishedTableHasAViewWithVietnameseColumnLabels() throws SQLException {
    try (Connection bi = connect("metabase", "bi-password")) {
      for (Table t : PostgresPublisher.TABLES) {
        String view = "bao_cao." + t.labelledView();
        assertThat(t.labelledView()).as(t.sqlName()).matches("[a-z][a-z0-9_]*");
        assertThat(count(bi, "SELECT count(*) FROM " + view)).as(view).isEqualTo(warehouse.read(t).count());
        List<String> labels = strings(bi, "SELECT attname FROM pg_attribute WHERE attrelid = '" + view
            + "'::regclass AND attnum > 0 ORDER BY attnum");
        assertThat(labels).as(view).containsExactlyElementsOf(t.columns().list().stream().map(c -> c.text().label())
            .toList());
        assertThat(strings(bi, "SELECT col_description('" + view + "'::regclass, 1)")).as(view)
            .containsExactly(t.columns().list().get(0).text().comment());
      }
      assertThat(strings(bi, "SELECT min(\"Tháng\")::text || ' ' || sum(\"Tiếp nhận mới\") FROM bao_cao."
          + Table.GOLD_CASE_MONTHLY.labelledView())).isEqualTo(strings(bi, "SELECT min(period_month)::text || ' ' "
          + "|| sum(received_new) FROM gold.case_monthly"));
    }
  }

  @Test
  @Order(6)
  void publishingAgainGivesTheSameTablesAndIndexesOnPeriodAndScope() throws SQLException {
    Map<String, Long> before = rowCounts();
    // views users made: on a published table, with a grant, and on a labelled view
    String labelled = "bao_cao." + Table.GOLD_CASE_MONTHLY.labelledView();
    String cityLate = "SELECT period_month, late_rate FROM gold.case_monthly WHERE scope_type = 'city' AND sector = '*'";
    try (Connection c = admin()) {
      update(c, "CREATE SCHEMA IF NOT EXISTS bi", "CREATE VIEW bi.city_late AS " + cityLate,
          "GRANT USAGE ON SCHEMA bi TO cchc_reader", "GRANT SELECT ON bi.city_late TO cchc_reader",
          "COMMENT ON VIEW bi.city_late IS 'the city''s late rate'",
          "CREATE VIEW bi.months AS SELECT DISTINCT \"Tháng\" AS thang FROM " + labelled);
    }
    List<PostgresPublisher.Published> again = publisher().publish("again", Instant.now());
    try (Connection bi = connect("metabase", "bi-password")) {
      assertThat(strings(bi, "SELECT period_month || ' ' || late_rate FROM bi.city_late ORDER BY 1"))
          .hasSize(12).isEqualTo(strings(bi, "SELECT period_month || ' ' || late_rate FROM (" + cityLate + ") x ORDER BY 1"));
      assertThat(strings(bi, "SELECT obj_description('bi.city_late'::regclass, 'pg_class')"))
          .containsExactly("the city's late rate");
    }
    try (Connection c = admin()) {
      assertThat(count(c, "SELECT count(*) FROM bi.months")).isEqualTo(count(c,
          "SELECT count(DISTINCT period_month) FROM gold.case_monthly")).isPositive();
      update(c, "DROP VIEW bi.months", "DROP VIEW bi.city_late");
    }
    assertThat(again).extracting(PostgresPublisher.Published::rows)
        .containsExactlyElementsOf(PostgresPublisher.TABLES.stream().map(t -> before.get(t.tableName())).toList());
    assertThat(rowCounts()).isEqualTo(before);
    Frames.assertSameContent(warehouse.read(Table.GOLD_TARGET_ATTAINMENT), postgres("gold.target_attainment"));
    try (Connection c = admin()) {
      assertThat(strings(c, "SELECT indexname FROM pg_indexes WHERE schemaname = 'gold' AND tablename = 'case_monthly'"))
          .contains("case_monthly_period_idx", "case_monthly_scope_idx");
      assertThat(strings(c, "SELECT indexdef FROM pg_indexes WHERE indexname = 'target_attainment_scope_idx'"))
          .singleElement().asString().contains("(scope_type, scope_code, year)");
      assertThat(strings(c, "SELECT run_id FROM gold.cchc_published")).containsOnly("again");
      assertThat(strings(c, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'gold%'")).containsExactly("gold");
    }
  }

  /**
   * A view a user made that the new tables no longer fit (it names a column they lack) fails the
   * publish at its very end, after every table was swapped: one line names the view, and the
   * transaction rolls back, so the published marts are as they were.
   */
  @Test
  @Order(7)
  void aSwapThatFailsHalfWayLeavesThePublishedMartsAsTheyWere() throws SQLException {
    long cityRows;
    try (Connection c = admin()) {
      // mark the published case_monthly, and a view on a column the next target_attainment will not have
      update(c, "DELETE FROM gold.case_monthly WHERE scope_type = 'city'",
          "ALTER TABLE gold.target_attainment ADD COLUMN note text",
          "CREATE SCHEMA IF NOT EXISTS bi", "CREATE VIEW bi.attainment AS SELECT year, note FROM gold.target_attainment");
      cityRows = count(c, "SELECT count(*) FROM gold.case_monthly");
    }
    assertThatThrownBy(() -> publisher().publish("blocked", Instant.now()))
        .hasMessageStartingWith("the view bi.attainment built on the published tables no longer fits them: ")
        .hasMessageContaining("note").hasMessageContaining("nothing was changed");
    try (Connection c = admin()) {
      // case_monthly was swapped before the failure, and that swap was rolled back with the rest
      assertThat(count(c, "SELECT count(*) FROM gold.case_monthly")).isEqualTo(cityRows);
      assertThat(strings(c, "SELECT DISTINCT run_id FROM gold.cchc_published")).containsOnly("again");
      assertThat(strings(c, "SELECT nspname FROM pg_namespace WHERE nspname = 'gold_staging'")).isEmpty();
      update(c, "DROP VIEW bi.attainment");
    }
    publisher().publish("unblocked", Instant.now());
    Frames.assertSameContent(warehouse.read(Table.GOLD_CASE_MONTHLY), postgres("gold.case_monthly"));
  }

  @Test
  @Order(8)
  void aSecondPublishWhileOneRunsFailsAtOnceAndChangesNothing() throws SQLException {
    try (Connection running = admin();
        Statement s = running.createStatement();
        ResultSet r = s.executeQuery("SELECT pg_advisory_lock(hashtext('cchc publish gold'))")) {
      r.next();
      assertThatThrownBy(() -> publisher().publish("second", Instant.now()))
          .hasMessageContaining("another publish into schema gold is running");
    }
    try (Connection c = admin()) {
      assertThat(strings(c, "SELECT DISTINCT run_id FROM gold.cchc_published")).containsOnly("unblocked");
    }
  }

  @Test
  @Order(9)
  void aUrlThatIsNotPostgresIsAUsageErrorAndAWrongPasswordOneLineWithoutIt() {
    Outcome mysql = InProcessCli.run("publish", "--conf", InProcessCli.localConf().toString(), "--warehouse",
        warehouse.root(), "--jdbc-url", "mysql://127.0.0.1/cchc");
    assertThat(mysql.exitCode()).isEqualTo(Cchc.USAGE);
    assertThat(mysql.stderr()).contains("cchc publish: --jdbc-url must be a PostgreSQL JDBC URL");
    PostgresPublisher.Destination wrong = new PostgresPublisher.Destination(client.get("CCHC_PG_URL"), "cchc",
        "not-the-password", "gold", "cchc_reader", 1000);
    assertThatThrownBy(() -> new PostgresPublisher(warehouse, wrong).publish("x", Instant.now()))
        .hasMessageContaining("password authentication failed").hasMessageNotContaining("not-the-password");
  }

  private PostgresPublisher publisher() {
    return new PostgresPublisher(warehouse, new PostgresPublisher.Destination(client.get("CCHC_PG_URL"),
        client.get("CCHC_PG_USER"), client.get("CCHC_PG_PASSWORD"), "gold", "cchc_reader", 1000));
  }

  private Dataset<Row> postgres(String table) {
    Properties p = new Properties();
    p.setProperty("user", client.get("CCHC_PG_USER"));
    p.setProperty("password", client.get("CCHC_PG_PASSWORD"));
    return TestSpark.session().read().jdbc(client.get("CCHC_PG_URL"), table, p);
  }

  private Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection c = admin()) {
      for (Table t : PostgresPublisher.TABLES) {
        counts.put(t.tableName(), count(c, "SELECT count(*) FROM gold." + t.tableName()));
      }
    }
    return counts;
  }

  private Connection admin() throws SQLException {
    return connect(client.get("CCHC_PG_USER"), client.get("CCHC_PG_PASSWORD"));
  }

  private Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return new org.postgresql.Driver().connect(client.get("CCHC_PG_URL"), p);
  }

  private static void update(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
