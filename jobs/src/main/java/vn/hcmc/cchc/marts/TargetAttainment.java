package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.year;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.reference.ScopeNames;
import vn.hcmc.cchc.tables.Table;

/**
 * {@code gold.target_attainment}. Grain: one row per calendar year with data, scope and target.
 * Every target has a city row every year ({@code no_data} where nothing measures it); case targets
 * also have level, district and agency rows, catalogue and work targets level rows (work targets
 * also district and agency rows), so that a director sees who lags. Indicator targets are city-only.
 *
 * <p>Case and work targets are computed from the year's summed counts (a sector filter sums those
 * sectors only; a level filter keeps those levels' counts); catalogue targets from the snapshot in
 * force on the last day covered (the year's last month of {@code gold.procedure_monthly});
 * indicator targets from feed D ({@code silver.indicators}, scope {@code HCM}). Each row says how
 * many months of the year its source covers.
 */
public final class TargetAttainment {
  public static final String MET = "met";
  public static final String NOT_MET = "not_met";
  public static final String NO_DATA = "no_data";

  public static final StructType SCHEMA = Table.GOLD_TARGET_ATTAINMENT.schema();

  private static final String INDICATORS = "indicators";

  /**
   * A target's numerator and denominator for one period (a year, or a month as {@code yyyyMM}, see
   * {@link Period}) and scope.
   */
  public record Measure(String targetId, int period, String scopeType, String scopeCode, long numerator,
      long denominator) {}

  /** What a measure sums over: a calendar year ({@code yyyy}) or a month ({@code yyyyMM}). */
  public enum Period {
    YEAR, MONTH;

    Column of(Column periodMonth) {
      return this == YEAR ? year(periodMonth) : year(periodMonth).multiply(100).plus(month(periodMonth));
    }

    /** An indicator of feed D is reported for a year: as a month, it is the year's December. */
    int ofReportYear(int year) {
      return this == YEAR ? year : year * 100 + 12;
    }
  }

  /**
   * What the table is computed from, each {@code null} where its table does not exist yet.
   *
   * @param caseMonthly {@code gold.case_monthly} (all of it, as refreshed)
   * @param procedureMonthly {@code gold.procedure_monthly}
   * @param workFiles {@code silver.work_files} (feed C)
   * @param indicators {@code silver.indicators} (feed D)
   */
  public record Inputs(Dataset<Row> caseMonthly, Dataset<Row> procedureMonthly, Dataset<Row> workFiles,
      Dataset<Row> indicators) {}

  private TargetAttainment() {}

  /**
   * The table, from {@code inputs} alone: their month sums are aggregated by Spark, collected on the
   * driver and {@link #assemble}d as years.
   */
  public static Dataset<Row> compute(SparkSession spark, List<ReformTarget> targets, ScopeNames names,
      Inputs inputs) {
    return compute(spark, targets, names, inputs, measures(targets, inputs, Period.MONTH));
  }

  /**
   * The table from the month measures of {@code inputs} ({@link #measures} by {@link Period#MONTH},
   * which the trajectories use too): a year is the sum of its months, a catalogue target's year its
   * last month, an indicator's year its report. No Spark job sums the years again.
   */
  public static Dataset<Row> compute(SparkSession spark, List<ReformTarget> targets, ScopeNames names,
      Inputs inputs, List<Measure> monthly) {
    Map<String, Map<Integer, Integer>> months = new HashMap<>();
    if (inputs.caseMonthly() != null) {
      months.put("cases", monthsPerYear(inputs.caseMonthly().filter(col("scope_type").equalTo(City.Scope.CITY))));
    }
    if (inputs.procedureMonthly() != null) {
      months.put("procedures", monthsPerYear(inputs.procedureMonthly().filter(col("scope_type").equalTo(City.Scope.CITY))));
    }
    if (inputs.workFiles() != null) {
      months.put("work", monthsPerYear(inputs.workFiles()));
    }
    List<Measure> measures = years(targets, monthly);
    if (inputs.indicators() != null) {
      Map<Integer, Integer> years = new HashMap<>();
      measures.stream().filter(m -> INDICATORS.equals(sourceOf(targets, m.targetId())))
          .forEach(m -> years.put(m.period(), 12));
      months.put(INDICATORS, years);
    }
    return spark.createDataFrame(assemble(targets, months, measures, names), SCHEMA);
  }

