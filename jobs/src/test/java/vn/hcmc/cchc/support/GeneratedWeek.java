package vn.hcmc.cchc.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.generate.Generated;
import vn.hcmc.cchc.config.PiiKey;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The generated week the end-to-end tests run: 2021-03-29 .. 2021-04-04 at 0.2% of the city's
 * volume, seed 11, with 4% bad records so that every quarantine reason shows up. Generated in process
 * once per build ({@link BuiltOnce}); its users only read it. {@link #warehouse()} is that week run
 * raw to gold by the {@code run} command in process, with {@link #PII_KEY}: a run through {@code
 * scripts/cchc} given {@link #keyEnv()} writes the same rows (but for its run's lineage columns).
 */
public final class GeneratedWeek {
  public static final String FROM = "2021-03-29";
  public static final String TO = "2021-04-04";
  public static final double SCALE = 0.002;
  public static final long SEED = 11;
  public static final double BAD_RECORD_SHARE = 0.04;
  /** The one pseudonymisation key of the week's warehouses, in process and through the launcher. */
  public static final String PII_KEY = "generated-week-test-key-0123456789";

  /** The tables two runs of the week must agree on. */
  public static final List<Table> COMPARED = List.of(Table.SILVER_CASES, Table.SILVER_QUARANTINE,
      Table.GOLD_CASE_MONTHLY, Table.GOLD_PROCEDURE_MONTHLY, Table.GOLD_WORK_MONTHLY, Table.GOLD_TARGET_ATTAINMENT);
  /** Lineage that differs between two runs by design: the batch (run) id and the ingest instant. */
  private static final String[] PER_RUN_COLUMNS = {"batch_id", "ingested_at"};

  private static Path raw;
  private static Path conf;
  private static Warehouse warehouse;

  private GeneratedWeek() {}

  /** The landing zone (built on first use; later callers share it). */
  public static synchronized Path raw() {
    if (raw == null) {
      raw = BuiltOnce.folder("week-2021-03-29-raw", dir -> Generated.run(
          Generated.spec(dir, FROM, TO, SCALE, SEED).withBadRecordShare(BAD_RECORD_SHARE)));
    }
    return raw;
  }

  /** The week's warehouse, as {@code scripts/cchc run --raw raw() --warehouse ...} writes it (built on first use). */
  public static synchronized Warehouse warehouse() {
    if (warehouse == null) {
      Path source = raw();
      Path root = BuiltOnce.folder("week-2021-03-29-warehouse", dir -> {
        // the key of this JVM's environment would win over the key file (PiiKey)
        assertThat(AppConfig.env(PiiKey.ENV)).as(PiiKey.ENV + " of the test JVM's environment: unset it").isEmpty();
        Launcher.Outcome run = InProcessCli.run("run", "--conf", conf().toString(), "--raw", source.toString(),
            "--warehouse", dir.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
      });
      warehouse = new Warehouse(TestSpark.session(), root.toString());
    }
    return warehouse;
  }

  /** {@code other}, another run of the week, holds the rows of {@link #warehouse()} in every {@link #COMPARED} table. */
  public static void assertSameRows(Warehouse other) {
    for (Table t : COMPARED) {
      Dataset<Row> expected = warehouse().read(t).drop(PER_RUN_COLUMNS);
      assertThat(expected.count()).as(t.sqlName()).isPositive();
      Frames.assertSameRows(expected, other.read(t).drop(PER_RUN_COLUMNS));
    }
  }

  /** {@code CCHC_PII_KEY}, for a run through {@code scripts/cchc} on {@link #raw()}. */
  public static Map<String, String> keyEnv() {
    return Map.of(PiiKey.ENV, PII_KEY);
  }

  /**
   * A config file for the week's commands: {@link InProcessCli#localConf()}, the week's share of bad records
   * for {@code generate}, and {@link #PII_KEY} in a key file (an in-process command has this JVM's
   * environment, not {@link #keyEnv()}).
   */
  public static synchronized Path conf() {
    if (conf == null) {
      Path key = TestSpark.tempDir("week-key").resolve("pii.key");
      try {
        Files.writeString(key, PII_KEY, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      conf = InProcessCli.confFile("week", "cchc.generate.bad-record-share = " + BAD_RECORD_SHARE + "\n"
          + "cchc.pii.key-file = \"" + key + "\"\n");
    }
    return conf;
  }
}
