package vn.hcmc.cchc.cli;

import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.PiiKey;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.pii.Pseudonymizer;
import vn.hcmc.cchc.pipeline.Stages;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"New raw files into bronze, reference and side feeds into silver.",
        "Dossiers go into bronze.cases, reference snapshots into silver.agencies and silver.procedures, work "
            + "files and indicators (feeds C, D) into silver.work_files and silver.indicators.",
        "Every record is kept (parseable or not), with lineage; personal data is replaced by a keyed HMAC before "
            + "anything is written; a file already loaded (same path and content hash) is skipped. "
            + "--date/--from/--to take only the files dated up to the window's last day.",
        "Needs the pseudonymisation key: CCHC_PII_KEY, or CCHC_PII_KEY_FILE naming a key file."},
    footer = {"", "Example:", "  scripts/cchc ingest --raw data/raw --warehouse data/warehouse"})
final class IngestCommand extends JobCommand {
  @Mixin Paths.RawOption raw;
  @Mixin Paths.WarehouseOption warehouse;
  @Mixin KillHolderOption killHolder;
  @Mixin DateWindowOption dates;

  @Override
  protected int execute(AppConfig config) throws Exception {
    ExportWindow window = dates.resolve(Clock.systemUTC());
    String rawRoot = raw.resolve(config);
    Pseudonymizer pii = PiiKey.load(config);
    onWarehouse(config, warehouse.resolve(config), window, Stages.ingest(rawRoot, window, pii));
    return Cchc.OK;
  }
}
