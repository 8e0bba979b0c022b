package vn.hcmc.cchc.marts;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.reference.ScopeNames;
import vn.hcmc.cchc.tables.Table;

/**
 * {@code gold.target_trajectory}. Grain: one row per scope and target of {@code targets.csv}: the
 * trend of the target's monthly measure, projected to December 2025 and December 2030, and the
 * month in which it meets the target at this pace.
 *
 * <p>The trend is a straight line fitted by weighted least squares to the months with data (a
 * month's rate is {@code 100 x numerator / denominator} of that month's summed counts, its weight
 * the denominator: a month of few dossiers moves the line little, and a constant series gives the
 * line of its summed rate). The interval is the 90% confidence interval of the line (Student's t,
 * {@code n - 2} degrees of freedom): how sure its level is at that month, not where a single month
 * will fall. Every value is kept between 0 and 100. A target is judged at its deadline, or at the
 * last month with data once the deadline has passed.
 */
public final class TargetTrajectory {
  public static final String ON_COURSE = "on_course";
  public static final String LATE = "late";
  public static final String NOT_AT_THIS_PACE = "not_at_this_pace";
  public static final String TOO_FEW_MONTHS = "too_few_months";
  public static final String NO_DATA = "no_data";

  public static final StructType SCHEMA = Table.GOLD_TARGET_TRAJECTORY.schema();

  /** Fewer months leave no degree of freedom for the interval. */
  static final int MIN_MONTHS = 3;
  static final double CONFIDENCE = 0.90;
  /** A line that meets its target only after this month does not meet it "at this pace". */
  static final YearMonth HORIZON = YearMonth.of(2100, 12);
  static final YearMonth END_2025 = YearMonth.of(2025, 12);
  static final YearMonth END_2030 = YearMonth.of(2030, 12);

  /** One month of a target's measure for one scope. */
  public record Point(YearMonth month, long numerator, long denominator) {}

  /** A scope's latest year in {@code gold.target_attainment}, where the target was measured. */
  public record Now(int year, double actual, boolean met) {}

  private TargetTrajectory() {}

  /**
   * The table: the monthly measures of every target and scope ({@link TargetAttainment#measures} by
   * month, as the attainment uses them: targets x scopes x months, a few hundred thousand at most)
   * fitted here, with today's
   * standing from the year rows of {@code attainment} ({@code gold.target_attainment} as this run
   * built it).
   */
  public static Dataset<Row> compute(SparkSession spark, List<ReformTarget> targets, ScopeNames names,
      List<TargetAttainment.Measure> monthly, Dataset<Row> attainment) {
    Map<String, List<Point>> series = new HashMap<>();
    for (TargetAttainment.Measure m : monthly) {
      series.computeIfAbsent(key(m.targetId(), m.scopeType(), m.scopeCode()), k -> new ArrayList<>())
          .add(new Point(YearMonth.of(m.period() / 100, m.period() % 100), m.numerator(), m.denominator()));
    }
    Map<String, Now> now = new HashMap<>();
    for (Row r : attainment.filter("status <> '" + TargetAttainment.NO_DATA + "'")
        .select("target_id", "scope_type", "scope_code", "year", "actual", "status").collectAsList()) {
      String k = key(r.getString(0), r.getString(1), r.getString(2));
      Now old = now.get(k);
      if (old == null || old.year() < r.getInt(3)) {
        now.put(k, new Now(r.getInt(3), r.getDouble(4), TargetAttainment.MET.equals(r.getString(5))));
      }
    }
    return spark.createDataFrame(assemble(targets, series, now, names), SCHEMA);
  }