  /**
   * Every target's numerator and denominator per {@code period} and scope, from summed counts (a
   * catalogue target from the period's last month), for every source of {@code inputs} present.
   */
  public static List<Measure> measures(List<ReformTarget> targets, Inputs inputs, Period period) {
    List<Measure> measures = new ArrayList<>();
    if (inputs.caseMonthly() != null) {
      measures.addAll(caseMeasures(from(targets, "cases"), inputs.caseMonthly(), period));
    }
    if (inputs.procedureMonthly() != null) {
      measures.addAll(procedureMeasures(from(targets, "procedures"), inputs.procedureMonthly(), period));
    }
    if (inputs.workFiles() != null) {
      measures.addAll(workMeasures(from(targets, "work"), inputs.workFiles(), period));
    }
    if (inputs.indicators() != null) {
      measures.addAll(indicatorMeasures(inputs.indicators(), period));
    }
    return measures;
  }

  /**
   * Pure: year measures from month measures ({@code yyyyMM}). A case or work target's year sums its
   * months; a catalogue target's year is its last month with a measure (the snapshot in force on
   * the last day covered); an indicator's year is its report (placed in December).
   */
  static List<Measure> years(List<ReformTarget> targets, List<Measure> monthly) {
    Map<String, Integer> lastMonth = new HashMap<>();
    for (Measure m : monthly) {
      if ("procedures".equals(sourceOf(targets, m.targetId()))) {
        lastMonth.merge(m.targetId() + "|" + m.period() / 100, m.period(), Math::max);
      }
    }
    Map<String, long[]> sums = new LinkedHashMap<>();
    Map<String, Measure> first = new LinkedHashMap<>();
    for (Measure m : monthly) {
      int year = m.period() / 100;
      Integer last = lastMonth.get(m.targetId() + "|" + year);
      if (last != null && last != m.period()) {
        continue;
      }
      String key = m.targetId() + "|" + year + "|" + m.scopeType() + "|" + m.scopeCode();
      long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
      sum[0] += m.numerator();
      sum[1] += m.denominator();
      first.putIfAbsent(key, m);
    }
    List<Measure> out = new ArrayList<>();
    first.forEach((key, m) -> out.add(new Measure(m.targetId(), m.period() / 100, m.scopeType(), m.scopeCode(),
        sums.get(key)[0], sums.get(key)[1])));
    return out;
  }

  private static String sourceOf(List<ReformTarget> targets, String targetId) {
    return targets.stream().filter(t -> t.id().equals(targetId)).map(ReformTarget::measuredFrom).findFirst()
        .orElse(INDICATORS);
  }

  /**
   * Pure: the rows of the table. Years are every year some source covers ({@code monthsCovered}:
   * source to year to months); every target gets a city row each year, and a row for every measured
   * scope. A target's {@code months_covered} is its source's months that year, except for an
   * indicator target: 12 when feed D reported it that year, 0 otherwise.
   */
  public static List<Row> assemble(List<ReformTarget> targets, Map<String, Map<Integer, Integer>> monthsCovered,
      List<Measure> measures, ScopeNames names) {
    SortedSet<Integer> years = new TreeSet<>();
    monthsCovered.values().forEach(m -> years.addAll(m.keySet()));
    Map<String, List<Measure>> byTargetYear = new HashMap<>();
    for (Measure m : measures) {
      byTargetYear.computeIfAbsent(m.targetId() + "|" + m.period(), k -> new ArrayList<>()).add(m);
    }
    Comparator<Measure> order = Comparator.<Measure>comparingInt(m -> City.Scope.WIDEST_FIRST.indexOf(m.scopeType()))
        .thenComparing(Measure::scopeCode);
    List<Row> rows = new ArrayList<>();
    for (int year : years) {
      for (ReformTarget t : targets) {
        List<Measure> found = new ArrayList<>(byTargetYear.getOrDefault(t.id() + "|" + year, List.of()));
        found.sort(order);
        int covered = t.unmeasurable() != null ? 0
            // each indicator is its own yearly report: another one reported that year covers nothing of it
            : INDICATORS.equals(t.measuredFrom()) ? (found.isEmpty() ? 0 : 12)
            : monthsCovered.getOrDefault(t.measuredFrom(), Map.of()).getOrDefault(year, 0);
        if (found.stream().noneMatch(m -> City.Scope.CITY.equals(m.scopeType()))) {
          rows.add(row(t, year, City.Scope.CITY, City.CODE, names, covered, null));
        }
        for (Measure m : found) {
          rows.add(row(t, year, m.scopeType(), m.scopeCode(), names, covered, m));
        }
      }
    }
    return rows;
  }

