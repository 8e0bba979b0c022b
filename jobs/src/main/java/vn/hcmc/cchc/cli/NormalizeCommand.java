package vn.hcmc.cchc.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
            + "the run (exit 1).",
        "The replay: when the agency or procedure snapshots changed since the last one (a late or corrected "
            + "snapshot), the quarantined records they may explain and the dossiers they cover are judged again "
            + "(ops.replays); the marts refresh from the first month touched."},
    footer = {"", "Examples:", "  scripts/cchc normalize --warehouse data/warehouse",
        "  scripts/cchc normalize --warehouse data/warehouse --replay"})
final class NormalizeCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;
  @Mixin KillHolderOption killHolder;

  @Option(names = "--replay", description = "Judge every quarantined record of an unknown agency or procedure, and "
      + "look every dossier of silver.cases up again, against today's reference data (costs about a normalize of "
      + "all of bronze). Without it, only what changed since the last replay is judged again.")
  boolean replay;

  @Override
  protected int execute(AppConfig config) throws Exception {
    List<QualityRules.Rule> rules = QualityRules.read(config.settings().qualityRules());
    onWarehouse(config, warehouse.resolve(config), ExportWindow.ALL, Stages.normalize(replay), Stages.quality(rules));
    return Cchc.OK;
  }
}
