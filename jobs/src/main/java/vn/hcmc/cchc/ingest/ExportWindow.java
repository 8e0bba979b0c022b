package vn.hcmc.cchc.ingest;

import java.time.LocalDate;

/**
 * The export days a run takes ({@code run --date D}, {@code run --from D1 --to D2}): every new file
 * of the landing zone dated up to {@code to}, so that a day's run sees the landing zone as it stood
 * at the end of that day. Files dated after {@code to} are left for the run of their own day; new
 * files dated before {@code from} (a late delivery) are taken too, or they would wait for a run that
 * has already happened. A file's date is its {@link RawFile#exportDate()}.
 *
 * @param from first day of the window, {@code null} for {@link #ALL}
 * @param to last day of the window, {@code null} for {@link #ALL}
 */
public record ExportWindow(LocalDate from, LocalDate to) {
  /** Every new file, whatever its date (a run without dates). */
  public static final ExportWindow ALL = new ExportWindow(null, null);

  public ExportWindow {
    if ((from == null) != (to == null) || from != null && to.isBefore(from)) {
      throw new IllegalArgumentException("bad export window " + from + " .. " + to);
    }
  }

  public static ExportWindow day(LocalDate day) {
    return new ExportWindow(day, day);
  }

  /** Whether a new file of this date belongs to the run. */
  public boolean admits(RawFile f) {
    return to == null || !f.exportDate().isAfter(to);
  }

  /** Whether a new file is a late delivery: a case export dated before the window. */
  public boolean late(RawFile f) {
    return from != null && f.feed().isCases() && f.exportDate().isBefore(from);
  }

  @Override
  public String toString() {
    return to == null ? "every date" : from.equals(to) ? to.toString() : from + " .. " + to;
  }
}
