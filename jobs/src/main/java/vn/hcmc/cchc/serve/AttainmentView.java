package vn.hcmc.cchc.serve;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.target_attainment} for a person at a terminal: one year and scope type, the worst
 * gaps first (targets not met, by how far the value is from the target's range; then met; then
 * those with no data), figures rounded for reading.
 */
public final class AttainmentView {
  public static final StructType SCHEMA = new StructType()
      .add("status", StringType).add("target_id", StringType).add("phase", StringType)
      .add("unit", StringType).add("actual_pct", StringType).add("target_pct", StringType)
      .add("gap_points", StringType).add("numerator", StringType).add("denominator", StringType)
      .add("months", IntegerType);

  private AttainmentView() {}

  /** The display rows of {@code attainment} rows (any columns order: read by name), sorted. */
  public static List<Row> of(List<Row> attainment) {
    List<Row> sorted = new ArrayList<>(attainment);
    sorted.sort(Comparator.<Row>comparingInt(r -> rank(r.getAs("status")))
        .thenComparing(Comparator.comparingDouble(AttainmentView::shortfall).reversed())
        .thenComparing(r -> (String) r.getAs("target_id"))
        .thenComparing(r -> (String) r.getAs("scope_code")));
    List<Row> out = new ArrayList<>();
    for (Row r : sorted) {
      Double actual = r.getAs("actual");
      Double gap = r.getAs("gap");
      Long numerator = r.getAs("numerator");
      Long denominator = r.getAs("denominator");
      out.add(RowFactory.create(r.getAs("status"), r.getAs("target_id"), r.getAs("phase"), r.getAs("scope_name"),
          actual == null ? "" : String.format(Locale.ROOT, "%.2f", actual), threshold(r),
          gap == null ? "" : String.format(Locale.ROOT, "%+.2f", gap),
          numerator == null ? "" : String.format(Locale.ROOT, "%,d", numerator),
          denominator == null ? "" : String.format(Locale.ROOT, "%,d", denominator), r.getAs("months_covered")));
    }
    return out;
  }

  private static int rank(String status) {
    return switch (status) {
      case "not_met" -> 0;
      case "met" -> 1;
      default -> 2;
    };
  }

  /** How many points the value lies outside the target's range (0 when met or unmeasured). */
  static double shortfall(Row r) {
    return pointsShort(r.getAs("status"), r.getAs("actual"), r.getAs("threshold"), r.getAs("threshold_high"));
  }

  /** {@link #shortfall(Row)} of a row's values ({@code high}: the top of a range, else {@code null}). */
  static double pointsShort(String status, Double actual, double low, Double high) {
    if (actual == null || !"not_met".equals(status)) {
      return 0;
    }
    return high != null && actual > high ? actual - high : Math.max(0, low - actual);
  }

  /** {@code > 80}, {@code ≥ 100}, {@code 25–35}. */
  static String threshold(Row r) {
    return threshold(r.getAs("comparator"), r.getAs("threshold"), r.getAs("threshold_high"));
  }

  /** A target's range as people write it: {@code > 80}, {@code ≥ 100}, {@code 25–35}. */
  static String threshold(String comparator, Double low, Double high) {
    return switch (comparator) {
      case "gt" -> "> " + number(low);
      case "ge" -> "≥ " + number(low);
      default -> number(low) + "–" + number(high);
    };
  }

  static String number(Double d) {
    return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
  }
}
