package vn.hcmc.cchc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.ops.MaintainJob;

@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = {"Compaction and clean-up of every table: OPTIMIZE (small daily files into large ones,",
        "no row changes), then VACUUM of the files no version younger than the retention needs."},
    footer = {"", "Example:", "  scripts/cchc maintain --warehouse data/warehouse --retention-hours 168"})
final class MaintainCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--retention-hours", paramLabel = "H", defaultValue = "168",
      description = "keep the files of the last H hours of versions (default: ${DEFAULT-VALUE}, Delta's safety minimum)")
  double retentionHours;

  @Override
  protected int execute(AppConfig config) throws Exception {
    if (retentionHours < 0) {
      throw new UsageException("--retention-hours must be 0 or more, not " + retentionHours);
    }
    onWarehouse(config, "maintain", warehouse.resolve(config),
        (t, now) -> {
          if (!t.warehouse().rootExists()) {
            throw new UsageException("warehouse not found: " + t.warehouse().root() + " (fix --warehouse)");
          }
          new MaintainJob(t.warehouse()).run(retentionHours);
        });
    return Cchc.OK;
  }
}