  /**
   * Pure: the rows of the table, from each {@code target|scope_type|scope_code}'s monthly points
   * and latest year. Every target has a city row ({@code no_data} where nothing measures it).
   */
  public static List<Row> assemble(List<ReformTarget> targets, Map<String, List<Point>> series, Map<String, Now> now,
      ScopeNames names) {
    Map<String, List<String[]>> scopesOf = new LinkedHashMap<>();
    for (String k : series.keySet()) {
      String[] parts = k.split("\\|", -1);
      scopesOf.computeIfAbsent(parts[0], t -> new ArrayList<>()).add(new String[] {parts[1], parts[2]});
    }
    Comparator<String[]> order = Comparator.<String[]>comparingInt(s -> City.Scope.WIDEST_FIRST.indexOf(s[0]))
        .thenComparing(s -> s[1]);
    List<Row> rows = new ArrayList<>();
    for (ReformTarget t : targets) {
      List<String[]> scopes = new ArrayList<>(scopesOf.getOrDefault(t.id(), List.of()));
      if (scopes.stream().noneMatch(s -> City.Scope.CITY.equals(s[0]))) {
        scopes.add(new String[] {City.Scope.CITY, City.CODE});
      }
      scopes.sort(order);
      for (String[] s : scopes) {
        String k = key(t.id(), s[0], s[1]);
        rows.add(row(t, s[0], s[1], names.of(s[0], s[1]), series.getOrDefault(k, List.of()), now.get(k)));
      }
    }
    return rows;
  }

  /** The month a target is due: December of its phase's year (2025 or 2030); 2030's, the program's end, without one. */
  static YearMonth deadline(ReformTarget t) {
    return t.phase() != null && t.phase().matches("\\d{4}") ? YearMonth.of(Integer.parseInt(t.phase()), 12) : END_2030;
  }

  private static Row row(ReformTarget t, String scopeType, String scopeCode, String scopeName, List<Point> points,
      Now now) {
    List<Point> months = points.stream().filter(p -> p.denominator() > 0)
        .sorted(Comparator.comparing(Point::month)).toList();
    YearMonth deadline = deadline(t);
    Line line = months.size() >= MIN_MONTHS ? Line.fit(months) : null;
    double t90 = line == null ? 0 : line.tQuantile();
    String outlook;
    YearMonth reaches = null;
    boolean atRisk = false;
    if (months.isEmpty()) {
      outlook = NO_DATA;
    } else if (line == null) {
      outlook = TOO_FEW_MONTHS;
    } else {
      YearMonth judged = line.asOf().isAfter(deadline) ? line.asOf() : deadline;
      reaches = reaches(t, line, judged);
      boolean metWhenJudged = meets(t, line.at(judged));
      outlook = metWhenJudged ? ON_COURSE : reaches != null ? LATE : NOT_AT_THIS_PACE;
      double half = t90 * line.se(judged);
      atRisk = now != null && now.met() && missesSurely(t, line.at(judged) - half, line.at(judged) + half);
    }
    return RowFactory.create(scopeType, scopeCode, scopeName, t.id(), t.phase(), t.metric(),
        t.scopeFilter().isEmpty() ? null : t.scopeFilter(), t.comparator(), t.threshold().doubleValue(),
        t.thresholdHigh() == null ? null : t.thresholdHigh().doubleValue(), firstDay(deadline), months.size(),
        months.isEmpty() ? null : firstDay(months.get(0).month()),
        months.isEmpty() ? null : firstDay(months.get(months.size() - 1).month()),
        now == null ? null : now.year(), now == null ? null : now.actual(), now == null ? null : now.met(),
        line == null ? null : clamp(line.at(line.asOf())), line == null ? null : 12 * line.slopePerMonth(),
        line == null ? null : line.residualSd(),
        line == null ? null : clamp(line.at(END_2025)), line == null ? null : clamp(line.at(END_2025) - t90 * line.se(END_2025)),
        line == null ? null : clamp(line.at(END_2025) + t90 * line.se(END_2025)),
        line == null ? null : clamp(line.at(END_2030)), line == null ? null : clamp(line.at(END_2030) - t90 * line.se(END_2030)),
        line == null ? null : clamp(line.at(END_2030) + t90 * line.se(END_2030)),
        reaches == null ? null : firstDay(reaches), outlook, atRisk);
  }

  /**
   * The first month from the line's last month on in which it meets the target and still meets it
   * when {@code judged} (for a month after that, in which it meets it); {@code null} when there is
   * none before {@link #HORIZON}. A line meets a target in a run of consecutive months (a line is
   * monotone, a target a half-line or a band), so the first run decides.
   */
  static YearMonth reaches(ReformTarget t, Line line, YearMonth judged) {
    YearMonth first = null;
    for (YearMonth m = line.asOf(); !m.isAfter(HORIZON); m = m.plusMonths(1)) {
      boolean met = meets(t, line.at(m));
      if (met && first == null) {
        first = m;
      }
      if (first != null && (!met || !m.isBefore(judged))) {
        // the run ended, or lasted until the month judged
        return !met && first.isBefore(judged) ? null : first;
      }
    }
    return first;
  }

