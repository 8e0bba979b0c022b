package vn.hcmc.cchc.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.serve.ReportData.Attainment;
import vn.hcmc.cchc.serve.ReportData.Baseline;
import vn.hcmc.cchc.serve.ReportData.KeyRates;
import vn.hcmc.cchc.serve.ReportData.Published;

/**
 * The report as one self-contained HTML page, pure Java from {@link ReportData}: tables written
 * here (every text HTML-escaped, every number formatted here), charts drawn in the browser by a
 * small inline script ({@code report.js}) from an inline JSON blob of chart specifications, styles
 * inline ({@code report.css}). Nothing is fetched when the page is viewed: no CDN, font or image.
 * Hand-drawn SVG rather than a chart library, because a library would have to be inlined too (and
 * reviewed, and kept up to date) for five kinds of bars and one line chart.
 */
public final class HtmlReport {
  /** How many districts and communes the "furthest from the targets" part lists. */
  static final int WORST = 10;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final String NO_DATA = "no data";

  private final ReportData data;
  private final Map<String, Object> charts = new LinkedHashMap<>();
  private final StringBuilder html = new StringBuilder();

  private HtmlReport(ReportData data) {
    this.data = data;
  }

  /** The page; {@code generatedAt} is printed in its header. */
  public static String render(ReportData data, Instant generatedAt) {
    return new HtmlReport(data).page(generatedAt);
  }

