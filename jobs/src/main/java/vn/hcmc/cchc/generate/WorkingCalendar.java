package vn.hcmc.cchc.generate;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * Working days of Ho Chi Minh City's administration: Monday to Friday, minus the public holidays,
 * observed days and swapped days off of {@code holidays.csv}, plus its make-up working Saturdays.
 * Times are "local seconds": seconds since 1970-01-01T00:00 on the city's wall clock (UTC+7, no
 * daylight saving), so a day is exactly 86,400 of them.
 */
final class WorkingCalendar {
  static final int DAY = 86_400;
  /** Office hours: 07:30-11:30 and 13:00-17:00. */
  static final int MORNING_START = 7 * 3600 + 30 * 60;
  static final int MORNING_END = 11 * 3600 + 30 * 60;
  static final int AFTERNOON_START = 13 * 3600;
  static final int AFTERNOON_END = 17 * 3600;
  static final int WORK_MINUTES = 480;

  private final long firstDay;
  private final boolean[] working;
  private final boolean[] closed; // public holiday, observed or swapped day off
  private final int[] workingBefore; // working days in [firstDay, day)
  private final int[] workingDays; // offsets of the working days, in order
  private final String[] ymd; // yyyyMMdd
  private final byte[][] ymdBytes;
  private final String[] yymmdd;
  private final String[] dmy; // dd/MM/yyyy
  private final int[] year;
  private final int[] month;
  private final int[] dayOfMonth;
  private final int[] dayOfWeek; // 1 Monday .. 7 Sunday
  private final int[] lengthOfMonth;

  WorkingCalendar(LocalDate from, LocalDate to, Map<LocalDate, String> specialDays) {
    LocalDate start = LocalDate.of(from.getYear() - 1, 1, 1);
    LocalDate end = LocalDate.of(to.getYear() + 2, 12, 31);
    firstDay = start.toEpochDay();
    int n = (int) (end.toEpochDay() - firstDay + 1);
    working = new boolean[n];
    closed = new boolean[n];
    workingBefore = new int[n + 1];
    ymd = new String[n];
    yymmdd = new String[n];
    ymdBytes = new byte[n][];
    dmy = new String[n];
    year = new int[n];
    month = new int[n];
    dayOfMonth = new int[n];
    dayOfWeek = new int[n];
    lengthOfMonth = new int[n];
    int count = 0;
    int[] tmp = new int[n];
    for (int i = 0; i < n; i++) {
      LocalDate d = LocalDate.ofEpochDay(firstDay + i);
      String kind = specialDays.get(d);
      boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      boolean isClosed = kind != null && !kind.equals("makeup_workday");
      boolean makeup = "makeup_workday".equals(kind);
      working[i] = makeup || (!weekend && !isClosed);
      closed[i] = isClosed;
      workingBefore[i] = count;
      if (working[i]) {
        tmp[count++] = i;
      }
      year[i] = d.getYear();
      month[i] = d.getMonthValue();
      dayOfMonth[i] = d.getDayOfMonth();
      dayOfWeek[i] = d.getDayOfWeek().getValue();
      lengthOfMonth[i] = d.lengthOfMonth();
      ymd[i] = String.format("%04d%02d%02d", year[i], month[i], dayOfMonth[i]);
      yymmdd[i] = ymd[i].substring(2);
      ymdBytes[i] = ymd[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      dmy[i] = String.format("%02d/%02d/%04d", dayOfMonth[i], month[i], year[i]);
    }
    workingBefore[n] = count;
    workingDays = java.util.Arrays.copyOf(tmp, count);
  }

  /** Loads {@code holidays.csv} (columns date, kind). */
  static Map<LocalDate, String> loadSpecialDays(Path holidaysCsv) {
    Map<LocalDate, String> m = new java.util.HashMap<>();
    for (Map<String, String> row : Csv.readWithHeader(holidaysCsv)) {
      m.put(LocalDate.parse(row.get("date").trim()), row.get("kind").trim());
    }
    return m;
  }

  private int idx(long day) {
    long i = day - firstDay;
    if (i < 0 || i >= working.length) {
      throw new IllegalArgumentException("day outside the calendar: " + LocalDate.ofEpochDay(day));
    }
    return (int) i;
  }

  boolean isWorkingDay(long day) {
    return working[idx(day)];
  }

  /** A public holiday, observed day or swapped day off (not a mere weekend). */
  boolean isClosedDay(long day) {
    return closed[idx(day)];
  }

  boolean isSaturday(long day) {
    return dayOfWeek[idx(day)] == 6;
  }

  /** The n-th working day strictly after {@code day} (n >= 1). */
  long nthWorkingDayAfter(long day, int n) {
    int k = workingBefore[idx(day) + 1] + n - 1;
    if (k >= workingDays.length) {
      throw new IllegalArgumentException("deadline beyond the calendar");
    }
    return firstDay + workingDays[k];
  }

  /** Working days in [fromDay, toDay). */
  int workingDaysBetween(long fromDay, long toDay) {
    return workingBefore[idx(toDay)] - workingBefore[idx(fromDay)];
  }

  /** The k-th (0-based) working day on or after {@code day}. */
  long kthWorkingDayFrom(long day, int k) {
    return firstDay + workingDays[workingBefore[idx(day)] + k];
  }

  int year(long day) {
    return year[idx(day)];
  }

  int month(long day) {
    return month[idx(day)];
  }

  int dayOfMonth(long day) {
    return dayOfMonth[idx(day)];
  }

  int lengthOfMonth(long day) {
    return lengthOfMonth[idx(day)];
  }

  /** {@code yyyyMMddHHmmss} of a local time. */
  void appendCompact(Utf8Builder sb, long t) {
    long day = Math.floorDiv(t, DAY);
    int s = (int) (t - day * DAY);
    sb.bytes(ymdBytes[idx(day)]).two(s / 3600).two((s / 60) % 60).two(s % 60);
  }

  /** {@code dd/MM/yyyy HH:mm}, or {@code dd/MM/yyyy} at midnight when {@code dateOnlyAtMidnight}. */
  void appendLegacy(StringBuilder sb, long t, boolean dateOnlyAtMidnight) {
    long day = Math.floorDiv(t, DAY);
    int s = (int) (t - day * DAY);
    sb.append(dmy[idx(day)]);
    if (s == 0 && dateOnlyAtMidnight) {
      return;
    }
    sb.append(' ');
    two(sb, s / 3600);
    sb.append(':');
    two(sb, (s / 60) % 60);
  }

  String yyMMdd(long day) {
    return yymmdd[idx(day)];
  }

  String ymd(long day) {
    return ymd[idx(day)];
  }

  private static void two(StringBuilder sb, int v) {
    sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
