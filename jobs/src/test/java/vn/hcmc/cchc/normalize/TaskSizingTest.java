package vn.hcmc.cchc.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many tasks normalize's one shuffle gets for the bronze bytes of its batches. */
class TaskSizingTest {
  @Test
  void aYearAtTheCitysVolumeGetsATaskPer128MiBAndADayTheSessionsPartitions() {
    // the scale-1 year's one ingest commit wrote 12,420,548,975 bytes: 4 tasks ran out of a 4 GiB heap
    assertThat(NormalizeJob.partitionsFor(12_420_548_975L, 4)).isEqualTo(93);
    // a day of the city (~35 MB of bronze) keeps local.conf's 4, a cluster's 16 stays 16
    assertThat(NormalizeJob.partitionsFor(35_000_000L, 4)).isEqualTo(4);
    assertThat(NormalizeJob.partitionsFor(35_000_000L, 16)).isEqualTo(16);
    assertThat(NormalizeJob.partitionsFor(0, 4)).isEqualTo(4);
  }
}
