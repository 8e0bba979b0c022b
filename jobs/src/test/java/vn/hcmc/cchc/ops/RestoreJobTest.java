package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.marts.MartsJob;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * A bad run undone: the {@code basic} fixture loaded by a good run, then a run that takes a file of
 * wrong dossiers; {@link RestoreJob} brings every table back to the good run's content.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestoreJobTest {
  private Warehouse warehouse;
  private Path raw;
  private final Map<Table, Dataset<Row>> good = new EnumMap<>(Table.class);

  @BeforeAll
  void aGoodRunThenABadOne() throws IOException {
    raw = TestSpark.tempDir("raw");
    Fixtures.copy("basic", raw);
    warehouse = new Warehouse(TestSpark.session(), TestSpark.tempDir("wh").toString());
    runAll("good-run");
    for (Table t : Table.values()) {
      if (t != Table.OPS_RUNS && warehouse.exists(t)) {
        good.put(t, Frames.snapshot(warehouse.read(t)));
      }
    }
    String line = Files.readString(raw.resolve("cases/dvc/2021/04/02/dvc-20210402-01.jsonl")).strip();
    Path bad = raw.resolve("cases/dvc/2021/04/02/dvc-20210402-wrong.jsonl");
    Files.writeString(bad, line.replace("210331-0003", "210402-0777") + "\n"
        + line.replace("210331-0003", "210402-0778") + "\n", StandardCharsets.UTF_8);
    runAll("bad-run");
  }

  private void runAll(String runId) {
    DeltaWriter w = new DeltaWriter(warehouse, runId);
    new IngestJob(warehouse, w, Fixtures.PII).run(raw.toString(), Instant.now());
    new NormalizeJob(warehouse, w).run(Instant.now());
    new MartsJob(warehouse, w, Fixtures.REFERENCE).run(false);
  }

  @Test
  @Order(1)
  void theBadRunChangedTheTables() {
    assertThat(warehouse.read(Table.SILVER_CASES).count()).isEqualTo(good.get(Table.SILVER_CASES).count() + 2);
  }

  @Test
  @Order(2)
  void aDryRunPlansAndChangesNothing() {
    long before = warehouse.version(Table.SILVER_CASES);
    List<RestoreJob.Step> plan = new RestoreJob(warehouse, new DeltaWriter(warehouse, "dry")).run("bad-run", false, true);
    assertThat(plan).extracting(RestoreJob.Step::table).contains(Table.BRONZE_CASES, Table.BRONZE_FILES,
        Table.SILVER_CASES, Table.GOLD_CASE_MONTHLY, Table.OPS_RECONCILIATION).doesNotContain(Table.OPS_RUNS);
    assertThat(warehouse.version(Table.SILVER_CASES)).isEqualTo(before);
  }

  @Test
  @Order(3)
  void anUnknownRunIsAUsageError() {
    assertThatThrownBy(() -> new RestoreJob(warehouse, new DeltaWriter(warehouse, "r")).run("no-such-run", false, false))
        .isInstanceOf(UsageException.class).hasMessageContaining("run no-such-run committed to no table");
  }

  @Test
  @Order(4)
  void restoringTheBadRunGivesBackTheGoodRunsTablesRowForRow() {
    new RestoreJob(warehouse, new DeltaWriter(warehouse, "restore-1")).run("bad-run", false, false);
    for (Map.Entry<Table, Dataset<Row>> e : good.entrySet()) {
      Frames.assertSameRows(e.getValue(), warehouse.read(e.getKey()));
    }
    // the bad versions are still there for whoever needs to look at them
    assertThat(warehouse.spark().read().format("delta").option("versionAsOf", warehouse.version(Table.SILVER_CASES) - 1)
        .load(warehouse.location(Table.SILVER_CASES)).count()).isEqualTo(good.get(Table.SILVER_CASES).count() + 2);
  }

  @Test
  @Order(5)
  void aRunFollowedByAnotherIsRestoredOnlyWithForce() {
    // the restore is itself a run that wrote the tables after good-run
    assertThatThrownBy(() -> new RestoreJob(warehouse, new DeltaWriter(warehouse, "r")).run("good-run", false, false))
        .isInstanceOf(UsageException.class).hasMessageContaining("later runs wrote the same tables")
        .hasMessageContaining("bad-run").hasMessageContaining("restore-1");
  }
}
