package vn.hcmc.cchc.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.reference.ScopeNames;

/**
 * {@code gold.target_trajectory} on series whose answer is known: a straight line, a flat series, a
 * series already above its target, one falling away from a target met today, a band crossed before
 * the deadline, a month of few dossiers, and noise (the 90% interval holds the true line about 90%
 * of the time).
 */
class TargetTrajectoryTest {
  private static final ScopeNames NAMES = new ScopeNames(Map.of());
  private static final YearMonth JAN_2021 = YearMonth.of(2021, 1);

  private static ReformTarget target(String id, String phase, String comparator, double threshold, Double high) {
    return new ReformTarget(id, phase, "satisfaction_rate", "", null, List.of(), comparator,
        BigDecimal.valueOf(threshold), high == null ? null : BigDecimal.valueOf(high), "cases", id, null);
  }

  /** {@code months} months from January 2021, month i with rate(i)% of {@code denominator}. */
  private static List<TargetTrajectory.Point> series(int months, long denominator, IntToDoubleFunction rate) {
    return series(JAN_2021, months, denominator, rate);
  }

  private static List<TargetTrajectory.Point> series(YearMonth from, int months, long denominator,
      IntToDoubleFunction rate) {
    List<TargetTrajectory.Point> out = new ArrayList<>();
    for (int i = 0; i < months; i++) {
      out.add(new TargetTrajectory.Point(from.plusMonths(i), Math.round(rate.applyAsDouble(i) * denominator / 100),
          denominator));
    }
    return out;
  }

  private static Row city(ReformTarget t, List<TargetTrajectory.Point> points, TargetTrajectory.Now now) {
    Map<String, List<TargetTrajectory.Point>> series = points == null ? Map.of()
        : Map.of(t.id() + "|city|HCM", points);
    Map<String, TargetTrajectory.Now> today = now == null ? Map.of() : Map.of(t.id() + "|city|HCM", now);
    List<Row> rows = TargetTrajectory.assemble(List.of(t), series, today, NAMES);
    assertThat(rows).hasSize(1);
    Row r = rows.get(0);
    return new GenericRowWithSchema(IntStream.range(0, r.length()).mapToObj(r::get).toArray(), TargetTrajectory.SCHEMA);
  }

  private static double d(Row r, String column) {
    return r.<Double>getAs(column);
  }

  @Test
  void aStraightLineIsProjectedExactlyAndReachesItsTargetAfterTheDeadline() {
    // 50% in January 2021, +0.25 points a month: 52.75% in December 2021
    List<TargetTrajectory.Point> line = series(12, 400, i -> 50 + 0.25 * i);
    Row r = city(target("T25_X", "2025", "gt", 80, null), line, null);

    assertThat(r.<Integer>getAs("months")).isEqualTo(12);
    assertThat(r.<LocalDate>getAs("first_month")).isEqualTo(LocalDate.of(2021, 1, 1));
    assertThat(r.<LocalDate>getAs("as_of_month")).isEqualTo(LocalDate.of(2021, 12, 1));
    assertThat(d(r, "trend_now")).isCloseTo(52.75, within(1e-9));
    assertThat(d(r, "slope_per_year")).isCloseTo(3.0, within(1e-9));
    assertThat(d(r, "residual_sd")).isCloseTo(0, within(1e-9));
    // 48 months later: 52.75 + 12; 108 months: 52.75 + 27; the line leaves no doubt
    assertThat(d(r, "projected_2025")).isCloseTo(64.75, within(1e-9));
    assertThat(d(r, "projected_2025_low")).isCloseTo(64.75, within(1e-9));
    assertThat(d(r, "projected_2025_high")).isCloseTo(64.75, within(1e-9));
    assertThat(d(r, "projected_2030")).isCloseTo(79.75, within(1e-9));
    // over 80 from 110 months after December 2021 (80.25): February 2031, after the deadline
    assertThat(r.<LocalDate>getAs("reaches_month")).isEqualTo(LocalDate.of(2031, 2, 1));
    assertThat(r.<LocalDate>getAs("deadline")).isEqualTo(LocalDate.of(2025, 12, 1));
    assertThat(r.<String>getAs("outlook")).isEqualTo(TargetTrajectory.LATE);

    // the same line against 59.9% by 2030 reaches it 29 months on (60.0): May 2024
    Row due2030 = city(target("T30_X", "2030", "ge", 59.9, null), line, null);
    assertThat(due2030.<LocalDate>getAs("reaches_month")).isEqualTo(LocalDate.of(2024, 5, 1));
    assertThat(due2030.<LocalDate>getAs("deadline")).isEqualTo(LocalDate.of(2030, 12, 1));
    assertThat(due2030.<String>getAs("outlook")).isEqualTo(TargetTrajectory.ON_COURSE);
  }

