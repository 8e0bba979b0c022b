package vn.hcmc.cchc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.marts.MartsJob;
import vn.hcmc.cchc.session.Stopwatch;

@Command(name = "marts", mixinStandardHelpOptions = true,
    description = {"Silver into the gold marts, from the first month that changed.",
        "Builds gold.case_monthly, gold.procedure_monthly, gold.work_monthly and gold.target_attainment. "
            + "gold.case_monthly is refreshed from the first month that the changes since the last build reach "
            + "(the identity carried_over + received_new = resolved + withdrawn + pending_end is checked on every "
            + "row); --full rebuilds it whole."},
    footer = {"", "Example:", "  scripts/cchc marts --warehouse data/warehouse"})
final class MartsCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--full", description = "Rebuild gold.case_monthly whole, not only the months that changed.")
  boolean full;

  @Override
  protected int execute(AppConfig config) throws Exception {
    onWarehouse(config, warehouse.resolve(config), ExportWindow.ALL, marts(config, full));
    return Cchc.OK;
  }

  static Step marts(AppConfig config, boolean full) {
    return new Step("marts", (t, now) -> {
      Stopwatch clock = Stopwatch.start();
      MartsJob.Result r = new MartsJob(t.warehouse(), t.writer(), config.localPath("cchc.reference-dir")).run(full);
      String detail = !r.changed() ? "up to date"
          : r.caseMonthsFrom() == null ? "gold.case_monthly unchanged"
          : (r.fullRebuild() ? "gold.case_monthly rebuilt whole from " : "gold.case_monthly refreshed from ")
              + r.caseMonthsFrom();
      return stage("marts", clock, null, r.caseRows(), null, detail);
    });
  }
}
