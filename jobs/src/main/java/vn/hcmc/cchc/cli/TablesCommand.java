package vn.hcmc.cchc.cli;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.serve.ResultPrinter;
import vn.hcmc.cchc.session.Sessions;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.TableDetail;
import vn.hcmc.cchc.tables.Warehouse;

@Command(name = "tables", mixinStandardHelpOptions = true,
    description = {"Every table of the warehouse as a reader meets it.",
        "For each table: its Delta version, rows, data files and bytes, the Delta reader and writer versions "
            + "it demands and the protocol features they stand for. Reader version 1 is read by every Delta "
            + "reader; 3 with deletionVectors is refused by delta-rs, Polars and Presto (docs/DECISIONS.md)."},
    footer = {"", "Examples:", "  scripts/cchc tables --warehouse data/warehouse",
        "  scripts/cchc tables --warehouse data/warehouse --format json"})
final class TablesCommand extends JobCommand {
  static final StructType SCHEMA = new StructType().add("table_name", StringType).add("version", LongType)
      .add("rows", LongType).add("files", LongType).add("bytes", LongType).add("reader_version", IntegerType)
      .add("writer_version", IntegerType).add("features", StringType);

  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  protected int execute(AppConfig config) throws Exception {
    ResultPrinter.Format f = SqlCommand.format(format);
    String root = warehouse.resolve(config);
    try (Sessions.Lease lease = session(config, "tables")) {
      Warehouse wh = new Warehouse(lease.spark(), root);
      List<Row> rows = new ArrayList<>();
      for (Table t : Table.values()) {
        if (wh.exists(t)) {
          TableDetail d = TableDetail.of(wh, t);
          rows.add(RowFactory.create(t.sqlName(), d.version(), d.rows(), d.files(), d.bytes(),
              d.protocol().readerVersion(), d.protocol().writerVersion(), String.join(" ", d.protocol().features())));
        }
      }
      if (rows.isEmpty()) {
        throw new UsageException("no table in " + root + " (no command has written one yet, or fix --warehouse)");
      }
      ResultPrinter.print(SCHEMA, rows.iterator(), f, System.out);
    }
    return Cchc.OK;
  }
}
