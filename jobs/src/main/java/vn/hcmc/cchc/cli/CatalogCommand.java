package vn.hcmc.cchc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.pipeline.Stages;
import vn.hcmc.cchc.serve.CatalogStatements;
import vn.hcmc.cchc.serve.CatalogSync;
import vn.hcmc.cchc.serve.Metastore;
import vn.hcmc.cchc.serve.ResultPrinter;
import vn.hcmc.cchc.session.Sessions;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = {"The warehouse's tables by name in a catalog that outlives the process.",
        "sync registers them in a Hive metastore (embedded Derby, or PostgreSQL for several processes at once), "
            + "where any Spark session built with that metastore reads gold.case_monthly by name, its comments "
            + "included; statements prints the SQL that registers them in Trino or Databricks (docs/CATALOG.md)."},
    subcommands = {CatalogCommand.Sync.class, CatalogCommand.Statements.class},
    footer = {"", "Examples:",
        "  scripts/cchc catalog sync --warehouse data/warehouse --metastore derby:data/metastore",
        "  scripts/cchc catalog statements --warehouse s3a://lake/warehouse --for trino"})
final class CatalogCommand implements Runnable {
  /** scripts/cchc puts {@code --conf FILE} right after the command's first word: here. */
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "give a command: sync, statements");
  }

  /** A subcommand of {@code catalog}: its {@code --conf} and {@code --verbose}, or its parent's. */
  abstract static class Sub extends JobCommand {
    @ParentCommand CatalogCommand parent;

    @Override
    protected CommonOptions options() {
      CommonOptions o = new CommonOptions();
      o.conf = spec.commandLine().getParseResult().hasMatchedOption("--conf") ? common.conf : parent.common.conf;
      o.verbose = common.verbose || parent.common.verbose;
      return o;
    }
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = {"Registers every table of the warehouse in a Hive metastore.",
          "One database per layer and one external Delta table per table, by location: CREATE TABLE "
              + "gold.case_monthly USING delta LOCATION '...'. Creates the metastore's schema the first time. "
              + "Idempotent: a second sync changes nothing and says so; a table the metastore holds at another "
              + "location is re-pointed. Prints each table and what was done.",
          "The user comes from cchc.catalog.user (CCHC_METASTORE_USER) or the URL, the password only from "
              + "CCHC_METASTORE_PASSWORD."},
      footer = {"", "Examples:",
          "  scripts/cchc catalog sync --warehouse data/warehouse --metastore derby:data/metastore",
          "  CCHC_METASTORE_PASSWORD=... scripts/cchc catalog sync --warehouse data/warehouse \\",
          "      --metastore jdbc:postgresql://db:5432/metastore"})
  static final class Sync extends Sub {
    private static final StructType REPORT = new StructType()
        .add("table_name", DataTypes.StringType)
        .add("action", DataTypes.StringType)
        .add("location", DataTypes.StringType);

    @Mixin Paths.WarehouseOption warehouse;
    @Mixin MetastoreOption metastore;

    /**
     * Only the metastore changes: the warehouse is read, not even {@code ops.runs} is written (a second
     * sync changes nothing anywhere). The end of {@code run} syncs as a stage of the run, recorded with it.
     */
    @Override
    protected int execute(AppConfig config) {
      Metastore m = metastore.resolve(config).orElseThrow(() -> new UsageException("missing --metastore "
          + Metastore.FORMS + " (or set cchc.catalog.metastore, CCHC_METASTORE)"));
      String root = warehouse.resolve(config);
      createSchemaIfMissing(m);
      try (Sessions.Lease lease = session(config, name(), Optional.of(m))) {
        Warehouse wh = new Warehouse(lease.spark(), root);
        Stages.requireContent(wh);
        CatalogSync.Result r = CatalogSync.sync(wh);
        List<Row> rows = r.entries().stream()
            .map(e -> RowFactory.create(e.table().sqlName(), e.action().word(), e.location().toString()))
            .toList();
        ResultPrinter.print(REPORT, rows.iterator(), ResultPrinter.Format.TABLE, System.out);
        System.out.println("catalog sync: " + r.summary() + " (metastore " + m + ")");
      }
      return Cchc.OK;
    }
  }

  @Command(name = "statements", mixinStandardHelpOptions = true,
      description = {"Prints the SQL that registers the warehouse's tables in Trino or Databricks.",
          "For Trino's Delta Lake connector: CREATE SCHEMA and CALL <catalog>.system.register_table(...) per table. "
              + "For Databricks' Unity Catalog: CREATE SCHEMA and CREATE TABLE ... USING DELTA LOCATION '...' per "
              + "table. Only the tables the warehouse holds; comments come from their Delta logs. Connects to "
              + "nothing: paste the output."},
      footer = {"", "Examples:",
          "  scripts/cchc catalog statements --warehouse s3a://lake/warehouse --for trino > register.sql",
          "  scripts/cchc catalog statements --warehouse s3a://lake/warehouse --for databricks --catalog cchc"})
  static final class Statements extends Sub {
    @Mixin Paths.WarehouseOption warehouse;

    @Option(names = "--for", paramLabel = "trino|databricks", required = true,
        description = "The engine whose SQL to print.")
    String engine;

    @Option(names = "--catalog", paramLabel = "NAME",
        description = "The catalog to register in (default: delta for Trino, main for Databricks).")
    String catalog;

    @Option(names = "--root-as", paramLabel = "URI",
        description = "The warehouse root as the other engine reaches it (default: the root, s3a:// written s3://).")
    String rootAs;

    @Override
    protected int execute(AppConfig config) {
      CatalogStatements.Engine e = CatalogStatements.Engine.named(engine);
      String name = CatalogStatements.requirePlainName(catalog != null ? catalog : e.defaultCatalog());
      String root = warehouse.resolve(config);
      try (Sessions.Lease lease = session(config, name())) {
        Warehouse wh = new Warehouse(lease.spark(), root);
        Stages.requireContent(wh);
        String seen = CatalogStatements.rootSeenBy(wh.root(), rootAs);
        List<CatalogStatements.Registration> tables = new ArrayList<>();
        for (Table t : Table.values()) {
          if (wh.exists(t)) {
            tables.add(new CatalogStatements.Registration(t, seen + "/" + t.relativePath()));
          }
        }
        CatalogStatements.of(e, name, tables).forEach(System.out::println);
      }
      return Cchc.OK;
    }
  }
}
