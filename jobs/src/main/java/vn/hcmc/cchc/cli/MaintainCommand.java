package vn.hcmc.cchc.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.ops.MaintainJob;
import vn.hcmc.cchc.serve.ResultPrinter;
import vn.hcmc.cchc.pipeline.Stages;

@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = {"Compaction and clean-up of every table: OPTIMIZE, then VACUUM.",
        "OPTIMIZE turns small daily files into large ones (per partition of silver.cases, no row changes); "
            + "VACUUM then deletes the files that no version younger than the retention needs. Prints the files "
            + "and bytes of every table before and after.",
        "A table of an older warehouse with deletion vectors where no MERGE needs them (every table but "
            + "silver.cases) has them dropped first: its Delta reader version becomes 1, which every Delta reader "
            + "reads."},
    footer = {"", "Examples:", "  scripts/cchc maintain --warehouse data/warehouse",
        "  scripts/cchc maintain --warehouse data/warehouse --dry-run"})
final class MaintainCommand extends JobCommand {
  private static final StructType REPORT = new StructType()
      .add("table_name", DataTypes.StringType)
      .add("files_before", DataTypes.LongType)
      .add("files_after", DataTypes.LongType)
      .add("mb_before", DataTypes.StringType)
      .add("mb_after", DataTypes.StringType)
      .add("vacuumed_files", DataTypes.LongType)
      .add("vacuumed_mb", DataTypes.StringType)
      .add("reader_version", DataTypes.StringType);

  @Mixin Paths.WarehouseOption warehouse;
  @Mixin KillHolderOption killHolder;

  @Option(names = "--retention-hours", paramLabel = "H", defaultValue = "168",
      description = "Keep the files that versions of the last H hours need (default: ${DEFAULT-VALUE}; under 168 "
          + "needs --force).")
  double retentionHours;

  @Option(names = "--force", description = "Allow a retention under 168 hours (7 days): older versions become unreadable.")
  boolean force;

  @Option(names = "--dry-run", description = "Change nothing; report what compaction would leave and VACUUM would delete.")
  boolean dryRun;

  @Override
  protected int execute(AppConfig config) throws Exception {
    killHolder.refuseWith("--dry-run", dryRun);
    if (retentionHours < 0) {
      throw new UsageException("--retention-hours must be 0 or more, not " + retentionHours);
    }
    if (retentionHours < MaintainJob.SAFE_RETENTION_HOURS && !force) {
      throw new UsageException("--retention-hours " + retentionHours + " is under 168 (7 days), the least that keeps "
          + "time travel and the marts' change feed safe; add --force if you mean it");
    }
    List<MaintainJob.TableReport> reports = new ArrayList<>();
    onWarehouse(config, warehouse.resolve(config), ExportWindow.ALL,
        Stages.maintain(retentionHours, dryRun, reports::addAll));
    List<Row> rows = reports.stream().map(r -> RowFactory.create(r.table().sqlName(), r.filesBefore(), r.filesAfter(),
        Stages.megabytes(r.bytesBefore()), Stages.megabytes(r.bytesAfter()), r.filesVacuumed(),
        Stages.megabytes(r.bytesVacuumed()), r.readerBefore() == r.readerAfter() ? String.valueOf(r.readerAfter())
            : r.readerBefore() + " -> " + r.readerAfter())).toList();
    if (dryRun) {
      System.out.println("Dry run: nothing changed. files_after is what compaction would leave; vacuumed_* is what "
          + "VACUUM would delete now.");
    }
    ResultPrinter.print(REPORT, rows.iterator(), ResultPrinter.Format.TABLE, System.out);
    return Cchc.OK;
  }
}
