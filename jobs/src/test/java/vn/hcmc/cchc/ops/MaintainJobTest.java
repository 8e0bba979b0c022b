package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Warehouse;

/** Arguments {@link MaintainJob} refuses; what it does to tables is {@link DailyRunsTest}'s subject. */
class MaintainJobTest {
  @Test
  void aNegativeRetentionIsRefused() {
    Warehouse wh = new Warehouse(TestSpark.session(), TestSpark.tempDir("maintain-none").toString());
    assertThatThrownBy(() -> new MaintainJob(wh, new DeltaWriter(wh, "maintain")).run(-1, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }
}
