package vn.hcmc.cchc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Ingest and normalize on real Delta tables with the {@code basic} fixture plus {@code side-feeds}:
 * a March 2021 work file (three good agencies, an unknown one, a bad count) and a 2021 indicators
 * file (one good row, one with denominator 0).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SideFeedsTest {
  static final String WORK_FILE = "work/2021/03.csv";
  static final String INDICATOR_FILE = "indicators/2021.csv";
  private SparkSession spark;
  private Warehouse warehouse;

  @BeforeAll
  void ingestAndNormalize() {
    spark = TestSpark.session();
    Path raw = TestSpark.tempDir("raw-side");
    Fixtures.copy("basic", raw);
    Fixtures.copy("side-feeds", raw);
    warehouse = new Warehouse(spark, TestSpark.tempDir("wh-side").toString());
    ingest(warehouse, raw, "side-1");
    new NormalizeJob(warehouse, new DeltaWriter(warehouse, "norm-side-1")).run(Instant.now());
  }

  private static void ingest(Warehouse wh, Path raw, String runId) {
    new IngestJob(wh, new DeltaWriter(wh, runId), Fixtures.PII).run(raw.toString(), Instant.now());
  }

  @Test
  void workRowsCarryTheAgencysLevelAndDistrict() {
    List<String> rows = warehouse.read(Table.SILVER_WORK_FILES).orderBy("source_line").collectAsList().stream()
        .map(r -> r.mkString("|").replaceAll("\\|[^|]*/" + WORK_FILE + "\\|", "|" + WORK_FILE + "|")).toList();
    assertThat(rows).containsExactly(
        "2021-03-01|000.01.00.H29|city|null|100|90|10|" + WORK_FILE + "|2",
        "2021-03-01|000.00.760.H29|district|760|50|45|0|" + WORK_FILE + "|3",
        "2021-03-01|26734.760.H29|commune|760|20|10|0|" + WORK_FILE + "|4");
  }

  @Test
  void indicatorRowsAreTyped() {
    Row r = warehouse.read(Table.SILVER_INDICATORS).head();
    assertThat(warehouse.read(Table.SILVER_INDICATORS).count()).isEqualTo(1);
    assertThat(r.<String>getAs("target_id")).isEqualTo("T25_DATABASES");
    assertThat(r.<Integer>getAs("year")).isEqualTo(2021);
    assertThat(r.<Long>getAs("numerator")).isEqualTo(20L);
    assertThat(r.<Long>getAs("denominator")).isEqualTo(24L);
    assertThat(r.<String>getAs("note")).isEqualTo("Cơ sở dữ liệu đã hoàn thành, kết nối");
    assertThat(r.<String>getAs("source_file")).endsWith(INDICATOR_FILE);
  }

  @Test
  void rejectsAreQuarantinedWithTheIngestBatchAndSurviveTheFollowingNormalize() {
    List<Row> side = warehouse.read(Table.SILVER_QUARANTINE).filter("feed IN ('work', 'indicators')")
        .orderBy("feed", "line_number").collectAsList();
    assertThat(side).extracting(r -> r.getAs("feed") + ":" + r.getAs("line_number") + ":" + r.getAs("reason"))
        .containsExactly("indicators:3:bad_code", "work:5:unknown_agency", "work:6:bad_code");
    assertThat(side).allSatisfy(r -> {
      assertThat(r.<String>getAs("batch_id")).isEqualTo("side-1");
      assertThat(r.<String>getAs("dossier_id")).isNull();
      assertThat(r.<String>getAs("file_hash")).matches("[0-9a-f]{64}");
      assertThat(r.<Object>getAs("ingested_at")).isNotNull();
    });
    assertThat(side.get(0).<LocalDate>getAs("export_date")).isEqualTo(LocalDate.of(2021, 1, 1));
    assertThat(side.get(1).<LocalDate>getAs("export_date")).isEqualTo(LocalDate.of(2021, 3, 1));
    assertThat(side.get(1).<String>getAs("record")).isEqualTo("999.99.99.H29,5,5,0");
    assertThat(side.get(2).<String>getAs("detail")).isEqualTo("processed_online > total - classified");
    // normalize of batch side-1 wrote its own twelve case rejects next to them
    assertThat(warehouse.read(Table.SILVER_QUARANTINE).filter("feed IN ('dvc', 'legacy') AND batch_id = 'side-1'")
        .count()).isEqualTo(12);
  }

  @Test
  void aLaterIndicatorFileCorrectsAndARebuildReplacesTheRejects() throws Exception {
    Path raw = TestSpark.tempDir("raw-side-correction");
    Fixtures.copy("basic", raw, "reference/");
    Fixtures.copy("side-feeds", raw);
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("wh-side-correction").toString());
    ingest(wh, raw, "c1");
    Files.writeString(raw.resolve("indicators/2022.csv"),
        "target_id,year,scope_code,numerator,denominator,note\nT25_DATABASES,2021,HCM,22,24,corrected\n");
    ingest(wh, raw, "c2");

    Row r = wh.read(Table.SILVER_INDICATORS).head();
    assertThat(wh.read(Table.SILVER_INDICATORS).count()).isEqualTo(1);
    assertThat(r.<Long>getAs("numerator")).isEqualTo(22L);
    assertThat(r.<String>getAs("source_file")).endsWith("indicators/2022.csv");
    assertThat(wh.read(Table.SILVER_QUARANTINE).collectAsList())
        .extracting(q -> q.<String>getAs("batch_id")).containsExactly("c2", "c2", "c2");
  }

  @Test
  void theNewTablesAreQueryableByTheirContractNames() {
    warehouse.registerAll();
    assertThat(spark.sql("SELECT count(*) FROM silver.work_files").head().getLong(0)).isEqualTo(3);
    assertThat(spark.sql("SELECT count(*) FROM silver.indicators").head().getLong(0)).isEqualTo(1);
  }
}
