package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.tables.Transform;

/**
 * {@code gold.procedure_monthly}. Grain: one row per month and scope ({@code level}: the level that
 * handles the procedure; {@code city}: all), with the catalogue KPIs of WAREHOUSE.md from the
 * procedure snapshot in force on the month's last day. Counts are of public procedures, except
 * {@code internal_procedures} and {@code internal_published}.
 *
 * <p>Needs the {@code silver.procedures} intervals ({@code valid_from} inclusive, {@code valid_to}
 * exclusive or {@code NULL}).
 */
@Transform
public final class ProcedureMonthly {
  /** Count columns, in table order, with the condition each counts (on public procedures unless internal). */
  private static final List<String[]> COUNTED = List.of(
      new String[] {"procedures", "NOT internal"},
      new String[] {"online_eligible", "NOT internal AND online_eligible"},
      new String[] {"online_available", "NOT internal AND online_eligible AND online_offered IN ('partial', 'full')"},
      new String[] {"full_online_available",
          "NOT internal AND online_eligible AND online_offered = 'full' AND on_city_portal"},
      new String[] {"on_national_portal", "NOT internal AND on_national_portal"},
      new String[] {"full_online_offered", "NOT internal AND online_offered = 'full'"},
      new String[] {"mobile_enabled_full", "NOT internal AND online_offered = 'full' AND mobile_enabled"},
      new String[] {"internal_procedures", "internal"},
      new String[] {"internal_published", "internal AND published"});

  /** The count columns of the table, in order. */
  public static final List<String> COUNTS = COUNTED.stream().map(c -> c[0]).toList();

  /** The rates of the table, in order. */
  public static final List<Ratio> RATES = List.of(
      new Ratio("online_available_rate", "online_available", "online_eligible"),
      new Ratio("full_online_available_rate", "full_online_available", "online_eligible"),
      new Ratio("national_portal_rate", "on_national_portal", "procedures"),
      new Ratio("mobile_available_rate", "mobile_enabled_full", "full_online_offered"),
      new Ratio("internal_published_rate", "internal_published", "internal_procedures"));

  /** The columns that name a row: its grain. */
  static final List<String> KEY = List.of("period_month", "scope_type", "scope_code");

  private ProcedureMonthly() {}

  /** Every month from {@code fromMonth} to {@code toMonth} (first days, inclusive), level and city rows. */
  public static Dataset<Row> compute(SparkSession spark, Dataset<Row> procedures, LocalDate fromMonth,
      LocalDate toMonth) {
    List<Row> months = new ArrayList<>();
    for (LocalDate m = fromMonth.withDayOfMonth(1); !m.isAfter(toMonth); m = m.plusMonths(1)) {
      months.add(RowFactory.create(m, m.plusMonths(1).minusDays(1)));
    }
    Dataset<Row> calendar = spark.createDataFrame(months,
        new StructType().add("period_month", DataTypes.DateType).add("last_day", DataTypes.DateType));
    Dataset<Row> inForce = calendar.join(procedures, col("valid_from").leq(col("last_day"))
        .and(col("valid_to").isNull().or(col("valid_to").gt(col("last_day")))));
    Dataset<Row> byLevel = aggregate(inForce.withColumn("scope_type", lit(City.Scope.LEVEL)).withColumn("scope_code", col("level")));
    Dataset<Row> city = aggregate(inForce.withColumn("scope_type", lit(City.Scope.CITY)).withColumn("scope_code", lit(City.CODE)));
    Dataset<Row> counts = byLevel.unionByName(city);
    List<Column> out = new ArrayList<>(List.of(col("period_month"), col("scope_type"), col("scope_code")));
    COUNTS.forEach(c -> out.add(col(c)));
    RATES.forEach(r -> out.add(r.percent()));
    return counts.select(out.toArray(Column[]::new));
  }

  /**
   * Checks that no count is below 0 ({@link NonNegativeCounts}).
   *
   * @throws IllegalStateException naming the first bad row (by month and scope) and its column
   */
  public static void checkCounts(Dataset<Row> monthly) {
    NonNegativeCounts.check("gold.procedure_monthly", monthly, KEY, COUNTS);
  }

  private static Dataset<Row> aggregate(Dataset<Row> rows) {
    List<Column> sums = new ArrayList<>();
    for (String[] c : COUNTED) {
      sums.add(sum(when(org.apache.spark.sql.functions.expr("coalesce(" + c[1] + ", false)"), 1L).otherwise(0L))
          .as(c[0]));
    }
    return rows.groupBy("period_month", "scope_type", "scope_code")
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
  }
}
