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
import vn.hcmc.cchc.ops.RestoreJob;
import vn.hcmc.cchc.serve.ResultPrinter;
import vn.hcmc.cchc.pipeline.Stages;

@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Undoes a bad run: the tables it wrote go back to before it.",
        "Every table the run wrote goes back to the version before it (Delta RESTORE, a new commit; the bad "
            + "versions stay in the history); ops.runs keeps both runs. Refused when a later run wrote the same "
            + "tables (it would be undone too) unless --force. Possible while VACUUM keeps the files of the "
            + "version before: 7 days with `maintain`'s default retention."},
    footer = {"", "Examples:", "  scripts/cchc runs --warehouse data/warehouse",
        "  scripts/cchc restore --warehouse data/warehouse --run 20261125T101500Z-3fa2c1 --dry-run"})
final class RestoreCommand extends JobCommand {
  private static final StructType REPORT = new StructType()
      .add("table_name", DataTypes.StringType)
      .add("undone_versions", DataTypes.StringType)
      .add("restored_to_version", DataTypes.LongType)
      .add("later_runs", DataTypes.StringType);

  @Mixin Paths.WarehouseOption warehouse;
  @Mixin KillHolderOption killHolder;

  @Option(names = "--run", paramLabel = "RUN_ID", required = true, description = "The run to undo (ops.runs.run_id).")
  String runId;

  @Option(names = "--force", description = "Restore even when later runs wrote the same tables, undoing them too.")
  boolean force;

  @Option(names = "--dry-run", description = "Change nothing; print what would be restored.")
  boolean dryRun;

  @Override
  protected int execute(AppConfig config) throws Exception {
    killHolder.refuseWith("--dry-run", dryRun);
    if (runId.isBlank()) {
      throw new UsageException("--run needs a run id (see `scripts/cchc runs`)");
    }
    List<RestoreJob.Step> steps = new ArrayList<>();
    onWarehouse(config, warehouse.resolve(config), ExportWindow.ALL, Stages.restore(runId, force, dryRun, steps::addAll));
    List<Row> rows = steps.stream().map(s -> RowFactory.create(s.table().sqlName(), s.from() + ".." + s.to(),
        s.restoreTo(), String.join(" ", s.laterRuns()))).toList();
    if (dryRun) {
      System.out.println("Dry run: nothing changed.");
    }
    ResultPrinter.print(REPORT, rows.iterator(), ResultPrinter.Format.TABLE, System.out);
    return Cchc.OK;
  }
}
