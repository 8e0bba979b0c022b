package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.serve.ReportData;
import vn.hcmc.cchc.serve.ReportData.Baseline;

/** What {@code report} logs when it has written the page. */
class ReportCommandTest {
  private static final Baseline NO_BASELINE = new Baseline(List.of(), Map.of(), 0);

  @Test
  void anEmptyWarehouseIsLoggedAsNoDataNotAsYearNull() {
    ReportData empty = new ReportData("wh", null, List.of(), List.of(), List.of(), NO_BASELINE, null, List.of(), List.of(),
        List.of("gold.target_attainment", "gold.case_monthly"));

    assertThat(ReportCommand.summary(Path.of("report.html"), empty)).isEqualTo("report: report.html written (no data: "
        + "neither gold.target_attainment nor gold.case_monthly has a year of figures; missing or empty: "
        + "gold.target_attainment, gold.case_monthly)").doesNotContain("null");
  }

  @Test
  void aWarehouseWithFiguresIsLoggedWithItsYear() {
    ReportData year = new ReportData("wh", 2021, List.of(), List.of(), List.of(), NO_BASELINE, null, List.of(), List.of(),
        List.of());

    assertThat(ReportCommand.summary(Path.of("report.html"), year))
        .isEqualTo("report: report.html written (year 2021, 0 attainment rows)");
  }
}
