package vn.hcmc.cchc.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.Settings;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.pipeline.Pipeline;
import vn.hcmc.cchc.pipeline.Stages;
import vn.hcmc.cchc.serve.PostgresPublisher;
import vn.hcmc.cchc.serve.ResultPrinter;
import vn.hcmc.cchc.session.Stopwatch;

@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"The gold tables into PostgreSQL for BI tools.",
        "For Metabase, Superset or Power BI: the same names and columns in a schema of their own, loaded into a "
            + "staging schema and swapped in with one transaction (a dashboard never sees half a mart), indexed "
            + "on period and scope, readable by a read-only role. Publishing the same warehouse again gives the "
            + "same tables.",
        "The user comes from --jdbc-url or CCHC_PG_USER, the password only from CCHC_PG_PASSWORD."},
    footer = {"", "Examples:",
        "  eval \"$(scripts/pg-server start)\"    # a throw-away PostgreSQL on 127.0.0.1, for a laptop",
        "  scripts/cchc publish --warehouse data/warehouse --jdbc-url \"$CCHC_PG_URL\"",
        "  psql -c 'SELECT * FROM gold.cchc_published'"})
final class PublishCommand extends JobCommand {
  private static final StructType REPORT = new StructType()
      .add("table_name", DataTypes.StringType)
      .add("rows", DataTypes.LongType)
      .add("delta_version", DataTypes.LongType);

  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "jdbc:postgresql://HOST:PORT/DATABASE (default: cchc.publish.jdbc-url, that is "
          + "CCHC_PG_URL).")
  String jdbcUrl;

  @Option(names = "--schema", paramLabel = "NAME", description = "PostgreSQL schema of the marts (default: cchc.publish.schema, gold).")
  String schema;

  /** Publishing only reads the warehouse (a Delta snapshot): it never waits for, nor blocks, a run. */
  @Override
  protected boolean changesTables() {
    return false;
  }

  @Override
  protected int execute(AppConfig config) throws Exception {
    Settings.Publish settings = config.settings().publish();
    String url = jdbcUrl != null ? jdbcUrl : settings.jdbcUrl()
        .orElseThrow(() -> new UsageException("missing --jdbc-url URL (or set CCHC_PG_URL)"));
    PostgresPublisher.Destination target = new PostgresPublisher.Destination(url, settings.user().orElse(null),
        AppConfig.env("CCHC_PG_PASSWORD").orElse(null), schema != null ? schema : settings.schema(),
        settings.readerRole(), settings.batchSize());
    List<PostgresPublisher.Published> published = new ArrayList<>();
    onWarehouse(config, warehouse.resolve(config), ExportWindow.ALL, new Pipeline.Stage("publish", run -> {
      Stages.requireContent(run.warehouse());
      Stopwatch clock = Stopwatch.start();
      published.addAll(new PostgresPublisher(run.warehouse(), target).publish(run.writer().runId(), run.startedAt()));
      long rows = published.stream().mapToLong(PostgresPublisher.Published::rows).sum();
      return Stages.stage("publish", clock, rows, rows, null, published.size() + " tables into schema "
          + target.schema());
    }));
    List<Row> rows = published.stream()
        .map(p -> RowFactory.create(target.schema() + "." + p.table().tableName(), p.rows(), p.deltaVersion()))
        .toList();
    ResultPrinter.print(REPORT, rows.iterator(), ResultPrinter.Format.TABLE, System.out);
    return Cchc.OK;
  }
}
