package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.hcmc.cchc.generate.Generated;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.marts.MartsJob;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.TableVersions;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Five daily runs ({@code run --date D}, in process: ingest and normalize each day, marts at the
 * end) from a Sunday across a month's end, over a landing zone that already holds the whole range,
 * against one backfill run over the same range ({@code run --from --to}): the same tables; a date or
 * a range run again changes nothing; {@code maintain} then leaves fewer files and the same rows.
 * Five days prove what thirty did (issue 17): every working day is the same code path, a Sunday has
 * no export of its own, and the month's end is the one boundary the marts care about. (The same
 * through the commands Airflow runs: {@code AirflowCommandsTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DailyRunsTest {
  private static final LocalDate FIRST = LocalDate.of(2021, 3, 28); // a Sunday: 28 March to 1 April
  private static final int DAYS = 5;
  private static final List<Table> DATA_TABLES = List.of(Table.BRONZE_CASES, Table.SILVER_CASES,
      Table.SILVER_QUARANTINE, Table.SILVER_AGENCIES, Table.SILVER_PROCEDURES, Table.GOLD_CASE_MONTHLY,
      Table.GOLD_PROCEDURE_MONTHLY, Table.GOLD_TARGET_ATTAINMENT);

  private final SparkSession spark = TestSpark.session();
  private Path raw;
  private Warehouse daily;
  private Warehouse backfill;

  @BeforeAll
  void dailyRunsAndOneBackfill() {
    raw = TestSpark.tempDir("daily-raw");
    // the generator writes the whole month at once: each day's run must take only what its date allows
    Generated.run(Generated.spec(raw, FIRST.toString(), FIRST.plusDays(DAYS - 1).toString(), 0.0003, 5));
    daily = new Warehouse(spark, TestSpark.tempDir("daily-wh").toString());
    // five days of bronze and silver writes (a MERGE into silver.cases each); the marts once at the
    // end, to keep the test short: their daily refresh is IncrementalMartsTest's subject
    for (int d = 0; d < DAYS; d++) {
      ingestAndNormalize(daily, ExportWindow.day(FIRST.plusDays(d)), "d" + d);
    }
    marts(daily, "d");
    backfill = new Warehouse(spark, TestSpark.tempDir("backfill-wh").toString());
    run(backfill, new ExportWindow(FIRST, FIRST.plusDays(DAYS - 1)), "range");
  }

  @Test
  void aDayTakesNoFileDatedAfterIt() {
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("one-day-wh").toString());
    new IngestJob(wh, new DeltaWriter(wh, "one"), Fixtures.PII)
        .run(raw.toString(), ExportWindow.day(FIRST), Instant.now());
    List<String> days = wh.read(Table.BRONZE_FILES).filter("feed IN ('dvc', 'legacy')")
        .selectExpr("string(export_date)").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(days).containsExactly(FIRST.toString());
    // reference snapshots dated after the day wait too: only the ones in force by then are in silver
    assertThat(wh.read(Table.SILVER_AGENCIES).filter("valid_from > DATE'" + FIRST + "'").count()).isZero();
  }

  @Test
  void dailyRunsGiveTheTablesOfOneBackfillRun() {
    assertThat(daily.read(Table.SILVER_CASES).count()).isGreaterThan(40);
    assertThat(daily.read(Table.GOLD_CASE_MONTHLY).selectExpr("string(period_month)").distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).as("the range crosses a month's end")
        .contains("2021-03-01", "2021-04-01");
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
    Map<Table, Long> before = TableVersions.of(daily);
    run(daily, ExportWindow.day(FIRST.plusDays(4)), "again-day");
    run(daily, new ExportWindow(FIRST, FIRST.plusDays(DAYS - 1)), "again-range");
    assertThat(TableVersions.of(daily)).isEqualTo(before);
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: VACUUM at 0 hours removes the change feed the other tests' reruns read
  void maintainAfterDailyRunsLeavesFewerFilesAndTheSameRows() {
    Warehouse wh = daily;
    Map<Table, Dataset<Row>> rows = new EnumMap<>(Table.class);
    for (Table t : DATA_TABLES) {
      rows.put(t, Frames.snapshot(wh.read(t)));
    }
    Map<Table, Long> versions = TableVersions.of(wh);

    List<MaintainJob.TableReport> planned = new MaintainJob(wh, new DeltaWriter(wh, "maintain")).run(0, true);
    assertThat(TableVersions.of(wh)).as("a dry run commits nothing").isEqualTo(versions);
    Map<Table, MaintainJob.TableReport> done = new MaintainJob(wh, new DeltaWriter(wh, "maintain")).run(0, false).stream()
        .collect(Collectors.toMap(MaintainJob.TableReport::table, r -> r));

    for (Table t : DATA_TABLES) {
      Frames.assertSameRows(wh.read(t), rows.get(t));
    }
    MaintainJob.TableReport cases = done.get(Table.SILVER_CASES);
    long partitions = wh.read(Table.SILVER_CASES).select("level", "agency_code").distinct().count();
    System.out.printf("maintain after %d daily runs: silver.cases %d -> %d files (%d partitions), %d old files"
        + " deleted; bronze.cases %d -> %d%n", DAYS, cases.filesBefore(), cases.filesAfter(), partitions,
        cases.filesVacuumed(), done.get(Table.BRONZE_CASES).filesBefore(), done.get(Table.BRONZE_CASES).filesAfter());
    // a MERGE a day left several files in many partitions; compaction leaves one per partition
    assertThat(cases.filesBefore()).isGreaterThan(partitions);
    assertThat(cases.filesAfter()).isEqualTo(partitions);
    assertThat(done.get(Table.BRONZE_CASES).filesBefore()).isGreaterThanOrEqualTo(DAYS);
    assertThat(done.get(Table.BRONZE_CASES).filesAfter()).isEqualTo(1);
    assertThat(cases.filesVacuumed()).isGreaterThanOrEqualTo(cases.filesBefore());
    // the dry run foresaw what compaction did, table by table
    for (MaintainJob.TableReport p : planned) {
      assertThat(p.filesAfter()).as(p.table().sqlName()).isEqualTo(done.get(p.table()).filesAfter());
      assertThat(p.filesBefore()).isEqualTo(done.get(p.table()).filesBefore());
    }
  }

  /** One run, in process: ingest (the window), normalize, marts. */
  private void run(Warehouse wh, ExportWindow window, String id) {
    ingestAndNormalize(wh, window, id);
    marts(wh, id);
  }

  private void ingestAndNormalize(Warehouse wh, ExportWindow window, String id) {
    new IngestJob(wh, new DeltaWriter(wh, "ingest-" + id), Fixtures.PII).run(raw.toString(), window, Instant.now());
    new NormalizeJob(wh, new DeltaWriter(wh, "normalize-" + id)).run(Instant.now());
  }

  private static void marts(Warehouse wh, String id) {
    new MartsJob(wh, new DeltaWriter(wh, "marts-" + id), Fixtures.REFERENCE).run(false);
  }
}
