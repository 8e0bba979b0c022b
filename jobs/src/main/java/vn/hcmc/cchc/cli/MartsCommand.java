package vn.hcmc.cchc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.pipeline.Stages;

@Command(name = "marts", mixinStandardHelpOptions = true,
    description = {"Silver into the gold marts, from the first month that changed.",
        "Builds gold.case_monthly, gold.procedure_monthly, gold.work_monthly and gold.target_attainment. "
            + "gold.case_monthly is refreshed from the first month that the changes since the last build reach "
            + "(the identity carried_over + received_new = resolved + withdrawn + pending_end is checked on every "
            + "row); --full rebuilds it whole."},
    footer = {"", "Example:", "  scripts/cchc marts --warehouse data/warehouse"})
final class MartsCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;
  @Mixin KillHolderOption killHolder;

  @Option(names = "--full", description = "Rebuild gold.case_monthly whole, not only the months that changed.")
  boolean full;

  @Override
  protected int execute(AppConfig config) throws Exception {
    onWarehouse(config, warehouse.resolve(config), ExportWindow.ALL,
        Stages.marts(config.settings().referenceDir(), full));
    return Cchc.OK;
  }
}
