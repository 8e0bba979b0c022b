package vn.hcmc.cchc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.Settings;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.ops.RunRecord;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;
import vn.hcmc.cchc.tables.WarehouseLock;

/**
 * A run's lifecycle, whatever its stages: the record in {@code ops.runs} of a run that failed half
 * way, no warehouse left by a first run that failed before writing, the lock released either way,
 * the caller's session left running. (What the stages do: the stages' own tests; the stages
 * together as Airflow runs them: {@code DailyRunsTest}.)
 */
class PipelineTest {
  private final SparkSession spark = TestSpark.session();

  private Settings settings() throws Exception {
    return AppConfig.load(InProcessCli.conf(Files.createTempDirectory("cchc-pipeline"), ""), Map.of()).settings();
  }

  private static Pipeline.Stage failing(String message) {
    return new Pipeline.Stage("broken", run -> {
      throw new IllegalStateException(message + "\nsecond line");
    });
  }

  @Test
  void aRunThatFailsAfterItsFirstWriteIsRecordedAsFailedWithOneLineAndItsStages() throws Exception {
    Path raw = TestSpark.tempDir("pipeline-raw");
    Fixtures.copy("basic", raw);
    String root = TestSpark.tempDir("pipeline-wh").toString();
    Pipeline.Params params = Pipeline.Params.of("run", List.of("--raw", raw.toString()), root, ExportWindow.ALL,
        Stages.ingest(raw.toString(), ExportWindow.ALL, Fixtures.PII), failing("disk full"));

    assertThatThrownBy(() -> Pipeline.run(spark, settings(), params)).hasMessageStartingWith("disk full");

    Warehouse wh = new Warehouse(spark, root);
    List<Row> runs = wh.read(Table.OPS_RUNS).selectExpr("status", "error", "size(stages)", "stages[0].stage",
        "size(versions) > 0", "arguments").collectAsList();
    assertThat(runs).hasSize(1);
    Row run = runs.get(0);
    assertThat(run.getString(0)).isEqualTo(RunRecord.FAILED);
    assertThat(run.getString(1)).isEqualTo("disk full");
    assertThat(run.getInt(2)).as("the stages that finished").isEqualTo(1);
    assertThat(run.getString(3)).isEqualTo("ingest");
    assertThat(run.getBoolean(4)).as("the versions it wrote, for restore").isTrue();
    assertThat(run.getString(5)).isEqualTo("--raw " + raw);
    assertThat(Path.of(root, WarehouseLock.FILE)).as("the lock is released").doesNotExist();
    assertThat(spark.sparkContext().isStopped()).as("the caller's session").isFalse();
  }

  @Test
  void aFirstRunThatFailsBeforeWritingLeavesNoWarehouse() throws Exception {
    Path root = TestSpark.tempDir("pipeline-none").resolve("warehouse");
    Pipeline.Params params = Pipeline.Params.of("run", List.of(), root.toString(), ExportWindow.ALL,
        failing("no such landing zone"));

    assertThatThrownBy(() -> Pipeline.run(spark, settings(), params)).hasMessageStartingWith("no such landing zone");
    assertThat(root).doesNotExist();
  }

  @Test
  void aRunThatSucceedsReturnsItsRecordWithEveryStageInOrder() throws Exception {
    String root = TestSpark.tempDir("pipeline-ok").resolve("warehouse").toString();
    Pipeline.Stage one = new Pipeline.Stage("one", run -> new RunRecord.Stage("one", 1L, 1L, null, 0, "first"));
    Pipeline.Stage two = new Pipeline.Stage("two", run -> new RunRecord.Stage("two", 1L, 0L, 1L, 0, "second"));
    Pipeline.Params params = new Pipeline.Params("marts", List.of(), root, ExportWindow.ALL, false, List.of(one, two));

    RunRecord record = Pipeline.run(spark, settings(), params);

    assertThat(record.status()).isEqualTo(RunRecord.SUCCEEDED);
    assertThat(record.command()).isEqualTo("marts");
    assertThat(record.stages()).extracting(RunRecord.Stage::detail).containsExactly("first", "second");
    assertThat(record.runId()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{6}");
    assertThat(Path.of(root)).as("nothing written to a new warehouse: nothing left behind").doesNotExist();
  }
}
