package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.generate.Generated;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.PipelineCommands;

/**
 * What Airflow runs, run here: the {@code daily}, {@code backfill} and {@code maintenance} commands
 * of {@code scripts/airflow/commands.json} (the DAG test proves the DAGs run exactly these argv),
 * over a landing zone that already holds three days. Then {@code runs} lists them from {@code
 * ops.runs}. In process ({@link InProcessCli}: the argv after {@code scripts/cchc}, parsed and run
 * by the jar's own entry point on the test's session); what the launcher adds to a command line is
 * {@code LauncherIT}'s. (Bad dates and retentions: {@code DateWindowOptionTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirflowCommandsTest {
  private final PipelineCommands commands = PipelineCommands.load();
  private String raw;
  private String warehouse;
  private String conf;
  private Outcome day1;
  private Outcome day2;
  private Outcome day2Again;
  private Outcome backfill;
  private Outcome maintenance;

  @BeforeAll
  void airflowsCommandsOverThreeDays() throws IOException {
    Path dir = Files.createTempDirectory("cchc-airflow-commands");
    raw = dir.resolve("raw").toString();
    warehouse = dir.resolve("warehouse").toString();
    conf = InProcessCli.conf(dir, "").toString();
    Generated.run(Generated.spec(Path.of(raw), "2021-03-29", "2021-03-31", 0.001, 3));
    day1 = daily("2021-03-29");
    day2 = daily("2021-03-30");
    day2Again = daily("2021-03-30");
    backfill = execute("backfill", Map.of("conf", conf, "raw", raw, "warehouse", warehouse,
        "from", "2021-03-29", "to", "2021-03-31"));
    maintenance = execute("maintenance", Map.of("conf", conf, "warehouse", warehouse));
  }

  @Test
  void eachDayTakesItsOwnExportAndARerunTakesNothing() {
    assertThat(day1.exitCode()).as(day1.stderr()).isZero();
    assertThat(day1.stderr()).containsPattern("ingest: \\d+ files seen, [1-9]\\d* loaded")
        .contains("dated after 2021-03-29 left for the runs of their days");
    assertThat(day2.exitCode()).as(day2.stderr()).isZero();
    assertThat(day2.stderr()).containsPattern("[1-9]\\d* loaded");
    assertThat(day2Again.exitCode()).as(day2Again.stderr()).isZero();
    assertThat(day2Again.stderr()).contains(" 0 loaded").contains("nothing new").contains("up to date");
    assertThat(backfill.exitCode()).as(backfill.stderr()).isZero();
  }

  @Test
  void maintenanceReportsFilesBeforeAndAfter() {
    assertThat(maintenance.exitCode()).as(maintenance.stderr()).isZero();
    List<String> silver = maintenance.stdout().lines().filter(l -> l.startsWith("silver.cases ")).toList();
    assertThat(silver).hasSize(1);
    String[] cells = silver.get(0).trim().split("\\s+");
    // three daily MERGEs into silver.cases: compaction leaves fewer live files
    assertThat(Long.parseLong(cells[2])).isLessThan(Long.parseLong(cells[1]));
  }

  @Test
  void opsRunsRecordsEveryRunWithItsWindowStagesAndVersions() {
    // one query: the runs, then the export days bronze holds
    List<String> rows = sql("SELECT command, status, date_from, date_to, stages, wrote, rows_in FROM ("
        + "SELECT 0 AS k, string(started_at) AS t, command, status, string(date_from) AS date_from, "
        + "string(date_to) AS date_to, size(stages) AS stages, size(versions) > 0 AS wrote, "
        + "aggregate(stages, 0L, (acc, s) -> acc + coalesce(s.rows_in, 0L)) AS rows_in FROM ops.runs "
        + "UNION ALL SELECT DISTINCT 1, string(export_date), 'day', string(export_date), NULL, NULL, NULL, NULL, NULL "
        + "FROM bronze.files WHERE feed = 'dvc') ORDER BY k, t");
    assertThat(rows.subList(6, rows.size())).as("each day's export loaded once, by its own run or the backfill")
        .containsExactly("day,2021-03-29,,,,,", "day,2021-03-30,,,,,", "day,2021-03-31,,,,,");
    assertThat(rows.get(1)).startsWith("run,succeeded,2021-03-29,2021-03-29,3,true,");
    assertThat(rows.get(3)).as("the rerun of a day wrote nothing but its own record")
        .isEqualTo("run,succeeded,2021-03-30,2021-03-30,3,false,0");
    assertThat(rows.get(4)).startsWith("run,succeeded,2021-03-29,2021-03-31,3,true,");
    assertThat(rows.get(5)).startsWith("maintain,succeeded,,,1,true,0");

    Outcome listed = InProcessCli.run("runs", "--conf", conf, "--warehouse", warehouse, "--limit", "2");
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    List<String> lines = listed.stdout().lines().toList();
    assertThat(lines.get(0)).startsWith("run_id").contains("command", "status", "stages", "versions");
    assertThat(lines.get(2)).contains("maintain", "succeeded");
    assertThat(lines.get(3)).contains(" run ", "succeeded", "2021-03-29..2021-03-31", "ingest ", "normalize ", "marts ");
    assertThat(listed.stdout()).doesNotContain(InProcessCli.PII_KEY);
  }

  private Outcome daily(String date) {
    return execute("daily", Map.of("conf", conf, "raw", raw, "warehouse", warehouse, "date", date));
  }

  /** Runs a command of commands.json exactly as rendered, as Airflow does (the argv after the launcher). */
  private Outcome execute(String name, Map<String, String> values) {
    List<String> argv = commands.render(name, values);
    assertThat(argv.get(0)).isEqualTo("scripts/cchc");
    return InProcessCli.run(argv.subList(1, argv.size()).toArray(String[]::new));
  }

  private List<String> sql(String query) {
    Outcome o = InProcessCli.run("sql", "--conf", conf, "--warehouse", warehouse, query);
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    return o.stdout().lines().toList();
  }
}
