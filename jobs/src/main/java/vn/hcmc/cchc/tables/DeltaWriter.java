package vn.hcmc.cchc.tables;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The single writer of the warehouse's Delta tables. It creates each table from its declaration
 * ({@link Table}: the declared columns with their descriptions as column comments, partition or
 * clustering columns as its {@link Layout} says, the Delta features it declares),
 * refuses rows whose columns are not the declared ones ({@link UndeclaredColumnsException}, before
 * anything is committed), and tags every commit with the run id, so that a table's history says
 * which run wrote what. It remembers the versions it committed ({@link #commits()}), for the run
 * audit. A table created by an earlier release keeps the columns and comments it was created with.
 */
public final class DeltaWriter {
  /** The columns of {@code bronze.cases} whose statistics Delta keeps (normalize reads it by batch). */
  static final String BRONZE_STATS_COLUMNS = "batch_id,feed,source_file,line_number,export_date,ingested_at";
  /** Where Delta keeps a table's CHECK constraints: one configuration key per constraint. */
  static final String CHECK_PREFIX = "delta.constraints.";

  /** A version of a table that this writer committed. */
  public record Commit(Table table, long version) {}

  private final Warehouse warehouse;
  private final String runId;
  private final Layout layout;
  private final List<Commit> commits = new ArrayList<>();
  /** The tables whose constraints this writer has made sure of. */
  private final java.util.Set<Table> checked = java.util.EnumSet.noneOf(Table.class);
  /** Tables whose columns added by a later release ({@link Columns#added}) this writer has made sure of. */
  private final java.util.Set<Table> added = java.util.EnumSet.noneOf(Table.class);

  /** A writer that creates tables in the default layout ({@link Layout#PARTITIONED}). */
  public DeltaWriter(Warehouse warehouse, String runId) {
    this(warehouse, runId, Layout.PARTITIONED);
  }

  /** A writer that creates the tables with layout keys in {@code layout}. */
  public DeltaWriter(Warehouse warehouse, String runId, Layout layout) {
    this.warehouse = warehouse;
    this.runId = runId;
    this.layout = layout;
  }

  public String runId() {
    return runId;
  }

  /** The versions this writer committed, in order. */
  public List<Commit> commits() {
    return Collections.unmodifiableList(commits);
  }

  /** Appends rows; creates the table with its layout if it does not exist. */
  public void append(Table table, Dataset<Row> rows) {
    prepare(table, rows);
    writer(rows).mode("append").save(warehouse.location(table));
    committed(table);
  }

  /** Appends rows, at most {@code maxRowsPerFile} to a file, in the order and tasks they come in. */
  public void append(Table table, Dataset<Row> rows, long maxRowsPerFile) {
    prepare(table, rows);
    writer(rows).mode("append").option("maxRecordsPerFile", maxRowsPerFile).save(warehouse.location(table));
    committed(table);
  }

  /** Replaces the whole table content in one commit. */
  public void overwrite(Table table, Dataset<Row> rows) {
    overwrite(table, rows, runId);
  }

  /** Replaces the whole table content in one commit whose metadata says more than the run id. */
  public void overwrite(Table table, Dataset<Row> rows, String commitMetadata) {
    prepare(table, rows);
    writer(rows).mode("overwrite").option("overwriteSchema", "false").option("userMetadata", commitMetadata)
        .save(warehouse.location(table));
    committed(table);
  }

  /** Replaces the rows matching {@code predicate} by {@code rows} in one commit (idempotent reruns). */
  public void replaceWhere(Table table, Dataset<Row> rows, String predicate) {
    prepare(table, rows);
    writer(rows).mode("overwrite").option("replaceWhere", predicate).save(warehouse.location(table));
    committed(table);
  }

  /**
   * Merges {@code source} into the table; {@code clauses} adds the WHEN clauses. Creates the table
   * empty first when needed.
   */
  public void merge(Table table, Dataset<Row> source, String condition, UnaryOperator<DeltaMergeBuilder> clauses) {
    merge(table, source, org.apache.spark.sql.functions.expr(condition), clauses);
  }

  /**
   * Merges {@code source} (alias {@code s}) into the table (alias {@code t}) on {@code condition};
   * the condition's target-only conjuncts are what Delta skips the table's files by. Besides the
   * table's columns, the source may hold working columns named {@code _...} that the condition and
   * clauses read.
   */
  public void merge(Table table, Dataset<Row> source, Column condition, UnaryOperator<DeltaMergeBuilder> clauses) {
    prepare(table, source, true);
    tagged(() -> {
      DeltaMergeBuilder builder =
          DeltaTable.forPath(warehouse.spark(), warehouse.location(table)).as("t").merge(source.as("s"), condition);
      clauses.apply(builder).execute();
    });
    committed(table);
  }

  /**
   * Compacts the table's small files ({@code OPTIMIZE}); no row changes. A table partitioned by all
   * its layout keys is bin-packed within each partition; one partitioned by fewer (level) is
   * Z-ordered by the rest (agency_code); a liquid-clustered one is clustered. The layout is read from
   * the table, not from config. Returns whether it committed (a table with nothing to compact gets no
   * new version).
   */
  public boolean compact(Table table) {
    long before = warehouse.version(table);
    List<String> zOrder = Layout.zOrderColumns(table, warehouse.partitionColumns(table));
    tagged(() -> {
      var optimize = DeltaTable.forPath(warehouse.spark(), warehouse.location(table)).optimize();
      if (zOrder.isEmpty()) {
        optimize.executeCompaction();
      } else {
        optimize.executeZOrderBy(zOrder.toArray(String[]::new));
      }
    });
    if (warehouse.version(table) == before) {
      return false;
    }
    committed(table);
    return true;
  }

  /**
   * Restores the table to {@code version} ({@code RESTORE}): its content as it was then, in one new
   * commit, history kept. Fails when VACUUM has removed files that version needs.
   */
  public void restore(Table table, long version) {
    tagged(() -> DeltaTable.forPath(warehouse.spark(), warehouse.location(table)).restoreToVersion(version));
    committed(table);
  }

  /**
   * Drops the deletion vectors feature from a table whose declaration needs none ({@code ALTER TABLE
   * ... DROP FEATURE deletionVectors}): the property turned off, the rows deletion vectors mark
   * rewritten out of their files, the protocol lowered to the least the remaining features need.
   * Rows unchanged; its commits are this writer's.
   */
  public void dropDeletionVectors(Table table) {
    if (table.features().contains(Table.Feature.DELETION_VECTORS)) {
      throw new IllegalArgumentException(table.sqlName() + " is declared with deletion vectors");
    }
    long before = warehouse.version(table);
    tagged(() -> warehouse.spark().sql("ALTER TABLE delta.`" + warehouse.location(table)
        + "` DROP FEATURE " + TableDetail.TableProtocol.DELETION_VECTORS));
    long after = warehouse.version(table);
    for (long v = before + 1; v <= after; v++) {
      commits.add(new Commit(table, v));
    }
  }

  /** Runs a Delta operation that takes no write option, with the run id as its commit's metadata. */
  private void tagged(Runnable operation) {
    SparkSession spark = warehouse.spark();
    String key = "spark.databricks.delta.commitInfo.userMetadata";
    String previous = spark.conf().get(key, null);
    spark.conf().set(key, runId);
    try {
      operation.run();
    } finally {
      if (previous == null) {
        spark.conf().unset(key);
      } else {
        spark.conf().set(key, previous);
      }
    }
  }

  /** Notes the table's version after a commit of ours (from the log state the commit left cached: no I/O). */
  private void committed(Table table) {
    commits.add(new Commit(table, warehouse.cachedVersion(table)));
  }

  /**
   * Refuses {@code rows} unless they have the table's declared columns, then creates the table from
   * its declaration if it does not exist.
   *
   * @throws UndeclaredColumnsException naming the table and the columns, with nothing written
   */
  private void prepare(Table table, Dataset<Row> rows) {
    prepare(table, rows, false);
  }

  /** {@link #prepare(Table, Dataset)}; {@code working}: a MERGE's source, which may add {@code _...} columns. */
  private void prepare(Table table, Dataset<Row> rows, boolean working) {
    List<String> mismatches = table.columns().mismatches(rows.schema(), working);
    if (!mismatches.isEmpty()) {
      throw new UndeclaredColumnsException(table, mismatches);
    }
    if (warehouse.exists(table)) {
      addMissingColumns(table);
      addMissingChecks(table);
      return;
    }
    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS delta.`")
        .append(warehouse.location(table)).append("` (").append(table.columns().ddl()).append(") USING delta");
    if (!table.text().en().isBlank()) {
      ddl.append(" COMMENT ").append(Warehouse.sqlString(table.text().comment()));
    }
    if (!layout.partitionColumns(table).isEmpty()) {
      ddl.append(" PARTITIONED BY (").append(String.join(", ", layout.partitionColumns(table))).append(")");
    }
    if (!layout.clusteringColumns(table).isEmpty()) {
      ddl.append(" CLUSTER BY (").append(String.join(", ", layout.clusteringColumns(table))).append(")");
    }
    Map<String, String> properties = new TreeMap<>();
    table.features().forEach(f -> properties.put(f.property(), "true"));
    // the constraints in the creating commit: one commit, not one more per constraint
    table.checks().forEach((name, check) -> properties.put(CHECK_PREFIX + name, check));
    if (table == Table.BRONZE_CASES) {
      // statistics for the lineage only: min/max of a whole raw record skip nothing, and gathering
      // them cost a tenth of ingest's time
      properties.put("delta.dataSkippingStatsColumns", BRONZE_STATS_COLUMNS);
    }
    if (!properties.isEmpty()) {
      ddl.append(" TBLPROPERTIES (").append(String.join(", ", properties.entrySet().stream()
          .map(e -> "'" + e.getKey() + "' = " + Warehouse.sqlString(e.getValue())).toList())).append(")");
    }
    warehouse.spark().sql(ddl.toString());
    checked.add(table);
    added.add(table);
  }

  /**
   * Adds the declared constraints a table lacks ({@code ALTER TABLE ... ADD CONSTRAINT}: Delta checks
   * the rows already there), once per writer and table: a table created by an earlier release gets
   * them on its next write.
   */
  private void addMissingColumns(Table table) {
    if (table.columns().list().stream().noneMatch(Columns.Column::added) || !added.add(table)) {
      return;
    }
    List<String> has = java.util.Arrays.asList(warehouse.read(table).schema().fieldNames());
    List<String> missing = table.columns().list().stream().filter(c -> c.added() && !has.contains(c.name()))
        .map(c -> "`" + c.name() + "` " + c.type().sql() + " COMMENT " + Warehouse.sqlString(c.text().comment()))
        .toList();
    if (!missing.isEmpty()) {
      tagged(() -> warehouse.spark().sql("ALTER TABLE delta.`" + warehouse.location(table) + "` ADD COLUMNS ("
          + String.join(", ", missing) + ")"));
      committed(table);
    }
  }

  private void addMissingChecks(Table table) {
    if (table.checks().isEmpty() || !checked.add(table)) {
      return;
    }
    Map<String, String> configuration = warehouse.configuration(table);
    table.checks().forEach((name, check) -> {
      if (!configuration.containsKey(CHECK_PREFIX + name)) {
        tagged(() -> warehouse.spark().sql("ALTER TABLE delta.`" + warehouse.location(table) + "` ADD CONSTRAINT "
            + name + " CHECK (" + check + ")"));
        committed(table);
      }
    });
  }

  /** Every table exists before it is written ({@link #prepare}): its writes take its own layout. */
  private DataFrameWriter<Row> writer(Dataset<Row> rows) {
    return rows.write().format("delta").option("userMetadata", runId);
  }
}
