package vn.hcmc.cchc.reference;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.config.ReferenceCsv;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Transform;

/**
 * {@code gold.service_index}: the service index of Decision 766/QĐ-TTg for every month and scope of
 * the marts, from the indicators of {@code conf/reference/service-index.csv} (formulas and point
 * rules as data). An indicator's numerator and denominator are sums and differences of the counts
 * of its source's row for the month and scope ({@code gold.case_monthly}'s all-sector row, or
 * {@code gold.procedure_monthly}'s): counts summed up the roll-up, never averaged rates. An
 * indicator nothing measures for a scope and month (no feed carries it, its source has no row, its
 * denominator is 0) is {@code no_data}, and its points leave the maximum as well as the total, as
 * the national portal shows units without data; the total is also given out of 100. In the kernel
 * because two stages score with it: marts writes the table month by month ({@link #compute}), serve
 * scores a whole year for the report ({@link #ofYear}).
 */
@Transform
public final class ServiceIndex {
  static final String NO_DATA = "no_data";
  static final String SCORED = "scored";
  /** An indicator of 0 points: shown, never scored (e.g. the average resolution time). */
  static final String NOT_SCORED = "not_scored";
  private static final Map<String, Table> SOURCES = Map.of("cases", Table.GOLD_CASE_MONTHLY,
      "procedures", Table.GOLD_PROCEDURE_MONTHLY);
  private static final Set<String> RULES = Set.of("proportional", "threshold", "none");
  private static final Pattern TERMS = Pattern.compile("[a-z_]+(\\s*[+-]\\s*[a-z_]+)*");
  private static final double POINTS = 100;
  /**
   * The counts of {@code gold.case_monthly} that are stocks at the month's end (docs/MARTS.md); the
   * others but {@code carried_over} are flows.
   */
  private static final Set<String> CASE_STOCKS = Set.of("pending_end", "pending_overdue", "pending_in_time");
  /** The stock at the month's start. */
  private static final String CARRIED_OVER = "carried_over";

  private ServiceIndex() {}

  /**
   * One indicator of the decision.
   *
   * @param source {@code cases}, {@code procedures} or {@code no_data}
   * @param numerator counts of the source added and subtracted, e.g. {@code resolved - resolved_late}
   * @param fullAt for {@code threshold}: the rate (0-1) from which the points are full
   */
  public record Indicator(String id, int group, double groupMax, String name, double maxPoints, String source,
      String numerator, String denominator, String rule, double fullAt) {}

