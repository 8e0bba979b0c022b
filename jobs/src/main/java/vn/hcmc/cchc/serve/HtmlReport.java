package vn.hcmc.cchc.serve;

import static vn.hcmc.cchc.serve.Html.esc;

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
import java.util.TreeSet;
import java.util.function.Predicate;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.serve.ReportData.Attainment;
import vn.hcmc.cchc.serve.ReportData.Baseline;
import vn.hcmc.cchc.serve.ReportData.ServiceIndexYear;
import vn.hcmc.cchc.serve.ReportData.Trajectory;
import vn.hcmc.cchc.tables.Table;

/**
 * The report as one self-contained HTML page, pure Java from {@link ReportData}: tables written
 * by {@link ReportTables}, charts drawn in the browser by a small inline script ({@code report.js})
 * from an inline JSON blob of chart specifications ({@link ReportCharts}), styles inline
 * ({@code report.css}). Nothing is fetched when the page is viewed: no CDN, font or image.
 * Hand-drawn SVG rather than a chart library, because a library would have to be inlined too (and
 * reviewed, and kept up to date) for a few kinds of bars, one line chart and the trajectories' small
 * charts. This class is the page's layout: its parts in order, and what each says when its data is
 * missing; a part whose table a warehouse may not have yet is left out without it.
 */
