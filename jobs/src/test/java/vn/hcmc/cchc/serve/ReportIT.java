package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.GeneratedWarehouse;
import vn.hcmc.cchc.support.HeadlessChromium;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The report of a generated year, written by the {@code report} command and viewed in a real
 * browser: headless Chromium opens the file, the charts draw themselves, nothing is fetched, nothing
 * is logged as an error ({@code CommandsInProcessTest}: the command refuses a missing warehouse).
 * Leaves the page and a full-page screenshot in {@code target/report/} (the README's {@code
 * docs/report.png} is the demo's report, taken with Chromium's own {@code --screenshot}).
 */
class ReportIT {
  /** Kept as CI's artifacts, wherever the test runs from (the bench module runs the end-to-end tests). */
  private static final Path OUT = Launcher.ROOT.resolve("jobs/target/report");
  private static final int WIDTH = 1280;

  @Test
  void theReportOfAGeneratedYearDrawsEveryChartInChromiumWithoutErrorsOrFetches() throws Exception {
    ReportData data = ReportData.load(GeneratedWarehouse.year2021(), Fixtures.REFERENCE);
    assertThat(data.year()).isEqualTo(2021);
    assertThat(data.missing()).isEmpty();
    Files.createDirectories(OUT);
    Path html = OUT.resolve("report.html").toAbsolutePath();
    // the command in process: LauncherIT proves what the launcher adds to a command
    Launcher.Outcome made = InProcessCli.run("report", "--conf", InProcessCli.localConf().toString(), "--warehouse",
        GeneratedWarehouse.year2021().root(), "--out", html.toString());
    assertThat(made.exitCode()).as(made.stderr()).isZero();
    assertThat(made.stdout().strip()).isEqualTo(html.toString());
    // a year the warehouse has no figures for is one line, nothing written
    Launcher.Outcome none = InProcessCli.run("report", "--conf", InProcessCli.localConf().toString(), "--warehouse",
        GeneratedWarehouse.year2021().root(), "--year", "2019", "--out", OUT.resolve("none.html").toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stderr().strip().lines().reduce((a, b) -> b).orElse("")).isEqualTo("cchc report: no figures for "
        + "--year 2019 in " + GeneratedWarehouse.year2021().root() + " (leave --year out for the latest year)");
    assertThat(OUT.resolve("none.html")).doesNotExist();
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).contains("Thành phố Hồ Chí Minh").contains("data-chart=\"trends\"");
    // nothing to fetch: no URL in any src, href or CSS url(), no @import
    assertThat(page).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)")
        .doesNotContainPattern("(?i)url\\(").doesNotContain("@import");

    long charts = Stream.of("targets-2025", "targets-2030", "trends", "furthest-district", "furthest-commune",
        "service-index", "service-index-district", "levels", "baseline")
        .filter(id -> page.contains("data-chart=\"" + id + "\"")).count();
    assertThat(charts).as("every part of the report has its chart on a generated year").isEqualTo(9);
    long lines = data.trajectories().stream()
        .filter(t -> "city".equals(t.scopeType()) && Outlook.of(t.outlook()).drawn()).count();
    assertThat(lines).as("the city's targets with a line on a generated year").isPositive();
    assertThat(page.split("data-chart=\"trajectory-", -1).length - 1).as("a chart per line").isEqualTo(lines);
    charts += lines;
    long points = data.cityMonths().stream().flatMap(m -> Stream.of(m.onTimeRate(), m.fullOnlineRate(),
        m.satisfactionRate())).filter(Objects::nonNull).count();

    long started = System.nanoTime();
    try (HeadlessChromium chromium = HeadlessChromium.start(WIDTH, 900)) {
      chromium.open(html);
      assertThat(chromium.evaluate("document.documentElement.getAttribute('data-charts-rendered')").asText())
          .as(chromium.log()).isEqualTo(String.valueOf(charts));
      assertThat(chromium.evaluate("[...document.querySelectorAll('[data-chart]')]"
          + ".filter(b => b.querySelector('svg [data-mark]')).length").asLong())
          .as("charts with drawn marks").isEqualTo(charts);
      assertThat(chromium.evaluate("document.querySelectorAll('[data-chart=trends] circle[data-mark]').length")
          .asLong()).as("a point per month and rate").isEqualTo(points);
      assertThat(chromium.evaluate("document.querySelectorAll('[data-chart=targets-2025] rect[data-mark]').length")
          .asLong()).as("a bar per 2025 target with data").isEqualTo(data.attainment().stream()
              .filter(a -> "city".equals(a.scopeType()) && "2025".equals(a.phase()) && a.actual() != null).count());
      assertThat(chromium.evaluate("[...document.querySelectorAll('[data-chart^=trajectory-]')].every(b => {"
          + " const solid = b.querySelector('[data-mark=trend]').getAttribute('d').split(' L').pop();"
          + " const dashed = b.querySelector('[data-mark=projection]');"
          + " return !dashed || dashed.getAttribute('d').slice(1).split(' L')[0] === solid; })").asBoolean())
          .as("every line dashed from where its months with data end").isTrue();
      assertThat(chromium.evaluate("document.title").asText()).contains("Cải cách hành chính");
      chromium.screenshot(OUT.resolve("report.png"), WIDTH);
      assertThat(chromium.errors()).as("errors in the browser").isEmpty();
      assertThat(chromium.requestedUrls()).as("requests of the page").isNotEmpty()
          .allMatch(u -> u.startsWith("file:") || u.startsWith("data:") || u.startsWith("about:"));
    }
    System.out.printf("ReportIT: Chromium opened, checked and captured the report in %.1f s%n",
        (System.nanoTime() - started) / 1e9);
    assertThat(Files.size(OUT.resolve("report.png"))).isGreaterThan(10_000);
  }

  @Test
  void aWarehouseWithoutTablesGivesAReportThatSaysSo() {
    Warehouse empty = new Warehouse(TestSpark.session(), TestSpark.tempDir("empty-wh").toString());
    ReportData data = ReportData.load(empty, Fixtures.REFERENCE);
    assertThat(data.missing()).containsExactly("gold.target_attainment", "gold.case_monthly",
        "gold.procedure_monthly", "silver.agencies", "gold.service_index", "gold.scope", "gold.target_trajectory");
    String page = HtmlReport.render(data, Instant.now());
    assertThat(page).contains("No rows in gold.target_attainment").contains("This warehouse has no 2021 data");
  }
}
