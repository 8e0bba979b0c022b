package vn.hcmc.cchc.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.PiiKey;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.pipeline.Pipeline;
import vn.hcmc.cchc.pipeline.Stages;
import vn.hcmc.cchc.quality.QualityRules;
import vn.hcmc.cchc.serve.Metastore;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"The daily pipeline: ingest, normalize and marts in one application.",
        "What Airflow runs, with --date set to the DAG run's day; --from/--to backfill a range in one run. "
            + "A run takes the new files dated up to its last day (late files included), so running a date "
            + "twice, or a range over dates already done, changes no table (only ops.runs records it).",
        "With cchc.catalog.metastore set (CCHC_METASTORE), the run ends by registering the tables in that Hive "
            + "metastore, as `catalog sync` does.",
        "After marts, the quality rules of cchc.quality.rules (conf/quality.csv) are evaluated on the batches the "
            + "run normalized, into ops.quality; a rule that fails fails the run (exit 1) at its end, with one line "
            + "naming the rule and the worst file."},
    footer = {"", "Examples:", "  scripts/cchc run --raw data/raw --warehouse data/warehouse",
        "  scripts/cchc run --raw data/raw --warehouse data/warehouse --date 2021-03-29",
        "  scripts/cchc run --raw data/raw --warehouse data/warehouse --from 2021-01-01 --to 2021-03-31"})
final class RunCommand extends JobCommand {
  @Mixin Paths.RawOption raw;
  @Mixin Paths.WarehouseOption warehouse;
  @Mixin KillHolderOption killHolder;
  @Mixin DateWindowOption dates;

  @Option(names = "--full", description = "Rebuild gold.case_monthly whole, not only the months that changed.")
  boolean full;

  @Override
  protected int execute(AppConfig config) throws Exception {
    ExportWindow window = dates.resolve(Clock.systemUTC());
    List<QualityRules.Rule> rules = QualityRules.read(config.settings().qualityRules()); // a bad file: before any work
    List<Pipeline.Stage> stages = new ArrayList<>(Stages.daily(raw.resolve(config), window, PiiKey.load(config),
        config.settings().referenceDir(), full));
    stages.add(Stages.quality(rules)); // a failing rule fails the run at its end, the catalog synced
    // a configured catalog learns of the run's tables at its end (docs/CATALOG.md)
    Optional<Metastore> catalog = MetastoreOption.configured(config);
    catalog.ifPresent(m -> stages.add(Stages.catalog(m, result -> { })));
    onWarehouse(config, warehouse.resolve(config), window, catalog, stages.toArray(Pipeline.Stage[]::new));
    return Cchc.OK;
  }
}
