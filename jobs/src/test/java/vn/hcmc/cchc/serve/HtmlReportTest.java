package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.serve.ReportData.Attainment;
import vn.hcmc.cchc.serve.ReportData.Baseline;
import vn.hcmc.cchc.serve.ReportData.KeyRates;
import vn.hcmc.cchc.serve.ReportData.Month;
import vn.hcmc.cchc.serve.ReportData.Published;

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
        new Baseline(PUBLISHED, ours, ours.isEmpty() ? 0 : 12), List.of());
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
    ReportData empty = new ReportData("wh", null, List.of(), List.of(), List.of(), new Baseline(PUBLISHED, Map.of(), 0),
        List.of("gold.target_attainment", "gold.case_monthly"));
    String html = HtmlReport.render(empty, NOW);
    assertThat(html).contains("Missing or empty in this warehouse: gold.target_attainment, gold.case_monthly")
        .contains("No rows in gold.target_attainment").contains("No city rows in gold.case_monthly")
        .doesNotContain("data-chart=\"");
  }
}
