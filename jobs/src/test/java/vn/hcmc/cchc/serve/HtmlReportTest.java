package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.serve.ReportData.Attainment;
import vn.hcmc.cchc.serve.ReportData.Baseline;
import vn.hcmc.cchc.serve.ReportData.IndexGroup;
import vn.hcmc.cchc.serve.ReportData.IndexScore;
import vn.hcmc.cchc.serve.ReportData.KeyRates;
import vn.hcmc.cchc.serve.ReportData.Month;
import vn.hcmc.cchc.serve.ReportData.Projection;
import vn.hcmc.cchc.serve.ReportData.Published;
import vn.hcmc.cchc.serve.ReportData.ServiceIndexYear;
import vn.hcmc.cchc.serve.ReportData.Trajectory;
import vn.hcmc.cchc.serve.ReportData.YearActual;

/** The renderer on hand-made rows: what a reader sees, escaped, formatted, and labelled when missing. */
class HtmlReportTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static Attainment city(String id, String phase, String comparator, double threshold, Double high,
      Double actual, String status) {
    return new Attainment("city", "HCM", "Thành phố Hồ Chí Minh", false, null, id, phase, "text of " + id, comparator,
        threshold, high, actual, actual == null ? null : actual - threshold, status, actual == null ? null : 97L,
        actual == null ? null : 100L, actual == null ? 0 : 12);
  }

  private static Attainment unit(String type, String code, String name, boolean commune, String id, double actual,
      String status) {
    return new Attainment(type, code, name, commune, commune ? "Quận 1" : null, id, "2025", "text of " + id, "gt", 95, null, actual, actual - 95,
        status, (long) actual, 100L, 12);
  }

  private static final List<Published> PUBLISHED = List.of(
      new Published("received", 17_800_000, "over", "dossiers received"),
      new Published("resolved", 17_400_000, "over", "dossiers resolved"),
      new Published("resolved_late", 32_243, "", "dossiers resolved late"));

  private static ReportData data(Map<String, Long> ours) {
    return new ReportData("/data/<wh>", 2021,
        List.of(city("T25_SATISFACTION", "2025", "gt", 95, null, 97.5, "met"),
            city("T25_DATABASES", "2025", "ge", 100, null, null, "no_data"),
            city("T30_INTL_DEPARTMENT", "2030", "between", 25, 35.0, 40.0, "not_met"),
            unit("district", "760", "Quận 1 <b>&", false, "T25_SATISFACTION", 80.0, "not_met"),
            unit("district", "761", "Quận 12", false, "T25_SATISFACTION", 90.0, "not_met"),
            unit("district", "769", "Thành phố Thủ Đức", false, "T25_SATISFACTION", 99.0, "met"),
            unit("agency", "000.00.01.H29", "UBND Phường Bến Nghé", true, "T25_SATISFACTION", 70.0, "not_met"),
            unit("agency", "000.01.00.H29", "Sở Nội vụ", false, "T25_SATISFACTION", 10.0, "not_met")),
        List.of(new Month(LocalDate.of(2021, 1, 1), 98.1, 12.5, 96.0), new Month(LocalDate.of(2021, 2, 1), 97.0, null, 95.5)),
        List.of(new KeyRates("city", "HCM", "Thành phố Hồ Chí Minh", 9000, 8800, 99.1, 20.0, 10.0, 96.0, 85.0),
            new KeyRates("level", "commune", "Cấp xã (phường, xã, thị trấn)", 5000, 4900, 99.5, 15.0, 8.0, 97.0, null)),
        new Baseline(PUBLISHED, ours, ours.isEmpty() ? 0 : 12), null, List.of(), List.of(), List.of());
  }

  @Test
  void namesAreEscapedAndNumbersReadable() {
    String html = HtmlReport.render(data(Map.of("received", 900L, "resolved", 870L, "resolved_late", 2L)), NOW);
    assertThat(html).contains("Quận 1 &lt;b&gt;&amp;").doesNotContain("Quận 1 <b>")
        .contains("/data/&lt;wh&gt;")
        .contains("97.50%").contains("&gt; 95%").contains("25–35%")
        .contains("over 17,800,000").contains("32,243").contains("2026-12-01 10:00 UTC").contains("2021-02");
    // the chart data cannot close its script element
    String json = html.substring(html.indexOf("id=\"report-charts\">"), html.indexOf("</script>"));
    assertThat(json).doesNotContain("<b>").contains("\\u003cb>");
  }

  @Test
  void aTargetWithoutDataIsLabelledSo() {
    String html = HtmlReport.render(data(Map.of()), NOW);
    assertThat(html).contains("<b>T25_DATABASES</b> text of T25_DATABASES</td><td>2025</td><td class=\"num\">no data</td>")
        .contains("<span class=\"status no_data\">no data</span>").contains("no data (chưa có số liệu)");
  }

  @Test
  void theFurthestUnitsComeFirstAndCommunesAreApartFromDepartments() {
    List<Ranking.Worst> districts = Ranking.furthest(data(Map.of()).attainment().stream()
        .filter(a -> "district".equals(a.scopeType())).toList(), 10);
    assertThat(districts).extracting(w -> w.worst().scopeCode()).containsExactly("760", "761");
    assertThat(districts.get(0).notMet()).isEqualTo(1);
    String html = HtmlReport.render(data(Map.of()), NOW);
    String communes = html.substring(html.indexOf("<h3>Communes"), html.indexOf("id=\"levels\""));
    assertThat(communes).contains("UBND Phường Bến Nghé, Quận 1").contains("25.00 points").doesNotContain("Sở Nội vụ");
  }

  @Test
  void theBaselineComparesRatesAndSaysWhenThereIsNo2021Data() {
    String with = HtmlReport.render(data(Map.of("received", 900L, "resolved", 870L, "resolved_late", 2L)), NOW);
    // published 32,243 of 17.4 M resolved is 0.19%; ours 2 of 870 is 0.23%
    assertThat(with).contains("<td>resolved late, % of resolved</td><td class=\"num\">0.19%</td>"
        + "<td class=\"num\">0.23%</td><td class=\"num\">+0.04 points</td>");
    String without = HtmlReport.render(data(Map.of()), NOW);
    assertThat(without).contains("This warehouse has no 2021 data").doesNotContain("data-chart=\"baseline\"");
  }

  @Test
  void anEmptyWarehouseGivesAPageThatSaysWhatIsMissing() {
    ReportData empty = new ReportData("wh", null, List.of(), List.of(), List.of(), new Baseline(PUBLISHED, Map.of(), 0), null,
        List.of(), List.of(), List.of("gold.target_attainment", "gold.case_monthly"));
    String html = HtmlReport.render(empty, NOW);
    assertThat(html).contains("Missing or empty in this warehouse: gold.target_attainment, gold.case_monthly")
        .contains("No rows in gold.target_attainment").contains("No city rows in gold.case_monthly")
        .doesNotContain("data-chart=\"");
  }

  /** The report of {@code data} with {@code index} as its service index. */
  private static ReportData withIndex(ReportData data, ServiceIndexYear index) {
    return new ReportData(data.warehouse(), data.year(), data.attainment(), data.cityMonths(), data.levels(),
        data.baseline(), index, data.trajectories(), data.cityActuals(), data.missing());
  }

  private static IndexScore scored(String code, String name, String district, double measurable, Double points) {
    return new IndexScore(code, name, district, measurable, points, points == null ? null : 100 * points / measurable);
  }

  /**
   * A first quarter of 2021 whose group 2 is case 7 of docs/service-index-cases.md: 20 x 113/126 =
   * 17.94 points from the quarter's summed counts (the months' rates would average to 17.53).
   */
  private static ServiceIndexYear quarter(List<IndexScore> districts, List<IndexScore> communes) {
    List<IndexGroup> groups = List.of(new IndexGroup(1, "Công khai, minh bạch", 18, 0, null),
        new IndexGroup(2, "Tiến độ, kết quả giải quyết", 20, 20, 1130.0 / 63),
        new IndexGroup(3, "Số hóa hồ sơ", 22, 8, 6.3),
        new IndexGroup(4, "Cung cấp dịch vụ trực tuyến", 22, 8, 7.875),
        new IndexGroup(5, "Mức độ hài lòng", 18, 6, 6.0));
    double total = 1130.0 / 63 + 6.3 + 7.875 + 6;
    return new ServiceIndexYear(2021, 3, LocalDate.of(2021, 3, 1), scored("HCM", "Thành phố Hồ Chí Minh", null, 42,
        total), groups, districts, communes, true);
  }

  @Test
  void theServiceIndexShowsTheCitysGroupsOfTheYearAndItsScoreOutOf100() {
    String html = HtmlReport.render(withIndex(data(Map.of()), quarter(List.of(), List.of())), NOW);
    String section = html.substring(html.indexOf("id=\"service-index\""), html.indexOf("id=\"levels\""));
    assertThat(section).contains("<h2>5. The service index of Decision 766, 2021</h2>")
        .contains("<td>2. Tiến độ, kết quả giải quyết</td><td class=\"num\">17.94</td><td class=\"num\">20</td>"
            + "<td class=\"num\">20</td><td class=\"num\">89.68%</td>")
        .doesNotContain("17.53")
        .contains("<td>1. Công khai, minh bạch</td><td class=\"num\">no data</td><td class=\"num\">0</td>"
            + "<td class=\"num\">18</td><td class=\"num\">—</td>")
        // 38.11 of 42 measurable points: 90.74 of 100
        .contains("<td><b>total</b> (score_100: 90.74)</td><td class=\"num\">38.11</td><td class=\"num\">42</td>")
        .contains("summed over its 3 months").contains("as at the end of March 2021")
        .contains("data-chart=\"service-index\"");
    String json = html.substring(html.indexOf("id=\"report-charts\">"), html.indexOf("</script>"));
    assertThat(json).contains("\"texts\":[\"17.94 of 20\"]").contains("\"texts\":[\"90.74 of 100\"]");
  }

  @Test
  void theRankingPutsTheHighestScoreFirstAndLeavesOutUnitsMeasuredOnTooFewPoints() {
    List<IndexScore> districts = List.of(scored("760", "Quận 1", null, 40, 32.0),
        scored("761", "Quận 12", null, 40, 36.0),
        scored("762", "Quận Gò Vấp", null, 26, 26.0),  // 100 of 100, but on 26 points only
        scored("763", "Huyện Cần Giờ", null, 0, null));
    assertThat(Ranking.onIndex(districts, HtmlReport.RANKED_FROM).ranked()).extracting(r -> r.unit().scopeCode())
        .containsExactly("761", "760");
    List<IndexScore> communes = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      communes.add(scored("C" + i, "Phường " + i, "Quận 3", 40, 40.0 - i));
    }
    communes.add(scored("C99", "Xã Thạnh An", "Huyện Cần Giờ", 34, 34.0));
    String html = HtmlReport.render(withIndex(data(Map.of()), quarter(districts, communes)), NOW);
    String section = html.substring(html.indexOf("id=\"service-index\""), html.indexOf("id=\"levels\""));
    String ofDistricts = section.substring(section.indexOf("<h3>Districts"), section.indexOf("<h3>Communes"));
    assertThat(ofDistricts).containsSubsequence("<td class=\"num\">1 of 2</td><td>Quận 12 <small>761</small></td>"
            + "<td class=\"num\">90.00</td><td class=\"num\">36.00 of 40</td>", "2 of 2</td><td>Quận 1 <small>")
        .contains("Not ranked: 2 districts measured on fewer than 40 points").doesNotContain("Gò Vấp");
    String ofCommunes = section.substring(section.indexOf("<h3>Communes"));
    assertThat(ofCommunes).contains("The 5 highest and the 15 lowest of the 25 communes ranked.")
        .containsSubsequence("1 of 25</td><td>Phường 1, Quận 3 <small>C1", "5 of 25</td><td>Phường 5, Quận 3",
            "⋯ ranks 6 to 10 ⋯", "11 of 25</td><td>Phường 11, Quận 3", "25 of 25</td><td>Phường 25, Quận 3")
        .doesNotContain("Phường 6,").doesNotContain("Phường 10,").doesNotContain("Thạnh An")
        .contains("Not ranked: 1 commune measured on fewer than 40 points");
  }

  @Test
  void aWarehouseWithoutTheServiceIndexOrTheTrajectoriesHasNoSectionForThem() {
    ReportData without = new ReportData("wh", 2021, List.of(), List.of(), List.of(), new Baseline(PUBLISHED, Map.of(), 0),
        null, List.of(), List.of(), List.of("gold.service_index", "gold.target_trajectory"));
    String html = HtmlReport.render(without, NOW);
    assertThat(html).contains("Missing or empty in this warehouse: gold.service_index")
        .doesNotContain("id=\"service-index\"").doesNotContain("id=\"trajectories\"")
        .contains("<h2>2. Monthly trends of the city</h2>").contains("<h2>4. The levels compared, 2021</h2>");
  }

  private static LocalDate month(int year, int month) {
    return LocalDate.of(year, month, 1);
  }

  /**
   * A line of gold.target_trajectory with data from January 2023 to June 2025 ({@code trend} then),
   * its projections read off the line as the table keeps them.
   */
  private static Trajectory line(String type, String code, String name, String district, String id,
      String comparator, double threshold, Double high, int deadline, double trend, double slope,
      LocalDate reaches, String outlook, boolean atRisk) {
    Trajectory draft = new Trajectory(type, code, name, district, id, String.valueOf(deadline), "text of " + id,
        comparator, threshold, high, month(deadline, 12), 30, month(2023, 1), month(2025, 6), 2025, null, null,
        trend, slope, null, null, reaches, outlook, atRisk);
    double at2025 = draft.lineAt(month(2025, 12));
    double at2030 = draft.lineAt(month(2030, 12));
    return new Trajectory(type, code, name, district, id, draft.phase(), draft.text(), comparator, threshold, high,
        draft.deadline(), 30, draft.firstMonth(), draft.asOfMonth(), 2025, trend, atRisk || threshold < trend,
        trend, slope, new Projection(at2025, at2025 - 1.5, Math.min(100, at2025 + 1.5)),
        new Projection(at2030, at2030 - 3, Math.min(100, at2030 + 3)), reaches, outlook, atRisk);
  }

  private static Trajectory without(String id, int months, String outlook) {
    return new Trajectory("city", "HCM", "Thành phố Hồ Chí Minh", null, id, "2025", "text of " + id, "ge", 100, null,
        month(2025, 12), months, months == 0 ? null : month(2025, 5), months == 0 ? null : month(2025, 6), null, null,
        null, null, null, new Projection(null, null, null), new Projection(null, null, null), null, outlook, false);
  }

  /**
   * The city on course for satisfaction (96% in June 2025, +1.2 points a year: 100 from October
   * 2028), late on a range, a target with two months and one with none; three units at risk.
   */
  private static ReportData withTrajectories() {
    List<Trajectory> rows = List.of(
        line("city", "HCM", "Thành phố Hồ Chí Minh", null, "T25_SATISFACTION", "gt", 95, null, 2025, 96, 1.2,
            month(2025, 6), "on_course", false),
        line("city", "HCM", "Thành phố Hồ Chí Minh", null, "T30_INTL_DEPARTMENT", "between", 25, 35.0, 2030, 20, 0.5,
            month(2035, 6), "late", false),
        without("T25_DATABASES", 2, "too_few_months"),
        without("T25_EID", 0, "no_data"),
        // at December 2025: 95.5 - 1.5 = 94.0, 1.0 below; 99 - 9 = 90.0, 5.0 below
        line("district", "760", "Quận 1", null, "T25_SATISFACTION", "gt", 95, null, 2025, 95.5, -3, null,
            "not_at_this_pace", true),
        line("agency", "000.00.01.H29", "UBND Phường Bến Nghé", "Quận 1", "T25_SATISFACTION", "gt", 95, null, 2025,
            99, -18, null, "not_at_this_pace", true),
        // at December 2030: 30 + 1.5 x 5.5 = 38.25, 3.25 above the range
        line("district", "761", "Quận 12", null, "T30_INTL_DEPARTMENT", "between", 25, 35.0, 2030, 30, 1.5,
            month(2025, 6), "on_course", true));
    List<YearActual> actuals = List.of(new YearActual("T25_SATISFACTION", 2023, 93.5, 12),
        new YearActual("T25_SATISFACTION", 2024, 94.8, 12), new YearActual("T25_SATISFACTION", 2025, 96.2, 6));
    ReportData d = data(Map.of());
    return new ReportData(d.warehouse(), d.year(), d.attainment(), d.cityMonths(), d.levels(), d.baseline(), null,
        rows, actuals, d.missing());
  }

  private static JsonNode chartSpec(String html, String id) throws Exception {
    String json = html.substring(html.indexOf("id=\"report-charts\">") + "id=\"report-charts\">".length(),
        html.indexOf("</script>"));
    return new ObjectMapper().readTree(json).get(id);
  }

  /** The line's value at {@code at} months, read off the drawn vertices. */
  private static double along(JsonNode solid, JsonNode dashed, double at) {
    List<JsonNode> vertices = new ArrayList<>();
    solid.forEach(vertices::add);
    dashed.forEach(vertices::add);
    for (int i = 1; i < vertices.size(); i++) {
      double a = vertices.get(i - 1).get(0).asDouble();
      double b = vertices.get(i).get(0).asDouble();
      if (a <= at && at <= b && b > a) {
        double va = vertices.get(i - 1).get(1).asDouble();
        return va + (vertices.get(i).get(1).asDouble() - va) * (at - a) / (b - a);
      }
    }
    throw new AssertionError("no vertex around " + at);
  }

  @Test
  void aTrajectoryIsDrawnSolidToItsLastMonthWithDataAndDashedFromThereToDecember2030() throws Exception {
    String html = HtmlReport.render(withTrajectories(), NOW);
    JsonNode spec = chartSpec(html, "trajectory-T25_SATISFACTION");
    // months from January 2023: June 2025 is 29, December 2025 35, December 2030 95
    assertThat(spec.get("from").asText()).isEqualTo("2023-01");
    assertThat(spec.get("span").asInt()).isEqualTo(95);
    assertThat(spec.get("solid").toString()).isEqualTo("[[0.0,93.1],[29.0,96.0]]");
    // the dashed part starts where the solid ends; the line meets 100 in October 2028 and stays there
    assertThat(spec.get("dashed").toString()).isEqualTo("[[29.0,96.0],[69.0,100.0],[95.0,100.0]]");
    assertThat(along(spec.get("solid"), spec.get("dashed"), 35)).isCloseTo(96.6, within(1e-9));
    assertThat(along(spec.get("solid"), spec.get("dashed"), 12)).isCloseTo(94.3, within(1e-9));
    assertThat(spec.get("threshold").get("low").asDouble()).isEqualTo(95);
    assertThat(spec.get("threshold").get("high").isNull()).isTrue();
    // each year's result at the middle of the months it covers: all of 2023 and 2024, January to June 2025
    assertThat(spec.get("actuals").findValuesAsText("at")).containsExactly("5.5", "17.5", "26.5");
    assertThat(spec.get("intervals").get(0).get("at").asInt()).isEqualTo(35);
    assertThat(spec.get("intervals").get(0).get("low").asDouble()).isCloseTo(95.1, within(1e-9));
    assertThat(spec.get("min").asDouble()).isEqualTo(90);
    assertThat(html).contains("On course: the line meets &gt; 95% already (due December 2025). Line in June 2025: "
        + "96.00%, +1.20 points a year, fitted to 30 months from January 2023. December 2025: 96.60% "
        + "(90%: 95.10–98.10%); December 2030: 100.00% (90%: 97.00–100.00%).");
    JsonNode range = chartSpec(html, "trajectory-T30_INTL_DEPARTMENT");
    assertThat(range.get("threshold").get("high").asDouble()).isEqualTo(35);
    assertThat(html).contains("Late: the line meets 25–35% from June 2035 (due December 2030).");
    assertThat(Outlook.caption(withTrajectories().trajectories().get(4)))
        .startsWith("Not at this pace: the line does not meet > 95% before 2100 (due December 2025).");
  }

  @Test
  void aTargetWithTooFewMonthsOrNoDataGetsALineNotAChart() {
    String html = HtmlReport.render(withTrajectories(), NOW);
    assertThat(html).contains("<li><b>T25_DATABASES</b> text of T25_DATABASES: too few months to draw a line: 2 "
            + "with data, a line needs 3.</li>")
        .contains("<li><b>T25_EID</b> text of T25_EID: no data: nothing measures it yet.</li>")
        .doesNotContain("data-chart=\"trajectory-T25_DATABASES\"").doesNotContain("data-chart=\"trajectory-T25_EID\"")
        .contains("data-chart=\"trajectory-T25_SATISFACTION\"");
  }

  @Test
  void theUnitsAtRiskComeFurthestBelowTheTargetAtTheDeadlineFirst() {
    assertThat(Ranking.atRisk(withTrajectories().trajectories())).extracting(Trajectory::scopeCode)
        .containsExactly("000.00.01.H29", "761", "760");
    String html = HtmlReport.render(withTrajectories(), NOW);
    String section = html.substring(html.indexOf("id=\"trajectories\""), html.indexOf("id=\"trends\""));
    assertThat(section).contains("furthest below first (3).")
        .containsSubsequence("UBND Phường Bến Nghé, Quận 1 <small>", "5.00 points", "Quận 12 <small>761",
            "38.25% (90%: 35.25–41.25%), December 2030", "3.25 points", "Quận 1 <small>760", "1.00 points");
  }
}
