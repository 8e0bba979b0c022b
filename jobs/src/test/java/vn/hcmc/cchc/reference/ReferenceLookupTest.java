package vn.hcmc.cchc.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.reference.ReferenceLookup.Change;
import vn.hcmc.cchc.reference.ReferenceLookup.Kind;

/** {@link ReferenceLookup#changes}: the days on which a code resolves otherwise, on named interval sets. */
class ReferenceLookupTest {
  private static final LocalDate JAN = LocalDate.of(2021, 1, 1);
  private static final LocalDate MAR = LocalDate.of(2021, 3, 1);
  private static final LocalDate MAY = LocalDate.of(2021, 5, 1);
  private static final ReferenceLookup.Agency DISTRICT_760 = new ReferenceLookup.Agency("district", "760", null);
  private static final ReferenceLookup.Agency DISTRICT_769 = new ReferenceLookup.Agency("district", "769", null);

  private static ReferenceLookup agencies(Object... codeFromToValue) {
    ReferenceLookup l = new ReferenceLookup();
    for (int i = 0; i < codeFromToValue.length; i += 4) {
      l.addAgency((String) codeFromToValue[i], (LocalDate) codeFromToValue[i + 1], (LocalDate) codeFromToValue[i + 2],
          (ReferenceLookup.Agency) codeFromToValue[i + 3]);
    }
    return l;
  }

  @Test
  void theSameValuesSplitByALaterSnapshotAreNoChange() {
    ReferenceLookup before = agencies("A", JAN, null, DISTRICT_760);
    ReferenceLookup after = agencies("A", JAN, MAR, DISTRICT_760, "A", MAR, null, DISTRICT_760);
    assertThat(ReferenceLookup.changes(before, after)).isEmpty();
  }

  @Test
  void aLateSnapshotForAPastDayChangesTheCodesItAddsFromItsDateOn() {
    ReferenceLookup before = agencies("A", JAN, null, DISTRICT_760);
    ReferenceLookup after = agencies("A", JAN, null, DISTRICT_760, "B", MAR, null, DISTRICT_760);
    assertThat(ReferenceLookup.changes(before, after)).containsExactly(new Change(Kind.AGENCY, "B", MAR, null));
  }

  @Test
  void aCorrectionForAStretchChangesThatStretchOnly() {
    ReferenceLookup before = agencies("A", JAN, null, DISTRICT_760);
    ReferenceLookup after = agencies("A", JAN, MAR, DISTRICT_760, "A", MAR, MAY, DISTRICT_769, "A", MAY, null,
        DISTRICT_760);
    assertThat(ReferenceLookup.changes(before, after)).containsExactly(new Change(Kind.AGENCY, "A", MAR, MAY));
  }

  @Test
  void aDroppedCodeChangesFromTheDayItIsNoLongerInForce() {
    ReferenceLookup before = agencies("A", JAN, null, DISTRICT_760);
    ReferenceLookup after = agencies("A", JAN, MAR, DISTRICT_760);
    assertThat(ReferenceLookup.changes(before, after)).containsExactly(new Change(Kind.AGENCY, "A", MAR, null));
  }

  @Test
  void proceduresAreComparedByTheirSector() {
    ReferenceLookup before = new ReferenceLookup();
    before.addProcedure("P", JAN, null, new ReferenceLookup.Procedure("land"));
    ReferenceLookup after = new ReferenceLookup();
    after.addProcedure("P", JAN, null, new ReferenceLookup.Procedure("justice"));
    assertThat(ReferenceLookup.changes(before, after)).containsExactly(new Change(Kind.PROCEDURE, "P", JAN, null));
    assertThat(ReferenceLookup.changes(after, after)).isEmpty();
  }
}
