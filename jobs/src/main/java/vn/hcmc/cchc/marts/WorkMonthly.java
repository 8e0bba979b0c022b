package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.inline;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.hcmc.cchc.tables.Transform;

/**
 * {@code gold.work_monthly}. Grain: one row per month and scope ({@code agency}, {@code district},
 * {@code level}, {@code city}) with at least one agency row of feed C that month: {@code total},
 * {@code classified}, {@code processed_online} (summed work files) and {@code work_online_rate} =
 * 100 x processed_online / (total - classified), from the summed counts of the row (never an average
 * of agencies' rates), {@code NULL} where total = classified.
 */
@Transform
public final class WorkMonthly {
  /** The count columns of the table, in order. */
  public static final List<String> COUNTS = List.of("total", "classified", "processed_online");

  private WorkMonthly() {}

  /**
   * Checks that no count is below 0 ({@link NonNegativeCounts}).
   *
   * @throws IllegalStateException naming the first bad row (by month and scope) and its column
   */
  public static void checkCounts(Dataset<Row> monthly) {
    NonNegativeCounts.check("gold.work_monthly", monthly, ProcedureMonthly.KEY, COUNTS);
  }

  /**
   * Needs rows shaped like {@code silver.work_files}: {@code period_month}, {@code agency_code},
   * {@code level}, {@code district_code} ({@code NULL}: the agency counts in no district row),
   * {@code total}, {@code processed_online}, {@code classified}.
   */
  public static Dataset<Row> compute(Dataset<Row> workFiles) {
    Column unclassified = col("total").minus(col("classified"));
    return workFiles
        .select(col("period_month"), inline(Scopes.ofAgency()), col("total"), col("classified"),
            col("processed_online"))
        .filter(col("scope_code").isNotNull())
        .groupBy("period_month", "scope_type", "scope_code")
        .agg(sum("total").as("total"), sum("classified").as("classified"),
            sum("processed_online").as("processed_online"))
        .select(col("period_month"), col("scope_type"), col("scope_code"), col("total"), col("classified"),
            col("processed_online"),
            when(unclassified.equalTo(0), lit(null).cast("double"))
                .otherwise(col("processed_online").multiply(100.0).divide(unclassified)).as("work_online_rate"));
  }
}
