package vn.hcmc.cchc.cli;

import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.normalize.NormalizeJob;

@Command(name = "normalize", mixinStandardHelpOptions = true,
    description = {"Bronze batches not yet normalized into silver.cases (latest snapshot per dossier,",
        "partitioned by level and agency_code) and silver.quarantine; logs the reconciliation."},
    footer = {"", "Example:", "  scripts/cchc normalize --warehouse data/warehouse"})
final class NormalizeCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;

  @Override
  protected int execute(AppConfig config) throws Exception {
    String root = warehouse.resolve(config);
    Instant now = Instant.now();
    try (SparkSession spark = session(config, "normalize")) {
      Target t = Target.of(spark, root, newRunId(now));
      new NormalizeJob(t.warehouse(), t.writer()).run(now);
    }
    return Cchc.OK;
  }
}
