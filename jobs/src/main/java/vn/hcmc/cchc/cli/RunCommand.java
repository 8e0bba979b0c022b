package vn.hcmc.cchc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.pii.PiiKey;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"The daily pipeline in one Spark application: ingest, normalize, marts.",
        "What Airflow runs; a second run with no new files changes nothing (no new table version)."},
    footer = {"", "Example:", "  scripts/cchc run --raw data/raw --warehouse data/warehouse"})
final class RunCommand extends JobCommand {
  @Mixin Paths.RawOption raw;
  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--full", description = "rebuild gold.case_monthly whole instead of the months that changed")
  boolean full;

  @Override
  protected int execute(AppConfig config) throws Exception {
    onWarehouse(config, "run", warehouse.resolve(config),
        IngestCommand.ingest(raw.resolve(config), PiiKey.load(config)), NormalizeCommand.normalize(),
        MartsCommand.marts(config, full));
    return Cchc.OK;
  }
}
