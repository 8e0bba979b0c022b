package vn.hcmc.cchc.marts;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.hcmc.cchc.config.ReferenceCsv;

/**
 * One row of {@code conf/reference/targets.csv}: an administrative-reform target the city
 * published for a phase (2025, 2030), the metric that measures it, where that metric comes from,
 * and how it is judged.
 *
 * @param filterColumn {@code sector} or {@code level} when {@code scope_filter} restricts the counts, else {@code null}
 * @param filterValues the values that {@code scope_filter} keeps (empty without a filter)
 * @param thresholdHigh upper bound of {@code between}, else {@code null}
 * @param measuredFrom {@code cases}, {@code procedures}, {@code work} or {@code indicators}
 * @param unmeasurable why the warehouse cannot measure the target (an unknown metric or source, a
 *     filter its source cannot apply), else {@code null}: such a target is kept, {@code no_data}
 */
public record ReformTarget(String id, String phase, String metric, String scopeFilter, String filterColumn,
    List<String> filterValues, String comparator, BigDecimal threshold, BigDecimal thresholdHigh,
    String measuredFrom, String text, String unmeasurable) {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReformTarget.class);

  private static final Pattern FILTER = Pattern.compile("(sector|level)\\s+in\\s*\\(([^)]*)\\)");
  private static final Set<String> COMPARATORS = Set.of("gt", "ge", "between");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** The file of the targets in the reference folder ({@code conf/reference}). */
  public static final String FILE = vn.hcmc.cchc.reference.ReferenceFiles.TARGETS;

  /** The metric of work targets and of feed D. */
  public static final String WORK_ONLINE_RATE = "work_online_rate";
  public static final String INDICATOR = "indicator";

  /** Whether {@code numerator / denominator} (as a percentage) meets the target, compared exactly. */
  public boolean met(long numerator, long denominator) {
    if (denominator <= 0) {
      throw new IllegalArgumentException("no rate without a positive denominator");
    }
    // 100 x n / d against t, without rounding: 100 x n against t x d
    BigDecimal scaled = BigDecimal.valueOf(numerator).multiply(HUNDRED);
    BigDecimal low = threshold.multiply(BigDecimal.valueOf(denominator));
    return switch (comparator) {
      case "gt" -> scaled.compareTo(low) > 0;
      case "ge" -> scaled.compareTo(low) >= 0;
      case "between" -> scaled.compareTo(low) >= 0
          && scaled.compareTo(thresholdHigh.multiply(BigDecimal.valueOf(denominator))) <= 0;
      default -> throw new IllegalStateException(comparator);
    };
  }

  /** Every target of the file, in file order. */
  public static List<ReformTarget> load(Path targetsCsv) {
    return parse(ReferenceCsv.read(targetsCsv), targetsCsv.getFileName().toString());
  }

  /**
   * The targets of parsed rows; fails naming the line when a row cannot be judged at all (an empty
   * id, an unknown comparator, a threshold that is not a number). A row the warehouse cannot
   * measure (unknown metric or source) is kept, {@link #unmeasurable} saying why, with a warning:
   * the contract wants every target in {@code gold.target_attainment}, {@code no_data} where
   * nothing measures it.
   */
  public static List<ReformTarget> parse(List<ReferenceCsv.Line> lines, String name) {
    List<ReformTarget> out = new ArrayList<>();
    for (ReferenceCsv.Line l : lines) {
      ReformTarget t;
      try {
        t = of(l);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " line " + l.number() + ": " + e.getMessage(), e);
      }
      if (t.unmeasurable() != null) {
        LOG.warn("{} line {}: target {} cannot be measured ({}); it is reported as no_data", name, l.number(), t.id(),
            t.unmeasurable());
      }
      out.add(t);
    }
    return out;
  }

  private static ReformTarget of(ReferenceCsv.Line l) {
    String id = require(l, "target_id");
    String comparator = require(l, "comparator");
    if (!COMPARATORS.contains(comparator)) {
      throw new IllegalArgumentException("comparator '" + comparator + "' is not gt, ge or between");
    }
    BigDecimal threshold = number(require(l, "threshold"), "threshold");
    BigDecimal high = l.get("threshold_high").isEmpty() ? null : number(l.get("threshold_high"), "threshold_high");
    if ("between".equals(comparator) == (high == null)) {
      throw new IllegalArgumentException("threshold_high is needed with between, and only with it");
    }
    String source = require(l, "measured_from");
    String metric = require(l, "metric");
    String filter = l.get("scope_filter");
    String column = null;
    List<String> values = List.of();
    if (!filter.isEmpty()) {
      Matcher m = FILTER.matcher(filter);
      if (!m.matches()) {
        throw new IllegalArgumentException("scope_filter '" + filter + "' is not 'sector in (a;b)' or 'level in (a;b)'");
      }
      column = m.group(1);
      values = Arrays.stream(m.group(2).split(";")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
    return new ReformTarget(id, l.get("phase"), metric, filter, column, values, comparator, threshold, high, source,
        l.get("text_en"), measurability(source, metric, column));
  }

  /** Why the warehouse cannot measure such a target, or {@code null} when it can. */
  private static String measurability(String source, String metric, String filterColumn) {
    List<Ratio> rates = switch (source) {
      case "cases" -> CaseMonthly.RATES;
      case "procedures" -> ProcedureMonthly.RATES;
      case "work" -> List.of(new Ratio(WORK_ONLINE_RATE, "processed_online", "workable"));
      case "indicators" -> List.of(new Ratio(INDICATOR, "numerator", "denominator"));
      default -> null;
    };
    if (rates == null) {
      return "measured_from '" + source + "' is not cases, procedures, work or indicators";
    }
    if (rates.stream().noneMatch(r -> r.name().equals(metric))) {
      return "metric '" + metric + "' is not measured from " + source;
    }
    boolean filterOk = filterColumn == null || "cases".equals(source)
        || ("level".equals(filterColumn) && !"indicators".equals(source));
    return filterOk ? null : "a " + filterColumn + " filter cannot apply to " + source;
  }

  private static String require(ReferenceCsv.Line l, String column) {
    String v = l.get(column);
    if (v.isEmpty()) {
      throw new IllegalArgumentException(column + " is empty");
    }
    return v;
  }

  private static BigDecimal number(String s, String column) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " '" + s + "' is not a number");
    }
  }
}