  /**
   * Whether the whole interval {@code low..high} misses the target on one side: the line misses it
   * even at the interval's most favourable end (a noisy series whose interval reaches the target is
   * not sure to miss it).
   */
  static boolean missesSurely(ReformTarget t, double low, double high) {
    boolean spansBand = t.thresholdHigh() != null && clamp(low) < t.threshold().doubleValue()
        && clamp(high) > t.thresholdHigh().doubleValue();
    return !meets(t, low) && !meets(t, high) && !spansBand;
  }

  /** Whether a rate of the line (kept between 0 and 100) meets the target. */
  static boolean meets(ReformTarget t, double value) {
    double v = clamp(value);
    double low = t.threshold().doubleValue();
    return switch (t.comparator()) {
      case "gt" -> v > low;
      case "ge" -> v >= low;
      case "between" -> v >= low && v <= t.thresholdHigh().doubleValue();
      default -> throw new IllegalStateException(t.comparator());
    };
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(100, v));
  }

  private static LocalDate firstDay(YearMonth m) {
    return m.atDay(1);
  }

  private static String key(String targetId, String scopeType, String scopeCode) {
    return targetId + "|" + scopeType + "|" + scopeCode;
  }

  /**
   * A straight line fitted by weighted least squares to monthly rates, with month 0 the last month
   * of data ({@code asOf}).
   *
   * @param level the line's value at its weighted mean month {@code meanX}
   * @param sigma the residual standard deviation for a weight of 1 (so a month of weight w strays by
   *     sigma / sqrt(w))
   * @param sumW the sum of the weights
   * @param sxx the weighted sum of squared distances of the months from {@code meanX}
   */
  record Line(YearMonth asOf, int n, double meanX, double level, double slopePerMonth, double sigma, double sumW,
      double sxx) {

    static Line fit(List<Point> months) {
      YearMonth asOf = months.get(months.size() - 1).month();
      double sumW = 0;
      double sumWx = 0;
      double sumWy = 0;
      for (Point p : months) {
        double w = p.denominator();
        sumW += w;
        sumWx += w * x(asOf, p.month());
        sumWy += w * rate(p);
      }
      double meanX = sumWx / sumW;
      double meanY = sumWy / sumW;
      double sxx = 0;
      double sxy = 0;
      for (Point p : months) {
        double dx = x(asOf, p.month()) - meanX;
        sxx += p.denominator() * dx * dx;
        sxy += p.denominator() * dx * (rate(p) - meanY);
      }
      double slope = sxy / sxx;
      double sse = 0;
      for (Point p : months) {
        double r = rate(p) - (meanY + slope * (x(asOf, p.month()) - meanX));
        sse += p.denominator() * r * r;
      }
      return new Line(asOf, months.size(), meanX, meanY, slope, Math.sqrt(sse / (months.size() - 2)), sumW, sxx);
    }

    double at(YearMonth m) {
      return level + slopePerMonth * (x(asOf, m) - meanX);
    }

    /** The standard error of the line's value at {@code m}. */
    double se(YearMonth m) {
      double dx = x(asOf, m) - meanX;
      return sigma * Math.sqrt(1 / sumW + dx * dx / sxx);
    }

    /** How far a month of the average weight strays from the line, percentage points. */
    double residualSd() {
      return sigma / Math.sqrt(sumW / n);
    }

    /** The two-sided {@link #CONFIDENCE} quantile of Student's t with n - 2 degrees of freedom. */
    double tQuantile() {
      return new TDistribution(null, n - 2).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
    }

    private static double x(YearMonth asOf, YearMonth m) {
      return ChronoUnit.MONTHS.between(asOf, m);
    }

    private static double rate(Point p) {
      return 100.0 * p.numerator() / p.denominator();
    }
  }
}
