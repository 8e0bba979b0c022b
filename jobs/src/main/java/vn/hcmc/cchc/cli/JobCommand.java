package vn.hcmc.cchc.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.session.Sessions;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The wrapper every command shares: parse (picocli), load config, build the session, call {@link
 * #execute}, close. Subclasses hold only their own options and the call into the library.
 */
abstract class JobCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(JobCommand.class);
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Mixin CommonOptions common;

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

  /** A step of a command on the warehouse: it gets the tables and the run's start time. */
  @FunctionalInterface
  interface Step {
    void apply(Target target, Instant startedAt);
  }

  /** Runs {@code steps} in one Spark application, one run id, on the warehouse at {@code root}. */
  static void onWarehouse(AppConfig config, String command, String root, Step... steps) throws Exception {
    Instant now = Instant.now();
    try (SparkSession spark = session(config, command)) {
      Target t = Target.of(spark, root, newRunId(now));
      for (Step s : steps) {
        s.apply(t, now);
      }
    }
  }

  /** The warehouse a command writes, with a writer tagging commits with {@code runId}. */
  record Target(Warehouse warehouse, DeltaWriter writer) {
    static Target of(SparkSession spark, String root, String runId) {
      Warehouse wh = new Warehouse(spark, root);
      return new Target(wh, new DeltaWriter(wh, runId));
    }
  }
}
