package vn.hcmc.cchc.serve;

import static vn.hcmc.cchc.serve.Figures.pctOrDash;
import static vn.hcmc.cchc.serve.Figures.pctOrNoData;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.hcmc.cchc.serve.ReportData.Attainment;
import vn.hcmc.cchc.serve.ReportData.Baseline;
import vn.hcmc.cchc.serve.ReportData.IndexGroup;
import vn.hcmc.cchc.serve.ReportData.IndexScore;
import vn.hcmc.cchc.serve.ReportData.KeyRates;
import vn.hcmc.cchc.serve.ReportData.Month;
import vn.hcmc.cchc.serve.ReportData.Projection;
import vn.hcmc.cchc.serve.ReportData.ServiceIndexYear;
import vn.hcmc.cchc.serve.ReportData.Trajectory;
import vn.hcmc.cchc.serve.ReportData.YearActual;

/**
 * The report's charts as specifications for {@code report.js}, which draws them as SVG in the
 * browser: plain maps (kept in insertion order, so the JSON is the same for the same data) of a
 * {@code type} ({@code bars}, {@code line} or {@code trajectory}), its series and its rows, each
 * value with the text its label shows. Which chart goes where is {@link HtmlReport}'s business.
 */
final class ReportCharts {
  private ReportCharts() {}

  /** Targets: one phase's targets, the city's value against its threshold (a band for a range). */
  static Map<String, Object> targets(List<Attainment> phase) {
    List<Map<String, Object>> bars = new ArrayList<>();
    for (Attainment a : phase) {
      Map<String, Object> bar = bar(Figures.shorten(a.text(), 40), a.targetId() + ": " + a.text(), a.actual(),
          pctOrNoData(a.actual()));
      bar.put("marker", a.threshold());
      bar.put("markerHigh", a.thresholdHigh());
      bar.put("cls", a.status());
      if (a.actual() == null) {
        bar.put("note", "no data (chưa có số liệu)");
      }
      bars.add(bar);
    }
    return bars(List.of(series("value", 0)), bars, 100.0, 640, 270);
  }

