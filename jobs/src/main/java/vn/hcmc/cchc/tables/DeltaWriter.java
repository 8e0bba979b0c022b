package vn.hcmc.cchc.tables;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
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
 * history says which run wrote what.
 */
public final class DeltaWriter {
  /** Table properties every table is created with. */
  private static final Map<String, String> PROPERTIES =
      Map.of(
          "delta.enableDeletionVectors", "true");

  private final Warehouse warehouse;
  private final String runId;

  public DeltaWriter(Warehouse warehouse, String runId) {
    this.warehouse = warehouse;
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }

  /** Appends rows; creates the table with its layout if it does not exist. */
  public void append(Table table, Dataset<Row> rows) {
    ensureExists(table, rows);
    writer(table, rows).mode("append").save(warehouse.location(table));
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
  }

  /** Replaces the rows matching {@code predicate} by {@code rows} in one commit (idempotent reruns). */
  public void replaceWhere(Table table, Dataset<Row> rows, String predicate) {
    ensureExists(table, rows);
    writer(table, rows).mode("overwrite").option("replaceWhere", predicate).save(warehouse.location(table));
  }

  /**
   * Merges {@code source} into the table; {@code clauses} adds the WHEN clauses. Creates the table
   * empty first when needed.
   */
  public void merge(Table table, Dataset<Row> source, String condition, UnaryOperator<DeltaMergeBuilder> clauses) {
    ensureExists(table, source);
    SparkSession spark = warehouse.spark();
    String previous = spark.conf().get("spark.databricks.delta.commitInfo.userMetadata", null);
    spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", runId);
    try {
      DeltaMergeBuilder builder =
          DeltaTable.forPath(spark, warehouse.location(table)).as("t").merge(source.as("s"), condition);
      clauses.apply(builder).execute();
    } finally {
      if (previous == null) {
        spark.conf().unset("spark.databricks.delta.commitInfo.userMetadata");
      } else {
        spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", previous);
      }
    }
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