public final class HtmlReport {
  /** How many districts and communes the "furthest from the targets" part lists. */
  static final int WORST = 10;
  /**
   * The points a unit must be measured on to be ranked on the service index: 40 is every indicator
   * our feeds measure for a district or department (the catalogue's 2 points are the city's and the
   * levels'), as {@code scripts/demo} ranks them. A score over fewer indicators does not compare.
   */
  static final double RANKED_FROM = 40;
  /** How many units met today and missed at the deadline the report lists. */
  static final int AT_RISK = 20;
  /** How many of the communes ranked on the service index the report lists, from each end. */
  static final int COMMUNES_HIGHEST = 5;
  static final int COMMUNES_LOWEST = 15;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final ReportData data;
  private final Map<String, Object> charts = new LinkedHashMap<>();
  private final StringBuilder html = new StringBuilder();
  /** The sections written so far: each is numbered as it comes, a section left out takes no number. */
  private int sections;

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
          .append(". The parts of the report that need them say so below, or are left out.</p>\n");
    }
    html.append("<noscript><p class=\"warning\">The charts need JavaScript; the tables below have every figure.</p>"
        + "</noscript>\n");
    targets();
    trajectories();
    trends();
    furthest();
    serviceIndex();
    levels();
    baseline();
    html.append("</main>\n<footer>Rates are percentages of summed counts (docs/MARTS.md). Targets from "
        + "conf/reference/targets.csv; the city's 2021 figures from conf/reference/")
        .append(ReportData.PUBLISHED_FILE).append(".</footer>\n");
    html.append("<script type=\"application/json\" id=\"report-charts\">").append(ReportCharts.json(charts))
        .append("</script>\n<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  private void targets() {
    open("targets", "The city against its targets" + (data.year() == null ? "" : ", " + data.year()),
        "Each target's value for the whole city (bar) against its threshold (black line; a shaded band for a "
            + "range). Green: met, red: not met.");
    List<Attainment> city = data.attainment().stream().filter(a -> City.Scope.CITY.equals(a.scopeType())).toList();
    if (city.isEmpty()) {
      empty("No rows in gold.target_attainment: run the marts (`scripts/cchc run`) first.");
      close();
      return;
    }
    html.append("<div class=\"side\">\n");
    for (String phase : new TreeSet<>(city.stream().map(Attainment::phase).toList())) {
      html.append("<div>\n<h3>Targets for ").append(esc(phase)).append("</h3>\n");
      chart("targets-" + phase, ReportCharts.targets(city.stream().filter(a -> phase.equals(a.phase())).toList()));
      html.append("</div>\n");
    }
    html.append("</div>\n").append(ReportTables.targets(city));
    close();
  }

  /** Left out when the warehouse has no {@code gold.target_trajectory}. */
  private void trajectories() {
    if (data.missing().contains(Table.GOLD_TARGET_TRAJECTORY.sqlName())) {
      return;
    }
    open("trajectories", "Trajectories to 2025 and 2030",
        "Where each target's pace leads the city: a straight line fitted to its monthly measure (each month "
            + "weighted by its denominator), solid over the months with data, dashed beyond them to December 2030, "
            + "with its 90% interval in December 2025 and 2030 (bars); dots: the city's result of each year "
            + "(gold.target_attainment), at the middle of the months it covers; black line: the target (a band "
            + "for a range). A pace, not a forecast (gold.target_trajectory, docs/MARTS.md).");
    List<Trajectory> city = data.trajectories().stream().filter(t -> City.Scope.CITY.equals(t.scopeType()))
        .sorted(Comparator.comparing(Trajectory::phase, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Trajectory::targetId))
        .toList();
    if (city.isEmpty()) {
      empty("No city rows in gold.target_trajectory.");
    } else {
      cityTrajectories(city);
    }
    atRisk();
    close();
  }

  /** One small chart per target the city has a line for, then a line for each of the others. */
  private void cityTrajectories(List<Trajectory> city) {
    html.append("<div class=\"multiples\">\n");
    for (Trajectory t : city.stream().filter(t -> Outlook.of(t.outlook()).drawn()).toList()) {
      html.append("<div>\n<h3><b>").append(esc(t.targetId())).append("</b> ").append(esc(t.text())).append("</h3>\n");
      chart("trajectory-" + t.targetId(), ReportCharts.trajectory(t, data.cityActuals().stream()
          .filter(a -> a.targetId().equals(t.targetId())).toList()));
      html.append("<p class=\"caption\">").append(esc(Outlook.caption(t))).append("</p>\n</div>\n");
    }
    html.append("</div>\n");
    List<Trajectory> undrawn = city.stream().filter(t -> !Outlook.of(t.outlook()).drawn()).toList();
    if (!undrawn.isEmpty()) {
      html.append("<ul class=\"undrawn\">\n");
      undrawn.forEach(t -> html.append("<li><b>").append(esc(t.targetId())).append("</b> ").append(esc(t.text()))
          .append(": ").append(esc(Outlook.instead(t))).append("</li>\n"));
      html.append("</ul>\n");
    }
  }

  private void atRisk() {
    html.append("<h3>Met today, missed at the deadline at this pace</h3>\n");
    List<Trajectory> atRisk = Ranking.atRisk(data.trajectories());
    if (atRisk.isEmpty()) {
      html.append("<p>No unit meets a target today whose line misses it at its deadline.</p>\n");
    } else {
      html.append("<p class=\"caption\">Units that meet a target in their latest year but whose line misses it at "
          + "its deadline, furthest below first").append(atRisk.size() > AT_RISK ? ": the " + AT_RISK + " furthest of "
          + atRisk.size() : " (" + atRisk.size() + ")").append(".</p>\n")
          .append(ReportTables.atRisk(atRisk.subList(0, Math.min(AT_RISK, atRisk.size()))));
    }
  }

  private void trends() {
    open("trends", "Monthly trends of the city",
        "All sectors, by month of receipt or resolution (gold.case_monthly, scope city, sector *).");
    if (data.cityMonths().isEmpty()) {
      empty("No city rows in gold.case_monthly: no trend to draw.");
    } else {
      chart("trends", ReportCharts.trends(data.cityMonths()));
    }
    close();
  }

  private void furthest() {
    open("furthest", "Districts and communes furthest from the targets",
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
    List<Ranking.Worst> worst = Ranking.furthest(rows, WORST);
    if (worst.isEmpty()) {
      html.append("<p>Every measured target is met by every one of the ").append(esc(title)).append(".</p>\n");
      return;
    }
    chart("furthest-" + key, ReportCharts.furthest(worst));
    html.append(ReportTables.furthest(worst));
  }

  /** Left out when the warehouse has no {@code gold.service_index}. */
  private void serviceIndex() {
    ServiceIndexYear index = data.serviceIndex();
    if (data.missing().contains(Table.GOLD_SERVICE_INDEX.sqlName())) {
      return;
    }
    open("service-index", "The service index of Decision 766" + (data.year() == null ? "" : ", " + data.year()),
        "Decision 766/QĐ-TTg scores the service to people and businesses out of 100 points in five groups. Our "
            + "feeds measure part of them (the rest needs data no feed carries): each score is of the points "
            + "measured, and score_100 rescales it to 100. It does not compare with the national portal's score "
            + "of all 100 points (docs/MARTS.md, gold.service_index).");
    if (index == null) {
      empty("Nothing to score: conf/reference/service-index.csv is not there, or gold.case_monthly has no city "
          + "counts for this year.");
      close();
      return;
    }
    html.append("<h3>The city</h3>\n");
    chart("service-index", ReportCharts.serviceIndex(index));
    html.append(ReportTables.serviceIndex(index)).append("<p class=\"caption\">")
        .append(esc(index.year() + " from the year's counts: dossiers received and resolved summed over its "
            + index.months() + " month" + (index.months() == 1 ? "" : "s") + " (gold.case_monthly), dossiers still "
            + "open and the procedure catalogue as at the end of " + Figures.month(index.lastMonth())
            + ", scored by the decision's rules as gold.service_index scores a month; never an average of the "
            + "monthly scores."))
        .append("</p>\n");
    if (!index.named()) {
      empty("No gold.scope in this warehouse: the districts and communes cannot be named or told apart, so they "
          + "are not ranked.");
      close();
      return;
    }
    html.append("<h3>Districts</h3>\n");
    Ranking.IndexRanking districts = Ranking.onIndex(index.districts(), RANKED_FROM);
    if (districts.ranked().isEmpty()) {
      empty("No district is measured in " + index.year() + " (from 1 July 2025 the city has no districts).");
    } else {
      chart("service-index-district", ReportCharts.ranking(districts.ranked()));
      html.append(ReportTables.ranking(districts.ranked()));
    }
    leftOut(districts, "district");
    html.append("<h3>Communes (phường, xã, thị trấn)</h3>\n");
    Ranking.IndexRanking communes = Ranking.onIndex(index.communes(), RANKED_FROM);
    List<Ranking.Ranked> ranked = communes.ranked();
    if (ranked.isEmpty()) {
      empty("No commune is measured in " + index.year() + ".");
    } else if (ranked.size() <= COMMUNES_HIGHEST + COMMUNES_LOWEST) {
      html.append(ReportTables.ranking(ranked));
    } else {
      html.append("<p>The ").append(COMMUNES_HIGHEST).append(" highest and the ").append(COMMUNES_LOWEST)
          .append(" lowest of the ").append(ranked.size()).append(" communes ranked.</p>\n");
      List<Ranking.Ranked> ends = new ArrayList<>(ranked.subList(0, COMMUNES_HIGHEST));
      ends.addAll(ranked.subList(ranked.size() - COMMUNES_LOWEST, ranked.size()));
      html.append(ReportTables.ranking(ends));
    }
    leftOut(communes, "commune");
    close();
  }

  /** The line under a ranking that counts the units left out of it. */
  private void leftOut(Ranking.IndexRanking ranking, String kind) {
    int n = ranking.leftOut().size();
    if (n > 0) {
      html.append("<p class=\"caption\">Not ranked: ").append(n).append(" ").append(kind).append(n == 1 ? "" : "s")
          .append(" measured on fewer than ").append(Figures.number(RANKED_FROM))
          .append(" points in the year (an indicator with nothing to count, e.g. no dossier received, leaves its "
              + "points out).</p>\n");
    }
  }

  private void levels() {
    open("levels", "The levels compared" + (data.year() == null ? "" : ", " + data.year()),
        "Key rates of the whole city and of each level of government over the year (gold.case_monthly, all sectors).");
    if (data.levels().isEmpty()) {
      empty("No city or level rows in gold.case_monthly for this year.");
    } else {
      chart("levels", ReportCharts.levels(data.levels()));
      html.append(ReportTables.levels(data.levels()));
    }
    close();
  }

  private void baseline() {
    Baseline b = data.baseline();
    open("baseline", "The city's published " + ReportData.BASELINE_YEAR + " figures beside ours",
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
    html.append(ReportTables.published(b));
    if (!b.ours().isEmpty()) {
      html.append(ReportTables.rates(b)).append("<p class=\"caption\">Each row of the chart on its own scale (its "
          + "larger value fills the row).</p>\n");
      chart("baseline", ReportCharts.baseline(b));
    }
    close();
  }

  private void open(String id, String title, String lead) {
    html.append("<section id=\"").append(id).append("\">\n<h2>").append(++sections).append(". ").append(esc(title))
        .append("</h2>\n<p class=\"lead\">")
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
