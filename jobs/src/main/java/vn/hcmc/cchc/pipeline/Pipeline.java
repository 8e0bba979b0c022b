package vn.hcmc.cchc.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.config.Messages;
import vn.hcmc.cchc.config.Secrets;
import vn.hcmc.cchc.config.Settings;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.ops.RunRecord;
import vn.hcmc.cchc.session.ProgressReporter;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.HolderKiller;
import vn.hcmc.cchc.tables.Layout;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;
import vn.hcmc.cchc.tables.WarehouseLock;

/**
 * One run on a warehouse, as a library call: what {@code scripts/cchc run} (and every command that
 * changes tables) does between opening a session and mapping the outcome to an exit code, so that
 * Airflow's commands, a test or an embedding application run exactly the same thing. A run has one
 * run id; when it changes tables it holds the warehouse's lock ({@link WarehouseLock}) and checks
 * the tables' layout ({@link LayoutCheck}) before its first write; its stages run in order; it is
 * recorded in {@code ops.runs} whether it succeeds or fails (not a first run that failed before its
 * first write: it leaves no warehouse behind). The session is the caller's: it is never stopped here.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Pipeline() {}

  /**
   * What a run is asked to do.
   *
   * @param command the command's name, as {@code ops.runs} records it ({@code run}, {@code maintain}, ...)
   * @param arguments the arguments as given (the record masks secrets)
   * @param warehouse the warehouse root, a local path or URI
   * @param window the export days the run takes, for the record
   * @param changesTables whether the run writes tables (and so holds the lock and checks the layout)
   * @param stages what the run does, in order
   */
  public record Params(String command, List<String> arguments, String warehouse, ExportWindow window,
      boolean changesTables, List<Stage> stages) {
    public Params {
      arguments = List.copyOf(arguments);
      stages = List.copyOf(stages);
    }

    /** A run that changes tables. */
    public static Params of(String command, List<String> arguments, String warehouse, ExportWindow window,
        Stage... stages) {
      return new Params(command, arguments, warehouse, window, true, List.of(stages));
    }
  }

  /** A named stage: it gets the run's warehouse, writer and start time, and says what it did. */
  public record Stage(String name, Body body) {}

  /** The work of a {@link Stage}. */
  @FunctionalInterface
  public interface Body {
    RunRecord.Stage apply(Run run);
  }

  /**
   * The warehouse a run works on, the writer that tags its commits with the run id, when it started,
   * and the failures its stages deferred to its end ({@link #failAtEnd}).
   */
  public record Run(Warehouse warehouse, DeltaWriter writer, Instant startedAt, List<RuntimeException> deferred) {
    Run(Warehouse warehouse, DeltaWriter writer, Instant startedAt) {
      this(warehouse, writer, startedAt, new ArrayList<>());
    }

    /**
     * Fails the run with {@code failure} once every stage has run, not now: for a verdict on what is
     * written (the quality rules) that must not stop the stages after it (the catalog's sync). The
     * first one deferred is the run's error.
     */
    public void failAtEnd(RuntimeException failure) {
      deferred.add(failure);
    }
  }

  /**
   * Runs {@code params} on {@code spark}; returns the run as {@code ops.runs} recorded it. A stage's
   * exception ends the run and is rethrown once the run is recorded as failed; a failure a stage
   * deferred ({@link Run#failAtEnd}) does the same after the last stage.
   */
  public static RunRecord run(SparkSession spark, Settings settings, Params params) {
    Instant started = Instant.now();
    Layout layout = Layout.parse(settings.silverLayout());
    Warehouse wh = new Warehouse(spark, params.warehouse());
    Run run = new Run(wh, new DeltaWriter(wh, newRunId(started), layout), started);
    boolean existed = wh.rootExists();
    try (ProgressReporter progress = ProgressReporter.start(spark.sparkContext(),
            settings.progressInterval().toSeconds());
        AutoCloseable lock = params.changesTables() ? lock(settings, run, params.command()) : null) {
      if (params.changesTables()) {
        LayoutCheck.requireCurrent(wh); // before the first write: an old warehouse fails whole
      }
      return runStages(settings, run, params, progress, existed);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) { // closing the lock: AutoCloseable's signature
      throw new IllegalStateException(Messages.oneLine(e), e);
    } finally {
      if (!existed) {
        wh.deleteRootIfEmpty();
      }
    }
  }

  /** A new run id: UTC time of the start and a random suffix, e.g. {@code 20261125T101500Z-3fa2c1}. */
  public static String newRunId(Instant now) {
    byte[] b = new byte[3];
    ThreadLocalRandom.current().nextBytes(b);
    return RUN_TIME.format(now) + "-" + HexFormat.of().formatHex(b);
  }

  private static WarehouseLock lock(Settings settings, Run run, String command) {
    Warehouse wh = run.warehouse();
    SparkContext sc = wh.spark().sparkContext();
    Settings.Lock lock = settings.lock();
    return WarehouseLock.acquire(sc.hadoopConfiguration(), wh.root(), run.writer().runId(), command,
        sc.applicationId() + " on " + sc.master(), lock.maxWait(), lock.staleAfter(),
        lock.killHolder() ? Optional.of(new HolderKiller(lock.masterUi())) : Optional.empty(), Clock.systemUTC());
  }

  private static RunRecord runStages(Settings settings, Run run, Params params, ProgressReporter progress,
      boolean existed) {
    SparkSession spark = run.warehouse().spark();
    List<RunRecord.Stage> stages = new ArrayList<>();
    String error = null;
    RunRecord record = null;
    try {
      for (Stage s : params.stages()) {
        progress.stage(s.name());
        stages.add(s.body().apply(run));
      }
      if (!run.deferred().isEmpty()) {
        throw run.deferred().get(0);
      }
    } catch (RuntimeException | Error e) {
      error = Messages.oneLine(e);
      throw e;
    } finally {
      DeltaWriter writer = run.writer();
      record = new RunRecord(writer.runId(), params.command(), Secrets.maskArguments(params.arguments()),
          settings.file().toString(), spark.sparkContext().master(), spark.sparkContext().applicationId(),
          params.window().from(), params.window().to(), run.startedAt(), Instant.now(),
          error == null ? RunRecord.SUCCEEDED : RunRecord.FAILED, error, stages, writer.commits());
      // a first run that failed before writing anything leaves no warehouse behind
      if (existed || !writer.commits().isEmpty()) {
        audit(run, record);
      }
    }
    return record;
  }

  /** Appends the run to {@code ops.runs}; a failure to do so is logged, never hides the run's own outcome. */
  private static void audit(Run run, RunRecord record) {
    try {
      SparkSession spark = run.warehouse().spark();
      run.writer().append(Table.OPS_RUNS, spark.createDataFrame(List.of(record.toRow()), RunRecord.SCHEMA));
      LOG.info(String.format(Locale.ROOT, "%s: run %s %s in %.1f s (ops.runs)", record.command(), record.runId(),
          record.status(), record.seconds()));
    } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes
      LOG.warn("could not record run {} in ops.runs: {}", record.runId(), Messages.oneLine(e));
    }
  }
}
