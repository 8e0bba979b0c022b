package vn.hcmc.cchc.cli;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.serve.AttainmentView;
import vn.hcmc.cchc.serve.ResultPrinter;
import vn.hcmc.cchc.serve.TrajectoryView;
import vn.hcmc.cchc.serve.WarehouseSql;
import vn.hcmc.cchc.session.Sessions;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

@Command(name = "targets", mixinStandardHelpOptions = true,
    description = {"The 2025 and 2030 targets against a year's figures, worst first; or, with --trend, where each is heading.",
        "From gold.target_attainment: the targets not met, furthest from the target first; then those met; "
            + "then those without data.",
        "With --trend, from gold.target_trajectory: each target's monthly trend projected to its deadline with a 90% "
            + "interval and the month it meets the target at this pace; units that meet a target today but whose "
            + "trend misses it at the deadline come first, flagged AT RISK.",
        "Runs in Ho Chi Minh City's time by default, as sql does; --time-zone UTC for UTC."},
    footer = {"", "Examples:",
        "  scripts/cchc targets --warehouse data/warehouse --year 2021",
        "  scripts/cchc targets --warehouse data/warehouse --year 2021 --scope district",
        "  scripts/cchc targets --warehouse data/warehouse --trend --scope district"})
final class TargetsCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--year", paramLabel = "YYYY", description = "Calendar year (default: the latest with data).")
  Integer year;

  @Option(names = "--scope", paramLabel = "city|level|district|agency", defaultValue = City.Scope.CITY,
      description = "Whose figures (default: ${DEFAULT-VALUE}).")
  String scope;

  @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--trend", description = "Trajectories to 2025 and 2030 instead of a year's attainment.")
  boolean trend;

  @Mixin TimeZoneOption timeZone;

  @Override
  protected int execute(AppConfig config) throws Exception {
    String scopeType = scope.toLowerCase(Locale.ROOT);
    if (!City.Scope.WIDEST_FIRST.contains(scopeType)) {
      throw new UsageException("unknown --scope '" + scope + "': use city, level, district or agency");
    }
    ResultPrinter.Format f = SqlCommand.format(format);
    if (trend && year != null) {
      throw new UsageException("--year does not apply to --trend: a trajectory spans every month with data");
    }
    String root = warehouse.resolve(config);
    try (Sessions.Lease lease = session(config, "targets")) {
      SparkSession spark = lease.spark();
      Warehouse wh = new Warehouse(WarehouseSql.inZone(spark, timeZone.zone), root);
      if (trend) {
        printTrend(wh, root, scopeType, f);
        return Cchc.OK;
      }
      if (!wh.exists(Table.GOLD_TARGET_ATTAINMENT)) {
        throw new UsageException("no gold.target_attainment in " + root + " (run `scripts/cchc run` first, or fix --warehouse)");
      }
      var table = wh.read(Table.GOLD_TARGET_ATTAINMENT);
      List<Integer> years = table.select("year").distinct().orderBy("year").as(org.apache.spark.sql.Encoders.INT())
          .collectAsList();
      int y = year != null ? year : years.isEmpty() ? 0 : years.get(years.size() - 1);
      if (!years.contains(y)) {
        throw new UsageException("no figures for --year " + y + "; years with data: " + years);
      }
      List<Row> rows = AttainmentView.of(table.filter(col("year").equalTo(y).and(col("scope_type").equalTo(scopeType)))
          .collectAsList());
      if (f == ResultPrinter.Format.TABLE) {
        long notMet = rows.stream().filter(r -> "not_met".equals(r.getString(0))).count();
        long met = rows.stream().filter(r -> "met".equals(r.getString(0))).count();
        System.out.printf("Target attainment %d, scope %s: %d not met, %d met, %d without data%n", y, scopeType,
            notMet, met, rows.size() - notMet - met);
      }
      ResultPrinter.print(AttainmentView.SCHEMA, rows.iterator(), f, System.out, timeZone.zone);
    }
    return Cchc.OK;
  }

  private void printTrend(Warehouse wh, String root, String scopeType, ResultPrinter.Format f) {
    if (!wh.exists(Table.GOLD_TARGET_TRAJECTORY)) {
      throw new UsageException("no gold.target_trajectory in " + root + " (run `scripts/cchc marts` first, or fix --warehouse)");
    }
    List<Row> rows = TrajectoryView.of(wh.read(Table.GOLD_TARGET_TRAJECTORY)
        .filter(col("scope_type").equalTo(scopeType)).collectAsList());
    if (f == ResultPrinter.Format.TABLE) {
      System.out.printf("Target trajectories, scope %s: %d at risk (met today, missed at the deadline at this pace); "
          + "%s%n", scopeType, rows.stream().filter(r -> TrajectoryView.AT_RISK.equals(r.getString(0))).count(),
          outlooks(rows));
    }
    ResultPrinter.print(TrajectoryView.SCHEMA, rows.iterator(), f, System.out, timeZone.zone);
  }

  private static String outlooks(List<Row> rows) {
    Map<String, Long> counts = new TreeMap<>();
    rows.forEach(r -> counts.merge(r.getString(1), 1L, Long::sum));
    return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
        .collect(Collectors.joining(", "));
  }
}
