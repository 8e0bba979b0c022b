package vn.hcmc.cchc.serve;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.target_trajectory} for a person at a terminal: one scope type, the units at risk first
 * (they meet a target today and their trend misses it at the deadline), then by outlook (not at this
 * pace, late, on course, too few months, no data) and by how far the projection at the deadline
 * falls short; figures rounded for reading.
 */
public final class TrajectoryView {
  public static final StructType SCHEMA = new StructType()
      .add("flag", StringType).add("outlook", StringType).add("target_id", StringType).add("unit", StringType)
      .add("target_pct", StringType).add("now_pct", StringType).add("trend_pp_year", StringType)
      .add("deadline", StringType).add("projected_pct", StringType).add("interval_90", StringType)
      .add("reaches", StringType).add("months", IntegerType);

  public static final String AT_RISK = "AT RISK";
  private static final List<String> OUTLOOKS = List.of("not_at_this_pace", "late", "on_course", "too_few_months",
      "no_data");

  private TrajectoryView() {}

  /** The display rows of {@code trajectory} rows (read by name), sorted. */
  public static List<Row> of(List<Row> trajectory) {
    List<Row> sorted = new ArrayList<>(trajectory);
    sorted.sort(Comparator.<Row, Boolean>comparing(r -> !r.<Boolean>getAs("at_risk"))
        .thenComparingInt(r -> OUTLOOKS.indexOf(r.<String>getAs("outlook")))
        .thenComparing(Comparator.comparingDouble(TrajectoryView::shortfall).reversed())
        .thenComparing(r -> (String) r.getAs("target_id"))
        .thenComparing(r -> (String) r.getAs("scope_code")));
    List<Row> out = new ArrayList<>();
    for (Row r : sorted) {
      LocalDate deadline = r.getAs("deadline");
      Double projected = projected(r, "");
      LocalDate reaches = r.getAs("reaches_month");
      boolean fitted = r.getAs("trend_now") != null;
      out.add(RowFactory.create(r.<Boolean>getAs("at_risk") ? AT_RISK : "", r.getAs("outlook"), r.getAs("target_id"),
          r.getAs("scope_name"), AttainmentView.threshold(r), pct(r.getAs("actual_now")),
          r.getAs("slope_per_year") == null ? "" : String.format(Locale.ROOT, "%+.2f", r.<Double>getAs("slope_per_year")),
          month(deadline), pct(projected),
          projected == null ? "" : pct(projected(r, "_low")) + "–" + pct(projected(r, "_high")),
          reaches != null ? month(reaches) : fitted ? "not at this pace" : "", r.getAs("months")));
    }
    return out;
  }

  /** The line's value at the target's deadline (2025 or 2030), or its bound ({@code _low}, {@code _high}). */
  private static Double projected(Row r, String bound) {
    LocalDate deadline = r.getAs("deadline");
    int year = deadline.getYear() <= 2025 ? 2025 : 2030;
    return r.getAs("projected_" + year + bound);
  }

  /** How many points the projection at the deadline falls outside the target's range (0 when inside). */
  static double shortfall(Row r) {
    Double projected = projected(r, "");
    if (projected == null) {
      return 0;
    }
    Double high = r.getAs("threshold_high");
    return high != null && projected > high ? projected - high : Math.max(0, r.<Double>getAs("threshold") - projected);
  }

  private static String pct(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String month(LocalDate d) {
    return d == null ? "" : d.toString().substring(0, 7);
  }
}