  @Test
  void aProjectionIsKeptWithinZeroAndOneHundred() {
    Row r = city(target("T25_X", "2025", "ge", 100, null), series(12, 1000, i -> 90 + 0.5 * i), null);
    assertThat(d(r, "projected_2025")).isEqualTo(100.0);
    assertThat(d(r, "projected_2025_high")).isEqualTo(100.0);
    // 95.5% in December 2021: 100 at +9 months
    assertThat(r.<LocalDate>getAs("reaches_month")).isEqualTo(LocalDate.of(2022, 9, 1));
  }

  @Test
  void aFlatSeriesBelowItsTargetDoesNotMeetItAtThisPace() {
    Row r = city(target("T25_X", "2025", "gt", 95, null), series(24, 1000, i -> 90), null);

    assertThat(d(r, "slope_per_year")).isCloseTo(0, within(1e-9));
    assertThat(d(r, "projected_2025")).isCloseTo(90, within(1e-9));
    assertThat(d(r, "projected_2030")).isCloseTo(90, within(1e-9));
    assertThat(r.<LocalDate>getAs("reaches_month")).isNull();
    assertThat(r.<String>getAs("outlook")).isEqualTo(TargetTrajectory.NOT_AT_THIS_PACE);
  }

  @Test
  void aSeriesAlreadyAboveItsTargetReachesItInItsLastMonthAndIsNotAtRisk() {
    Row r = city(target("T25_X", "2025", "gt", 95, null), series(12, 1000, i -> 98),
        new TargetTrajectory.Now(2021, 98, true));

    assertThat(r.<LocalDate>getAs("reaches_month")).isEqualTo(LocalDate.of(2021, 12, 1));
    assertThat(r.<String>getAs("outlook")).isEqualTo(TargetTrajectory.ON_COURSE);
    assertThat(r.<Integer>getAs("now_year")).isEqualTo(2021);
    assertThat(r.<Boolean>getAs("meets_now")).isTrue();
    assertThat(r.<Boolean>getAs("at_risk")).isFalse();
  }

  @Test
  void aScopeMeetingATargetTodayOnALineThatFallsBelowItIsFlaggedAtRisk() {
    // 99% falling 0.2 a month: 96.8% in December 2021, over 95 until August 2022, then under
    Row r = city(target("T25_X", "2025", "gt", 95, null), series(12, 1000, i -> 99 - 0.2 * i),
        new TargetTrajectory.Now(2021, 97.9, true));

    assertThat(d(r, "slope_per_year")).isCloseTo(-2.4, within(1e-9));
    assertThat(r.<LocalDate>getAs("reaches_month")).as("met now, but not for good").isNull();
    assertThat(r.<String>getAs("outlook")).isEqualTo(TargetTrajectory.NOT_AT_THIS_PACE);
    assertThat(r.<Boolean>getAs("at_risk")).isTrue();
    // the same line in 2026, after its deadline: judged at its last month, where it still meets it
    Row past = city(target("T25_X", "2025", "gt", 95, null),
        series(YearMonth.of(2026, 1), 12, 1000, i -> 99 - 0.2 * i), new TargetTrajectory.Now(2026, 97.9, true));
    assertThat(past.<String>getAs("outlook")).isEqualTo(TargetTrajectory.ON_COURSE);
    assertThat(past.<Boolean>getAs("at_risk")).isFalse();
  }

  @Test
  void aNoisyLineWhoseIntervalStillReachesTheTargetIsNotFlagged() {
    // 97% falling 0.05 a month, but months straying by 3 points: December 2025 projects below 95,
    // and its interval reaches above it
    Random noise = new Random(7);
    Row r = city(target("T25_X", "2025", "gt", 95, null), series(12, 1000, i -> 97 - 0.05 * i + 3 * noise.nextGaussian()),
        new TargetTrajectory.Now(2021, 97, true));
    assertThat(d(r, "projected_2025")).isLessThan(95);
    assertThat(d(r, "projected_2025_high")).isGreaterThan(95);
    assertThat(r.<Boolean>getAs("at_risk")).isFalse();
  }