  /**
   * Checks that no count ({@code months_covered}, {@code numerator}, {@code denominator}) is below 0
   * ({@link NonNegativeCounts}).
   *
   * @throws IllegalStateException naming the first bad row (by year, scope, target) and its column
   */
  public static void checkCounts(Dataset<Row> attainment) {
    NonNegativeCounts.check("gold.target_attainment", attainment,
        List.of("year", "scope_type", "scope_code", "target_id"), List.of("months_covered", "numerator", "denominator"));
  }

  private static Row row(ReformTarget t, int year, String scopeType, String scopeCode, ScopeNames names, int covered,
      Measure m) {
    boolean measured = m != null && m.denominator() > 0;
    Double actual = measured ? 100.0 * m.numerator() / m.denominator() : null;
    String status = !measured ? NO_DATA : t.met(m.numerator(), m.denominator()) ? MET : NOT_MET;
    return RowFactory.create(year, scopeType, scopeCode, names.of(scopeType, scopeCode), t.id(), t.phase(),
        t.metric(), t.scopeFilter().isEmpty() ? null : t.scopeFilter(), t.measuredFrom(), covered,
        m == null ? null : m.numerator(), m == null ? null : m.denominator(), actual, t.comparator(),
        t.threshold().doubleValue(), t.thresholdHigh() == null ? null : t.thresholdHigh().doubleValue(),
        actual == null ? null : actual - t.threshold().doubleValue(), status);
  }

  private static final String PERIOD = "_period";

  private static Map<Integer, Integer> monthsPerYear(Dataset<Row> rows) {
    Map<Integer, Integer> out = new HashMap<>();
    for (Row r : rows.groupBy(year(col("period_month"))).agg(countDistinct("period_month")).collectAsList()) {
      out.put(r.getInt(0), (int) r.getLong(1));
    }
    return out;
  }

  private static List<ReformTarget> from(List<ReformTarget> targets, String source) {
    return targets.stream().filter(t -> t.unmeasurable() == null && t.measuredFrom().equals(source)).toList();
  }

  /** Period sums of gold.case_monthly, one aggregation per distinct filter of the case targets. */
  private static List<Measure> caseMeasures(List<ReformTarget> targets, Dataset<Row> monthly, Period period) {
    return measures(targets, t -> ratioOf(CaseMonthly.RATES, t), filter -> {
      Dataset<Row> rows = monthly.withColumn(PERIOD, period.of(col("period_month")));
      if ("sector".equals(filter.column())) {
        return rows.filter(col("sector").isin(filter.values().toArray()));
      }
      return levelsAsCity(rows.filter(col("sector").equalTo(City.ALL_SECTORS)), filter);
    });
  }

  /** The catalogue as in force on the last day covered: each period's last month. */
  private static List<Measure> procedureMeasures(List<ReformTarget> targets, Dataset<Row> monthly, Period period) {
    Dataset<Row> rows = monthly.withColumn(PERIOD, period.of(col("period_month")));
    Dataset<Row> last = rows.groupBy(PERIOD).agg(max("period_month").as("_last"));
    Dataset<Row> atLast = rows.join(last, PERIOD).filter(col("period_month").equalTo(col("_last"))).drop("_last");
    return measures(targets, t -> ratioOf(ProcedureMonthly.RATES, t), filter -> levelsAsCity(atLast, filter));
  }

