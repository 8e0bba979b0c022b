package vn.hcmc.cchc.cli;

import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.pii.PiiKey;
import vn.hcmc.cchc.pii.Pseudonymizer;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"The daily pipeline in one Spark application: ingest, then normalize.",
        "A second run with no new files changes nothing (no new table version)."},
    footer = {"", "Example:", "  scripts/cchc run --raw data/raw --warehouse data/warehouse"})
final class RunCommand extends JobCommand {
  @Mixin Paths.RawOption raw;
  @Mixin Paths.WarehouseOption warehouse;

  @Override
  protected int execute(AppConfig config) throws Exception {
    String rawRoot = raw.resolve(config);
    String root = warehouse.resolve(config);
    Pseudonymizer pii = PiiKey.load(config);
    Instant now = Instant.now();
    try (SparkSession spark = session(config, "run")) {
      Target t = Target.of(spark, root, newRunId(now));
      new IngestJob(t.warehouse(), t.writer(), pii).run(rawRoot, now);
      new NormalizeJob(t.warehouse(), t.writer()).run(now);
    }
    return Cchc.OK;
  }
}
