package vn.hcmc.cchc.serve;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.config.Messages;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Spark SQL over a warehouse's tables by their contract names ({@code gold.case_monthly}, ...):
 * the engine of {@code scripts/cchc sql}, and so of the notebooks' {@code %%cchc_sql} cells, which
 * the tests run through this same class. A query the user can fix (a parse error, an unknown table
 * or column) is a {@link UsageException} {@code bad query: ...}.
 */
public final class WarehouseSql {
  private final SparkSession spark;

  private WarehouseSql(SparkSession spark) {
    this.spark = spark;
  }

  /** Registers every existing table of {@code warehouse} in its session's catalog. */
  public static WarehouseSql over(Warehouse warehouse) {
    if (!warehouse.rootExists()) {
      throw new UsageException("warehouse not found: " + warehouse.root()
          + " (run `scripts/cchc run` first, or fix --warehouse)");
    }
    warehouse.registerAll();
    return new WarehouseSql(warehouse.spark());
  }

  /** The query's result, analysed but not run: errors of the data itself surface when it is read. */
  public Dataset<Row> query(String sql) {
    try {
      return spark.sql(sql);
    } catch (Exception e) {
      // AnalysisException (parse errors included) is checked in Scala's eyes only
      if (e instanceof AnalysisException) {
        throw new UsageException("bad query: " + Messages.firstLine(e.getMessage(), "unknown error"));
      }
      throw e;
    }
  }
}