  /** Period sums of the work files, rolled up after the level filter. */
  private static List<Measure> workMeasures(List<ReformTarget> targets, Dataset<Row> workFiles, Period period) {
    Ratio work = new Ratio(ReformTarget.WORK_ONLINE_RATE, "processed_online", "workable");
    return measures(targets, t -> work, filter -> {
      Dataset<Row> files = "level".equals(filter.column())
          ? workFiles.filter(col("level").isin(filter.values().toArray())) : workFiles;
      return WorkMonthly.compute(files).withColumn(PERIOD, period.of(col("period_month")))
          .withColumn("workable", col("total").minus(col("classified")));
    });
  }

  private static List<Measure> indicatorMeasures(Dataset<Row> indicators, Period period) {
    List<Measure> out = new ArrayList<>();
    for (Row r : indicators.filter(col("scope_code").equalTo(City.CODE))
        .select("target_id", "year", "numerator", "denominator").collectAsList()) {
      out.add(new Measure(r.getString(0), period.ofReportYear(r.getInt(1)), City.Scope.CITY, City.CODE, r.getLong(2), r.getLong(3)));
    }
    return out;
  }

  private record Filter(String column, List<String> values) {}

  /**
   * Rows already rolled up to every scope, under a level filter: the level rows it names, and their
   * sum as the city row (district and agency rows cannot be split by level, so there are none).
   * Without a level filter, the rows as they are.
   */
  private static Dataset<Row> levelsAsCity(Dataset<Row> rows, Filter filter) {
    if (!"level".equals(filter.column())) {
      return rows;
    }
    Dataset<Row> levels = rows.filter(col("scope_type").equalTo(City.Scope.LEVEL)
        .and(col("scope_code").isin(filter.values().toArray())));
    return levels.unionByName(levels.withColumn("scope_type", lit(City.Scope.CITY))
        .withColumn("scope_code", lit(City.CODE)));
  }

  /**
   * Sums of every numerator and denominator column per period and scope of {@code input} (which
   * applies the filter), for every distinct filter of {@code targets} in one Spark job: the filters'
   * rows are tagged with the filter's index and aggregated together (a run's fixed cost is its
   * number of jobs, not the size of this plan).
   */
  private static List<Measure> measures(List<ReformTarget> targets, Function<ReformTarget, Ratio> ratio,
      Function<Filter, Dataset<Row>> input) {
    Map<Filter, List<ReformTarget>> byFilter = new LinkedHashMap<>();
    Set<String> columns = new LinkedHashSet<>();
    for (ReformTarget t : targets) {
      byFilter.computeIfAbsent(new Filter(t.filterColumn(), t.filterValues()), f -> new ArrayList<>()).add(t);
      columns.addAll(ratio.apply(t).numerator());
      columns.add(ratio.apply(t).denominator());
    }
    if (byFilter.isEmpty()) {
      return List.of();
    }
    List<String> names = List.copyOf(columns);
    List<Filter> filters = List.copyOf(byFilter.keySet());
    Dataset<Row> tagged = null;
    for (int i = 0; i < filters.size(); i++) {
      List<Column> select = new ArrayList<>(List.of(lit(i).as("_filter"), col(PERIOD), col("scope_type"), col("scope_code")));
      names.forEach(c -> select.add(col(c)));
      Dataset<Row> rows = input.apply(filters.get(i)).select(select.toArray(Column[]::new));
      tagged = tagged == null ? rows : tagged.unionAll(rows);
    }
    List<Column> sums = names.stream().map(c -> coalesce(sum(col(c)), lit(0L)).cast("long").as(c)).toList();
    List<Measure> out = new ArrayList<>();
    for (Row r : tagged.groupBy(col("_filter"), col(PERIOD), col("scope_type"), col("scope_code"))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new)).collectAsList()) {
      Map<String, Long> value = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        value.put(names.get(i), r.getLong(4 + i));
      }
      for (ReformTarget t : byFilter.get(filters.get(r.getInt(0)))) {
        Ratio q = ratio.apply(t);
        long numerator = q.numerator().stream().mapToLong(value::get).sum();
        out.add(new Measure(t.id(), r.getInt(1), r.getString(2), r.getString(3), numerator,
            value.get(q.denominator())));
      }
    }
    return out;
  }

  private static Ratio ratioOf(List<Ratio> rates, ReformTarget t) {
    return rates.stream().filter(r -> r.name().equals(t.metric())).findFirst().orElseThrow();
  }
}
