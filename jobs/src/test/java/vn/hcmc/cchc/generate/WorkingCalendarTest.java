package vn.hcmc.cchc.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {
  private final WorkingCalendar cal = new WorkingCalendar(LocalDate.of(2021, 1, 1), LocalDate.of(2025, 12, 31),
      WorkingCalendar.loadSpecialDays(Generated.REFERENCE.resolve("holidays.csv")));

  private LocalDate after(String day, int n) {
    return LocalDate.ofEpochDay(cal.nthWorkingDayAfter(LocalDate.parse(day).toEpochDay(), n));
  }

  @Test
  void deadlinesSkipWeekendsHolidaysAndObservedDays() {
    assertThat(after("2021-03-05", 1)).isEqualTo("2021-03-08"); // Friday -> Monday
    assertThat(after("2021-04-29", 1)).isEqualTo("2021-05-04"); // 30/4, 1/5, weekend, observed 3/5
    assertThat(after("2021-02-09", 1)).isEqualTo("2021-02-17"); // Tết
    assertThat(after("2021-03-06", 1)).isEqualTo("2021-03-08"); // received on a Saturday
  }

  @Test
  void makeUpSaturdaysAreWorkingDaysAndSwappedDaysAreNot() {
    assertThat(cal.isWorkingDay(LocalDate.parse("2024-05-04").toEpochDay())).isTrue();
    assertThat(cal.isWorkingDay(LocalDate.parse("2024-04-29").toEpochDay())).isFalse();
    assertThat(after("2024-04-26", 1)).isEqualTo("2024-05-02");
    assertThat(after("2024-05-03", 1)).isEqualTo("2024-05-04");
  }

  @Test
  void formatsLocalTimes() {
    long t = LocalDate.parse("2021-05-19").toEpochDay() * WorkingCalendar.DAY + 9 * 3600 + 5 * 60 + 7;
    Utf8Builder b = new Utf8Builder(32);
    cal.appendCompact(b, t);
    assertThat(b.toUtf8String()).isEqualTo("20210519090507");
    StringBuilder sb = new StringBuilder();
    cal.appendLegacy(sb, t, true);
    assertThat(sb).hasToString("19/05/2021 09:05");
    sb.setLength(0);
    cal.appendLegacy(sb, t - t % WorkingCalendar.DAY, true);
    assertThat(sb).hasToString("19/05/2021");
  }
}
