package vn.hcmc.cchc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.session.Sessions;

/**
 * The peers of {@code scripts/bench}, one sub-command each: what the pipeline's stages are measured
 * against on the same data. {@code scripts/bench} times every sub-command as its own process.
 * Each writes what it measured inside the process as one JSON object to {@code --result}.
 */
@Command(
    name = "cchc-bench",
    mixinStandardHelpOptions = true,
    description = "The peers of scripts/bench: plain Spark, DuckDB, and the cross-check of gold.case_monthly.",
    subcommands = {
      Bench.PlainSpark.class,
      Bench.Export.class,
      Bench.DuckDb.class,
      Bench.Check.class,
      Bench.Scan.class,
      Bench.Floor.class,
      Bench.Queries.class,
      CommandLine.HelpCommand.class
    })
public final class Bench implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    int code = new CommandLine(new Bench())
        .setExecutionExceptionHandler((ex, cli, parsed) -> {
          cli.getErr().println("cchc-bench " + cli.getCommandName() + " failed: " + ex);
          return 1;
        })
        .execute(args);
    System.out.flush();
    System.exit(code);
  }

  /** Where a sub-command writes what it measured. */
  static class ResultFile {
    @Option(names = "--result", required = true, description = "JSON file for what was measured")
    Path result;

    void write(Map<String, ?> values) throws IOException {
      Files.writeString(result, json(values) + "\n");
    }

    /** What {@code measure} found in a local session ({@link #session}), written and printed under {@code label}. */
    int inSession(String label, Measure measure) throws Exception {
      try (SparkSession spark = session()) {
        Map<String, Object> found = measure.apply(spark);
        write(found);
        System.out.println(label + ": " + found);
      }
      return 0;
    }

    interface Measure {
      Map<String, Object> apply(SparkSession spark) throws Exception;
    }

    /** A flat or nested map of strings, numbers and maps as a JSON object. */
    private static String json(Map<?, ?> values) {
      return values.entrySet().stream()
          .map(e -> quoted(String.valueOf(e.getKey())) + ": " + (e.getValue() instanceof String s ? quoted(s)
              : e.getValue() instanceof Map<?, ?> m ? json(m) : String.valueOf(e.getValue())))
          .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String quoted(String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  /** The DuckDB sub-commands: they read the folder {@code export} wrote (and {@code duckdb} adds its result there). */
  abstract static class OnExport extends ResultFile {
    @Option(names = "--export", required = true, description = "the folder `export` wrote")
    Path export;
  }

  /**
   * The Spark sub-commands: one local session, as scripts/cchc runs it with conf/local.conf;
   * instants go to Parquet as UTC-adjusted microseconds (what DuckDB reads as instants).
   */
  abstract static class SparkPeer extends ResultFile implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "the folder it writes (replaced)")
    String out;

    /** What it measured, for {@code --result}. */
    abstract Map<String, ?> run(SparkSession spark);

    @Override
    public Integer call() throws IOException {
      try (SparkSession spark = session()) {
        write(run(spark));
      }
      return 0;
    }
  }

  /** The local session every Spark peer runs in, with conf/local.conf's Spark settings. */
  static SparkSession session() {
    return Sessions.create("cchc-bench", Map.of(
        "spark.sql.shuffle.partitions", "4",
        "spark.databricks.delta.snapshotPartitions", "1",
        "spark.ui.enabled", "false",
        "spark.driver.bindAddress", "127.0.0.1",
        "spark.driver.host", "127.0.0.1",
        "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS"));
  }

  @Command(name = "queries", mixinStandardHelpOptions = true,
      description = "Agency-filtered drill-down queries on silver.cases: median time, files and bytes scanned.")
  static final class Queries extends ResultFile implements Callable<Integer> {
    @Option(names = "--warehouse", required = true)
    String warehouse;

    @Option(names = "--repeats", defaultValue = "5", description = "timed runs of each query (default: ${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() throws Exception {
      return inSession("queries", spark -> BiQueries.run(spark, warehouse, repeats));
    }
  }

  @Command(name = "plain-spark", mixinStandardHelpOptions = true,
      description = "The write path's lower bound: the raw case files read as text and written as Parquet below --out, no logic.")
  static final class PlainSpark extends SparkPeer {
    @Option(names = "--raw", required = true, description = "the landing zone (cases/dvc, cases/legacy below it)")
    String raw;

    @Override
    Map<String, ?> run(SparkSession spark) {
      long t0 = System.nanoTime();
      long rows = PlainSparkCopy.copy(spark, raw, out);
      return Map.of("rows", rows, "seconds", (System.nanoTime() - t0) / 1e9);
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "silver.cases and gold.case_monthly as they are now, as plain Parquet below --out (for DuckDB).")
  static final class Export extends SparkPeer {
    @Option(names = "--warehouse", required = true)
    String warehouse;

    @Override
    Map<String, ?> run(SparkSession spark) {
      return SnapshotExport.export(spark, warehouse, out);
    }
  }

  @Command(name = "duckdb", mixinStandardHelpOptions = true,
      description = "gold.case_monthly's counts computed by DuckDB from the Parquet export of silver.cases.")
  static final class DuckDb extends OnExport implements Callable<Integer> {
    @Option(names = "--memory-limit", defaultValue = "4GiB", description = "DuckDB's memory_limit (default: ${DEFAULT-VALUE}, as the Spark driver)")
    String memoryLimit;

    @Override
    public Integer call() throws Exception {
      write(DuckDbCaseMonthly.compute(export, memoryLimit));
      return 0;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "DuckDB's case_monthly against gold.case_monthly, row by row and count by count. Exit 1 on a difference.")
  static final class Check extends OnExport implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      Map<String, Object> found = DuckDbCaseMonthly.check(export);
      write(found);
      System.out.println("cross-check: " + found);
      return "passed".equals(found.get("status")) ? 0 : 1;
    }
  }

  @Command(name = "scan", mixinStandardHelpOptions = true,
      description = "The marts' floor: their input columns of silver.cases read and hashed, by Spark (silver.cases, the export) and DuckDB (the export).")
  static final class Scan extends OnExport implements Callable<Integer> {
    @Option(names = "--warehouse", required = true)
    String warehouse;

    @Option(names = "--memory-limit", defaultValue = "4GiB", description = "DuckDB's memory_limit (default: ${DEFAULT-VALUE}, as the Spark driver)")
    String memoryLimit;

    @Override
    public Integer call() throws Exception {
      return inSession("scan", spark -> ScanFloor.measure(spark, warehouse, export, memoryLimit));
    }
  }

  @Command(name = "daily-floor", mixinStandardHelpOptions = true,
      description = "The daily run's floor: a fresh JVM touches each table a day changes or reads and commits one row to each it changes. Writes into --warehouse: give it a copy.")
  static final class Floor extends ResultFile implements Callable<Integer> {
    @Option(names = "--warehouse", required = true, description = "a copy of the warehouse (it is written)")
    String warehouse;

    @Option(names = "--warm-up", description = "one table read and one written: for the launch that writes a class-data archive")
    boolean warmUp;

    @Override
    public Integer call() throws Exception {
      return inSession("daily-floor", spark -> warmUp ? DailyFloor.warmUp(spark, warehouse)
          : DailyFloor.measure(spark, warehouse));
    }
  }
}
