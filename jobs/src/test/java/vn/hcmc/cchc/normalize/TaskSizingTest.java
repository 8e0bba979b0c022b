package vn.hcmc.cchc.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many tasks normalize's one shuffle gets for the bronze bytes of its batches. */
class TaskSizingTest {
  private static final long BYTES = NormalizeJob.BYTES_PER_TASK;

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
