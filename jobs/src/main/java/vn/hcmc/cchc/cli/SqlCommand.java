package vn.hcmc.cchc.cli;

import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.serve.Metastore;
import vn.hcmc.cchc.serve.ResultPrinter;
import vn.hcmc.cchc.serve.WarehouseSql;
import vn.hcmc.cchc.session.Sessions;
import vn.hcmc.cchc.tables.Warehouse;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Spark SQL over the warehouse's tables by their names.",
        "The tables go by their contract names: bronze.cases, silver.cases, silver.quarantine, "
            + "silver.agencies, silver.procedures, gold.case_monthly, ops.reconciliation, and the others. "
            + "Prints CSV with a header row on stdout by default.",
        "With --metastore the names resolve through a Hive metastore `catalog sync` filled, instead of the "
            + "warehouse's folders: --warehouse is then not needed.",
        "Runs in Ho Chi Minh City's time by default: date(received_at) is the day in the city, and instants "
            + "print with the city's offset (2021-04-01T01:30:00+07:00); --time-zone UTC gives UTC."},
    footer = {"", "Examples:",
        "  scripts/cchc sql --warehouse data/warehouse \"SELECT level, count(*) AS dossiers FROM silver.cases GROUP BY level\"",
        "  scripts/cchc sql --warehouse data/warehouse --format table \"SELECT reason, count(*) FROM silver.quarantine GROUP BY reason\"",
        "  scripts/cchc sql --metastore derby:data/metastore \"DESCRIBE TABLE EXTENDED gold.case_monthly\""})
final class SqlCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--format", paramLabel = "csv|json|table", defaultValue = "csv",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  String format;

  @Mixin TimeZoneOption timeZone;

  @Mixin MetastoreOption metastore;

  @Parameters(paramLabel = "QUERY", description = "One SQL query, in quotes.")
  String query;

  @Override
  protected int execute(AppConfig config) throws Exception {
    ResultPrinter.Format f = format(format);
    Optional<Metastore> m = metastore.flag(config);
    if (m.isPresent() && warehouse.warehouse != null) {
      throw new UsageException("give --warehouse or --metastore, not both (the metastore knows where its tables are)");
    }
    String root = m.isPresent() ? null : warehouse.resolve(config);
    m.ifPresent(Metastore::requireSchema);
    try (Sessions.Lease lease = session(config, "sql", m)) {
      SparkSession spark = lease.spark();
      WarehouseSql sql = m.isPresent() ? WarehouseSql.overCatalog(spark, timeZone.zone)
          : WarehouseSql.over(new Warehouse(spark, root), timeZone.zone);
      Dataset<Row> result = sql.query(query);
      ResultPrinter.print(result.schema(), result.toLocalIterator(), f, System.out, sql.zone());
    }
    return Cchc.OK;
  }

  /** The output format named by {@code --format}. */
  static ResultPrinter.Format format(String name) {
    try {
      return ResultPrinter.Format.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("unknown --format '" + name + "': use csv, json or table");
    }
  }
}