  /**
   * The indicators of the file's lines, in file order; fails naming the line when one cannot be
   * scored as written, and when the points do not add up (every group's indicators to its maximum,
   * the groups to 100).
   */
  public static List<Indicator> parse(List<ReferenceCsv.Line> lines, String name) {
    List<Indicator> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<Integer, double[]> groups = new LinkedHashMap<>();
    for (ReferenceCsv.Line l : lines) {
      Indicator i;
      try {
        i = of(l);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " line " + l.number() + ": " + e.getMessage(), e);
      }
      if (!ids.add(i.id())) {
        throw new IllegalArgumentException(name + " line " + l.number() + ": indicator " + i.id() + " twice");
      }
      double[] g = groups.computeIfAbsent(i.group(), k -> new double[] {i.groupMax(), 0});
      if (g[0] != i.groupMax()) {
        throw new IllegalArgumentException(name + " line " + l.number() + ": group " + i.group()
            + " has two maxima, " + g[0] + " and " + i.groupMax());
      }
      g[1] += i.maxPoints();
      out.add(i);
    }
    double total = 0;
    for (Map.Entry<Integer, double[]> g : groups.entrySet()) {
      if (Math.abs(g.getValue()[0] - g.getValue()[1]) > 1e-9) {
        throw new IllegalArgumentException(name + ": the indicators of group " + g.getKey() + " add up to "
            + g.getValue()[1] + " points, not its maximum " + g.getValue()[0]);
      }
      total += g.getValue()[0];
    }
    if (!out.isEmpty() && Math.abs(total - POINTS) > 1e-9) {
      throw new IllegalArgumentException(name + ": the groups add up to " + total + " points, not 100");
    }
    return out;
  }

  private static Indicator of(ReferenceCsv.Line l) {
    String id = required(l, "indicator_id");
    String source = required(l, "source");
    String rule = required(l, "rule");
    if (!source.equals(NO_DATA) && !SOURCES.containsKey(source)) {
      throw new IllegalArgumentException("source '" + source + "' is not cases, procedures or no_data");
    }
    if (!RULES.contains(rule)) {
      throw new IllegalArgumentException("rule '" + rule + "' is not proportional, threshold or none");
    }
    Double fullAt = null;
    for (String param : l.get("rule_params").split(";")) {
      String[] kv = param.strip().split("=", 2);
      if (kv[0].equals("full_at") && kv.length == 2) {
        fullAt = number(kv[1], "full_at");
      }
    }
    if (rule.equals("threshold") && !(fullAt != null && fullAt > 0 && fullAt <= 1)) {
      throw new IllegalArgumentException("a threshold rule needs full_at=a in rule_params, 0 < a <= 1");
    }
    String numerator = l.get("numerator");
    String denominator = l.get("denominator");
    if (!source.equals(NO_DATA)) {
      Set<String> counts = new HashSet<>();
      SOURCES.get(source).columns().list().stream().filter(c -> c.type().equals(DataTypes.LongType))
          .forEach(c -> counts.add(c.name()));
      for (String formula : List.of(numerator, denominator)) {
        if (!TERMS.matcher(formula).matches()) {
          throw new IllegalArgumentException("'" + formula + "' is not counts added and subtracted (a + b - c)");
        }
        for (String term : formula.split("\\s*[+-]\\s*")) {
          if (!counts.contains(term)) {
            throw new IllegalArgumentException("'" + term + "' is not a count of " + SOURCES.get(source).sqlName());
          }
        }
      }
    }
    return new Indicator(id, (int) number(required(l, "group_id"), "group_id"),
        number(required(l, "group_max_points"), "group_max_points"), required(l, "indicator_name_vi"),
        number(required(l, "max_points"), "max_points"), source, numerator, denominator, rule,
        fullAt == null ? 1 : fullAt);
  }

  private static String required(ReferenceCsv.Line l, String column) {
    String v = l.get(column);
    if (v.isEmpty()) {
      throw new IllegalArgumentException(column + " is empty");
    }
    return v;
  }

  private static double number(String text, String what) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a number", e);
    }
  }

  /**
   * The index for every month and scope of {@code caseMonthly} and {@code procedureMonthly} (either
   * {@code null} when it does not exist): one row per indicator, with the group's and the total's
   * points beside it.
   */
  public static Dataset<Row> compute(SparkSession spark, List<Indicator> indicators, Dataset<Row> caseMonthly,
      Dataset<Row> procedureMonthly) {
    Map<String, Dataset<Row>> sources = new LinkedHashMap<>();
    if (caseMonthly != null) {
      sources.put("cases", caseMonthly.filter(col("sector").equalTo(City.ALL_SECTORS)));
    }
    if (procedureMonthly != null) {
      sources.put("procedures", procedureMonthly.filter(col("scope_code").isNotNull()));
    }
    StructType key = new StructType().add("period_month", DataTypes.DateType).add("scope_type", DataTypes.StringType)
        .add("scope_code", DataTypes.StringType);
    Dataset<Row> scopes = spark.createDataFrame(List.of(), key);
    for (Dataset<Row> s : sources.values()) {
      scopes = scopes.union(s.select("period_month", "scope_type", "scope_code"));
    }
    scopes = scopes.distinct();

    List<Row> meta = indicators.stream().map(i -> RowFactory.create(i.id(), i.group(), i.groupMax(), i.name(),
        i.maxPoints(), i.source(), i.rule(), i.fullAt())).toList();
    Dataset<Row> definitions = spark.createDataFrame(meta, new StructType().add("indicator_id", DataTypes.StringType)
        .add("group_id", DataTypes.IntegerType).add("group_max_points", DataTypes.DoubleType)
        .add("indicator_name", DataTypes.StringType).add("max_points", DataTypes.DoubleType)
        .add("source", DataTypes.StringType).add("rule", DataTypes.StringType).add("full_at", DataTypes.DoubleType));

    StructType measured = key.add("indicator_id", DataTypes.StringType).add("numerator", DataTypes.LongType)
        .add("denominator", DataTypes.LongType);
    Dataset<Row> values = spark.createDataFrame(List.of(), measured);
    for (Indicator i : indicators) {
      Dataset<Row> source = sources.get(i.source());
      if (source != null) {
        values = values.union(source.select(col("period_month"), col("scope_type"), col("scope_code"),
            lit(i.id()).as("indicator_id"), expr(i.numerator()).cast("bigint").as("numerator"),
            expr(i.denominator()).cast("bigint").as("denominator")));
      }
    }

    Column measurable = col("denominator").gt(0);
    Column share = least(greatest(col("numerator").divide(col("denominator")), lit(0.0)), lit(1.0));
    Column status = when(col("max_points").equalTo(0), lit(NOT_SCORED))
        .when(measurable, lit(SCORED)).otherwise(lit(NO_DATA));
    Column points = when(col("status").equalTo(SCORED), when(col("rule").equalTo("threshold"),
        col("max_points").multiply(least(lit(1.0), share.divide(col("full_at")))))
        .otherwise(col("max_points").multiply(share)));
    Column scoredMax = when(col("status").equalTo(SCORED), col("max_points")).otherwise(lit(0.0));
    WindowSpec unit = Window.partitionBy("period_month", "scope_type", "scope_code");
    WindowSpec group = Window.partitionBy("period_month", "scope_type", "scope_code", "group_id");

    return scopes.crossJoin(definitions)
        .join(values, new String[] {"period_month", "scope_type", "scope_code", "indicator_id"}, "left")
        .withColumn("rate", when(measurable, col("numerator").multiply(POINTS).divide(col("denominator"))))
        .withColumn("status", status)
        .withColumn("points", points)
        .withColumn("scored_max", scoredMax)
        .withColumn("group_measurable_max", sum("scored_max").over(group))
        .withColumn("group_points", when(col("group_measurable_max").gt(0), coalesce(sum("points").over(group),
            lit(0.0))))
        .withColumn("measurable_max", sum("scored_max").over(unit))
        .withColumn("total_points", when(col("measurable_max").gt(0), coalesce(sum("points").over(unit), lit(0.0))))
        .withColumn("score_100", when(col("measurable_max").gt(0),
            col("total_points").multiply(POINTS).divide(col("measurable_max"))))
        .select(Arrays.stream(Table.GOLD_SERVICE_INDEX.schema().fieldNames()).map(functions::col)
            .toArray(Column[]::new));
  }

  /**
   * The index of the calendar year {@code year} for every scope of {@code caseMonthly} and
   * {@code procedureMonthly} (either {@code null}), scored by {@link #compute} as a month is, from the
   * year's counts of each scope: the case flows summed over its months, the stocks of open dossiers
   * ({@code pending_*}) and the catalogue as at its last month of the year, {@code carried_over} as
   * at its first (docs/service-index-cases.md, case 7). Summing a stock would count an open dossier
   * once a month; averaging the months' rates or points would weigh a month of few dossiers as much
   * as a busy one. The columns of {@code gold.service_index}, {@code period_month} the year's first
   * day. A scope's last row of the year holds its stocks at the year's end: a scope with dossiers
   * still open has a row every month (as {@code carried_over}), so one that has none in the year's
   * later months had none open.
   */
  public static Dataset<Row> ofYear(SparkSession spark, List<Indicator> indicators, Dataset<Row> caseMonthly,
      Dataset<Row> procedureMonthly, int year) {
    return compute(spark, indicators,
        caseMonthly == null ? null : yearOf(caseMonthly.filter(col("sector").equalTo(City.ALL_SECTORS)), year,
            List.of("scope_type", "scope_code", "sector"), c -> CASE_STOCKS.contains(c) ? Period.LAST
                : c.equals(CARRIED_OVER) ? Period.FIRST : Period.SUM),
        // a catalogue count is the snapshot in force on the month's last day
        procedureMonthly == null ? null : yearOf(procedureMonthly, year, List.of("scope_type", "scope_code"),
            c -> Period.LAST));
  }

  private static final Set<DataType> INTEGRAL = Set.of(DataTypes.LongType, DataTypes.IntegerType);

  /** How a count of the months becomes the period's. */
  private enum Period { SUM, FIRST, LAST }

  /** One row per {@code key} of the months of {@code year}: each count (an integral column) as {@code period} says. */
  private static Dataset<Row> yearOf(Dataset<Row> months, int year, List<String> key,
      Function<String, Period> period) {
    List<Column> counts = new ArrayList<>();
    for (StructField f : months.schema().fields()) {
      if (!key.contains(f.name()) && INTEGRAL.contains(f.dataType())) {
        Column c = col(f.name());
        counts.add((switch (period.apply(f.name())) {
          case SUM -> sum(c);
          case FIRST -> functions.min_by(c, col("period_month"));
          case LAST -> functions.max_by(c, col("period_month"));
        }).as(f.name()));
      }
    }
    return months.filter(functions.year(col("period_month")).equalTo(year))
        .groupBy(key.stream().map(functions::col).toArray(Column[]::new))
        .agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new))
        .withColumn("period_month", lit(LocalDate.of(year, 1, 1)));
  }
}
