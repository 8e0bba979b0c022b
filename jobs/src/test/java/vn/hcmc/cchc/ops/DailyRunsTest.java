package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.generate.Generated;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.PipelineCommands;
import vn.hcmc.cchc.support.TableVersions;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * What Airflow runs, run here: the {@code daily} command of {@code scripts/airflow/commands.json}
 * for three days from a Sunday across a month's end, over a landing zone that already holds them
 * all; the {@code backfill} command over the same range into a second warehouse; the day and the
 * range run again; then the {@code maintenance} command (between a dry run and a VACUUM at 0 hours
 * of the two tables daily runs fragment most) and {@code runs}. Each argv is the one the DAGs run ({@code AirflowIT} proves that),
 * parsed and run by the jar's own entry point on the test's session ({@link InProcessCli}); what the
 * launcher adds to a command line is {@code LauncherIT}'s.
 *
 * <p>Three days prove what thirty did (issue 17; five until December 2026): every working day is
 * the same code path, a Sunday has no export of its own, and the month's end is the one boundary the
 * marts care about: a Sunday, the month's last day and the next month's first. Each day refreshes
 * the marts as production does, so "daily equals backfill" also proves the incremental marts over
 * three deliveries equal one full computation ({@code IncrementalMartsTest} proves it after every
 * day of a month). All the work is done once, before the
 * tests, which only look at what it left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyRunsTest {
  private static final LocalDate FIRST = LocalDate.of(2021, 5, 30); // a Sunday: 30 May to 1 June
  private static final int DAYS = 3;
  private static final LocalDate LAST = FIRST.plusDays(DAYS - 1);
  /**
   * The tables whose files the daily runs multiply, maintained by {@link MaintainJob} itself for the
   * dry run and the VACUUM at 0 hours (the command maintains every table: {@code maintenance}).
   */
  private static final List<Table> COMPACTED = List.of(Table.BRONZE_CASES, Table.SILVER_CASES);
  private static final List<Table> DATA_TABLES = List.of(Table.BRONZE_CASES, Table.SILVER_CASES,
      Table.SILVER_QUARANTINE, Table.SILVER_AGENCIES, Table.SILVER_PROCEDURES, Table.GOLD_CASE_MONTHLY,
      Table.GOLD_PROCEDURE_MONTHLY, Table.GOLD_TARGET_ATTAINMENT);

  private final SparkSession spark = TestSpark.session();
  private final PipelineCommands commands = PipelineCommands.load();
  private String raw;
  private String conf;
  private Warehouse daily;
  private Warehouse backfill;
  private final Outcome[] days = new Outcome[DAYS];
  private List<String> exportDaysAfterTheFirstDay;
  private long agenciesDatedAfterTheFirstDay;
  private Outcome dayAgain;
  private Outcome rangeAgain;
  private Map<Table, Long> versionsBeforeTheReruns;
  private Map<Table, Long> versionsAfterTheReruns;
  private Map<Table, Dataset<Row>> rowsBeforeMaintain;
  private Map<Table, Long> versionsBeforeTheDryRun;
  private Map<Table, Long> versionsAfterTheDryRun;
  private Map<String, long[]> planned;
  private Map<String, long[]> maintained;
  private Map<String, long[]> vacuumed;

  @BeforeAll
  void dailyRunsOneBackfillRerunsAndMaintenance() {
    Path dir = TestSpark.tempDir("daily-runs");
    raw = dir.resolve("raw").toString();
    conf = InProcessCli.conf(dir, "").toString();
    // the generator writes the three days at once: each day's run must take only what its date allows
    Generated.run(Generated.spec(Path.of(raw), FIRST.toString(), LAST.toString(), 0.0003, 5));
    daily = new Warehouse(spark, dir.resolve("daily-wh").toString());
    backfill = new Warehouse(spark, dir.resolve("backfill-wh").toString());
    for (int d = 0; d < DAYS; d++) {
      days[d] = execute("daily", Map.of("conf", conf, "raw", raw, "warehouse", daily.root(),
          "date", FIRST.plusDays(d).toString()));
      assertThat(days[d].exitCode()).as(days[d].stderr()).isZero();
      if (d == 0) {
        exportDaysAfterTheFirstDay = daily.read(Table.BRONZE_FILES).filter("feed IN ('dvc', 'legacy')")
            .selectExpr("string(export_date)").distinct().as(Encoders.STRING()).collectAsList();
        agenciesDatedAfterTheFirstDay = daily.read(Table.SILVER_AGENCIES).filter("valid_from > DATE'" + FIRST + "'").count();
      }
    }
    Outcome range = execute("backfill", backfill(backfill));
    assertThat(range.exitCode()).as(range.stderr()).isZero();

    versionsBeforeTheReruns = TableVersions.of(daily);
    dayAgain = execute("daily", Map.of("conf", conf, "raw", raw, "warehouse", daily.root(), "date", LAST.toString()));
    rangeAgain = execute("backfill", backfill(daily));
    versionsAfterTheReruns = TableVersions.of(daily);

    rowsBeforeMaintain = new EnumMap<>(Table.class);
    for (Table t : DATA_TABLES) {
      rowsBeforeMaintain.put(t, Frames.snapshot(daily.read(t)));
    }
    versionsBeforeTheDryRun = TableVersions.of(daily);
    planned = reports(new MaintainJob(daily, new DeltaWriter(daily, "dry-run")).run(0, true, COMPACTED));
    versionsAfterTheDryRun = TableVersions.of(daily);
    List<String> maintenance = commands.render("maintenance", Map.of("conf", conf, "warehouse", daily.root()));
    maintained = maintain(maintenance.subList(1, maintenance.size()).toArray(String[]::new));
    // last: VACUUM at 0 hours removes the change feed and the versions a rerun or a restore would read
    vacuumed = reports(new MaintainJob(daily, new DeltaWriter(daily, "vacuum")).run(0, false, COMPACTED));
  }

  @Test
  void aDayTakesItsOwnExportAndNoFileDatedAfterIt() {
    assertThat(exportDaysAfterTheFirstDay).containsExactly(FIRST.toString());
    // reference snapshots dated after the day wait too: only the ones in force by then are in silver
    assertThat(agenciesDatedAfterTheFirstDay).isZero();
    assertThat(days[1].stderr()).containsPattern("ingest: \\d+ files seen, [1-9]\\d* loaded")
        .contains("dated after " + FIRST.plusDays(1) + " left for the runs of their days");
    assertThat(days[2].stderr()).containsPattern("[1-9]\\d* loaded");
  }

  @Test
  void dailyRunsGiveTheTablesOfOneBackfillRun() {
    assertThat(daily.read(Table.SILVER_CASES).count()).isGreaterThan(40);
    assertThat(daily.read(Table.GOLD_CASE_MONTHLY).selectExpr("string(period_month)").distinct()
        .as(Encoders.STRING()).collectAsList()).as("the range crosses a month's end")
        .contains(FIRST.withDayOfMonth(1).toString(), LAST.withDayOfMonth(1).toString());
    Frames.assertSameRows(daily.read(Table.SILVER_CASES).drop("batch_id"),
        backfill.read(Table.SILVER_CASES).drop("batch_id"));
    // lineage that names the run differs by design: batch and ingest time
    Frames.assertSameRows(daily.read(Table.SILVER_QUARANTINE).drop("batch_id", "ingested_at"),
        backfill.read(Table.SILVER_QUARANTINE).drop("batch_id", "ingested_at"));
    for (Table gold : List.of(Table.GOLD_CASE_MONTHLY, Table.GOLD_PROCEDURE_MONTHLY, Table.GOLD_TARGET_ATTAINMENT)) {
      Frames.assertSameRows(daily.read(gold), backfill.read(gold));
    }
  }

  @Test
  void aDateOrARangeRunAgainChangesNoTable() {
    assertThat(dayAgain.exitCode()).as(dayAgain.stderr()).isZero();
    assertThat(dayAgain.stderr()).contains(" 0 loaded").contains("nothing new").contains("up to date");
    assertThat(rangeAgain.exitCode()).as(rangeAgain.stderr()).isZero();
    assertThat(rangeAgain.stderr()).contains(" 0 loaded");
    // ops.runs is the one table a rerun writes: its own record
    Map<Table, Long> after = new EnumMap<>(versionsAfterTheReruns);
    after.put(Table.OPS_RUNS, versionsBeforeTheReruns.get(Table.OPS_RUNS));
    assertThat(after).isEqualTo(versionsBeforeTheReruns);
    assertThat(versionsAfterTheReruns.get(Table.OPS_RUNS)).isEqualTo(versionsBeforeTheReruns.get(Table.OPS_RUNS) + 2);
  }

  @Test
  void maintenanceLeavesFewerFilesAndTheSameRowsAsItsDryRunForesaw() {
    for (Table t : DATA_TABLES) {
      Frames.assertSameRows(daily.read(t), rowsBeforeMaintain.get(t));
    }
    assertThat(versionsAfterTheDryRun).as("a dry run commits nothing").isEqualTo(versionsBeforeTheDryRun);

    long partitions = daily.read(Table.SILVER_CASES).select("level", "agency_code").distinct().count();
    long[] cases = maintained.get("silver.cases");
    long[] bronze = maintained.get("bronze.cases");
    System.out.printf("maintain after %d daily runs: silver.cases %d -> %d files (%d partitions), %d old files"
        + " deleted at 0 hours; bronze.cases %d -> %d%n", DAYS, cases[0], cases[1], partitions,
        vacuumed.get("silver.cases")[2], bronze[0], bronze[1]);
    // a MERGE a day left several files in many partitions; compaction leaves one per partition
    assertThat(cases[0]).isGreaterThan(partitions);
    assertThat(cases[1]).isEqualTo(partitions);
    assertThat(bronze[0]).isGreaterThanOrEqualTo(DAYS);
    assertThat(bronze[1]).isEqualTo(1);
    // 168 hours keep every file a younger version needs; 0 hours delete the ones compaction replaced:
    // k files of a partition became one, so more than the files it took away (k - 1 each)
    assertThat(cases[2]).isZero();
    assertThat(vacuumed.get("silver.cases")[2]).isGreaterThan(cases[0] - cases[1]);
    // every table that exists was maintained; the dry run foresaw what compaction did to those it planned
    assertThat(maintained.keySet()).hasSizeGreaterThanOrEqualTo(13).containsAll(planned.keySet());
    assertThat(planned.keySet()).containsExactlyInAnyOrder("bronze.cases", "silver.cases");
    planned.forEach((table, p) -> {
      assertThat(p[0]).as(table).isEqualTo(maintained.get(table)[0]);
      assertThat(p[1]).as(table).isEqualTo(maintained.get(table)[1]);
    });
  }

  @Test
  void opsRunsRecordsEveryRunWithItsWindowStagesAndVersions() {
    List<String> rows = sql("SELECT command, status, string(date_from), string(date_to), size(stages), "
        + "size(versions) > 0, aggregate(stages, 0L, (acc, s) -> acc + coalesce(s.rows_in, 0L)) FROM ops.runs "
        + "ORDER BY started_at");
    assertThat(rows).hasSize(1 + DAYS + 2 + 1);
    for (int d = 1; d < DAYS; d++) {
      assertThat(rows.get(1 + d)).startsWith("run,succeeded," + FIRST.plusDays(d) + "," + FIRST.plusDays(d) + ",4,true,");
    }
    assertThat(rows.get(1 + DAYS)).as("the rerun of a day wrote nothing but its own record")
        .isEqualTo("run,succeeded," + LAST + "," + LAST + ",4,false,0");
    assertThat(rows.get(2 + DAYS)).isEqualTo("run,succeeded," + FIRST + "," + LAST + ",4,false,0");
    assertThat(rows.get(3 + DAYS)).startsWith("maintain,succeeded,,,1,true,0");

    Outcome listed = InProcessCli.run("runs", "--conf", conf, "--warehouse", daily.root(), "--limit", "2");
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    List<String> lines = listed.stdout().lines().toList();
    assertThat(lines.get(0)).startsWith("run_id").contains("command", "status", "stages", "versions");
    assertThat(lines.get(2)).contains("maintain", "succeeded");
    assertThat(lines.get(3)).contains(" run ", "succeeded", FIRST + ".." + LAST, "ingest ", "normalize ", "marts ");
    assertThat(listed.stdout()).doesNotContain(InProcessCli.PII_KEY);
  }

  private Map<String, String> backfill(Warehouse wh) {
    return Map.of("conf", conf, "raw", raw, "warehouse", wh.root(), "from", FIRST.toString(), "to", LAST.toString());
  }

  /** Runs a command of commands.json exactly as rendered, as Airflow does (the argv after the launcher). */
  private Outcome execute(String name, Map<String, String> values) {
    List<String> argv = commands.render(name, values);
    assertThat(argv.get(0)).isEqualTo("scripts/cchc");
    return InProcessCli.run(argv.subList(1, argv.size()).toArray(String[]::new));
  }

  /** Runs {@code maintain}; its report by table: files before, files after, files vacuumed. */
  private static Map<String, long[]> maintain(String... args) {
    Outcome o = InProcessCli.run(args);
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    return o.stdout().lines().map(String::trim).filter(l -> l.matches("(bronze|silver|gold|ops)\\.\\S+ .*"))
        .map(l -> l.split("\\s+"))
        .collect(Collectors.toMap(c -> c[0], c -> new long[] {Long.parseLong(c[1]), Long.parseLong(c[2]),
            Long.parseLong(c[5])}));
  }

  /** Files before, files after, files vacuumed, by table. */
  private static Map<String, long[]> reports(List<MaintainJob.TableReport> reports) {
    return reports.stream().collect(Collectors.toMap(r -> r.table().sqlName(),
        r -> new long[] {r.filesBefore(), r.filesAfter(), r.filesVacuumed()}));
  }

  private List<String> sql(String query) {
    Outcome o = InProcessCli.run("sql", "--conf", conf, "--warehouse", daily.root(), "--format", "csv", query);
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    return o.stdout().lines().toList();
  }
}
