package vn.hcmc.cchc.bench;

import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.marts.CaseMonthly;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The floor under {@code marts --full}: the columns gold.case_monthly is computed from ({@link
 * CaseMonthly#INPUT_COLUMNS}) read and hashed, every row, nothing else; by Spark from {@code
 * silver.cases} as the marts read it (Delta, its own layout) and from the Parquet export, and by
 * DuckDB from the same export. No computation of the marts can cost less than its engine's read of
 * their inputs, so the ratio of the two engines on the same files bounds what Spark can reach
 * against DuckDB's query. Each engine's query runs {@value #RUNS} times in one process; the fastest
 * counts (the later runs are warm).
 */
final class ScanFloor {
  static final int RUNS = 2;

  private ScanFloor() {}

  /** {@code SELECT count(*), sum(hash(<inputs>))}: the same text in both engines. */
  static String query(String from) {
    return "SELECT count(*) AS n, sum(hash(" + String.join(", ", CaseMonthly.INPUT_COLUMNS) + ")) AS h FROM " + from;
  }

  static Map<String, Object> measure(SparkSession spark, String warehouseRoot, Path export, String memoryLimit)
      throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    String silver = new Warehouse(spark, warehouseRoot).location(Table.SILVER_CASES);
    out.put("spark_silver", fastest(() -> spark.sql(query("delta.`" + silver + "`")).head().getLong(0)));
    String parquet = export.resolve(SnapshotExport.SILVER).toString();
    out.put("spark_export", fastest(() -> spark.sql(query("parquet.`" + parquet + "`")).head().getLong(0)));
    // the marts' own computation (CaseMonthly: events and running sums, as the strong DuckDB query)
    // on the export, every column of every row produced, nothing written
    Row months = spark.read().parquet(export.resolve(SnapshotExport.GOLD).toString())
        .agg(min("period_month"), max("period_month")).head();
    long exportRows = rowsOf(out, "spark_export"); // what it reads: the export's rows, counted above
    out.put("spark_case_monthly_export", fastest(() -> {
      CaseMonthly.compute(spark.read().parquet(parquet), months.getLocalDate(0), months.getLocalDate(1))
          .write().format("noop").mode("overwrite").save();
      return exportRows;
    }));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
      s.execute("SET memory_limit = '" + memoryLimit + "'");
      String sql = query("read_parquet('" + parquet + "/*.parquet')");
      out.put("duckdb_export", fastest(() -> {
        try (ResultSet r = s.executeQuery(sql)) {
          r.next();
          return r.getLong(1);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    long silverRows = rowsOf(out, "spark_silver");
    for (String engine : out.keySet()) {
      if (rowsOf(out, engine) != silverRows) {
        throw new IllegalStateException("scan: " + engine + " counted " + rowsOf(out, engine) + " rows, silver.cases "
            + silverRows + ": the export is not silver.cases' current snapshot (run export again)");
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static long rowsOf(Map<String, Object> measured, String engine) {
    return (Long) ((Map<String, Object>) measured.get(engine)).get("rows");
  }

  /** The rows the query counted and its fastest time of {@value #RUNS} runs. */
  private static Map<String, Object> fastest(LongSupplier query) {
    double best = Double.MAX_VALUE;
    long rows = -1;
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      rows = query.getAsLong();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows);
    out.put("seconds", best);
    return out;
  }
}
