package vn.hcmc.cchc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.pipeline.Stages;

@Command(name = "normalize", mixinStandardHelpOptions = true,
    description = {"Bronze batches not yet normalized into silver and its quarantine.",
        "silver.cases holds each dossier's latest accepted snapshot, partitioned by level and agency_code; "
            + "silver.quarantine every rejected record with its reason; every batch's reconciliation goes to "
            + "ops.reconciliation."},
    footer = {"", "Example:", "  scripts/cchc normalize --warehouse data/warehouse"})
final class NormalizeCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;
  @Mixin KillHolderOption killHolder;

  @Override
  protected int execute(AppConfig config) throws Exception {
    onWarehouse(config, warehouse.resolve(config), ExportWindow.ALL, Stages.normalize());
    return Cchc.OK;
  }
}
