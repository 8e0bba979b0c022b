package vn.hcmc.cchc.cli;

import java.time.ZoneId;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.city.City;

/** {@code --time-zone ZONE}: the zone a reading command's SQL and printed instants are in. */
final class TimeZoneOption {
  @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = City.ZONE_ID,
      description = "Time zone of the dates taken from instants and of the instants printed (default: "
          + "${DEFAULT-VALUE}, the city's; --time-zone UTC for UTC).")
  ZoneId zone;
}
