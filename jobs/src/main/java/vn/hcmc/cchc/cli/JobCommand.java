package vn.hcmc.cchc.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.ops.RunRecord;
import vn.hcmc.cchc.pipeline.LayoutCheck;
import vn.hcmc.cchc.session.ProgressReporter;
import vn.hcmc.cchc.session.Sessions;
import vn.hcmc.cchc.session.Stopwatch;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Layout;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;
import vn.hcmc.cchc.tables.WarehouseLock;

/**
 * The wrapper every command shares: parse (picocli), load config and log it (secrets masked), build
 * the session, call {@link #execute}, close. Commands that change the warehouse run their stages
 * through {@link #onWarehouse}, which records the run in {@code ops.runs}. Subclasses hold only
 * their own options and the call into the library.
 */
abstract class JobCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(JobCommand.class);
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Command-line values that override config keys (only non-null ones apply). */
  protected Map<String, Object> overrides() {
    return Map.of();
  }

  protected abstract int execute(AppConfig config) throws Exception;

  @Override
  public final Integer call() throws Exception {
    Logging.configure(common.verbose);
    AppConfig config = AppConfig.load(common.conf, overrides());
    if (common.verbose) {
      LOG.info("effective config ({}):\n{}", config.file(), config.describe());
    } else {
      LOG.info("config {}: {}", config.file(), config.describe().strip().replace("\n", "; "));
    }
    return execute(config);
  }

  /** A new run id: UTC time of the start and a random suffix, e.g. {@code 20261125T101500Z-3fa2c1}. */
  static String newRunId(Instant now) {
    byte[] b = new byte[3];
    ThreadLocalRandom.current().nextBytes(b);
    return RUN_TIME.format(now) + "-" + HexFormat.of().formatHex(b);
  }

  /** A Spark session configured from {@code cchc.spark.conf}; the caller closes it. */
  static SparkSession session(AppConfig config, String command) {
    return Sessions.create("cchc " + command, config.sparkConf());
  }

  /** What a stage does with the warehouse: it gets the tables and the run's start time, and says what it did. */
  @FunctionalInterface
  interface StageBody {
    RunRecord.Stage apply(Target target, Instant startedAt);
  }

  /** A named stage of a command ({@code ingest}, {@code normalize}, ...). */
  record Step(String name, StageBody body) {}

  /**
   * Runs {@code steps} in one Spark application, under one run id, on the warehouse at {@code
   * root}, and records the run in {@code ops.runs} whether it succeeds or fails (not a first run
   * that failed before its first write: it leaves no warehouse behind). A command that changes
   * tables holds the warehouse's lock ({@link WarehouseLock}) and checks the tables' layout
   * ({@link LayoutCheck}) before its first write. {@code window}: the export days the run took,
   * for the record.
   */
  void onWarehouse(AppConfig config, String root, ExportWindow window, Step... steps) throws Exception {
    Instant started = Instant.now();
    String command = spec.name();
    Layout layout = Layout.parse(config.string("cchc.layout.silver-cases"));
    try (SparkSession spark = session(config, command);
        ProgressReporter progress = ProgressReporter.start(spark.sparkContext(),
            config.raw().getLong("cchc.progress.interval-seconds"))) {
      Target t = Target.of(spark, root, newRunId(started), layout);
      boolean existed = t.warehouse().rootExists();
      try (AutoCloseable lock = changesTables() ? lock(config, t, command) : null) {
        if (changesTables()) {
          LayoutCheck.requireCurrent(t.warehouse()); // before the first write: an old warehouse fails whole
        }
        runStages(config, t, command, window, started, progress, existed, steps);
      } finally {
        if (!existed) {
          t.warehouse().deleteRootIfEmpty();
        }
      }
    }
  }

  /** Whether the command changes tables, and so holds the warehouse's lock while it runs. */
  protected boolean changesTables() {
    return true;
  }

  private static WarehouseLock lock(AppConfig config, Target t, String command) {
    return WarehouseLock.acquire(t.warehouse().spark().sparkContext().hadoopConfiguration(), t.warehouse().root(),
        t.writer().runId(), command, config.raw().getDuration("cchc.lock.wait"),
        config.raw().getDuration("cchc.lock.stale-after"), Clock.systemUTC());
  }

  private void runStages(AppConfig config, Target t, String command, ExportWindow window, Instant started,
      ProgressReporter progress, boolean existed, Step... steps) {
    SparkSession spark = t.warehouse().spark();
    List<RunRecord.Stage> stages = new ArrayList<>();
    String error = null;
    try {
      for (Step s : steps) {
        progress.stage(s.name());
        stages.add(s.body().apply(t, started));
      }
    } catch (RuntimeException | Error e) {
      error = Cchc.oneLine(e);
      throw e;
    } finally {
      RunRecord run = new RunRecord(t.writer().runId(), command, String.join(" ", arguments()),
          config.file().toString(), spark.sparkContext().master(), spark.sparkContext().applicationId(),
          window.from(), window.to(), started, Instant.now(), error == null ? RunRecord.SUCCEEDED : RunRecord.FAILED,
          error, stages, t.writer().commits());
      // a first run that failed before writing anything leaves no warehouse behind
      if (existed || !t.writer().commits().isEmpty()) {
        audit(t, run);
      }
    }
  }

  /** A stage that only counts what it did, as {@code ops.runs} holds it. */
  static RunRecord.Stage stage(String name, Stopwatch clock, Long in, Long out, Long quarantined, String detail) {
    return new RunRecord.Stage(name, in, out, quarantined, clock.seconds(), detail);
  }

  /** The arguments after the command name, as given (the record masks secrets). */
  private List<String> arguments() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    int at = args.indexOf(spec.name());
    return at < 0 ? args : args.subList(at + 1, args.size());
  }

  /** Appends the run to {@code ops.runs}; a failure to do so is logged, never hides the run's own outcome. */
  private static void audit(Target t, RunRecord run) {
    try {
      SparkSession spark = t.warehouse().spark();
      t.writer().append(Table.OPS_RUNS, spark.createDataFrame(List.of(run.toRow()), RunRecord.SCHEMA));
      LOG.info(String.format(java.util.Locale.ROOT, "%s: run %s %s in %.1f s (ops.runs)", run.command(), run.runId(),
          run.status(), run.seconds()));
    } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes
      LOG.warn("could not record run {} in ops.runs: {}", run.runId(), Cchc.oneLine(e));
    }
  }

  /** The warehouse a command writes, with a writer tagging commits with {@code runId}. */
  record Target(Warehouse warehouse, DeltaWriter writer) {
    static Target of(SparkSession spark, String root, String runId, Layout layout) {
      Warehouse wh = new Warehouse(spark, root);
      return new Target(wh, new DeltaWriter(wh, runId, layout));
    }
  }
}
