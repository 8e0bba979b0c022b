package vn.hcmc.cchc.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.pipeline.Stages;
import vn.hcmc.cchc.quality.QualityRules;

@Command(name = "normalize", mixinStandardHelpOptions = true,
    description = {"Bronze batches not yet normalized into silver and its quarantine.",
        "silver.cases holds each dossier's latest accepted snapshot, partitioned by level and agency_code; "
            + "silver.quarantine every rejected record with its reason; every batch's reconciliation goes to "
            + "ops.reconciliation; "
            + "then the quality rules (conf/quality.csv) on those batches, into ops.quality: a failing rule fails "
            + "the run (exit 1)."},
    footer = {"", "Example:", "  scripts/cchc normalize --warehouse data/warehouse"})
final class NormalizeCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;

  @Override
  protected int execute(AppConfig config) throws Exception {
    List<QualityRules.Rule> rules = QualityRules.read(config.settings().qualityRules());
    onWarehouse(config, warehouse.resolve(config), ExportWindow.ALL, Stages.normalize(), Stages.quality(rules));
    return Cchc.OK;
  }
}