  @Test
  void aBandCrossedBeforeTheDeadlineIsNotMetAtIt() {
    // 20% rising 0.5 a month: 25.5% in December 2021 (inside 25-35), over 35 from January 2024
    // 20% rising 0.5 a month: 25.5% in December 2021 (inside 25-35), over 35 from August 2023
    Row r = city(target("T30_X", "2030", "between", 25, 35.0), series(12, 1000, i -> 20 + 0.5 * i), null);
    assertThat(r.<LocalDate>getAs("reaches_month")).isNull();
    assertThat(r.<String>getAs("outlook")).isEqualTo(TargetTrajectory.NOT_AT_THIS_PACE);
    assertThat(d(r, "projected_2030")).isCloseTo(79.5, within(1e-9));
    // a band due in 2025 that a slower line enters in time: 21.1% in December 2021, over 24.95 from
    // 39 months on (March 2025), 25.9% in December 2025
    Row slow = city(target("T25_X", "2025", "between", 24.95, 35.0), series(12, 1000, i -> 20 + 0.1 * i), null);
    assertThat(slow.<LocalDate>getAs("reaches_month")).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(slow.<String>getAs("outlook")).isEqualTo(TargetTrajectory.ON_COURSE);
  }

  @Test
  void aMonthOfFewDossiersMovesTheLineLittle() {
    List<TargetTrajectory.Point> points = new ArrayList<>(series(11, 1000, i -> 90));
    points.add(new TargetTrajectory.Point(YearMonth.of(2021, 12), 0, 1));
    Row r = city(target("T25_X", "2025", "gt", 95, null), points, null);

    // unweighted, the 0% December would pull the line to about 64% at its end; weighted, it barely moves
    assertThat(d(r, "trend_now")).isBetween(89.5, 90.0);
    assertThat(d(r, "slope_per_year")).isBetween(-0.5, 0.0);
  }

  @Test
  void fewerThanThreeMonthsGiveNoLineAndNoDataGivesACityRow() {
    Row two = city(target("T25_X", "2025", "gt", 95, null), series(2, 10, i -> 90 + i), null);
    assertThat(two.<String>getAs("outlook")).isEqualTo(TargetTrajectory.TOO_FEW_MONTHS);
    assertThat(two.<Integer>getAs("months")).isEqualTo(2);
    assertThat(two.<Double>getAs("projected_2025")).isNull();

    // months with no denominator are not data
    Row none = city(target("T25_X", "2025", "gt", 95, null), series(5, 0, i -> 0), null);
    assertThat(none.<String>getAs("outlook")).isEqualTo(TargetTrajectory.NO_DATA);
    assertThat(none.<Integer>getAs("months")).isZero();

    Row absent = city(target("T25_X", "2025", "gt", 95, null), null, null);
    assertThat(absent.<String>getAs("scope_code")).isEqualTo("HCM");
    assertThat(absent.<String>getAs("outlook")).isEqualTo(TargetTrajectory.NO_DATA);
    assertThat(absent.<Boolean>getAs("at_risk")).isFalse();
  }

  @Test
  void theNinetyPercentIntervalHoldsTheTrueLineAboutNineTimesInTen() {
    ReformTarget t = target("T25_X", "2025", "gt", 95, null);
    // the true line: 70% in January 2021, +0.3 a month: 70 + 0.3 x 59 = 87.7 in December 2025
    double truth2025 = 87.7;
    int held = 0;
    int runs = 400;
    double width = 0;
    double sd = 0;
    for (int seed = 0; seed < runs; seed++) {
      Random noise = new Random(seed);
      Row r = city(t, series(36, 10_000, i -> 70 + 0.3 * i + 2 * noise.nextGaussian()), null);
      if (d(r, "projected_2025_low") <= truth2025 && truth2025 <= d(r, "projected_2025_high")) {
        held++;
      }
      width += d(r, "projected_2025_high") - d(r, "projected_2025_low");
      sd += d(r, "residual_sd");
    }
    assertThat(held).isBetween((int) (0.85 * runs), (int) (0.95 * runs));
    assertThat(sd / runs).as("a month strays by the noise's 2 points").isCloseTo(2.0, within(0.1));

    // twice the noise, about twice the interval
    double wider = 0;
    for (int seed = 0; seed < runs; seed++) {
      Random noise = new Random(seed);
      Row r = city(t, series(36, 10_000, i -> 70 + 0.3 * i + 4 * noise.nextGaussian()), null);
      wider += d(r, "projected_2025_high") - d(r, "projected_2025_low");
    }
    assertThat(wider / width).isBetween(1.9, 2.1);
  }
}
