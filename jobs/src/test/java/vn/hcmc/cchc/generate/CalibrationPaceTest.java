package vn.hcmc.cchc.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.generate.Calibration.Moves;
import vn.hcmc.cchc.generate.Calibration.Rate;

/** The rates by month between their yearly anchors, and at a pace: no generation, only the tables. */
class CalibrationPaceTest {
  private static final Calibration DOCUMENTED = Calibration.DOCUMENTED;

  @Test
  void every2021MonthHasThe2021AnchorAndSoDoEarlierYears() {
    for (Rate r : Rate.values()) {
      for (int month = 1; month <= 12; month++) {
        assertThat(DOCUMENTED.month(2021, month).get(r)).as("%s 2021-%02d", r, month).isEqualTo(r.anchor(2021));
        assertThat(new Calibration(2).month(2021, month).get(r)).as("%s 2021-%02d at pace 2", r, month)
            .isEqualTo(r.anchor(2021));
      }
      assertThat(DOCUMENTED.month(2019, 6).get(r)).as("%s 2019", r).isEqualTo(r.anchor(2021));
    }
  }

  @Test
  void decemberOfAYearIsItsAnchorAndLaterYearsStayAtTheLastOne() {
    for (Rate r : Rate.values()) {
      for (int year = 2022; year <= 2026; year++) {
        assertThat(DOCUMENTED.month(year, 12).get(r)).as("%s %d-12", r, year).isCloseTo(r.anchor(year), within(1e-12));
      }
      assertThat(DOCUMENTED.month(2030, 3).get(r)).as("%s 2030", r).isCloseTo(r.anchor(2026), within(1e-12));
    }
  }

  @Test
  void aMonthlyRateMovesATwelfthOfTheYearsGainEachMonth() {
    // eID among online dossiers: 0.50 at the end of 2023, 0.72 at the end of 2024
    assertThat(DOCUMENTED.month(2024, 1).get(Rate.EID_WHEN_ONLINE)).isCloseTo(0.50 + 0.22 / 12, within(1e-12));
    assertThat(DOCUMENTED.month(2024, 3).get(Rate.EID_WHEN_ONLINE)).isCloseTo(0.555, within(1e-12));
    assertThat(DOCUMENTED.month(2024, 6).get(Rate.EID_WHEN_ONLINE)).isCloseTo(0.61, within(1e-12));
    assertThat(DOCUMENTED.month(2022, 1).get(Rate.EID_WHEN_ONLINE)).isCloseTo(0.21, within(1e-12));
    assertThat(DOCUMENTED.month(2022, 1).onlineShare(Level.COMMUNE)).isCloseTo(0.11 + 0.033 / 12, within(1e-12));
    assertThat(DOCUMENTED.month(2025, 7).workOnline(Level.COMMUNE)).isCloseTo(0.77 + 0.05 * 7 / 12, within(1e-12));
    for (Rate r : Rate.values()) {
      if (r.moves == Moves.MONTHLY && r.anchor(2023) > r.anchor(2022)) {
        double before = r.anchor(2022);
        for (int month = 1; month <= 12; month++) {
          double v = DOCUMENTED.month(2023, month).get(r);
          assertThat(v).as("%s 2023-%02d", r, month).isGreaterThan(before);
          before = v;
        }
      }
    }
  }

  @Test
  void theCatalogueMovesOn1JanuaryOnly() {
    assertThat(DOCUMENTED.month(2022, 1).onlineOffered()).isEqualTo(930);
    assertThat(DOCUMENTED.month(2022, 6).onlineOffered()).isEqualTo(930);
    assertThat(DOCUMENTED.catalogue(2024).fullOffered()).isEqualTo(760);
    assertThat(DOCUMENTED.month(2023, 7).get(Rate.NATIONAL_PORTAL)).isEqualTo(0.68);
    assertThat(DOCUMENTED.catalogue(2021).onlineOffered()).isEqualTo(805);
  }

  @Test
  void pace0IsACityFrozenAt2021() {
    Calibration frozen = new Calibration(0);
    for (Rate r : Rate.values()) {
      assertThat(frozen.month(2024, 6).get(r)).as(r.name()).isEqualTo(r.anchor(2021));
    }
    assertThat(frozen.catalogue(2024).onlineOffered()).isEqualTo(805);
    assertThat(frozen.catalogue(2024).fullOffered()).isEqualTo(300);
    assertThat(frozen.reportedShare(0.40, 0.77)).isEqualTo(0.40);
  }

  @Test
  void pace2DoublesTheGainsWithinTheBounds() {
    Calibration fast = new Calibration(2);
    // interagency: 0.15 in 2021, 0.19 at the end of 2025: twice the gain is 0.23
    assertThat(fast.month(2025, 12).get(Rate.INTERAGENCY)).isCloseTo(0.23, within(1e-12));
    assertThat(fast.month(2024, 3).get(Rate.EID_WHEN_ONLINE)).isCloseTo(0.20 + 2 * (0.555 - 0.20), within(1e-12));
    // eID: 0.20 + 2 * (0.88 - 0.20) = 1.56, a share: 1
    assertThat(fast.month(2025, 12).get(Rate.EID_WHEN_ONLINE)).isEqualTo(1.0);
    // online share of the city level: 0.28 + 2 * (0.868 - 0.28) = 1.456; some always come to the desk
    assertThat(fast.month(2026, 12).onlineShare(Level.CITY)).isEqualTo(Calibration.MAX_ONLINE_SHARE);
    // procedures: 805 + 2 * (1075 - 805) = 1345 of 1100 eligible; fully online 300 + 2 * 650 = 1600, not above those
    assertThat(fast.catalogue(2024).onlineOffered()).isEqualTo(Calibration.ONLINE_ELIGIBLE);
    assertThat(fast.catalogue(2026).fullOffered()).isEqualTo(Calibration.ONLINE_ELIGIBLE);
    assertThat(fast.catalogue(2022).fullOffered()).isEqualTo(620);
    assertThat(fast.reportedShare(0.40, 0.77)).isCloseTo(1.0, within(1e-12));
    assertThat(fast.reportedShare(0.40, 0.60)).isCloseTo(0.80, within(1e-12));
  }

  @Test
  void aPaceThatIsNoNumberOrNegativeIsRefused() {
    for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new Calibration(bad)).as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pace must be a number 0 or more");
      assertThat(GenerateSpec.validPace(bad)).isFalse();
    }
    assertThat(GenerateSpec.validPace(0)).isTrue();
  }
}
