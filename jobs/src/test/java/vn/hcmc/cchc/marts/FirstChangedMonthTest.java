package vn.hcmc.cchc.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hcmc.cchc.marts.SilverCase.dossier;

import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.TestSpark;

/**
 * Which months of {@code gold.case_monthly} a change of dossiers can reach. The dossier before the
 * change: received 2 Feb 2021, due 20 Mar, in process (so overdue from the end of March).
 */
class FirstChangedMonthTest {
  private static final LocalDate JAN = LocalDate.of(2021, 1, 1);
  private static final LocalDate JUN = LocalDate.of(2021, 6, 1);
  private final SparkSession spark = TestSpark.session();

  private static SilverCase open() {
    return dossier("d").received("2021-02-02 08:00").due("2021-03-20 17:00");
  }

  private Optional<LocalDate> change(SilverCase before, SilverCase after) {
    return CaseMonthly.firstChangedMonth(SilverCase.frame(spark, before), SilverCase.frame(spark, after), JAN, JUN);
  }

  @Test
  void resolvingAnOverdueDossierChangesTheMonthOfTheResultOnly() {
    // its receipt (February) and its becoming overdue (March) are unchanged
    assertThat(change(open(), open().status(10).resolved("2021-04-05 10:00")))
        .contains(LocalDate.of(2021, 4, 1));
  }

  @Test
  void aNewDossierChangesItsReceiptMonth() {
    assertThat(CaseMonthly.firstChangedMonth(SilverCase.frame(spark), SilverCase.frame(spark, open()), JAN, JUN))
        .contains(LocalDate.of(2021, 2, 1));
  }

  @Test
  void aFlagSetLaterChangesTheReceiptMonth() {
    assertThat(change(open(), open().yes("digitised"))).contains(LocalDate.of(2021, 2, 1));
  }

  @Test
  void aRegisteredDossierBeingReceivedCountsFromItsReceipt() {
    assertThat(change(open().status(1), open().status(2))).contains(LocalDate.of(2021, 2, 1));
  }

  @Test
  void aResultMovedEarlierChangesFromTheEarlierMonth() {
    assertThat(change(open().status(10).resolved("2021-05-05 10:00"), open().status(10).resolved("2021-03-05 10:00")))
        .contains(LocalDate.of(2021, 3, 1));
  }

  @Test
  void aNewSnapshotThatMovesNoCountChangesNothing() {
    SilverCase later = open().yes("apology_letter"); // only counted for late results; it has none
    assertThat(change(open(), later)).isEmpty();
  }
}
