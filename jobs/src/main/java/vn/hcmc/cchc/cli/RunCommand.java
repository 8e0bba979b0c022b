package vn.hcmc.cchc.cli;

import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.PiiKey;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.pipeline.Pipeline;
import vn.hcmc.cchc.pipeline.Stages;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"The daily pipeline: ingest, normalize and marts in one application.",
        "What Airflow runs, with --date set to the DAG run's day; --from/--to backfill a range in one run. "
            + "A run takes the new files dated up to its last day (late files included), so running a date "
            + "twice, or a range over dates already done, changes no table (only ops.runs records it)."},
    footer = {"", "Examples:", "  scripts/cchc run --raw data/raw --warehouse data/warehouse",
        "  scripts/cchc run --raw data/raw --warehouse data/warehouse --date 2021-03-29",
        "  scripts/cchc run --raw data/raw --warehouse data/warehouse --from 2021-01-01 --to 2021-03-31"})
final class RunCommand extends JobCommand {
  @Mixin Paths.RawOption raw;
  @Mixin Paths.WarehouseOption warehouse;
  @Mixin DateWindowOption dates;

  @Option(names = "--full", description = "Rebuild gold.case_monthly whole, not only the months that changed.")
  boolean full;

  @Override
  protected int execute(AppConfig config) throws Exception {
    ExportWindow window = dates.resolve(Clock.systemUTC());
    onWarehouse(config, warehouse.resolve(config), window, Stages.daily(raw.resolve(config), window,
        PiiKey.load(config), config.settings().referenceDir(), full).toArray(Pipeline.Stage[]::new));
    return Cchc.OK;
  }
}
