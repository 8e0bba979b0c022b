package vn.hcmc.cchc.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.marts.MartsJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * A snapshot that arrives late, on the {@code basic} fixture. Its first agency snapshot lacks the
 * commune 26734 (13 of the fixture's dossier records, quarantined as unknown_agency); a snapshot
 * dated 2021-03-15, before every receipt, arrives a day late with the commune, the district 760
 * moved to another district code (a correction), and the department 000.01.00.H29 dropped. The
 * late warehouse takes the fixture, then the snapshot alone; the on-time one takes both at once.
 * After the replay the two hold the same dossiers, quarantine and marts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayTest {
  private static final String FIRST = "agency_code,agency_name,level,district_code,ward_code\n"
      + "000.01.00.H29,Sở Tư pháp,city,,\n"
      + "000.00.760.H29,UBND Quận 1,district,760,\n";
  private static final String LATE = "agency_code,agency_name,level,district_code,ward_code\n"
      + "000.00.760.H29,UBND Quận 1,district,769,\n"
      + "26734.760.H29,UBND Phường Tân Định,commune,760,26734\n";

  private Warehouse late;
  private Warehouse onTime;
  private Row lateReplay;

  @BeforeAll
  void bothWarehouses() throws IOException {
    Path raw = TestSpark.tempDir("replay-raw");
    Fixtures.copy("basic", raw);
    Path agencies = raw.resolve("reference/agencies");
    Files.writeString(agencies.resolve("2021-01-01.csv"), FIRST);
    late = new Warehouse(TestSpark.session(), TestSpark.tempDir("replay-late").toString());
    step(late, raw, "batch-1", "norm-1", "marts-1");
    Files.writeString(agencies.resolve("2021-03-15.csv"), LATE);
    step(late, raw, "batch-2", "norm-2", "marts-2");
    lateReplay = late.read(Table.OPS_REPLAYS).filter("run_id = 'norm-2'").head();

    onTime = new Warehouse(TestSpark.session(), TestSpark.tempDir("replay-on-time").toString());
    step(onTime, raw, "batch-1", "norm-1", "marts-1");
  }

  private static void step(Warehouse wh, Path raw, String batch, String norm, String marts) {
    new IngestJob(wh, new DeltaWriter(wh, batch), Fixtures.PII).run(raw.toString(), Instant.now());
    new NormalizeJob(wh, new DeltaWriter(wh, norm)).run(Instant.now());
    new MartsJob(wh, new DeltaWriter(wh, marts), Fixtures.REFERENCE).run(false);
  }

  @Test
  void theLateSnapshotReleasesTheRecordsItExplainsAndTheTablesEqualTheOnTimeOnes() {
    assertThat(lateReplay.<String>getAs("scope")).isEqualTo("changes");
    assertThat(lateReplay.<Long>getAs("released_rows")).isPositive();
    assertThat(late.read(Table.SILVER_CASES).filter("agency_code = '26734.760.H29'").count())
        .as("the commune's dossiers, released").isPositive();
    Frames.assertSameRows(onTime.read(Table.SILVER_CASES), late.read(Table.SILVER_CASES));
    Frames.assertSameRows(onTime.read(Table.GOLD_CASE_MONTHLY), late.read(Table.GOLD_CASE_MONTHLY));
    Frames.assertSameRows(open(onTime), open(late));
  }

  @Test
  void theCorrectionMovesTheDistrictAndTheDroppedAgencyGoesToQuarantine() {
    assertThat(late.read(Table.SILVER_CASES).filter("agency_code = '000.00.760.H29'")
        .select("district_code").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("769");
    assertThat(late.read(Table.SILVER_CASES).filter("agency_code = '000.01.00.H29'").count()).isZero();
    assertThat(open(late).filter("reason = 'unknown_agency' AND record LIKE '%000.01.00.H29%'").count()).isPositive();
    assertThat(lateReplay.<Long>getAs("quarantined_rows")).isPositive();
    assertThat(lateReplay.<java.time.LocalDate>getAs("first_month")).hasToString("2021-03-01");
  }

  @Test
  void quarantineRowsAreClosedByTheReleasingRunNeverDeletedAndEachBatchStillBalances() {
    Dataset<Row> q = late.read(Table.SILVER_QUARANTINE).filter("feed IN ('dvc', 'legacy')");
    long closed = q.filter("released_run_id = 'norm-2' AND released_at IS NOT NULL").count();
    assertThat(closed).isEqualTo(lateReplay.<Long>getAs("released_rows") + lateReplay.<Long>getAs("reasons_changed_rows"));
    assertThat(q.count()).as("open rows + closed rows").isEqualTo(open(late).count() + closed);
    Row l = late.read(Table.OPS_RECONCILIATION).filter("batch_id = 'batch-1'").head();
    Row o = onTime.read(Table.OPS_RECONCILIATION).filter("batch_id = 'batch-1'").head();
    assertThat(l.<Boolean>getAs("balanced")).isTrue();
    assertThat(List.of(l.<Long>getAs("silver_rows"), l.<Long>getAs("quarantined_rows")))
        .isEqualTo(List.of(o.<Long>getAs("silver_rows"), o.<Long>getAs("quarantined_rows")));
  }

  @Test
  void aRunWithTheSameSnapshotsReplaysNothingAndReplayAllChangesNothing() {
    long replays = late.read(Table.OPS_REPLAYS).count();
    List<Row> silver = late.read(Table.SILVER_CASES).collectAsList();
    NormalizeJob.Result again = new NormalizeJob(late, new DeltaWriter(late, "norm-3")).run(Instant.now());
    assertThat(again.replay()).isEqualTo("reference unchanged");
    assertThat(late.read(Table.OPS_REPLAYS).count()).isEqualTo(replays);

    new NormalizeJob(late, new DeltaWriter(late, "norm-4")).run(Instant.now(), true);
    Row all = late.read(Table.OPS_REPLAYS).filter("run_id = 'norm-4'").head();
    assertThat(all.<String>getAs("scope")).isEqualTo("all");
    assertThat(all.<Long>getAs("records_judged")).isGreaterThan(silver.size());
    assertThat(List.of(all.<Long>getAs("released_rows"), all.<Long>getAs("quarantined_rows"),
        all.<Long>getAs("silver_updated"), all.<Long>getAs("silver_deleted"))).containsOnly(0L);
    Frames.assertSameRows(onTime.read(Table.SILVER_CASES), late.read(Table.SILVER_CASES));
  }

  @Test
  void aQuarantineOfAnEarlierReleaseIsNotAnOlderLayoutAndGetsTheReleaseColumnsOnItsNextWrite() {
    Warehouse older = new Warehouse(TestSpark.session(), TestSpark.tempDir("replay-older").toString());
    Dataset<Row> rows = open(late).limit(2).withColumn("batch_id", org.apache.spark.sql.functions.lit("batch-1"))
        .withColumn("ingested_at", org.apache.spark.sql.functions.current_timestamp());
    rows.select(Table.SILVER_QUARANTINE.columns().list().stream().filter(c -> !c.added())
        .map(c -> rows.col(c.name())).toArray(org.apache.spark.sql.Column[]::new))
        .write().format("delta").save(older.location(Table.SILVER_QUARANTINE));
    vn.hcmc.cchc.pipeline.LayoutCheck.requireCurrent(older);

    new DeltaWriter(older, "upgrade").append(Table.SILVER_QUARANTINE, late.read(Table.SILVER_QUARANTINE).limit(1));
    Dataset<Row> now = older.read(Table.SILVER_QUARANTINE);
    assertThat(now.columns()).contains("released_run_id", "released_at");
    assertThat(now.filter("batch_id = 'batch-1' AND released_run_id IS NULL").count()).as("the earlier rows, open")
        .isEqualTo(2);
  }

  /** The records quarantined now, without the columns of the run that closed a row. */
  private static Dataset<Row> open(Warehouse wh) {
    return wh.read(Table.SILVER_QUARANTINE).filter("released_run_id IS NULL")
        .drop("released_run_id", "released_at", "ingested_at", "batch_id");
  }
}
