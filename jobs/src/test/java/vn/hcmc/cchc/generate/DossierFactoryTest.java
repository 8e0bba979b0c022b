package vn.hcmc.cchc.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The life of a dossier is consistent whatever the draw. */
class DossierFactoryTest {
  private final WorkingCalendar cal = new WorkingCalendar(LocalDate.of(2021, 1, 1), LocalDate.of(2023, 12, 31),
      WorkingCalendar.loadSpecialDays(Generated.REFERENCE.resolve("holidays.csv")));
  private final AgencyDirectory dir = new AgencyDirectory(Generated.REFERENCE, 1, 0.3);
  private final ProcedureCatalogue catalogue = new ProcedureCatalogue(dir.departments);
  private final DossierFactory factory = new DossierFactory(cal);

  @Test
  void snapshotsAreOrderedAndDatesAreConsistent() {
    SplittableRandom r = new SplittableRandom(7);
    RareEvents rare = new RareEvents(0.5);
    Agency agency = dir.periods.get(0).communes.get(0);
    for (int i = 0; i < 20_000; i++) {
      Procedure p = catalogue.publicOf(Level.COMMUNE).get(r.nextInt(catalogue.publicOf(Level.COMMUNE).size()));
      long day = LocalDate.of(2022, 1, 1).toEpochDay() + r.nextInt(365);
      boolean online = p.offered(2022) > 0 && r.nextBoolean();
      boolean minutes = r.nextBoolean();
      Dossier d = factory.create(agency, p, online, day, i + 1, r.split(), minutes, -1, false, rare);
      assertThat(d.snapshots).isBetween((byte) 1, (byte) 3);
      assertThat(d.at[0]).isEqualTo(d.received);
      assertThat(Math.floorDiv(d.received, WorkingCalendar.DAY)).isEqualTo(day);
      for (int k = 1; k < d.snapshots; k++) {
        assertThat(d.at[k]).isGreaterThan(d.at[k - 1]);
      }
      assertThat(d.due).isGreaterThan(d.received);
      int last = d.finalStatus();
      if (last == 9 || last == 10) {
        assertThat(d.finished).isGreaterThan(d.received);
        assertThat(d.returned).isGreaterThanOrEqualTo(d.finished);
        boolean late = d.finished > d.due;
        assertThat(late).isEqualTo(d.late);
        if (!late) {
          assertThat((d.flags & Field.XIN_LOI.bit()) != 0).isFalse();
        }
      }
      if (last == 7 || last == 8) {
        assertThat(d.withdrawn).isGreaterThan(d.received);
      }
      if (d.onlineLevel == Record.LEVEL_4 || d.onlineLevel == Record.LEVEL_FULL) {
        assertThat(p.offered(2022)).isEqualTo(2);
      }
      if (online && d.onlineLevel != Record.LEVEL_UNSPECIFIED) {
        boolean decree42 = day >= DossierFactory.DECREE_42;
        assertThat(d.onlineLevel >= Record.LEVEL_PARTIAL).isEqualTo(decree42);
      }
      if (minutes) {
        for (long t : new long[] {d.received, d.due, d.finished, d.returned, d.withdrawn, d.at[d.snapshots - 1]}) {
          assertThat(t % 60).isZero();
        }
      }
    }
  }
}
