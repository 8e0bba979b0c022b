package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.PersonalData;
import vn.hcmc.cchc.support.Launcher.Outcome;

/**
 * End to end through {@code scripts/cchc}, as a user runs it: generate a week, run, query, run again.
 * A config file raises the share of bad records so that every quarantine reason shows up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherIT {
  private static final Map<String, String> KEY = Map.of("CCHC_PII_KEY", "integration-test-key-0123456789");
  private Path dir;
  private Path conf;
  private String raw;
  private String warehouse;
  private Outcome generated;
  private Outcome firstRun;

  @BeforeAll
  void generateAWeekAndRunIt() throws IOException {
    dir = Files.createTempDirectory("cchc-it");
    conf = dir.resolve("it.conf");
    Files.writeString(conf, "include file(\"" + Launcher.ROOT.resolve("conf/local.conf") + "\")\n"
        + "cchc.generate.bad-record-share = 0.04\n");
    raw = dir.resolve("raw").toString();
    warehouse = dir.resolve("warehouse").toString();
    generated = Launcher.run(Map.of(), "generate", "--conf", conf.toString(), "--out", raw,
        "--from", "2021-03-29", "--to", "2021-04-04", "--scale", "0.002", "--seed", "11");
    firstRun = Launcher.run(KEY, "run", "--conf", conf.toString(), "--raw", raw, "--warehouse", warehouse);
  }

  @Test
  void aGeneratedWeekLoadsWithRawEqualToBronzeEqualToSilverPlusQuarantine() throws IOException {
    assertThat(generated.exitCode()).as(generated.stderr()).isZero();
    assertThat(firstRun.exitCode()).as(firstRun.stderr()).isZero();
    long generatedLines = new ObjectMapper().readTree(Path.of(raw, "_generate/summary.json").toFile())
        .get("lines").asLong();
    List<String> csv = sql("SELECT sum(raw_records), sum(bronze_rows), sum(silver_rows), sum(quarantined_rows), "
        + "min(CAST(balanced AS INT)) FROM ops.reconciliation");
    String[] n = csv.get(1).split(",");
    assertThat(Long.parseLong(n[0])).isEqualTo(generatedLines);
    assertThat(Long.parseLong(n[1])).isEqualTo(generatedLines);
    assertThat(Long.parseLong(n[2]) + Long.parseLong(n[3])).isEqualTo(generatedLines);
    assertThat(n[4]).isEqualTo("1");
    assertThat(firstRun.stderr()).contains("ingest:", "normalize:", "marts:").doesNotContain("Exception");
    List<String> city = sql("SELECT sum(received_new), count(*), "
        + "sum(CASE WHEN carried_over + received_new = resolved + withdrawn + pending_end THEN 1 ELSE 0 END) "
        + "FROM gold.case_monthly WHERE scope_type = 'city' AND sector = '*'");
    String[] c = city.get(1).split(",");
    assertThat(Long.parseLong(c[0])).as("a week of receipts at 0.2%").isGreaterThan(500);
    assertThat(c[2]).as("the identity holds in every city row").isEqualTo(c[1]);
  }

  @Test
  void targetsPrintsEveryTargetForTheCityWorstGapsFirst() {
    Outcome city = Launcher.run(Map.of(), "targets", "--conf", conf.toString(), "--warehouse", warehouse,
        "--year", "2021");
    assertThat(city.exitCode()).as(city.stderr()).isZero();
    List<String> lines = city.stdout().lines().toList();
    assertThat(lines.get(0)).startsWith("Target attainment 2021, scope city:");
    assertThat(lines).anyMatch(l -> l.contains("Thành phố Hồ Chí Minh"));
    List<String> statuses = lines.stream().filter(l -> l.matches("^(not_met|met|no_data) .*"))
        .map(l -> l.substring(0, l.indexOf(' '))).toList();
    assertThat(statuses).hasSize(25);
    assertThat(statuses).isSortedAccordingTo(java.util.Comparator.comparingInt(List.of("not_met", "met", "no_data")::indexOf));

    Outcome districts = Launcher.run(Map.of(), "targets", "--conf", conf.toString(), "--warehouse", warehouse,
        "--year", "2021", "--scope", "district", "--format", "csv");
    assertThat(districts.exitCode()).as(districts.stderr()).isZero();
    assertThat(districts.stdout()).contains("Quận 1");
    Outcome badScope = Launcher.run(Map.of(), "targets", "--warehouse", warehouse, "--scope", "ward");
    assertThat(badScope.exitCode()).isEqualTo(2);
    assertThat(badScope.stderr()).contains("unknown --scope 'ward'");
    Outcome noYear = Launcher.run(Map.of(), "targets", "--warehouse", warehouse, "--year", "1999");
    assertThat(noYear.exitCode()).isEqualTo(2);
    assertThat(noYear.stderr()).contains("no figures for --year 1999");
  }

  @Test
  void everyQuarantineReasonIsPresent() {
    List<String> reasons = sql("SELECT DISTINCT reason FROM silver.quarantine ORDER BY reason");
    assertThat(reasons.subList(1, reasons.size())).containsExactly("bad_code", "bad_date", "date_order",
        "malformed_record", "missing_field", "missing_result_date", "unknown_agency", "unknown_procedure");
  }

  @Test
  void aSecondRunWithNoNewFilesCreatesNoTableVersion() throws IOException {
    Set<String> before = deltaLogs();
    Outcome again = Launcher.run(KEY, "run", "--conf", conf.toString(), "--raw", raw, "--warehouse", warehouse);
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(deltaLogs()).isEqualTo(before);
    assertThat(again.stderr()).contains("0 loaded").contains("nothing new").contains("up to date");
  }

  @Test
  void noNameIdOrPhoneOfTheRawFilesIsInAnyTable() throws IOException {
    Set<String> personal = PersonalData.in(Path.of(raw));
    assertThat(personal).hasSizeGreaterThan(100);
    String all = String.join("\n", sql(String.join(" UNION ALL ", List.of("bronze.cases", "bronze.files",
        "silver.cases", "silver.quarantine", "silver.agencies", "silver.procedures", "gold.case_monthly",
        "gold.target_attainment", "ops.reconciliation", "ops.runs").stream()
        .map(t -> "SELECT to_json(struct(*)) FROM " + t).toList())));
    String tables = Normalizer.normalize(all, Normalizer.Form.NFC);
    for (String p : personal) {
      assertThat(tables).as("a personal value").doesNotContain(p);
    }
  }

  @Test
  void badArgumentsExitWithTwoAndOneLine() {
    Outcome noKey = Launcher.run(Map.of(), "ingest", "--raw", raw, "--warehouse", warehouse);
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.stderr()).contains("CCHC_PII_KEY");
    Outcome badFormat = Launcher.run(Map.of(), "sql", "--warehouse", warehouse, "--format", "xml", "SELECT 1");
    assertThat(badFormat.exitCode()).isEqualTo(2);
    assertThat(badFormat.stderr()).contains("unknown --format 'xml'");
    Outcome bothRanges = Launcher.run(Map.of(), "generate", "--out", raw, "--year", "2021", "--from", "2021-01-01");
    assertThat(bothRanges.exitCode()).isEqualTo(2);
    Outcome noRaw = Launcher.run(KEY, "ingest", "--raw", dir.resolve("nowhere").toString(), "--warehouse", warehouse);
    assertThat(noRaw.exitCode()).isEqualTo(2);
    assertThat(noRaw.stderr()).contains("raw landing zone not found");
    Outcome badRetention = Launcher.run(Map.of(), "maintain", "--warehouse", warehouse, "--retention-hours", "-1");
    assertThat(badRetention.exitCode()).isEqualTo(2);
    assertThat(badRetention.stderr()).contains("--retention-hours must be 0 or more");
    Outcome help = Launcher.run(Map.of(), "normalize", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout()).contains("--warehouse=DIR");
  }

  @Test
  void sparkSubmitOptionsPassThroughAndWinOverTheConfigFile() {
    Outcome o = Launcher.run(Map.of(), "sql", "--master", "local[1]", "--conf", "spark.sql.shuffle.partitions=3",
        "--warehouse", warehouse, "--format", "csv", "SET spark.sql.shuffle.partitions");
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    assertThat(o.stdout()).contains("spark.sql.shuffle.partitions,3");
    Outcome master = Launcher.run(Map.of(), "sql", "--master", "local[1]", "--warehouse", warehouse, "SET spark.master");
    assertThat(master.stdout()).contains("spark.master,local[1]");
  }

  private List<String> sql(String query) {
    Outcome o = Launcher.run(Map.of(), "sql", "--warehouse", warehouse, query);
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    return o.stdout().lines().toList();
  }

  private Set<String> deltaLogs() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(warehouse))) {
      // ops.runs, the run audit, records every run: the one table a run with nothing new writes
      return files.filter(p -> p.toString().contains("_delta_log") && p.toString().endsWith(".json"))
          .filter(p -> !p.toString().contains("/ops/runs/"))
          .map(Path::toString).collect(java.util.stream.Collectors.toSet());
    }
  }
}
