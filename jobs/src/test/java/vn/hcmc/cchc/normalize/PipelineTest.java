package vn.hcmc.cchc.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.marts.MartsJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Ingest and normalize on real Delta tables, with the {@code basic} fixture: 21 raw records (16
 * JSON lines over three export days, 5 legacy CSV records of which one spans two lines), 7 valid
 * dossiers, 12 records that break one rule each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineTest {
  private SparkSession spark;
  private Path raw;
  private Warehouse warehouse;
  private IngestJob.Result firstIngest;
  private NormalizeJob.Result firstNormalize;
  private MartsJob.Result firstMarts;

  @BeforeAll
  void loadAllAtOnce() {
    spark = TestSpark.session();
    raw = TestSpark.tempDir("raw");
    Fixtures.copy("basic", raw);
    warehouse = new Warehouse(spark, TestSpark.tempDir("wh").toString());
    firstIngest = ingest(warehouse, raw, "batch-1");
    firstNormalize = new NormalizeJob(warehouse, new DeltaWriter(warehouse, "norm-1")).run(Instant.now());
    firstMarts = marts(warehouse, "marts-1");
  }

  private static IngestJob.Result ingest(Warehouse wh, Path raw, String runId) {
    return new IngestJob(wh, new DeltaWriter(wh, runId), Fixtures.PII).run(raw.toString(), Instant.now());
  }

  private static MartsJob.Result marts(Warehouse wh, String runId) {
    return new MartsJob(wh, new DeltaWriter(wh, runId), Fixtures.REFERENCE).run(false);
  }

  private static NormalizeJob.Result normalize(Warehouse wh, String runId) {
    return new NormalizeJob(wh, new DeltaWriter(wh, runId)).run(Instant.now());
  }

  @Test
  void everyRawRecordIsInBronzeAndEitherInSilverOrInQuarantine() {
    assertThat(firstIngest.rawRecords()).isEqualTo(21);
    assertThat(firstIngest.bronzeRows()).isEqualTo(21);
    assertThat(firstNormalize.accepted()).isEqualTo(9);
    assertThat(firstNormalize.quarantined()).isEqualTo(12);
    assertThat(firstNormalize.superseded()).isEqualTo(2);
    Row rec = warehouse.read(Table.OPS_RECONCILIATION).filter("batch_id = 'batch-1'").head();
    assertThat(rec.<Long>getAs("raw_records")).isEqualTo(21L);
    assertThat(rec.<Long>getAs("silver_rows") + rec.<Long>getAs("quarantined_rows")).isEqualTo(21L);
    assertThat(rec.<Boolean>getAs("balanced")).isTrue();
    assertThat(warehouse.read(Table.SILVER_CASES).count()).isEqualTo(7);
  }

  @Test
  void theCityMonthsOfTheFixtureAddUp() {
    assertThat(firstMarts.fullRebuild()).isTrue();
    Map<String, Row> city = warehouse.read(Table.GOLD_CASE_MONTHLY)
        .filter("scope_type = 'city' AND sector = '*'").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("period_month").toString(), r -> r));
    assertThat(city).containsOnlyKeys("2021-03-01", "2021-04-01");
    Row march = city.get("2021-03-01");
    Row april = city.get("2021-04-01");
    // March: three received (one at 23:30 on the 31st), none closed
    assertThat(march.<Long>getAs("received_new")).isEqualTo(3L);
    assertThat(march.<Long>getAs("pending_end")).isEqualTo(3L);
    // April: 3 carried over + 4 received (one at 00:30 on the 1st) = 3 resolved + 4 pending
    assertThat(april.<Long>getAs("carried_over")).isEqualTo(3L);
    assertThat(april.<Long>getAs("received_new")).isEqualTo(4L);
    assertThat(april.<Long>getAs("resolved")).isEqualTo(3L);
    assertThat(april.<Long>getAs("pending_end")).isEqualTo(4L);
    assertThat(april.<Long>getAs("received_postal")).isEqualTo(1L);
  }

  @Test
  void quarantineHoldsEveryReasonOnce() {
    Map<String, Long> byReason = warehouse.read(Table.SILVER_QUARANTINE).groupBy("reason").count().collectAsList()
        .stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    assertThat(byReason).containsExactlyInAnyOrderEntriesOf(Map.of(
        "malformed_record", 2L, "missing_field", 1L, "bad_date", 3L, "bad_code", 2L, "unknown_agency", 1L,
        "unknown_procedure", 1L, "date_order", 1L, "missing_result_date", 1L));
  }

  @Test
  void theLatestSnapshotWinsAndARejectedOneNeverReplacesIt() {
    Map<String, String> status = statuses(warehouse);
    assertThat(status).containsEntry("000.00.760.H29-210331-0003", "returned")   // older one re-exported later
        .containsEntry("000.01.00.H29-210331-0005", "received")                  // its later snapshot was bad
        .containsEntry("26734.760.H29-210401-0011", "in_process");               // NFD, BOM, quoted line break
  }

  @Test
  void silverIsPartitionedByLevelAndAgency() {
    List<String> dirs = List.of(new java.io.File(warehouse.location(Table.SILVER_CASES)).list());
    assertThat(dirs).contains("level=city", "level=district", "level=commune");
    assertThat(warehouse.read(Table.SILVER_CASES).inputFiles())
        .allMatch(f -> f.matches(".*/level=[a-z]+/agency_code=[^/]+/[^/]+\\.parquet"));
    assertThat(new java.io.File(warehouse.location(Table.SILVER_CASES), "level=commune").list())
        .contains("agency_code=26734.760.H29");
  }

  @Test
  void aSecondRunWithNoNewFilesWritesNoNewTableVersion() {
    Map<Table, Long> before = versions(warehouse);
    IngestJob.Result again = ingest(warehouse, raw, "batch-2");
    NormalizeJob.Result normalizedAgain = normalize(warehouse, "norm-2");
    MartsJob.Result martsAgain = marts(warehouse, "marts-2");
    assertThat(again.filesLoaded()).isZero();
    assertThat(normalizedAgain.batches()).isZero();
    assertThat(martsAgain.changed()).isFalse();
    assertThat(versions(warehouse)).isEqualTo(before);
  }

  @Test
  void noPersonalValueOfTheRawFilesIsInAnyTable() {
    for (Table t : Table.values()) {
      if (!warehouse.exists(t)) {
        continue;
      }
      String all = warehouse.read(t).collectAsList().stream().map(Row::toString).collect(Collectors.joining("\n"));
      String nfc = java.text.Normalizer.normalize(all, java.text.Normalizer.Form.NFC);
      for (String personal : Fixtures.BASIC_PERSONAL_DATA) {
        assertThat(nfc).as("%s holds %s", t.sqlName(), personal).doesNotContain(personal);
      }
    }
  }

  @Test
  void filesArrivingDayByDayLateTwiceAndOutOfOrderGiveTheSameSilver() throws Exception {
    Path dailyRaw = TestSpark.tempDir("raw-daily");
    Warehouse daily = new Warehouse(spark, TestSpark.tempDir("wh-daily").toString());
    // 2 Apr arrives before 1 Apr: the older snapshot of ...-0003 comes first, the returned one later
    Fixtures.copy("basic", dailyRaw, "reference/", "cases/dvc/2021/03/31/");
    ingest(daily, dailyRaw, "d1");
    normalize(daily, "n1");
    // Issue 18: into an empty table, a plain insert: one file per partition (commune, district, city)
    assertThat(daily.fileCount(Table.SILVER_CASES)).isEqualTo(3);
    assertThat(daily.lastCommitMetadata(Table.SILVER_CASES)).isEqualTo("n1");
    String moved = "26734.760.H29-210331-0001";
    Fixtures.copy("basic", dailyRaw, "cases/dvc/2021/04/02/", "cases/legacy/2021/04/02/");
    ingest(daily, dailyRaw, "d2");
    normalize(daily, "n2");
    assertThat(statuses(daily)).containsEntry("000.00.760.H29-210331-0003", "in_process");
    Fixtures.copy("basic", dailyRaw, "cases/");
    ingest(daily, dailyRaw, "d3");
    normalize(daily, "n3");

    // the same file delivered again (new modification time, same content) is not loaded twice
    Path first = dailyRaw.resolve("cases/dvc/2021/03/31/dvc-20210331-01.jsonl");
    Files.setLastModifiedTime(first, FileTime.from(Instant.now().plusSeconds(60)));
    IngestJob.Result redelivered = ingest(daily, dailyRaw, "d4");
    assertThat(redelivered.filesLoaded()).isZero();
    assertThat(redelivered.filesUnchanged()).isEqualTo(redelivered.filesSeen());

    Dataset<Row> expected = warehouse.read(Table.SILVER_CASES).drop("batch_id", "source_file");
    Dataset<Row> actual = daily.read(Table.SILVER_CASES).drop("batch_id", "source_file");
    vn.hcmc.cchc.support.Frames.assertSameRows(expected, actual);
    assertThat(daily.read(Table.BRONZE_CASES).count()).isEqualTo(21);

    // Issue 16, 6: the same path delivered again with corrected content and the same update times
    // (a full tie) wins over the first delivery, even where its lines moved
    List<String> lines = Files.readAllLines(first);
    String corrected = lines.stream().filter(l -> l.contains("210331-0005")).findFirst().orElseThrow()
        .replace("\"DuocSoHoa\": true", "\"DuocSoHoa\": false");
    List<String> reordered = new java.util.ArrayList<>(List.of(corrected));
    lines.stream().filter(l -> !l.contains("210331-0005")).forEach(reordered::add);
    Files.write(first, reordered);
    assertThat(ingest(daily, dailyRaw, "d5").filesLoaded()).isEqualTo(1);
    normalize(daily, "n5");
    Row fixed = daily.read(Table.SILVER_CASES).filter("dossier_id = '000.01.00.H29-210331-0005'").head();
    assertThat(fixed.<Boolean>getAs("digitised")).isFalse();
    assertThat(fixed.<Long>getAs("source_line")).isEqualTo(1L);
    assertThat(fixed.<String>getAs("batch_id")).isEqualTo("d5");

    // Issue 18: a later snapshot moves a dossier to another agency (and level) and receipt day: one
    // row, in its new partition, none left in the one it left
    long rows = daily.read(Table.SILVER_CASES).count();
    String line = lines.stream().filter(l -> l.contains(moved)).findFirst().orElseThrow()
        .replace("\"MaDonVi\": \"26734.760.H29\"", "\"MaDonVi\": \"000.00.760.H29\"")
        .replace("\"NgayTiepNhan\": \"20210331233000\"", "\"NgayTiepNhan\": \"20210330233000\"")
        .replace("\"NgayCapNhat\": \"20210331233000\"", "\"NgayCapNhat\": \"20210403090000\"");
    // and a dossier first exported now whose code sorts among the commune's stored ones: the files'
    // statistics cannot tell it is new, the update-only MERGE does not meet it, the lookup by key does
    String inRange = "26734.760.H29-210331-0050";
    String late = lines.stream().filter(l -> l.contains(moved)).findFirst().orElseThrow().replace(moved, inRange);
    Path later = dailyRaw.resolve("cases/dvc/2021/04/03/dvc-20210403-01.jsonl");
    Files.createDirectories(later.getParent());
    Files.writeString(later, line + "\n" + late + "\n");
    ingest(daily, dailyRaw, "d6");
    normalize(daily, "n6");
    List<Row> now = daily.read(Table.SILVER_CASES).filter("dossier_id = '" + moved + "'").collectAsList();
    assertThat(now).hasSize(1);
    assertThat(now.get(0).<String>getAs("agency_code")).isEqualTo("000.00.760.H29");
    assertThat(now.get(0).<String>getAs("level")).isEqualTo("district");
    assertThat(String.valueOf(now.get(0).<Object>getAs("received_date"))).isEqualTo("2021-03-30");
    assertThat(daily.read(Table.SILVER_CASES).filter("dossier_id = '" + inRange + "'").count()).isEqualTo(1);
    assertThat(daily.read(Table.SILVER_CASES).count()).isEqualTo(rows + 1);
    // the MERGE updated the moved dossier; the one append after it added the other
    List<Row> commits = io.delta.tables.DeltaTable.forPath(spark, daily.location(Table.SILVER_CASES)).history(2)
        .select("operation", "operationMetrics").collectAsList();
    assertThat(commits.get(0).getString(0)).isEqualTo("WRITE");
    assertThat(commits.get(0).<String, String>getJavaMap(1)).containsEntry("numOutputRows", "1");
    assertThat(commits.get(1).getString(0)).isEqualTo("MERGE");
    assertThat(commits.get(1).<String, String>getJavaMap(1)).containsEntry("numTargetRowsUpdated", "1");
  }

  private static Map<String, String> statuses(Warehouse wh) {
    return wh.read(Table.SILVER_CASES).select("dossier_id", "status").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
  }

  private static Map<Table, Long> versions(Warehouse wh) {
    Map<Table, Long> v = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      v.put(t, wh.version(t));
    }
    return v;
  }
}
