package vn.hcmc.cchc.bench;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import vn.hcmc.cchc.marts.CaseMonthly;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The current snapshots of {@code silver.cases} (the columns the marts read) and {@code
 * gold.case_monthly} as plain Parquet. silver.cases has deletion vectors: its own Parquet files
 * still hold rows a MERGE replaced, so DuckDB must not read them directly. Needs a session writing
 * instants as {@code TIMESTAMP_MICROS} (UTC-adjusted; DuckDB reads them as {@code TIMESTAMP WITH TIME
 * ZONE}), not Spark's default {@code INT96}.
 */
final class SnapshotExport {
  static final String SILVER = "silver_cases";
  static final String GOLD = "gold_case_monthly";

  private SnapshotExport() {}

  static Map<String, Object> export(SparkSession spark, String warehouseRoot, String out) {
    Warehouse warehouse = new Warehouse(spark, warehouseRoot);
    Column[] columns = CaseMonthly.INPUT_COLUMNS.stream().map(functions::col).toArray(Column[]::new);
    warehouse.read(Table.SILVER_CASES).select(columns).write().mode(SaveMode.Overwrite).parquet(out + "/" + SILVER);
    warehouse.read(Table.GOLD_CASE_MONTHLY).write().mode(SaveMode.Overwrite).parquet(out + "/" + GOLD);
    return Map.of(
        "silver_rows", spark.read().parquet(out + "/" + SILVER).count(),
        "gold_rows", spark.read().parquet(out + "/" + GOLD).count());
  }
}
