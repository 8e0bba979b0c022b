package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.TableDetail.TableProtocol;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Arguments {@link MaintainJob} refuses, and the conversion of an older warehouse's tables; what
 * compaction and clean-up do to tables is {@link DailyRunsTest}'s subject.
 */
class MaintainJobTest {
  private static final Table BAD_FILES = Table.BRONZE_BAD_FILES;

  @Test
  void aNegativeRetentionIsRefused() {
    Warehouse wh = new Warehouse(TestSpark.session(), TestSpark.tempDir("maintain-none").toString());
    assertThatThrownBy(() -> new MaintainJob(wh, new DeltaWriter(wh, "maintain")).run(-1, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  /**
   * A table that an older release created with deletion vectors, and one of whose rows a DELETE
   * marked with one: a dry run says what would change and changes nothing; maintain drops the
   * feature (reader version 3 -> 1) and keeps every row but the deleted one.
   */
  @Test
  void maintainDropsTheDeletionVectorsOfAnOlderWarehousesTableAndKeepsItsRows() {
    SparkSession spark = TestSpark.session();
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("maintain-dv").toString());
    DeltaWriter writer = new DeltaWriter(wh, "older");
    writer.append(BAD_FILES, spark.createDataFrame(List.of(badFile("a.gz"), badFile("b.gz"), badFile("c.gz")),
        BAD_FILES.schema()));
    String table = "delta.`" + wh.location(BAD_FILES) + "`";
    spark.sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
    spark.sql("DELETE FROM " + table + " WHERE path = 'b.gz'");
    TableProtocol older = TableProtocol.of(wh, BAD_FILES);
    assertThat(older.readerVersion()).isEqualTo(3);
    assertThat(older.features()).contains(TableProtocol.DELETION_VECTORS);
    assertThat(spark.sql("DESCRIBE HISTORY " + table).where("operation = 'DELETE'")
        .select("operationMetrics.numDeletionVectorsAdded").head().getString(0)).isEqualTo("1");
    long version = wh.version(BAD_FILES);

    MaintainJob.TableReport planned = new MaintainJob(wh, new DeltaWriter(wh, "dry")).run(168, true,
        List.of(BAD_FILES)).get(0);
    assertThat(List.of(planned.readerBefore(), planned.readerAfter())).containsExactly(3, 1);
    assertThat(wh.version(BAD_FILES)).as("a dry run commits nothing").isEqualTo(version);

    MaintainJob.TableReport done = new MaintainJob(wh, new DeltaWriter(wh, "maintain")).run(168, false,
        List.of(BAD_FILES)).get(0);
    assertThat(List.of(done.readerBefore(), done.readerAfter())).containsExactly(3, 1);
    TableProtocol now = TableProtocol.of(wh, BAD_FILES);
    assertThat(now.readerVersion()).isEqualTo(1);
    assertThat(now.features()).doesNotContain(TableProtocol.DELETION_VECTORS);
    assertThat(wh.read(BAD_FILES).select("path").orderBy("path").collectAsList()).map(Row::toString)
        .containsExactly("[a.gz]", "[c.gz]");
  }

  private static Row badFile(String path) {
    return RowFactory.create(path, "dvc", null, 1L, "hash-" + path, "truncated gzip", "b1",
        Timestamp.valueOf("2021-03-01 00:00:00"));
  }
}
