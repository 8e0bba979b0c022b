package vn.hcmc.cchc.tables;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The single writer of the warehouse's Delta tables. It applies each table's layout on creation
 * (partition columns, deletion vectors) and tags every commit with the run id, so that a table's
 * history says which run wrote what. It remembers the versions it committed ({@link #commits()}),
 * for the run audit.
 */
public final class DeltaWriter {
  /** Table properties every table is created with. */
  private static final Map<String, String> PROPERTIES =
      Map.of(
          "delta.enableDeletionVectors", "true");

  /** A version of a table that this writer committed. */
  public record Commit(Table table, long version) {}

  private final Warehouse warehouse;
  private final String runId;
  private final List<Commit> commits = new ArrayList<>();

  public DeltaWriter(Warehouse warehouse, String runId) {
    this.warehouse = warehouse;
    this.runId = runId;
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
    ensureExists(table, rows);
    writer(table, rows).mode("append").save(warehouse.location(table));
    committed(table);
  }

  /** Replaces the whole table content in one commit. */
  public void overwrite(Table table, Dataset<Row> rows) {
    overwrite(table, rows, runId);
  }

  /** Replaces the whole table content in one commit whose metadata says more than the run id. */
  public void overwrite(Table table, Dataset<Row> rows, String commitMetadata) {
    ensureExists(table, rows);
    writer(table, rows).mode("overwrite").option("overwriteSchema", "false").option("userMetadata", commitMetadata)
        .save(warehouse.location(table));
    committed(table);
  }

  /** Replaces the rows matching {@code predicate} by {@code rows} in one commit (idempotent reruns). */
  public void replaceWhere(Table table, Dataset<Row> rows, String predicate) {
    ensureExists(table, rows);
    writer(table, rows).mode("overwrite").option("replaceWhere", predicate).save(warehouse.location(table));
    committed(table);
  }

  /**
   * Merges {@code source} into the table; {@code clauses} adds the WHEN clauses. Creates the table
   * empty first when needed.
   */
  public void merge(Table table, Dataset<Row> source, String condition, UnaryOperator<DeltaMergeBuilder> clauses) {
    ensureExists(table, source);
    tagged(() -> {
      DeltaMergeBuilder builder =
          DeltaTable.forPath(warehouse.spark(), warehouse.location(table)).as("t").merge(source.as("s"), condition);
      clauses.apply(builder).execute();
    });
    committed(table);
  }

  /**
   * Compacts the table's small files ({@code OPTIMIZE}, bin-packing within each partition); no row
   * changes. Returns whether it committed (a table with nothing to compact gets no new version).
   */
  public boolean compact(Table table) {
    long before = warehouse.version(table);
    tagged(() -> DeltaTable.forPath(warehouse.spark(), warehouse.location(table)).optimize().executeCompaction());
    if (warehouse.version(table) == before) {
      return false;
    }
    committed(table);
    return true;
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

  private void ensureExists(Table table, Dataset<Row> like) {
    if (warehouse.exists(table)) {
      return;
    }
    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS delta.`")
        .append(warehouse.location(table)).append("` (").append(like.schema().toDDL()).append(") USING delta");
    if (!table.partitionColumns().isEmpty()) {
      ddl.append(" PARTITIONED BY (").append(String.join(", ", table.partitionColumns())).append(")");
    }
    Map<String, String> properties = new TreeMap<>(PROPERTIES);
    if (table.changeFeed()) {
      properties.put("delta.enableChangeDataFeed", "true");
    }
    ddl.append(" TBLPROPERTIES (");
    ddl.append(String.join(", ", properties.entrySet().stream()
        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'").toList()));
    ddl.append(")");
    warehouse.spark().sql(ddl.toString());
  }

  private DataFrameWriter<Row> writer(Table table, Dataset<Row> rows) {
    DataFrameWriter<Row> w = rows.write().format("delta").option("userMetadata", runId);
    if (!table.partitionColumns().isEmpty()) {
      w.partitionBy(table.partitionColumns().toArray(String[]::new));
    }
    return w;
  }
}