  /** Trends: the city's three monthly rates. */
  static Map<String, Object> trends(List<Month> months) {
    List<Map<String, Object>> series = List.of(
        line("resolved on time (on_time_rate)", 0, months.stream().map(Month::onTimeRate).toList()),
        line("received fully online (full_online_rate)", 1, months.stream().map(Month::fullOnlineRate).toList()),
        line("satisfied (satisfaction_rate)", 2, months.stream().map(Month::satisfactionRate).toList()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "line");
    spec.put("x", months.stream().map(m -> m.month().toString().substring(0, 7)).toList());
    spec.put("series", series);
    return spec;
  }

  /** Trajectories: where the lines end, the month the targets of the second phase are due. */
  static final YearMonth LAST = YearMonth.of(2030, 12);

  /**
   * Trajectories: one target's line for the city, months counted from January of its first year with
   * data ({@code at}, so that the script only scales): the line as its vertices in data units, solid
   * from {@code first_month} to {@code as_of_month}, dashed from there to December 2030 (with a vertex
   * where it meets 0 or 100 and stays there); the year's results ({@code actuals}) at the middle of the
   * months they cover; the 90% intervals of December 2025 and 2030; the target's range.
   */
  static Map<String, Object> trajectory(Trajectory t, List<YearActual> actuals) {
    int firstYear = actuals.stream().mapToInt(YearActual::year).min().orElse(t.firstMonth().getYear());
    YearMonth from = YearMonth.of(Math.min(firstYear, t.firstMonth().getYear()), 1);
    List<double[]> solid = vertices(t, from, YearMonth.from(t.firstMonth()), YearMonth.from(t.asOfMonth()));
    List<double[]> dashed = vertices(t, from, YearMonth.from(t.asOfMonth()), LAST);
    List<Map<String, Object>> dots = new ArrayList<>();
    for (YearActual a : actuals) {
      // the months of the year the line is fitted to; a year outside them stands at its middle
      YearMonth start = max(YearMonth.of(a.year(), 1), YearMonth.from(t.firstMonth()));
      YearMonth end = min(YearMonth.of(a.year(), 12), YearMonth.from(t.asOfMonth()));
      double at = start.isAfter(end) ? at(from, YearMonth.of(a.year(), 1)) + 5.5
          : (at(from, start) + at(from, end)) / 2.0;
      dots.add(mark(at, a.actual(), a.year() + ": " + Figures.pct(a.actual()) + " (" + a.monthsCovered() + " months)"));
    }
    List<Map<String, Object>> intervals = new ArrayList<>();
    for (int year : new int[] {2025, 2030}) {
      Projection p = year == 2025 ? t.at2025() : t.at2030();
      if (p != null && p.value() != null && p.low() != null && p.high() != null) {
        Map<String, Object> bar = mark(at(from, YearMonth.of(year, 12)), p.value(),
            "December " + year + ": " + Figures.projection(p));
        bar.put("low", p.low());
        bar.put("high", p.high());
        intervals.add(bar);
      }
    }
    double lowest = t.threshold();
    for (List<double[]> part : List.of(solid, dashed)) {
      lowest = Math.min(lowest, part.stream().mapToDouble(v -> v[1]).min().orElse(100));
    }
    lowest = Math.min(lowest, actuals.stream().mapToDouble(YearActual::actual).min().orElse(100));
    lowest = Math.min(lowest, intervals.stream().mapToDouble(i -> (Double) i.get("low")).min().orElse(100));
    List<Map<String, Object>> ticks = new ArrayList<>();
    for (int year = from.getYear(); year <= LAST.getYear(); year++) {
      Map<String, Object> tick = new LinkedHashMap<>();
      tick.put("at", at(from, YearMonth.of(year, 1)));
      tick.put("label", String.valueOf(year));
      ticks.add(tick);
    }
    Map<String, Object> threshold = new LinkedHashMap<>();
    threshold.put("low", t.threshold());
    threshold.put("high", t.thresholdHigh());
    threshold.put("text", "target " + Figures.target(t.comparator(), t.threshold(), t.thresholdHigh()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "trajectory");
    spec.put("from", from.toString());
    spec.put("span", at(from, LAST));
    spec.put("min", Math.max(0, Math.floor((lowest - 1) / 10) * 10));
    spec.put("ticks", ticks);
    spec.put("threshold", threshold);
    spec.put("solid", solid);
    spec.put("dashed", dashed);
    spec.put("actuals", dots);
    spec.put("intervals", intervals);
    spec.put("title", "line: " + Figures.pct(t.trendNow()) + " in " + Figures.month(t.asOfMonth()) + ", "
        + Figures.points(t.slopePerYear()) + " a year");
    return spec;
  }

  /**
   * The line from {@code start} to {@code end} as {@code [at, value]} pairs: its two ends and each
   * month where it meets 0 or 100, from where it is kept there.
   */
  private static List<double[]> vertices(Trajectory t, YearMonth from, YearMonth start, YearMonth end) {
    List<double[]> out = new ArrayList<>();
    if (start.isAfter(end)) {
      return out;
    }
    double a = at(from, start);
    double b = at(from, end);
    out.add(new double[] {a, t.lineAt(start.atDay(1))});
    double unclampedAtA = t.unclamped(start.atDay(1));
    List<Double> crossings = new ArrayList<>();
    for (double bound : new double[] {0, 100}) {
      if (t.slopePerYear() != 0) {
        double crossing = a + (bound - unclampedAtA) * 12 / t.slopePerYear();
        if (crossing > a && crossing < b) {
          crossings.add(crossing);
        }
      }
    }
    crossings.stream().sorted().forEach(c -> out.add(new double[] {c, Math.max(0, Math.min(100,
        unclampedAtA + t.slopePerYear() / 12 * (c - a)))}));
    out.add(new double[] {b, t.lineAt(end.atDay(1))});
    return out;
  }

  /** Months from {@code from} to {@code month}. */
  private static int at(YearMonth from, YearMonth month) {
    return (int) ChronoUnit.MONTHS.between(from, month);
  }

  private static YearMonth max(YearMonth a, YearMonth b) {
    return a.isAfter(b) ? a : b;
  }

  private static YearMonth min(YearMonth a, YearMonth b) {
    return a.isBefore(b) ? a : b;
  }

  private static Map<String, Object> mark(double at, double value, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", at);
    m.put("value", value);
    m.put("text", text);
    return m;
  }

  /** Furthest: the units furthest from the targets, scaled to the furthest. */
  static Map<String, Object> furthest(List<Ranking.Worst> worst) {
    List<Map<String, Object>> bars = new ArrayList<>();
    for (Ranking.Worst w : worst) {
      String unit = Ranking.unitName(w.worst());
      bars.add(bar(Figures.shorten(unit, 44), unit + ": " + w.notMet() + " of " + w.measured() + " targets not met",
          w.meanShortfall(), Figures.pointsShort(w.meanShortfall())));
    }
    return bars(List.of(series("mean shortfall", 1)), bars, worst.get(0).meanShortfall(), 800, 340);
  }

  /** Service index: the city, each group as a share of its measurable points, then the total on 100. */
  static Map<String, Object> serviceIndex(ServiceIndexYear index) {
    List<Map<String, Object>> bars = new ArrayList<>();
    for (IndexGroup g : index.groups()) {
      String label = g.groupId() + ". " + g.name();
      Map<String, Object> bar = bar(Figures.shorten(label, 40), label + ": " + Figures.pointsOf(g.points(),
          g.measurableMax()) + " measurable points (the decision's maximum " + Figures.number(g.maxPoints()) + ")",
          g.points() == null ? null : 100 * g.points() / g.measurableMax(), Figures.pointsOf(g.points(),
              g.measurableMax()));
      if (g.points() == null) {
        bar.put("note", "no data (chưa có số liệu)");
      }
      bars.add(bar);
    }
    IndexScore city = index.city();
    bars.add(bar("total (score_100)", "total: " + Figures.pointsOf(city.totalPoints(), city.measurableMax())
        + " measurable points", city.score100(), Figures.pointsOf(city.score100(), 100)));
    return bars(List.of(series("share of measurable points", 0)), bars, 100.0, 800, 300);
  }

  /** Service index: units ranked, in rank order, on the scale of 100. */
  static Map<String, Object> ranking(List<Ranking.Ranked> ranked) {
    List<Map<String, Object>> bars = new ArrayList<>();
    for (Ranking.Ranked r : ranked) {
      String unit = Ranking.unitName(r.unit());
      bars.add(bar(Figures.shorten(unit, 44), unit + ": " + r.rank() + " of " + r.of() + ", "
          + Figures.pointsOf(r.unit().totalPoints(), r.unit().measurableMax()) + " points", r.unit().score100(),
          Figures.score(r.unit().score100())));
    }
    return bars(List.of(series("score_100", 0)), bars, 100.0, 800, 340);
  }

  /** Levels: each key rate, one bar per level (a level's name without its parenthesis). */
  static Map<String, Object> levels(List<KeyRates> levels) {
    List<Map<String, Object>> series = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      String name = levels.get(i).name();
      series.add(series(name.contains(" (") ? name.substring(0, name.indexOf(" (")) : name, i));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LevelRate r : LevelRate.values()) {
      List<Double> values = levels.stream().map(r.value).toList();
      rows.add(row(r.label, values, values.stream().map(Figures::pctOrNoData).toList()));
    }
    return bars(series, rows, 100.0, 900, 290);
  }

  /** Baseline: each comparable rate, the city's published one beside ours, each row on its own scale. */
  static Map<String, Object> baseline(Baseline b) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Baseline.Rate r : Baseline.RATES) {
      Double published = b.publishedRate(r);
      Double ours = b.ourRate(r);
      rows.add(row(r.label(), Arrays.asList(published, ours), List.of(pctOrDash(published), pctOrDash(ours))));
    }
    return bars(List.of(series("published by the city", 0), series("this warehouse", 1)), rows, null, 900, 330);
  }

  /** The specifications by chart id, as JSON safe inside a {@code <script>} element: no {@code <} can close it. */
  static String json(Map<String, Object> charts) {
    try {
      return new ObjectMapper().writeValueAsString(charts).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart data not serialisable", e);
    }
  }

  /** {@code max}: the value that fills a row, {@code null} for each row its own. */
  private static Map<String, Object> bars(List<Map<String, Object>> series, List<Map<String, Object>> rows,
      Double max, int width, int labelWidth) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "bars");
    spec.put("series", series);
    spec.put("rows", rows);
    spec.put("max", max);
    spec.put("width", width);
    spec.put("labelWidth", labelWidth);
    return spec;
  }

  /** {@code index}: the series' colour in {@code report.css}. */
  private static Map<String, Object> series(String name, int index) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("cls", "s" + index);
    return s;
  }

  private static Map<String, Object> line(String name, int index, List<Double> values) {
    Map<String, Object> s = series(name, index);
    s.put("values", values);
    s.put("texts", values.stream().map(Figures::pctOrNoData).toList());
    return s;
  }

  private static Map<String, Object> row(String label, List<Double> values, List<String> texts) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("label", label);
    row.put("values", values);
    row.put("texts", texts);
    return row;
  }

  private static Map<String, Object> bar(String label, String title, Double value, String text) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("label", label);
    row.put("title", title);
    row.put("values", Collections.singletonList(value));
    row.put("texts", List.of(text));
    return row;
  }
}
