package vn.hcmc.cchc.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.ingest.ExportWindow;

/**
 * {@code --date D} or {@code --from D1 --to D2}: the export days a run takes (see {@link
 * ExportWindow}); neither means every new file. What Airflow passes: {@code --date} is the DAG run's
 * {@code data_interval_start}.
 */
final class DateWindowOption {
  @Option(names = "--date", paramLabel = "DATE",
      description = "The export day to run, yyyy-MM-dd: new files dated up to it, late ones included.")
  String date;

  @Option(names = "--from", paramLabel = "DATE", description = "First export day of a backfill, yyyy-MM-dd (with --to).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last export day of a backfill, yyyy-MM-dd (with --from).")
  String to;

  /** The window the flags name; a date after today in Ho Chi Minh City is a usage error. */
  ExportWindow resolve(Clock clock) {
    ExportWindow window;
    if (date != null) {
      if (from != null || to != null) {
        throw new UsageException("give either --date or --from/--to, not both");
      }
      window = ExportWindow.day(parse("--date", date));
    } else if (from != null || to != null) {
      if (from == null || to == null) {
        throw new UsageException("--from and --to go together (or give --date DATE for one day)");
      }
      LocalDate first = parse("--from", from);
      LocalDate last = parse("--to", to);
      if (last.isBefore(first)) {
        throw new UsageException("--to " + to + " is before --from " + from);
      }
      window = new ExportWindow(first, last);
    } else {
      return ExportWindow.ALL;
    }
    LocalDate today = LocalDate.now(clock.withZone(City.ZONE));
    if (window.to().isAfter(today)) {
      throw new UsageException("export day " + window.to() + " is in the future (today is " + today
          + " in Ho Chi Minh City): no export of that day can exist yet");
    }
    return window;
  }

  /** A {@code yyyy-MM-dd} flag value, or a usage error naming the flag. */
  static LocalDate parse(String flag, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException(flag + " '" + value + "' is not a date yyyy-MM-dd");
    }
  }
}
