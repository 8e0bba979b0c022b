package vn.hcmc.cchc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.pii.PiiKey;
import vn.hcmc.cchc.pii.Pseudonymizer;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"New raw files into bronze.cases, reference snapshots into silver.agencies/procedures,",
        "work files and indicators (feeds C, D) into silver.work_files/indicators.",
        "Every record is kept (parseable or not), with lineage; personal data is replaced by a keyed",
        "HMAC before anything is written; a file already loaded (same path and content hash) is skipped.",
        "Needs the pseudonymisation key: CCHC_PII_KEY, or CCHC_PII_KEY_FILE naming a key file."},
    footer = {"", "Example:", "  scripts/cchc ingest --raw data/raw --warehouse data/warehouse"})
final class IngestCommand extends JobCommand {
  @Mixin Paths.RawOption raw;
  @Mixin Paths.WarehouseOption warehouse;

  @Override
  protected int execute(AppConfig config) throws Exception {
    String rawRoot = raw.resolve(config);
    Pseudonymizer pii = PiiKey.load(config);
    onWarehouse(config, "ingest", warehouse.resolve(config), ingest(rawRoot, pii));
    return Cchc.OK;
  }

  static Step ingest(String rawRoot, Pseudonymizer pii) {
    return (t, now) -> new IngestJob(t.warehouse(), t.writer(), pii).run(rawRoot, now);
  }
}
