package vn.hcmc.cchc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.marts.MartsJob;

@Command(name = "marts", mixinStandardHelpOptions = true,
    description = {"silver.cases into the gold marts (so far gold.case_monthly: month x scope x sector),",
        "rebuilt when silver.cases changed since the last build; the identity",
        "carried_over + received_new = resolved + withdrawn + pending_end is checked on every row."},
    footer = {"", "Example:", "  scripts/cchc marts --warehouse data/warehouse"})
final class MartsCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;

  @Override
  protected int execute(AppConfig config) throws Exception {
    onWarehouse(config, "marts", warehouse.resolve(config), marts());
    return Cchc.OK;
  }

  static Step marts() {
    return (t, now) -> new MartsJob(t.warehouse(), t.writer()).run();
  }
}
