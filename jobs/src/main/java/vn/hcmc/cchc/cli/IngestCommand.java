package vn.hcmc.cchc.cli;

import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.pii.PiiKey;
import vn.hcmc.cchc.pii.Pseudonymizer;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"New raw files into bronze.cases (losslessly, personal data pseudonymised, each file once),",
        "reference snapshots into silver.agencies and silver.procedures.",
        "Needs the pseudonymisation key: CCHC_PII_KEY, or CCHC_PII_KEY_FILE naming a key file."},
    footer = {"", "Example:", "  scripts/cchc ingest --raw data/raw --warehouse data/warehouse"})
final class IngestCommand extends JobCommand {
  @Mixin Paths.RawOption raw;
  @Mixin Paths.WarehouseOption warehouse;

  @Override
  protected int execute(AppConfig config) throws Exception {
    String rawRoot = raw.resolve(config);
    String root = warehouse.resolve(config);
    Pseudonymizer pii = PiiKey.load(config);
    Instant now = Instant.now();
    try (SparkSession spark = session(config, "ingest")) {
      Target t = Target.of(spark, root, newRunId(now));
      new IngestJob(t.warehouse(), t.writer(), pii).run(rawRoot, now);
    }
    return Cchc.OK;
  }
}
