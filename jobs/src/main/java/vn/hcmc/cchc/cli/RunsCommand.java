package vn.hcmc.cchc.cli;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.serve.ResultPrinter;
import vn.hcmc.cchc.session.Sessions;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

@Command(name = "runs", mixinStandardHelpOptions = true,
    description = {"The latest runs on the warehouse (ops.runs), newest first.",
        "For each run: command, status, window, time, rows in / out / quarantined per stage, its quality rules' "
            + "outcomes (ops.quality: fail, warn, pass counted), and the table versions it wrote."},
    footer = {"", "Examples:", "  scripts/cchc runs --warehouse data/warehouse",
        "  scripts/cchc runs --warehouse data/warehouse --limit 100 --format csv"})
final class RunsCommand extends JobCommand {
  /**
   * One line per run; stages as {@code name in>out(+quarantined)}, quality as its outcomes counted ({@code 1 fail,
   * 2 warn, 14 pass}), versions as {@code table@version}.
   */
  private static final String QUERY = """
      SELECT run_id, command, status, started_at, round(seconds, 1) AS seconds,
        CASE WHEN date_to IS NULL THEN '' WHEN date_from = date_to THEN string(date_to)
             ELSE concat(date_from, '..', date_to) END AS dates,
        concat_ws('; ', transform(stages, s -> concat(s.stage, ' ',
          coalesce(string(s.rows_in), '-'), '>', coalesce(string(s.rows_out), '-'),
          CASE WHEN s.rows_quarantined IS NULL THEN '' ELSE concat(' +', s.rows_quarantined, 'q') END,
          ' ', round(s.seconds, 1), 's'))) AS stages,
        coalesce(quality, '') AS quality,
        concat_ws(' ', transform(versions, v -> concat(v.table_name, '@', v.version))) AS versions,
        coalesce(error, '') AS error
      FROM runs LEFT JOIN (
        SELECT run_id, concat_ws(', ',
          CASE WHEN count_if(outcome = 'fail') > 0 THEN concat(count_if(outcome = 'fail'), ' fail') END,
          CASE WHEN count_if(outcome = 'warn') > 0 THEN concat(count_if(outcome = 'warn'), ' warn') END,
          CASE WHEN count_if(outcome = 'pass') > 0 THEN concat(count_if(outcome = 'pass'), ' pass') END) AS quality
        FROM quality GROUP BY run_id) USING (run_id)
      ORDER BY started_at DESC, run_id DESC LIMIT %d""";

  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  protected int execute(AppConfig config) throws Exception {
    if (limit < 1) {
      throw new UsageException("--limit must be 1 or more, not " + limit);
    }
    ResultPrinter.Format f = SqlCommand.format(format);
    String root = warehouse.resolve(config);
    try (Sessions.Lease lease = session(config, "runs")) {
      SparkSession spark = lease.spark();
      Warehouse wh = new Warehouse(spark, root);
      if (!wh.exists(Table.OPS_RUNS)) {
        throw new UsageException("no ops.runs in " + root + " (no command has run on it yet, or fix --warehouse)");
      }
      wh.read(Table.OPS_RUNS).createOrReplaceTempView("runs");
      (wh.exists(Table.OPS_QUALITY) ? wh.read(Table.OPS_QUALITY)
          : spark.createDataFrame(java.util.List.of(), Table.OPS_QUALITY.schema())).createOrReplaceTempView("quality");
      Dataset<Row> runs = spark.sql(QUERY.formatted(limit));
      ResultPrinter.print(runs.schema(), runs.toLocalIterator(), f, System.out);
    }
    return Cchc.OK;
  }
}
