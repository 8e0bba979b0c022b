package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void compactionAndVacuumChangeNoRowAndLeaveFewerFilesAndBytesOnDisk() {
    Path raw = TestSpark.tempDir("maintain-raw");
    Warehouse wh = new Warehouse(TestSpark.session(), TestSpark.tempDir("maintain-wh").toString());
    String[][] days = {{"reference/", "cases/dvc/2021/03/31/"}, {"cases/dvc/2021/04/01/", "cases/legacy/2021/04/01/"},
        {"cases/"}};
    for (int i = 0; i < days.length; i++) {
      Fixtures.copy("basic", raw, days[i]);
      new IngestJob(wh, new DeltaWriter(wh, "i" + i), Fixtures.PII).run(raw.toString(), Instant.now());
      new NormalizeJob(wh, new DeltaWriter(wh, "n" + i)).run(Instant.now());
    }
    Dataset<Row> silver = Frames.snapshot(wh.read(Table.SILVER_CASES));
    Dataset<Row> bronze = Frames.snapshot(wh.read(Table.BRONZE_CASES));
    long filesBefore = wh.read(Table.SILVER_CASES).inputFiles().length;

    Map<Table, MaintainJob.TableReport> result =
        new MaintainJob(wh, new DeltaWriter(wh, "maintain")).run(0, false, List.of(Table.SILVER_CASES, Table.BRONZE_CASES)).stream()
            .collect(Collectors.toMap(MaintainJob.TableReport::table, r -> r));

    Frames.assertSameRows(wh.read(Table.SILVER_CASES), silver);
    Frames.assertSameRows(wh.read(Table.BRONZE_CASES), bronze);
    MaintainJob.TableReport cases = result.get(Table.SILVER_CASES);
    assertThat(cases.filesBefore()).isEqualTo(filesBefore);
    // one file per level/agency_code partition after compaction; three daily appends made more
    long partitions = wh.read(Table.SILVER_CASES).select("level", "agency_code").distinct().count();
    assertThat(cases.filesAfter()).isEqualTo(partitions).isLessThan(filesBefore);
    assertThat(cases.filesVacuumed()).isPositive();
    assertThat(cases.bytesVacuumed()).isPositive();
    assertThat(cases.bytesBefore()).isPositive();
    assertThat(result.get(Table.BRONZE_CASES).filesAfter()).isEqualTo(1);
    // the compacted-away files are gone from disk, not only from the table
    assertThat(result.get(Table.BRONZE_CASES).filesVacuumed())
        .isEqualTo(result.get(Table.BRONZE_CASES).filesBefore());
  }

  @Test
  void aNegativeRetentionIsRefused() {
    Warehouse wh = new Warehouse(TestSpark.session(), TestSpark.tempDir("maintain-none").toString());
    assertThatThrownBy(() -> new MaintainJob(wh, new DeltaWriter(wh, "maintain")).run(-1, false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }
}
