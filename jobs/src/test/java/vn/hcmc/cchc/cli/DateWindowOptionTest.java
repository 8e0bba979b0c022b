package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.ingest.ExportWindow;

/** {@code --date} / {@code --from --to}, on a fixed clock. */
class DateWindowOptionTest {
  /** 20:00 UTC on 1 December 2026 is already 2 December in Ho Chi Minh City (UTC+7). */
  private static final Clock EVENING_UTC = Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC);

  @Test
  void noFlagsMeanEveryNewFile() {
    assertThat(flags(null, null, null).resolve(EVENING_UTC)).isEqualTo(ExportWindow.ALL);
  }

  @Test
  void aDateIsAOneDayWindowAndARangeKeepsItsBounds() {
    assertThat(flags("2021-03-29", null, null).resolve(EVENING_UTC))
        .isEqualTo(new ExportWindow(LocalDate.of(2021, 3, 29), LocalDate.of(2021, 3, 29)));
    assertThat(flags(null, "2021-01-01", "2021-03-31").resolve(EVENING_UTC))
        .isEqualTo(new ExportWindow(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 3, 31)));
  }

  @Test
  void todayIsTheCitysTodayAndTomorrowIsRefused() {
    assertThat(flags("2026-12-02", null, null).resolve(EVENING_UTC).to()).isEqualTo(LocalDate.of(2026, 12, 2));
    assertThatThrownBy(() -> flags("2026-12-03", null, null).resolve(EVENING_UTC))
        .isInstanceOf(UsageException.class).hasMessageContaining("2026-12-03 is in the future");
  }

  @Test
  void badCombinationsAndDatesAreUsageErrors() {
    assertThatThrownBy(() -> flags("2021-03-29", "2021-03-01", null).resolve(EVENING_UTC))
        .isInstanceOf(UsageException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> flags(null, "2021-03-01", null).resolve(EVENING_UTC))
        .isInstanceOf(UsageException.class).hasMessageContaining("go together");
    assertThatThrownBy(() -> flags(null, "2021-03-31", "2021-03-01").resolve(EVENING_UTC))
        .isInstanceOf(UsageException.class).hasMessageContaining("is before --from");
    assertThatThrownBy(() -> flags("2021-02-30", null, null).resolve(EVENING_UTC))
        .isInstanceOf(UsageException.class).hasMessageContaining("--date '2021-02-30' is not a date");
  }

  @Test
  void theLauncherMapsThemToExitCodeTwo() {
    assertThat(Cchc.execute("run", "--conf", "../conf/local.conf", "--raw", "/tmp/x", "--warehouse", "/tmp/y",
        "--date", "2999-01-01")).isEqualTo(Cchc.USAGE);
    assertThat(Cchc.execute("maintain", "--conf", "../conf/local.conf", "--warehouse", "/tmp/y",
        "--retention-hours", "24")).isEqualTo(Cchc.USAGE);
    assertThat(Cchc.execute("runs", "--conf", "../conf/local.conf", "--warehouse", "/tmp/y", "--limit", "0"))
        .isEqualTo(Cchc.USAGE);
  }

  private static DateWindowOption flags(String date, String from, String to) {
    DateWindowOption o = new DateWindowOption();
    o.date = date;
    o.from = from;
    o.to = to;
    return o;
  }
}
