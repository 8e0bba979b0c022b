package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/** The basic fixture delivered in three days (three MERGEs into silver.cases), then maintained. */
class MaintainJobTest {
  @Test
  void compactionAndVacuumChangeNoRowAndLeaveFewerFiles() {
    Path raw = TestSpark.tempDir("maintain-raw");
    Warehouse wh = new Warehouse(TestSpark.session(), TestSpark.tempDir("maintain-wh").toString());
    String[][] days = {{"reference/", "cases/dvc/2021/03/31/"}, {"cases/dvc/2021/04/01/", "cases/legacy/2021/04/01/"},
        {"cases/"}};
    for (int i = 0; i < days.length; i++) {
      Fixtures.copy("basic", raw, days[i]);
      new IngestJob(wh, new DeltaWriter(wh, "i" + i), Fixtures.PII).run(raw.toString(), Instant.now());
      new NormalizeJob(wh, new DeltaWriter(wh, "n" + i)).run(Instant.now());
    }
    Dataset<Row> silver = snapshot(wh, Table.SILVER_CASES);
    Dataset<Row> bronze = snapshot(wh, Table.BRONZE_CASES);
    long filesBefore = wh.read(Table.SILVER_CASES).inputFiles().length;

    Map<Table, MaintainJob.TableResult> result = new MaintainJob(wh).run(0, List.of(Table.SILVER_CASES, Table.BRONZE_CASES)).stream()
        .collect(Collectors.toMap(MaintainJob.TableResult::table, r -> r));

    Frames.assertSameRows(wh.read(Table.SILVER_CASES), silver);
    Frames.assertSameRows(wh.read(Table.BRONZE_CASES), bronze);
    MaintainJob.TableResult cases = result.get(Table.SILVER_CASES);
    assertThat(cases.filesBefore()).isEqualTo(filesBefore);
    // one file per level/agency_code partition after compaction; three daily appends made more
    long partitions = wh.read(Table.SILVER_CASES).select("level", "agency_code").distinct().count();
    assertThat(cases.filesAfter()).isEqualTo(partitions).isLessThan(filesBefore);
    assertThat(cases.filesDeleted()).isPositive();
    assertThat(result.get(Table.BRONZE_CASES).filesAfter()).isEqualTo(1);
    // the compacted-away files are gone from disk, not only from the table
    assertThat(result.get(Table.BRONZE_CASES).filesDeleted())
        .isEqualTo(result.get(Table.BRONZE_CASES).filesBefore());
  }

  private static Dataset<Row> snapshot(Warehouse wh, Table t) {
    List<Row> rows = wh.read(t).collectAsList();
    return wh.spark().createDataFrame(rows, wh.read(t).schema());
  }
}
