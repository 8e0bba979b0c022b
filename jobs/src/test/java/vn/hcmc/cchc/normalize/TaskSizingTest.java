package vn.hcmc.cchc.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Normalize's one shuffle: how many tasks it gets for the bronze bytes of its batches, and its key. */
class TaskSizingTest {
  private static final long BYTES = NormalizeJob.BYTES_PER_TASK;

  @Test
  void theRankingShufflesOnceByAgencyAndRanksEachDossiersSnapshots() {
    var spark = vn.hcmc.cchc.support.TestSpark.session();
    var outcomes = spark.sql("SELECT * FROM VALUES ('A-210105-0001', 'k|1', 'b1', CAST(NULL AS STRING)),"
        + " ('A-210105-0001', 'k|2', 'b1', NULL), ('A-210302-0001', 'k|1', 'b1', NULL), ('B-210105-0001', 'k|1', 'b1', 'bad')"
        + " AS t(dossier_id, snapshot_key, batch_id, reason)");
    var ranked = NormalizeJob.rankPerDossier(outcomes, 7);
    // the window's groups are the shuffle's key and the code: the exchange before it is the only one
    assertThat(ranked.queryExecution().executedPlan().toString().split("Exchange hashpartitioning", -1)).hasSize(2);
    assertThat(ranked.selectExpr("concat_ws(' ', dossier_id, snapshot_key, coalesce(CAST(_rank AS STRING), '-'))")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactlyInAnyOrder(
        "A-210105-0001 k|2 1", "A-210105-0001 k|1 2", "A-210302-0001 k|1 1", "B-210105-0001 k|1 -");
  }

  @Test
  void aYearAtTheCitysVolumeGetsATaskPer128MiBAndADaySparksOwnNumber() {
    // the scale-1 year's one ingest commit wrote 12,420,548,975 bytes: 4 tasks ran out of a 4 GiB heap
    assertThat(NormalizeJob.partitionsFor(12_420_548_975L, 4)).isEqualTo(93);
    // a day of the city (~35 MB of bronze), or a year that the session's partitions hold at 128 MiB
    // a task: Spark's own number (0), coalesced by adaptive execution
    assertThat(NormalizeJob.partitionsFor(35_000_000L, 4)).isZero();
    assertThat(NormalizeJob.partitionsFor(12_420_548_975L, 200)).isZero();
    assertThat(NormalizeJob.partitionsFor(4L * BYTES, 4)).isZero();
    assertThat(NormalizeJob.partitionsFor(4L * BYTES + 1, 4)).isEqualTo(5);
  }
}
