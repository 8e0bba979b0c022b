package vn.hcmc.cchc.serve;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.config.Messages;
import vn.hcmc.cchc.config.Secrets;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Publishes the gold tables into PostgreSQL for BI tools: same table names and columns, in a
 * schema of their own ({@code gold} by default, so {@code gold.case_monthly} is spelt the same in
 * psql as in {@code scripts/cchc sql}).
 *
 * <p>How a dashboard never sees a half-published mart: the executors load every table into a
 * staging schema ({@code <schema>_staging}) and the primary keys (each table's grain, from the data
 * dictionary), the comments (the dictionary's English and Vietnamese texts) and the indexes are
 * built there; then one transaction
 * drops the published tables and moves the staged ones in, grants the read-only role, and records
 * the Delta version of each table in {@code <schema>.cchc_published}. Readers see the old marts
 * until the commit and the new ones after it (PostgreSQL's DDL is transactional). If any step fails
 * the transaction rolls back and the published marts are untouched. Two publishes into one schema
 * at once: the second fails at once (a session advisory lock), it does not interleave.
 *
 * <p>The same transaction makes the labelled schema again ({@code bao_cao} beside {@code gold}): one
 * view per table with the data dictionary's Vietnamese labels as column names, for dashboards. Views
 * users built on the published tables or on the labelled views are kept ({@link DependentViews}):
 * dropped before the swap and made again after it, with their owners, grants and comments; one that
 * no longer fits the new tables fails the publish with a line naming it, and nothing changes.
 */
public final class PostgresPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresPublisher.class);
  /** The tables published, in the order of the swap. */
  public static final List<Table> TABLES =
      Arrays.stream(Table.values()).filter(t -> t.layer().equals("gold")).toList();
  /** Metadata table of the publish: one row per published table. */
  public static final String PUBLISHED = "cchc_published";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String PG_DEPENDENT_OBJECTS = "2BP01";

  /** Where to publish: the database, who connects, the schema and the role BI users are given. */
  public record Destination(String jdbcUrl, String user, String password, String schema, String readerRole,
      int batchSize) {
    public Destination {
      if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
        throw new UsageException("--jdbc-url must be a PostgreSQL JDBC URL, jdbc:postgresql://HOST:PORT/DATABASE, not '"
            + Secrets.mask(String.valueOf(jdbcUrl)) + "'");
      }
      for (String name : List.of(schema, readerRole)) {
        if (!IDENTIFIER.matcher(name).matches()) {
          throw new UsageException("'" + name + "' is not a plain PostgreSQL name (lower case letters, digits, _)");
        }
      }
    }

    Properties properties() {
      Properties p = new Properties();
      if (user != null) {
        p.setProperty("user", user);
      }
      if (password != null) {
        p.setProperty("password", password);
      }
      // one multi-row INSERT per batch instead of one statement per row
      p.setProperty("reWriteBatchedInserts", "true");
      p.setProperty("ApplicationName", "cchc publish");
      p.setProperty("driver", "org.postgresql.Driver"); // for Spark's JDBC writer on the executors
      return p;
    }

    String staging() {
      return schema + "_staging";
    }

    /** The schema of the views with Vietnamese column labels: {@code bao_cao} beside {@code gold}, else {@code <schema>_bao_cao}. */
    String labelled() {
      return schema.equals("gold") ? "bao_cao" : schema + "_bao_cao";
    }
  }

  /** One published table: its rows and the Delta version they came from. */
  public record Published(Table table, long rows, long deltaVersion) {}

  private final Warehouse warehouse;
  private final Destination destination;

  public PostgresPublisher(Warehouse warehouse, Destination destination) {
    this.warehouse = warehouse;
    this.destination = destination;
  }

  /** Publishes every gold table (see the class comment); {@code runId} is recorded beside each. */
  public List<Published> publish(String runId, Instant now) {
    for (Table t : TABLES) {
      if (!warehouse.exists(t)) {
        throw new UsageException("no " + t.sqlName() + " in " + warehouse.root()
            + " (run `scripts/cchc marts` first, or fix --warehouse)");
      }
    }
    try (Connection control = connect()) {
      lock(control);
      try {
        execute(control, "DROP SCHEMA IF EXISTS " + destination.staging() + " CASCADE",
            "CREATE SCHEMA " + destination.staging());
        List<Published> published = new ArrayList<>();
        for (Table t : TABLES) {
          published.add(stage(control, t));
        }
        swap(control, published, runId, now);
        return published;
      } finally {
        execute(control, "DROP SCHEMA IF EXISTS " + destination.staging() + " CASCADE");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + Secrets.mask(destination.jdbcUrl()) + ": " + firstLine(e), e);
    }
  }

  /** Loads one table, at one Delta version, into the staging schema, with its indexes. */
  private Published stage(Connection control, Table t) throws SQLException {
    long version = warehouse.version(t);
    Dataset<Row> rows = warehouse.spark().read().format("delta").option("versionAsOf", version)
        .load(warehouse.location(t));
    String staged = destination.staging() + "." + t.tableName();
    rows.write().mode(SaveMode.ErrorIfExists).option("batchsize", destination.batchSize())
        .jdbc(destination.jdbcUrl(), staged, destination.properties());
    long count;
    try (Statement s = control.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + staged)) {
      r.next();
      count = r.getLong(1);
    }
    List<String> columns = List.of(rows.columns());
    String period = columns.contains("period_month") ? "period_month" : columns.contains("year") ? "year" : null;
    // the grain as the primary key (a BI tool's join key; PostgreSQL checks that it holds), the
    // dictionary's texts as comments, and what dashboards filter on: a period, and a scope over the periods
    // (the dimensions, gold.scope and gold.sector, have no period: their key is their index)
    List<String> statements = new ArrayList<>();
    if (!t.grain().isEmpty()) {
      statements.add("ALTER TABLE " + staged + " ADD CONSTRAINT " + t.tableName() + "_pkey PRIMARY KEY ("
          + String.join(", ", t.grain()) + ")");
    }
    statements.add("COMMENT ON TABLE " + staged + " IS " + pgString(t.text().comment()));
    t.columns().list().forEach(c -> statements.add("COMMENT ON COLUMN " + staged + "." + c.name() + " IS "
        + pgString(c.text().comment())));
    if (period != null) {
      statements.add("CREATE INDEX " + t.tableName() + "_period_idx ON " + staged + " (" + period + ")");
      statements.add("CREATE INDEX " + t.tableName() + "_scope_idx ON " + staged + " (scope_type, scope_code, "
          + period + ")");
    }
    statements.add("ANALYZE " + staged);
    execute(control, statements.toArray(String[]::new));
    LOG.info("publish: {} staged, {} rows of Delta version {}", t.sqlName(), count, version);
    return new Published(t, count, version);
  }

  /** Replaces the published tables by the staged ones in one transaction. */
  private void swap(Connection c, List<Published> published, String runId, Instant now) throws SQLException {
    String schema = destination.schema();
    String role = destination.readerRole();
    c.setAutoCommit(false);
    try {
      execute(c,
          "SET LOCAL lock_timeout = '120s'",
          "CREATE SCHEMA IF NOT EXISTS " + schema,
          "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
              + "CREATE ROLE " + role + " NOLOGIN; END IF; END $$",
          "CREATE TABLE IF NOT EXISTS " + schema + "." + PUBLISHED + " (table_name text PRIMARY KEY, "
              + "delta_version bigint NOT NULL, row_count bigint NOT NULL, published_at timestamptz NOT NULL, "
              + "run_id text NOT NULL)");
      // users' views on the published tables (and on the labelled views) go, and come back on the new tables
      List<DependentViews.View> views = DependentViews.on(c, published.stream()
          .map(p -> schema + "." + p.table().tableName()).toList(), destination.labelled());
      DependentViews.drop(c, views);
      execute(c, "DROP SCHEMA IF EXISTS " + destination.labelled() + " CASCADE");
      for (Published p : published) {
        String name = p.table().tableName();
        try {
          execute(c, "DROP TABLE IF EXISTS " + schema + "." + name + " RESTRICT",
              "ALTER TABLE " + destination.staging() + "." + name + " SET SCHEMA " + schema);
        } catch (SQLException e) {
          if (PG_DEPENDENT_OBJECTS.equals(e.getSQLState())) {
            throw new IllegalStateException("cannot replace " + schema + "." + name + ": " + firstLine(e)
                + "; drop or move the dependent object, then publish again (nothing was changed)", e);
          }
          throw e;
        }
      }
      labelledViews(c, published);
      DependentViews.recreate(c, views);
      try (PreparedStatement record = c.prepareStatement("INSERT INTO " + schema + "." + PUBLISHED
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (table_name) DO UPDATE SET delta_version = EXCLUDED.delta_version, "
          + "row_count = EXCLUDED.row_count, published_at = EXCLUDED.published_at, run_id = EXCLUDED.run_id")) {
        for (Published p : published) {
          record.setString(1, p.table().sqlName());
          record.setLong(2, p.deltaVersion());
          record.setLong(3, p.rows());
          record.setTimestamp(4, Timestamp.from(now));
          record.setString(5, runId);
          record.addBatch();
        }
        record.executeBatch();
      }
      // BI users read, and only read: no CREATE in the schema for anyone but its owner
      execute(c,
          "REVOKE CREATE ON SCHEMA " + schema + " FROM PUBLIC",
          "GRANT USAGE ON SCHEMA " + schema + " TO " + role,
          "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
          "REVOKE CREATE ON SCHEMA " + destination.labelled() + " FROM PUBLIC",
          "GRANT USAGE ON SCHEMA " + destination.labelled() + " TO " + role,
          "GRANT SELECT ON ALL TABLES IN SCHEMA " + destination.labelled() + " TO " + role);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /**
   * The labelled schema, made again: one view per published table, named by the data dictionary
   * ({@code bao_cao.ho_so_theo_thang}), whose columns are the dictionary's Vietnamese labels, with
   * the dictionary's texts as comments. Dashboards can point at them: they are made again in every
   * publish's transaction.
   */
  private void labelledViews(Connection c, List<Published> published) throws SQLException {
    String labelled = destination.labelled();
    List<String> statements = new ArrayList<>(List.of("CREATE SCHEMA " + labelled));
    for (Published p : published) {
      Table t = p.table();
      String view = labelled + "." + t.labelledView();
      statements.add("CREATE VIEW " + view + " AS SELECT " + String.join(", ", t.columns().list().stream()
          .map(col -> col.name() + " AS " + DependentViews.quoted(col.text().label())).toList())
          + " FROM " + destination.schema() + "." + t.tableName());
      statements.add("COMMENT ON VIEW " + view + " IS " + pgString(t.text().comment()));
      t.columns().list().forEach(col -> statements.add("COMMENT ON COLUMN " + view + "."
          + DependentViews.quoted(col.text().label()) + " IS " + pgString(col.text().comment())));
    }
    execute(c, statements.toArray(String[]::new));
  }

  /** One publish per schema at a time: a session lock held until the connection closes. */
  private void lock(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
      s.setString(1, "cchc publish " + destination.schema());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        if (!r.getBoolean(1)) {
          throw new IllegalStateException("another publish into schema " + destination.schema()
              + " is running; publish again when it has finished");
        }
      }
    }
  }

  private Connection connect() throws SQLException {
    // the driver itself, not DriverManager: under spark-submit the jar's classes are not on the
    // system class loader DriverManager consults
    Connection c = new org.postgresql.Driver().connect(destination.jdbcUrl(), destination.properties());
    if (c == null) {
      throw new SQLException("the PostgreSQL driver does not accept the URL");
    }
    return c;
  }

  private static void execute(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** A PostgreSQL string literal (standard conforming strings: only the quote is doubled). */
  static String pgString(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  static String firstLine(SQLException e) {
    return Messages.firstLine(e.getMessage(), e.getClass().getSimpleName());
  }
}