  private String page(Instant generatedAt) {
    html.append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Cải cách hành chính TP.HCM: báo cáo chỉ tiêu")
        .append(data.year() == null ? "" : " " + data.year()).append("</title>\n<style>\n")
        .append(resource("report.css")).append("</style>\n</head>\n<body>\n<header>\n")
        .append("<h1>Cải cách hành chính Thành phố Hồ Chí Minh: KPIs against the 2025 and 2030 targets</h1>\n<p>")
        .append(data.year() == null ? "no year with data" : "Year " + data.year())
        .append(" · warehouse <code>").append(esc(data.warehouse())).append("</code> · generated ")
        .append(STAMP.format(generatedAt)).append("</p>\n</header>\n<main>\n");
    if (!data.missing().isEmpty()) {
      html.append("<p class=\"warning\">Missing or empty in this warehouse: ")
          .append(esc(String.join(", ", data.missing())))
          .append(". The parts of the report that need them say so below.</p>\n");
    }
    html.append("<noscript><p class=\"warning\">The charts need JavaScript; the tables below have every figure.</p>"
        + "</noscript>\n");
    targets();
    trends();
    furthest();
    levels();
    baseline();
    html.append("</main>\n<footer>Rates are percentages of summed counts (docs/MARTS.md). Targets from "
        + "conf/reference/targets.csv; the city's 2021 figures from conf/reference/")
        .append(ReportData.PUBLISHED_FILE).append(".</footer>\n");
    html.append("<script type=\"application/json\" id=\"report-charts\">").append(json(charts)).append("</script>\n")
        .append("<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  // 1. ---------------------------------------------------------------------------------------------

  private void targets() {
    open("targets", "1. The city against its targets" + (data.year() == null ? "" : ", " + data.year()),
        "Each target's value for the whole city (bar) against its threshold (black line; a shaded band for a "
            + "range). Green: met, red: not met.");
    List<Attainment> city = data.attainment().stream().filter(a -> City.Scope.CITY.equals(a.scopeType())).toList();
    if (city.isEmpty()) {
      empty("No rows in gold.target_attainment: run the marts (`scripts/cchc run`) first.");
      close();
      return;
    }
    html.append("<div class=\"side\">\n");
    for (String phase : new TreeMap<>(group(city, Attainment::phase)).keySet()) {
      List<Attainment> rows = city.stream().filter(a -> phase.equals(a.phase())).toList();
      html.append("<div>\n<h3>Targets for ").append(esc(phase)).append("</h3>\n");
      List<Map<String, Object>> bars = new ArrayList<>();
      for (Attainment a : rows) {
        Map<String, Object> bar = bar(shorten(a.text(), 40), a.targetId() + ": " + a.text(), a.actual(),
            a.actual() == null ? NO_DATA : pct(a.actual()));
        bar.put("marker", a.threshold());
        bar.put("markerHigh", a.thresholdHigh());
        bar.put("cls", a.status());
        if (a.actual() == null) {
          bar.put("note", "no data (chưa có số liệu)");
        }
        bars.add(bar);
      }
      chart("targets-" + phase, barsSpec(List.of(series("value", 0)), bars, 100.0, 640, 270));
      html.append("</div>\n");
    }
    html.append("</div>\n<table>\n<tr><th>target</th><th>phase</th><th>value</th><th>target</th><th>gap</th>"
        + "<th>status</th><th>numerator / denominator</th><th>months</th></tr>\n");
    for (Attainment a : worstFirst(city)) {
      html.append("<tr><td><b>").append(esc(a.targetId())).append("</b> ").append(esc(a.text())).append("</td><td>")
          .append(esc(a.phase())).append("</td>").append(num(a.actual() == null ? NO_DATA : pct(a.actual())))
          .append(num(AttainmentView.threshold(a.comparator(), a.threshold(), a.thresholdHigh()) + "%"))
          .append(num(a.gap() == null ? "" : points(a.gap()))).append("<td>").append(status(a.status()))
          .append("</td>").append(num(a.denominator() == null ? "" : count(a.numerator()) + " / "
              + count(a.denominator()))).append(num(String.valueOf(a.monthsCovered()))).append("</tr>\n");
    }
    html.append("</table>\n");
    close();
  }

  // 2. ---------------------------------------------------------------------------------------------

  private void trends() {
    open("trends", "2. Monthly trends of the city",
        "All sectors, by month of receipt or resolution (gold.case_monthly, scope city, sector *).");
    if (data.cityMonths().isEmpty()) {
      empty("No city rows in gold.case_monthly: no trend to draw.");
      close();
      return;
    }
    List<String> x = data.cityMonths().stream().map(m -> m.month().toString().substring(0, 7)).toList();
    List<Map<String, Object>> series = List.of(
        line("resolved on time (on_time_rate)", 0, data.cityMonths().stream().map(ReportData.Month::onTimeRate).toList()),
        line("received fully online (full_online_rate)", 1,
            data.cityMonths().stream().map(ReportData.Month::fullOnlineRate).toList()),
        line("satisfied (satisfaction_rate)", 2,
            data.cityMonths().stream().map(ReportData.Month::satisfactionRate).toList()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "line");
    spec.put("x", x);
    spec.put("series", series);
    chart("trends", spec);
    close();
  }

  private static Map<String, Object> line(String name, int index, List<Double> values) {
    Map<String, Object> s = series(name, index);
    s.put("values", values);
    s.put("texts", values.stream().map(v -> v == null ? NO_DATA : pct(v)).toList());
    return s;
  }

  // 3. ---------------------------------------------------------------------------------------------

  /**
   * A unit's distance from the targets: the mean shortfall over its measured targets (a met target
   * counts 0), how many it misses, and its worst one. The mean, not the worst, ranks the units: a
   * target nobody meets yet (e-ID in 2021) would make every unit's worst gap the same.
   */
  record Worst(Attainment worst, long notMet, long measured, double meanShortfall) {}

  /** Pure: the units of {@code rows} that miss a target, furthest first, at most {@code limit}. */
  static List<Worst> furthest(List<Attainment> rows, int limit) {
    List<Worst> out = new ArrayList<>();
    group(rows, Attainment::scopeCode).forEach((code, unit) -> {
      List<Attainment> measured = unit.stream().filter(a -> a.actual() != null).toList();
      measured.stream().filter(a -> "not_met".equals(a.status()))
          .max(Comparator.comparingDouble(Attainment::shortfall).thenComparing(Attainment::targetId,
              Comparator.reverseOrder()))
          .ifPresent(w -> out.add(new Worst(w, measured.stream().filter(a -> "not_met".equals(a.status())).count(),
              measured.size(), measured.stream().mapToDouble(Attainment::shortfall).sum() / measured.size())));
    });
    out.sort(Comparator.comparingDouble(Worst::meanShortfall).reversed()
        .thenComparing(Comparator.comparingDouble((Worst w) -> w.worst().shortfall()).reversed())
        .thenComparing(w -> unitName(w.worst())));
    return out.subList(0, Math.min(limit, out.size()));
  }

  private void furthest() {
    open("furthest", "3. Districts and communes furthest from the targets",
        "The " + WORST + " units of each kind furthest from the targets: by the mean of the points they fall "
            + "short over their measured targets (a met target counts 0), with each unit's worst unmet target.");
    worstOf("districts", "district", a -> City.Scope.DISTRICT.equals(a.scopeType()),
        "No district rows in gold.target_attainment for this year (from 1 July 2025 the city has no districts).");
    worstOf("communes (phường, xã, thị trấn)", "commune", Attainment::commune,
        "No commune agency rows in gold.target_attainment for this year"
            + (data.missing().contains("silver.agencies") ? " (silver.agencies, which says which agencies are "
            + "communes, is missing)." : "."));
    close();
  }

  private void worstOf(String title, String key, Predicate<Attainment> kind, String none) {
    html.append("<h3>").append(esc(title.substring(0, 1).toUpperCase(Locale.ROOT) + title.substring(1)))
        .append("</h3>\n");
    List<Attainment> rows = data.attainment().stream().filter(kind).toList();
    if (rows.isEmpty()) {
      empty(none);
      return;
    }
    List<Worst> worst = furthest(rows, WORST);
    if (worst.isEmpty()) {
      html.append("<p>Every measured target is met by every one of the ").append(esc(title)).append(".</p>\n");
      return;
    }
    List<Map<String, Object>> bars = new ArrayList<>();
    for (Worst w : worst) {
      Attainment a = w.worst();
      bars.add(bar(shorten(unitName(a), 44), unitName(a) + ": " + w.notMet() + " of " + w.measured()
          + " targets not met", w.meanShortfall(), String.format(Locale.ROOT, "%.2f points", w.meanShortfall())));
    }
    chart("furthest-" + key, barsSpec(List.of(series("mean shortfall", 1)), bars, worst.get(0).meanShortfall(), 800,
        340));
    html.append("<table>\n<tr><th>unit</th><th>targets not met</th><th>mean shortfall</th><th>worst target</th>"
        + "<th>value</th><th>target</th><th>short by</th></tr>\n");
    for (Worst w : worst) {
      Attainment a = w.worst();
      html.append("<tr><td>").append(esc(unitName(a))).append(" <small>").append(esc(a.scopeCode()))
          .append("</small></td>").append(num(w.notMet() + " of " + w.measured()))
          .append(num(String.format(Locale.ROOT, "%.2f points", w.meanShortfall()))).append("<td><b>")
          .append(esc(a.targetId())).append("</b> ").append(esc(a.text())).append("</td>").append(num(pct(a.actual())))
          .append(num(AttainmentView.threshold(a.comparator(), a.threshold(), a.thresholdHigh()) + "%"))
          .append(num(String.format(Locale.ROOT, "%.2f points", a.shortfall()))).append("</tr>\n");
    }
    html.append("</table>\n");
  }

  // 4. ---------------------------------------------------------------------------------------------

  private void levels() {
    open("levels", "4. The levels compared" + (data.year() == null ? "" : ", " + data.year()),
        "Key rates of the whole city and of each level of government over the year (gold.case_monthly, all sectors).");
    if (data.levels().isEmpty()) {
      empty("No city or level rows in gold.case_monthly for this year.");
      close();
      return;
    }
    List<KeyRates> levels = data.levels();
    List<Map<String, Object>> series = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      String name = levels.get(i).name();
      series.add(series(name.contains(" (") ? name.substring(0, name.indexOf(" (")) : name, i));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Rate r : Rate.values()) {
      List<Double> values = levels.stream().map(r.value).toList();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("label", r.label);
      row.put("values", values);
      row.put("texts", values.stream().map(v -> v == null ? NO_DATA : pct(v)).toList());
      rows.add(row);
    }
    chart("levels", barsSpec(series, rows, 100.0, 900, 290));
    html.append("<table>\n<tr><th>scope</th><th>received</th><th>resolved</th>");
    for (Rate r : Rate.values()) {
      html.append("<th>").append(esc(r.label)).append("</th>");
    }
    html.append("</tr>\n");
    for (KeyRates k : levels) {
      html.append("<tr><td>").append(esc(k.name())).append("</td>").append(num(count(k.received())))
          .append(num(count(k.resolved())));
      for (Rate r : Rate.values()) {
        Double v = r.value.apply(k);
        html.append(num(v == null ? NO_DATA : pct(v)));
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    close();
  }

  /** The key rates of part 4, in display order. */
  private enum Rate {
    ON_TIME("resolved on time", KeyRates::onTimeRate),
    ONLINE("received online", KeyRates::onlineRate),
    FULL_ONLINE("received fully online", KeyRates::fullOnlineRate),
    SATISFACTION("satisfied", KeyRates::satisfactionRate),
    E_CIRCULATION("passed between agencies electronically", KeyRates::eCirculationRate);

    final String label;
    final Function<KeyRates, Double> value;

    Rate(String label, Function<KeyRates, Double> value) {
      this.label = label;
      this.value = value;
    }
  }

  // 5. ---------------------------------------------------------------------------------------------

  private void baseline() {
    Baseline b = data.baseline();
    open("baseline", "5. The city's published " + ReportData.BASELINE_YEAR + " figures beside ours",
        "From the report of the city's conference on administrative reform (February 2022). Our counts are of "
            + "this warehouse, whose scale may differ from the city's (test data is generated at a fraction of it): "
            + "compare the rates.");
    if (b.published().isEmpty()) {
      empty("conf/reference/" + ReportData.PUBLISHED_FILE + " not found: nothing to compare with.");
      close();
      return;
    }
    if (b.ours().isEmpty()) {
      empty("This warehouse has no " + ReportData.BASELINE_YEAR + " data in gold.case_monthly: only the city's "
          + "published figures are shown.");
    } else if (b.months() < 12) {
      html.append("<p class=\"warning\">Our figures cover ").append(b.months()).append(" month")
          .append(b.months() == 1 ? "" : "s").append(" of ").append(ReportData.BASELINE_YEAR)
          .append(", the city's the whole year.</p>\n");
    }
    html.append("<table>\n<tr><th>figure</th><th>published</th><th>ours</th></tr>\n");
    for (Published p : b.published()) {
      Long ours = b.ours().get(p.figure());
      html.append("<tr><td>").append(esc(p.text())).append("</td>")
          .append(num(("over".equals(p.qualifier()) ? "over " : "") + count(Math.round(p.value()))))
          .append(num(ours == null ? "—" : count(ours))).append("</tr>\n");
    }
    html.append("</table>\n");
    if (b.ours().isEmpty()) {
      close();
      return;
    }
    html.append("<table>\n<tr><th>rate</th><th>published</th><th>ours</th><th>difference</th></tr>\n");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Baseline.Rate r : Baseline.RATES) {
      Double published = b.publishedRate(r);
      Double ours = b.ourRate(r);
      html.append("<tr><td>").append(esc(r.label())).append("</td>").append(num(pctOrDash(published)))
          .append(num(pctOrDash(ours))).append(num(published == null || ours == null ? "—" : points(ours - published)))
          .append("</tr>\n");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("label", r.label());
      row.put("values", java.util.Arrays.asList(published, ours));
      row.put("texts", List.of(pctOrDash(published), pctOrDash(ours)));
      rows.add(row);
    }
    html.append("</table>\n<p class=\"caption\">Each row of the chart on its own scale (its larger value fills the "
        + "row).</p>\n");
    chart("baseline", barsSpec(List.of(series("published by the city", 0), series("this warehouse", 1)), rows, null,
        900, 330));
    close();
  }

  // ------------------------------------------------------------------------------------------------

  private void open(String id, String title, String lead) {
    html.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n<p class=\"lead\">")
        .append(esc(lead)).append("</p>\n");
  }

  private void close() {
    html.append("</section>\n");
  }

  private void empty(String message) {
    html.append("<p class=\"empty\">").append(esc(message)).append("</p>\n");
  }

  /** A chart's place in the page, and its specification in the JSON blob {@code report.js} draws from. */
  private void chart(String id, Map<String, Object> spec) {
    charts.put(id, spec);
    html.append("<div class=\"chart\" data-chart=\"").append(esc(id)).append("\"></div>\n");
  }

  private static Map<String, Object> barsSpec(List<Map<String, Object>> series, List<Map<String, Object>> rows,
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

  private static Map<String, Object> series(String name, int index) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("cls", "s" + index);
    return s;
  }

  private static Map<String, Object> bar(String label, String title, Double value, String text) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("label", label);
    row.put("title", title);
    row.put("values", java.util.Collections.singletonList(value));
    row.put("texts", List.of(text));
    return row;
  }

  /** The scope's name, with its district for a commune ("Phường 1" is in many districts). */
  private static String unitName(Attainment a) {
    return a.district() == null ? a.scopeName() : a.scopeName() + ", " + a.district();
  }

  /** As {@code targets} prints them: not met (furthest first), met, no data. */
  static List<Attainment> worstFirst(List<Attainment> rows) {
    List<String> order = List.of("not_met", "met", "no_data");
    List<Attainment> out = new ArrayList<>(rows);
    out.sort(Comparator.comparingInt((Attainment a) -> order.indexOf(a.status()))
        .thenComparing(Comparator.comparingDouble(Attainment::shortfall).reversed())
        .thenComparing(Attainment::targetId));
    return out;
  }

  private static <K> Map<K, List<Attainment>> group(List<Attainment> rows, Function<Attainment, K> key) {
    Map<K, List<Attainment>> out = new LinkedHashMap<>();
    rows.forEach(a -> out.computeIfAbsent(key.apply(a), k -> new ArrayList<>()).add(a));
    return out;
  }

  private static String status(String status) {
    String label = switch (status) {
      case "met" -> "met";
      case "not_met" -> "not met";
      default -> NO_DATA;
    };
    return "<span class=\"status " + esc(status) + "\">" + label + "</span>";
  }

  private static String num(String text) {
    return "<td class=\"num\">" + esc(text) + "</td>";
  }

  /** A percentage for reading: {@code 97.35%}. */
  static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f%%", v);
  }

  private static String pctOrDash(Double v) {
    return v == null ? "—" : pct(v);
  }

  /** A count for reading: {@code 17,800,000}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String points(double v) {
    return String.format(Locale.ROOT, "%+.2f points", v);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
  }

  /** Text for HTML content and attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** JSON safe inside a {@code <script>} element: no {@code <} can close it. */
  private static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart data not serialisable", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
