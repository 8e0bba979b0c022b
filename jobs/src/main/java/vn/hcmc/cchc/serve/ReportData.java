package vn.hcmc.cchc.serve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.config.ReferenceCsv;
import vn.hcmc.cchc.reference.ReferenceFiles;
import vn.hcmc.cchc.reference.ScopeNames;
import vn.hcmc.cchc.reference.ServiceIndex;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * What the HTML report shows, collected from the warehouse as small lists on the driver (one year
 * of {@code gold.target_attainment}, the city's months, one row per level, the 2021 sums), so that
 * {@link HtmlReport} renders it without Spark. A table that is missing or empty leaves its part of
 * the report empty and is named in {@code missing}; nothing here fails for want of a table.
 *
 * @param year the latest year of {@code gold.target_attainment} (else of {@code gold.case_monthly});
 *     {@code null} when neither has rows
 * @param attainment every scope's rows of that year
 * @param cityMonths the city's months, all sectors, every year
 * @param levels the city and its three levels over {@code year}, from {@code gold.case_monthly}
 * @param serviceIndex the service index of Decision 766 over {@code year}; {@code null} without
 *     {@code gold.service_index}, the counts it is scored from or {@code service-index.csv}
 * @param trajectories the rows of {@code gold.target_trajectory} the report shows: the city's, and
 *     those of every scope {@code at_risk}
 * @param cityActuals the city's measured results of every year of {@code gold.target_attainment}
 * @param missing contract names of the tables the report wanted and did not find (or found empty)
 */
public record ReportData(String warehouse, Integer year, List<Attainment> attainment, List<Month> cityMonths,
    List<KeyRates> levels, Baseline baseline, ServiceIndexYear serviceIndex, List<Trajectory> trajectories,
    List<YearActual> cityActuals, List<String> missing) {

  /** The year the city published its figures for ({@code conf/reference/published-2021.csv}). */
  public static final int BASELINE_YEAR = 2021;
  public static final String PUBLISHED_FILE = "published-" + BASELINE_YEAR + ".csv";

  /**
   * A row of {@code gold.target_attainment}; {@code commune}: an agency of level {@code commune} in
   * its latest snapshot, {@code district} the name of its district then ({@code null} for other
   * scopes or when it had none: commune names such as "Phường 1" repeat across districts);
   * {@code text}: the target's sentence from {@code targets.csv} (its id when the file does not know it).
   */
  public record Attainment(String scopeType, String scopeCode, String scopeName, boolean commune, String district,
      String targetId, String phase, String text, String comparator, double threshold, Double thresholdHigh, Double actual,
      Double gap, String status, Long numerator, Long denominator, int monthsCovered) {

    /** How many points the value lies outside the target's range (0 when met or unmeasured). */
    public double shortfall() {
      return AttainmentView.pointsShort(status, actual, threshold, thresholdHigh);
    }
  }

  /** One month of the city, all sectors: the three rates of the trend chart ({@code NULL}: no denominator). */
  public record Month(LocalDate month, Double onTimeRate, Double fullOnlineRate, Double satisfactionRate) {}

  /** A scope's key rates over a year, from its summed counts. */
  public record KeyRates(String scopeType, String scopeCode, String name, long received, long resolved,
      Double onTimeRate, Double onlineRate, Double fullOnlineRate, Double satisfactionRate,
      Double eCirculationRate) {}

  /** A figure the city published ({@code value} is a lower bound when {@code qualifier} is {@code over}). */
  public record Published(String figure, double value, String qualifier, String text) {}

  /**
   * The city's published 2021 figures and ours under the same names ({@code received},
   * {@code resolved}, ...); {@code ours} is empty when the warehouse has no 2021 data.
   * {@code months}: months of 2021 our case figures cover.
   */
  public record Baseline(List<Published> published, Map<String, Long> ours, int months) {
    /** A rate both sides can be compared on, whatever the scale: {@code 100 x numerator / denominator}. */
    public record Rate(String label, String numerator, String denominator) {}

    public static final List<Rate> RATES = List.of(
        new Rate("resolved, % of received", "resolved", "received"),
        new Rate("resolved late, % of resolved", "resolved_late", "resolved"),
        new Rate("apology letters, % of late dossiers", "late_with_apology", "resolved_late"),
        new Rate("online dossiers (level 3-4), % of received", "online_dossiers", "received"),
        new Rate("procedures offered online, % of procedures", "online_procedures", "procedures"),
        new Rate("internal procedures, per 100 public procedures", "internal_procedures", "procedures"));

    /** The published rate, {@code null} when either figure is missing. */
    public Double publishedRate(Rate r) {
      Map<String, Double> values = new HashMap<>();
      published.forEach(p -> values.put(p.figure(), p.value()));
      return percent(values.get(r.numerator()), values.get(r.denominator()));
    }

    /** Our rate, {@code null} when either count is missing or the denominator is 0. */
    public Double ourRate(Rate r) {
      Long n = ours.get(r.numerator());
      Long d = ours.get(r.denominator());
      return n == null || d == null ? null : percent(n.doubleValue(), d.doubleValue());
    }

    private static Double percent(Double n, Double d) {
      return n == null || d == null || d == 0 ? null : 100 * n / d;
    }
  }

  /**
   * The service index of Decision 766 over a year, scored by {@link ServiceIndex#ofYear} from the
   * year's counts, as {@code gold.service_index} scores a month: that table is monthly, and a year's
   * index is neither its last month's nor an average of its months'.
   *
   * @param months the months of {@code year} the city's case counts cover
   * @param lastMonth the last of them: open dossiers and the catalogue are counted as at its end
   * @param city the city's total
   * @param groups the city's groups, in the decision's order
   * @param districts every district's total, named by {@code gold.scope}
   * @param communes every commune's total (an agency whose latest {@code gold.scope} row is at commune
   *     level), with its district's name there ({@code null} without one)
   * @param named whether {@code gold.scope} was there to name the units and tell communes apart;
   *     without it {@code districts} and {@code communes} are empty
   */
  public record ServiceIndexYear(int year, int months, LocalDate lastMonth, IndexScore city, List<IndexGroup> groups,
      List<IndexScore> districts, List<IndexScore> communes, boolean named) {}

  /** A group of the decision for the city: {@code points} {@code null} when none of its indicators is measured. */
  public record IndexGroup(int groupId, String name, double maxPoints, double measurableMax, Double points) {}

  /**
   * A unit's index over the year: {@code totalPoints} of {@code measurableMax}, rescaled to 100 as
   * {@code score100} (both {@code null} when nothing is measured).
   */
  public record IndexScore(String scopeCode, String name, String district, double measurableMax, Double totalPoints,
      Double score100) {}

  /** The line's value in December of a year with its 90% interval, %; all {@code null} without a line. */
  public record Projection(Double value, Double low, Double high) {}

  /**
   * A row of {@code gold.target_trajectory}: the straight line fitted to a scope's monthly measure of
   * a target (docs/MARTS.md). {@code district} and {@code text} as in {@link Attainment}.
   */
  public record Trajectory(String scopeType, String scopeCode, String scopeName, String district, String targetId,
      String phase, String text, String comparator, double threshold, Double thresholdHigh, LocalDate deadline,
      int months, LocalDate firstMonth, LocalDate asOfMonth, Integer nowYear, Double actualNow, Boolean meetsNow,
      Double trendNow, Double slopePerYear, Projection at2025, Projection at2030, LocalDate reachesMonth,
      String outlook, boolean atRisk) {

    public static final String NO_DATA = "no_data";
    public static final String TOO_FEW_MONTHS = "too_few_months";

    /** Whether there is a line: 3 months or more with data. */
    public boolean fitted() {
      return trendNow != null && slopePerYear != null && asOfMonth != null;
    }

    /**
     * The line's value in {@code month}, kept between 0 and 100 as the table keeps its projections:
     * {@code trend_now + slope_per_year / 12 x} the months from {@code as_of_month}; {@code null}
     * without a line.
     */
    public Double lineAt(LocalDate month) {
      return fitted() ? Math.max(0, Math.min(100, unclamped(month))) : null;
    }

    /** The line's value in {@code month}, not kept between 0 and 100. */
    double unclamped(LocalDate month) {
      return trendNow + slopePerYear / 12 * ChronoUnit.MONTHS.between(YearMonth.from(asOfMonth), YearMonth.from(month));
    }

    /** The projection at the deadline: December 2025's or 2030's with its interval, else the line's value there. */
    public Projection atDeadline() {
      return switch (deadline.getYear()) {
        case 2025 -> at2025;
        case 2030 -> at2030;
        default -> new Projection(lineAt(deadline), null, null);
      };
    }

    /** How many points the projection at the deadline lies outside the target's range (0 when within it). */
    public double shortfallAtDeadline() {
      return AttainmentView.pointsShort("not_met", atDeadline().value(), threshold, thresholdHigh);
    }
  }

  /** The city's result of a target in a year it was measured ({@code gold.target_attainment}). */
  public record YearActual(String targetId, int year, double actual, int monthsCovered) {}

  /** {@code gold.case_monthly} counts summed for the baseline, by the published figure they stand for. */
  private static final Map<String, List<String>> CASE_FIGURES = new LinkedHashMap<>();
  /** {@code gold.procedure_monthly} counts of the year's last month, by published figure. */
  private static final Map<String, String> CATALOGUE_FIGURES = new LinkedHashMap<>();

  static {
    CASE_FIGURES.put("received", List.of("received_new"));
    CASE_FIGURES.put("resolved", List.of("resolved"));
    CASE_FIGURES.put("resolved_late", List.of("resolved_late"));
    CASE_FIGURES.put("late_with_apology", List.of("late_with_apology"));
    // level 3 and 4 of Decree 43/2011 are today's partial and full online service
    CASE_FIGURES.put("online_dossiers", List.of("received_partial_online", "received_full_online"));
    CATALOGUE_FIGURES.put("procedures", "procedures");
    CATALOGUE_FIGURES.put("online_procedures", "online_available");
    CATALOGUE_FIGURES.put("internal_procedures", "internal_procedures");
  }

  private static final List<String> RATE_COUNTS = List.of("received_new", "resolved", "resolved_early",
      "resolved_on_time", "received_online", "received_full_online", "rated", "rated_satisfied", "interagency",
      "e_circulated");

  /** Reads what the report needs from {@code warehouse}; names from {@code referenceDir} ({@code conf/reference}). */
  public static ReportData load(Warehouse warehouse, Path referenceDir) {
    return load(warehouse, referenceDir, null);
  }

  /**
   * The report's data for {@code year}, or for the latest year with data when it is {@code null};
   * the trajectories are the warehouse's, whatever the year.
   */
  public static ReportData load(Warehouse warehouse, Path referenceDir, Integer wanted) {
    List<String> missing = new ArrayList<>();
    Dataset<Row> attainment = present(warehouse, Table.GOLD_TARGET_ATTAINMENT, missing);
    Dataset<Row> cases = present(warehouse, Table.GOLD_CASE_MONTHLY, missing);
    Dataset<Row> catalogue = present(warehouse, Table.GOLD_PROCEDURE_MONTHLY, missing);
    Dataset<Row> agencies = present(warehouse, Table.SILVER_AGENCIES, missing);
    Dataset<Row> serviceIndex = present(warehouse, Table.GOLD_SERVICE_INDEX, missing);
    Dataset<Row> scopes = present(warehouse, Table.GOLD_SCOPE, missing);
    Dataset<Row> trajectory = present(warehouse, Table.GOLD_TARGET_TRAJECTORY, missing);
    Dataset<Row> allSectors = cases == null ? null : cases.filter(col("sector").equalTo(City.ALL_SECTORS));

    ScopeNames names = ScopeNames.load(referenceDir, agencies);
    Integer year = wanted != null ? wanted : latestYear(attainment, col("year"));
    if (year == null) {
      year = latestYear(allSectors, functions.year(col("period_month")));
    }
    Map<String, String> communes = communes(agencies, names);
    Map<String, String> texts = targetTexts(referenceDir);
    List<Attainment> rows = attainment == null || year == null ? List.of()
        : attainments(attainment.filter(col("year").equalTo(year)), communes, texts);
    List<Month> months = allSectors == null ? List.of() : months(allSectors);
    List<KeyRates> levels = allSectors == null || year == null ? List.of()
        : levels(allSectors.filter(functions.year(col("period_month")).equalTo(year)), names);
    Baseline baseline = new Baseline(published(referenceDir), baselineCounts(allSectors, catalogue),
        allSectors == null ? 0 : (int) allSectors.filter(col("scope_type").equalTo(City.Scope.CITY)
            .and(functions.year(col("period_month")).equalTo(BASELINE_YEAR))).count());
    ServiceIndexYear index = serviceIndex == null || allSectors == null || year == null ? null
        : serviceIndexYear(allSectors, catalogue, scopes, months, names.of(City.Scope.CITY, City.CODE), referenceDir,
            year);
    List<Trajectory> trajectories = trajectory == null ? List.of() : trajectories(trajectory, communes, texts);
    return new ReportData(warehouse.root(), year, rows, months, levels, baseline, index, trajectories,
        attainment == null ? List.of() : cityActuals(attainment), missing);
  }

  /** The table, or {@code null} (and its name in {@code missing}) when it does not exist or has no rows. */
  private static Dataset<Row> present(Warehouse warehouse, Table table, List<String> missing) {
    if (warehouse.exists(table)) {
      Dataset<Row> df = warehouse.read(table);
      if (!df.isEmpty()) {
        return df;
      }
    }
    missing.add(table.sqlName());
    return null;
  }

  private static Integer latestYear(Dataset<Row> df, Column year) {
    if (df == null) {
      return null;
    }
    Row r = df.agg(max(year)).head();
    return r.isNullAt(0) ? null : r.getInt(0);
  }

  /**
   * The agencies whose latest snapshot puts them at commune level: code to the name of their
   * district in it ({@code ""} without one).
   */
  private static Map<String, String> communes(Dataset<Row> agencies, ScopeNames names) {
    Map<String, String> out = new HashMap<>();
    if (agencies == null) {
      return out;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Row r : agencies.orderBy(desc("valid_from")).select("agency_code", "level", "district_code")
        .collectAsList()) {
      if (seen.add(r.getString(0)) && City.Level.COMMUNE.equals(r.getString(1))) {
        out.put(r.getString(0), r.isNullAt(2) ? "" : names.of(City.Scope.DISTRICT, r.getString(2)));
      }
    }
    return out;
  }

  /**
   * Target id to its sentence, read from {@code targets.csv} as a reference file: the marts have
   * judged the targets already (a row they could not read failed the marts run), the report only
   * quotes them.
   */
  private static Map<String, String> targetTexts(Path referenceDir) {
    Map<String, String> out = new HashMap<>();
    Path file = referenceDir.resolve(ReferenceFiles.TARGETS);
    if (Files.exists(file)) {
      ReferenceCsv.read(file).forEach(l -> out.put(l.get("target_id"), l.get("text_en")));
    }
    return out;
  }

  private static List<Attainment> attainments(Dataset<Row> year, Map<String, String> communes,
      Map<String, String> texts) {
    List<Attainment> out = new ArrayList<>();
    for (Row r : year.orderBy("target_id", "scope_type", "scope_code").collectAsList()) {
      String type = r.getAs("scope_type");
      String code = r.getAs("scope_code");
      String id = r.getAs("target_id");
      boolean commune = City.Scope.AGENCY.equals(type) && communes.containsKey(code);
      out.add(new Attainment(type, code, r.getAs("scope_name"), commune, district(type, code, communes), id,
          r.getAs("phase"), texts.getOrDefault(id, id), r.getAs("comparator"), r.<Double>getAs("threshold"),
          r.getAs("threshold_high"), r.getAs("actual"), r.getAs("gap"), r.getAs("status"), r.getAs("numerator"),
          r.getAs("denominator"), r.<Integer>getAs("months_covered")));
    }
    return out;
  }

  /** A commune agency's district in {@code communes} ({@code null} for another scope, or a commune without one). */
  private static String district(String scopeType, String scopeCode, Map<String, String> communes) {
    String district = City.Scope.AGENCY.equals(scopeType) ? communes.get(scopeCode) : null;
    return district == null || district.isEmpty() ? null : district;
  }

  /** A DATE is a LocalDate or a java.sql.Date, as spark.sql.datetime.java8API.enabled says; {@code null} stays. */
  private static LocalDate date(Object value) {
    return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
  }

  /**
   * The rows of {@code gold.target_trajectory} the report shows: the city's and every scope's
   * {@code at_risk}; {@code communes} and {@code texts} as for the attainment.
   */
  static List<Trajectory> trajectories(Dataset<Row> table, Map<String, String> communes, Map<String, String> texts) {
    List<Trajectory> out = new ArrayList<>();
    for (Row r : table.filter(col("scope_type").equalTo(City.Scope.CITY).or(col("at_risk")))
        .orderBy("target_id", "scope_type", "scope_code").collectAsList()) {
      String type = r.getAs("scope_type");
      String code = r.getAs("scope_code");
      String id = r.getAs("target_id");
      out.add(new Trajectory(type, code, r.getAs("scope_name"), district(type, code, communes), id, r.getAs("phase"),
          texts.getOrDefault(id, id), r.getAs("comparator"), r.<Double>getAs("threshold"), r.getAs("threshold_high"),
          date(r.getAs("deadline")), r.<Integer>getAs("months"), date(r.getAs("first_month")),
          date(r.getAs("as_of_month")), r.getAs("now_year"), r.getAs("actual_now"), r.getAs("meets_now"),
          r.getAs("trend_now"), r.getAs("slope_per_year"), projection(r, "projected_2025"),
          projection(r, "projected_2030"), date(r.getAs("reaches_month")), r.getAs("outlook"),
          r.<Boolean>getAs("at_risk")));
    }
    return out;
  }

  private static Projection projection(Row r, String column) {
    return new Projection(r.getAs(column), r.getAs(column + "_low"), r.getAs(column + "_high"));
  }

  /** The city's measured results, every year. */
  private static List<YearActual> cityActuals(Dataset<Row> attainment) {
    return attainment.filter(col("scope_type").equalTo(City.Scope.CITY).and(col("status").notEqual("no_data")))
        .orderBy("target_id", "year").select("target_id", "year", "actual", "months_covered").collectAsList().stream()
        .map(r -> new YearActual(r.getString(0), r.getInt(1), r.getDouble(2), r.getInt(3))).toList();
  }

  private static List<Month> months(Dataset<Row> allSectors) {
    List<Month> out = new ArrayList<>();
    for (Row r : allSectors.filter(col("scope_type").equalTo(City.Scope.CITY)).orderBy("period_month")
        .select("period_month", "on_time_rate", "full_online_rate", "satisfaction_rate").collectAsList()) {
      // a DATE is a LocalDate or a java.sql.Date, as spark.sql.datetime.java8API.enabled says
      Object month = r.get(0);
      out.add(new Month(date(month), r.getAs(1),
          r.getAs(2), r.getAs(3)));
    }
    return out;
  }

  /** The city and the level scopes, in that order (city level, district level, commune level). */
  private static List<KeyRates> levels(Dataset<Row> yearCases, ScopeNames names) {
    List<Column> sums = RATE_COUNTS.stream().map(c -> sum(col(c)).as(c)).toList();
    List<KeyRates> out = new ArrayList<>();
    for (Row r : yearCases.filter(col("scope_type").isin(City.Scope.CITY, City.Scope.LEVEL)).groupBy("scope_type", "scope_code")
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new)).collectAsList()) {
      String type = r.getAs("scope_type");
      String code = r.getAs("scope_code");
      long[] n = RATE_COUNTS.stream().mapToLong(c -> r.<Long>getAs(c)).toArray();
      out.add(new KeyRates(type, code, names.of(type, code), n[0], n[1], percent(n[2] + n[3], n[1]),
          percent(n[4], n[0]), percent(n[5], n[0]), percent(n[7], n[6]), percent(n[9], n[8])));
    }
    List<String> order = new ArrayList<>(List.of(City.Scope.CITY + "|" + City.CODE));
    City.Level.ALL.forEach(level -> order.add(City.Scope.LEVEL + "|" + level));
    out.sort(java.util.Comparator.comparingInt(k -> order.indexOf(k.scopeType() + "|" + k.scopeCode())));
    return out;
  }

  /**
   * The year's index of the city, the districts and the communes, or {@code null} when
   * {@code service-index.csv} is not in {@code referenceDir} or the city has no counts that year.
   */
  static ServiceIndexYear serviceIndexYear(Dataset<Row> allSectors, Dataset<Row> catalogue,
      Dataset<Row> scopes, List<Month> cityMonths, String cityName, Path referenceDir, int year) {
    Path file = referenceDir.resolve(ReferenceFiles.SERVICE_INDEX);
    if (!Files.exists(file)) {
      return null;
    }
    List<ReferenceCsv.Line> lines = ReferenceCsv.read(file);
    List<ServiceIndex.Indicator> indicators = ServiceIndex.parse(lines, ReferenceFiles.SERVICE_INDEX);
    Map<Integer, String> groupNames = new HashMap<>();
    for (int i = 0; i < indicators.size(); i++) {
      groupNames.putIfAbsent(indicators.get(i).group(), lines.get(i).get("group_name_vi"));
    }
    // the totals repeat on each indicator's row and the group's on each of its indicators': one row per group
    List<Row> rows = ServiceIndex.ofYear(allSectors.sparkSession(), indicators, allSectors, catalogue, year)
        .filter(col("scope_type").isin(City.Scope.CITY, City.Scope.DISTRICT, City.Scope.AGENCY))
        .select("scope_type", "scope_code", "group_id", "group_max_points", "group_measurable_max", "group_points",
            "measurable_max", "total_points", "score_100")
        .distinct().orderBy("scope_type", "scope_code", "group_id").collectAsList();
    Map<String, Row> units = new LinkedHashMap<>();
    List<IndexGroup> groups = new ArrayList<>();
    for (Row r : rows) {
      if (City.Scope.CITY.equals(r.getString(0))) {
        groups.add(new IndexGroup(r.getInt(2), groupNames.get(r.getInt(2)), r.getDouble(3), r.getDouble(4),
            r.getAs(5)));
      }
      units.putIfAbsent(r.getString(0) + "|" + r.getString(1), r);
    }
    Row city = units.get(City.Scope.CITY + "|" + City.CODE);
    if (city == null) {
      return null;
    }
    List<Month> months = cityMonths.stream().filter(m -> m.month().getYear() == year).toList();
    Map<String, Row> named = new HashMap<>();
    if (scopes != null) {
      for (Row r : scopes.filter(col("is_latest")).select("scope_type", "scope_code", "scope_name", "level",
          "district_name").collectAsList()) {
        named.put(r.getString(0) + "|" + r.getString(1), r);
      }
    }
    List<IndexScore> districts = new ArrayList<>();
    List<IndexScore> communes = new ArrayList<>();
    units.forEach((key, r) -> {
      Row scope = named.get(key);
      if (scope == null) {
        return;
      }
      if (City.Scope.DISTRICT.equals(r.getString(0))) {
        districts.add(indexScore(r, scope.getString(2), null));
      } else if (City.Scope.AGENCY.equals(r.getString(0)) && City.Level.COMMUNE.equals(scope.getString(3))) {
        communes.add(indexScore(r, scope.getString(2), scope.getString(4)));
      }
    });
    return new ServiceIndexYear(year, months.size(), months.isEmpty() ? null : months.get(months.size() - 1).month(),
        indexScore(city, cityName, null), groups, districts, communes, scopes != null);
  }

  private static IndexScore indexScore(Row r, String name, String district) {
    return new IndexScore(r.getString(1), name, district, r.getDouble(6), r.getAs(7), r.getAs(8));
  }

  private static Double percent(long numerator, long denominator) {
    return denominator == 0 ? null : 100.0 * numerator / denominator;
  }

  private static List<Published> published(Path referenceDir) {
    Path file = referenceDir.resolve(PUBLISHED_FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    return ReferenceCsv.read(file).stream().map(l -> new Published(l.get("figure"), Double.parseDouble(l.get("value")),
        l.get("qualifier"), l.get("text_en"))).toList();
  }

  /** Our figures of {@link #BASELINE_YEAR} (the city, all sectors), empty when the warehouse has none. */
  private static Map<String, Long> baselineCounts(Dataset<Row> allSectors, Dataset<Row> catalogue) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (allSectors == null) {
      return out;
    }
    Dataset<Row> city = allSectors.filter(col("scope_type").equalTo(City.Scope.CITY)
        .and(functions.year(col("period_month")).equalTo(BASELINE_YEAR)));
    if (city.isEmpty()) {
      return out;
    }
    List<String> columns = CASE_FIGURES.values().stream().flatMap(List::stream).distinct().toList();
    Row sums = city.agg(sum(col(columns.get(0))).as(columns.get(0)), columns.subList(1, columns.size()).stream()
        .map(c -> sum(col(c)).as(c)).toArray(Column[]::new)).head();
    CASE_FIGURES.forEach((figure, cols) -> out.put(figure, cols.stream().mapToLong(c -> sums.<Long>getAs(c)).sum()));
    if (catalogue != null) {
      List<Row> last = catalogue.filter(col("scope_type").equalTo(City.Scope.CITY)
          .and(functions.year(col("period_month")).equalTo(BASELINE_YEAR))).orderBy(desc("period_month")).limit(1)
          .collectAsList();
      if (!last.isEmpty()) {
        CATALOGUE_FIGURES.forEach((figure, c) -> out.put(figure, last.get(0).<Long>getAs(c)));
      }
    }
    return out;
  }
}
