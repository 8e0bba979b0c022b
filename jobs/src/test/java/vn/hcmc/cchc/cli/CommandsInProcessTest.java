package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.GeneratedWarehouse;
import vn.hcmc.cchc.support.GeneratedWeek;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Commands run in process ({@link InProcessCli}) on the generated year: what they print, and the
 * usage errors found only once a session reads the warehouse or the landing zone. {@link LauncherIT}
 * proves that a process prints such an error as one line and exits 2.
 */
class CommandsInProcessTest {
  private static final String CONF = InProcessCli.localConf().toString();

  @Test
  void targetsPrintsEveryTargetForTheCityWorstGapsFirst() {
    String warehouse = GeneratedWarehouse.year2021().root();
    Outcome city = InProcessCli.run("targets", "--conf", CONF, "--warehouse", warehouse, "--year", "2021");
    assertThat(city.exitCode()).as(city.stderr()).isZero();
    List<String> lines = city.stdout().lines().toList();
    assertThat(lines.get(0)).startsWith("Target attainment 2021, scope city:");
    assertThat(lines).anyMatch(l -> l.contains("Thành phố Hồ Chí Minh"));
    List<String> statuses = lines.stream().filter(l -> l.matches("^(not_met|met|no_data) .*"))
        .map(l -> l.substring(0, l.indexOf(' '))).toList();
    assertThat(statuses).hasSize(25);
    assertThat(statuses).isSortedAccordingTo(Comparator.comparingInt(List.of("not_met", "met", "no_data")::indexOf));

    Outcome districts = InProcessCli.run("targets", "--conf", CONF, "--warehouse", warehouse, "--year", "2021",
        "--scope", "district", "--format", "csv");
    assertThat(districts.exitCode()).as(districts.stderr()).isZero();
    assertThat(districts.stdout()).contains("Quận 1");
  }

  /** {@code tables}: every table of the week with its version, rows and protocol; deletion vectors on silver.cases only. */
  @Test
  void tablesListsEveryTableWithItsRowsAndProtocol() {
    Warehouse week = GeneratedWeek.warehouse();
    Outcome listed = InProcessCli.run("tables", "--conf", CONF, "--warehouse", week.root(), "--format", "csv");
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    List<String> lines = listed.stdout().lines().toList();
    assertThat(lines.get(0)).isEqualTo("table_name,version,rows,files,bytes,reader_version,writer_version,features");
    Map<String, String[]> byName = lines.stream().skip(1).map(l -> l.split(","))
        .collect(Collectors.toMap(f -> f[0], f -> f));
    assertThat(byName.keySet()).isSubsetOf(Stream.of(Table.values()).map(Table::sqlName).toList())
        .contains("bronze.cases", "silver.cases", "silver.agencies", "silver.case_flows", "gold.case_monthly",
            "gold.target_attainment", "ops.runs");
    String[] cases = byName.get("silver.cases");
    assertThat(cases[1]).isEqualTo(String.valueOf(week.version(Table.SILVER_CASES)));
    assertThat(Long.parseLong(cases[2])).isEqualTo(week.read(Table.SILVER_CASES).count());
    assertThat(cases[5]).isEqualTo("3");
    assertThat(cases[7]).contains("deletionVectors", "changeDataFeed");
    assertThat(byName.values().stream().filter(f -> !f[0].equals("silver.cases")))
        .allSatisfy(f -> {
          assertThat(f[5]).as(f[0]).isEqualTo("1");
          assertThat(f[7]).as(f[0]).doesNotContain("deletionVectors");
        });
    assertThat(Long.parseLong(byName.get("gold.case_monthly")[2]))
        .isEqualTo(week.read(Table.GOLD_CASE_MONTHLY).count()).isPositive();
  }

  @Test
  void whatTheWarehouseOrLandingZoneLacksIsAUsageError() {
    Path dir = TestSpark.tempDir("in-process-cli");
    Outcome noYear = InProcessCli.run("targets", "--conf", CONF, "--warehouse", GeneratedWarehouse.year2021().root(),
        "--year", "1999");
    assertThat(noYear.exitCode()).isEqualTo(Cchc.USAGE);
    assertThat(noYear.stderr()).contains("cchc targets: no figures for --year 1999; years with data: [2021]");

    Outcome noRaw = InProcessCli.run("ingest", "--conf", GeneratedWeek.conf().toString(),
        "--raw", dir.resolve("nowhere").toString(), "--warehouse", dir.resolve("wh").toString());
    assertThat(noRaw.exitCode()).isEqualTo(Cchc.USAGE);
    assertThat(noRaw.stderr()).contains("cchc ingest: raw landing zone not found");

    Outcome noWarehouse = InProcessCli.run("report", "--conf", CONF, "--warehouse", dir.resolve("nowhere").toString(),
        "--out", dir.resolve("report.html").toString());
    assertThat(noWarehouse.exitCode()).isEqualTo(Cchc.USAGE);
    assertThat(noWarehouse.stderr()).contains("cchc report: warehouse not found");
  }
}
