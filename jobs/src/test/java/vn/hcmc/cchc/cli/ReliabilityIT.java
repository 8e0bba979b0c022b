package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.Messages;
import vn.hcmc.cchc.config.Settings;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.ops.RunRecord;
import vn.hcmc.cchc.pii.Pseudonymizer;
import vn.hcmc.cchc.pipeline.Pipeline;
import vn.hcmc.cchc.pipeline.Stages;
import vn.hcmc.cchc.support.Folders;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.GeneratedWeek;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.PersonalData;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.WarehouseLock;

/**
 * Faults on purpose on the generated week ({@link GeneratedWeek}: its landing zone, and its
 * warehouse as the clean run every other is compared with): the driver of {@code scripts/cchc run}
 * killed with SIGKILL at five points of a run in turn, then run again (real processes: a kill is what is tested); two
 * runs at once and a warehouse of an older layout (in process: the lock and the layout check are on
 * storage, not in the process); every table compared with a clean run's, and every table and every
 * line the runs printed searched for the raw files' personal data. docs/RELIABILITY.md quotes the
 * figures. Every run uses the week's key, so tables compare row for row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {
  private static final String PII_KEY = GeneratedWeek.PII_KEY;
  private static final Map<String, String> KEY = GeneratedWeek.keyEnv();
  /** What differs between two runs by design: the batch (run) id, the instants of the stages, the versions a replay judged against. */
  private static final Set<String> PER_RUN_COLUMNS = Set.of("batch_id", "ingested_at", "normalized_at", "detected_at",
      "run_id", "replayed_at", "agencies_version", "procedures_version");

  /** A moment of a run at which the driver is killed, seen from the warehouse's files. */
  record KillPoint(String name, Predicate<Path> reached) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One point per way a rerun recovers: the state of each stage's commits, and files that no commit
   * names (once in a stage's middle, once at the very end). Until 6 December the chain also killed
   * ingest while writing bronze.cases' files and marts while writing gold.target_attainment's: the
   * same recovery as the MERGE mid-write and the audit (files no commit names are invisible to
   * Delta), and two launched runs of CI time.
   */
  private static final List<KillPoint> KILL_POINTS = List.of(
      new KillPoint("ingest: bronze.cases committed, ledger not", commit("bronze/cases", 1)),
      new KillPoint("normalize: silver.cases MERGE mid-write, quarantine committed", dataFile("silver/cases")),
      new KillPoint("normalize: silver.cases merged, reconciliation not", commit("silver/cases", 1)),
      new KillPoint("marts: gold.case_monthly committed, target attainment not", commit("gold/case_monthly", 1)),
      new KillPoint("audit: ops.runs being written", dataFile("ops/runs")));

  private Path dir;
  private String conf;
  private String raw;
  private Path clean;
  private final List<Outcome> outputs = new ArrayList<>();
  private final List<String> killReport = new ArrayList<>();

  @BeforeAll
  void theGeneratedWeekAndItsCleanRun() throws IOException {
    dir = Files.createTempDirectory("cchc-reliability");
    conf = GeneratedWeek.conf().toString();
    raw = GeneratedWeek.raw().toString();
    clean = Path.of(GeneratedWeek.warehouse().root());
  }

  /**
   * {@code run} on {@code warehouse} through the launcher, as Airflow starts it; {@code --verbose}:
   * Spark's own log lines are searched for personal data too.
   */
  private Outcome launched(Path warehouse) {
    Outcome o = Launcher.run(KEY, "run", "--verbose", "--raw", raw, "--warehouse",
        warehouse.toString());
    outputs.add(o);
    return o;
  }

  /** {@code run} on {@code warehouse} in this JVM, as the jar's entry point runs it. */
  private Outcome inProcess(Path warehouse, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--conf", conf, "--raw", raw, "--warehouse", warehouse.toString()));
    args.addAll(List.of(more));
    Outcome o = InProcessCli.run(args.toArray(String[]::new));
    outputs.add(o);
    return o;
  }

  /**
   * One warehouse, the driver killed at each point in turn: every run after the first starts from the
   * state the kill before it left and takes over the dead run's lock, so each point is reached by a run
   * that is recovering from the previous one; the run after the last kill completes. The tables are
   * then those of one clean run. (One chain rather than five independent reruns: the same recovery
   * paths, in a third of the time.)
   */
  @Test
  @Order(1)
  void aRunKilledAtEachPointInTurnAndRunAgainLeavesTheTablesOfACleanRun() throws Exception {
    Path wh = dir.resolve("killed");
    int i = 0;
    for (KillPoint k : KILL_POINTS) {
      String state = killAt(k, wh, ++i);
      killReport.add(String.format(Locale.ROOT, "%d. %s: killed with %s", i, k, state));
    }
    Outcome again = launched(wh);
    assertThat(again.exitCode()).as("the run after the last kill\n" + again.stderr()).isZero();
    assertThat(again.stderr()).contains("taking over the stale lock");
    assertSameTables(clean, wh, "after " + KILL_POINTS.size() + " kills");
    killReport.add("then a run: exit 0, every table equal to the clean run's, 0 rows lost");
    killReport.forEach(l -> System.out.println("ReliabilityIT: " + l));
  }

  private Process startRun(Path wh, Path log) throws IOException {
    return Launcher.start("cchc", KEY, log, "run", "--verbose", "--raw", raw, "--warehouse",
        wh.toString());
  }

  /**
   * Starts the {@code n}th run into {@code wh}, SIGKILLs the JVM the moment {@code k} is reached, says
   * what had committed. From the second on, the run must have taken over the lock the one before left.
   */
  private String killAt(KillPoint k, Path wh, int n) throws Exception {
    Path log = dir.resolve("killed-" + n + ".log");
    // a point the previous run already passed would kill this one at once, before any recovery work
    assertThat(k.reached().test(wh)).as(k + ": reached before the run started").isFalse();
    Process p = startRun(wh, log); // the driver's own pid
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!k.reached().test(wh)) {
      if (!p.isAlive()) {
        fail(k + ": the run ended before the kill point\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      assertThat(System.nanoTime()).as(k + ": not reached in 5 minutes").isLessThan(deadline);
      Thread.sleep(10);
    }
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(k + ": killed by signal 9").isEqualTo(128 + 9);
    assertThat(wh.resolve(WarehouseLock.FILE)).as("the dead run's lock").exists();
    if (n > 1) {
      assertThat(Files.readString(log, StandardCharsets.UTF_8)).as(k + ": the previous run's lock")
          .contains("taking over the stale lock");
    }
    return "SIGKILL (tables committed then: " + committed(wh) + ")";
  }

  /**
   * Two runs at once on one warehouse (two threads of this JVM, one session, so their stages truly
   * overlap): one does the work, the other is refused by the lock with one line naming the holder;
   * a rerun then has nothing left to do but leaves the tables of a clean run.
   */
  @Test
  @Order(2)
  void twoRunsAtOnceOneRefusedWithOneLineAndTheRerunCompletesTheWork() throws Exception {
    Path wh = dir.resolve("concurrent");
    Settings settings = AppConfig.load(Path.of(conf), Map.of()).settings();
    Pseudonymizer pii = new Pseudonymizer(PII_KEY.getBytes(StandardCharsets.UTF_8));
    Pipeline.Params params = Pipeline.Params.of("run", List.of(), wh.toString(), ExportWindow.ALL,
        Stages.daily(raw, ExportWindow.ALL, pii, settings.referenceDir(), false).toArray(Pipeline.Stage[]::new));
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    List<java.util.concurrent.Future<RunRecord>> both = new ArrayList<>();
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    for (int n = 0; n < 2; n++) {
      both.add(two.submit(() -> {
        start.await();
        return Pipeline.run(TestSpark.session(), settings, params);
      }));
    }
    start.countDown();
    List<String> refusals = new ArrayList<>();
    int succeeded = 0;
    for (java.util.concurrent.Future<RunRecord> f : both) {
      try {
        assertThat(f.get(10, TimeUnit.MINUTES).status()).isEqualTo(RunRecord.SUCCEEDED);
        succeeded++;
      } catch (java.util.concurrent.ExecutionException e) {
        refusals.add(Messages.oneLine(e.getCause()));
      }
    }
    two.shutdown();
    assertThat(succeeded).isEqualTo(1);
    assertThat(refusals).hasSize(1);
    assertThat(refusals.get(0)).doesNotContain("\n").contains("is in use by `run` run ")
        .contains("run again when it has finished");
    Outcome rerun = inProcess(wh);
    assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
    assertSameTables(clean, wh, "two runs at once, then a rerun");
  }

  @Test
  @Order(3)
  void aWarehouseOfAnOlderLayoutFailsWithOneLineAndNothingCommitted() throws IOException {
    Path wh = dir.resolve("older");
    Folders.copy(clean, wh);
    SparkSession spark = TestSpark.session();
    String files = wh.resolve(Table.BRONZE_FILES.relativePath()).toString();
    // the ledger as an older release wrote it: without the size and modification time columns
    Dataset<Row> older = Frames.snapshot(spark.read().format("delta").load(files)).drop("size", "modified_at");
    older.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(files);
    Set<String> before = deltaLogs(wh);
    Outcome o = inProcess(wh);
    assertThat(o.exitCode()).isEqualTo(1);
    List<String> failed = o.stderr().lines().filter(l -> l.startsWith("cchc run failed:")).toList();
    assertThat(failed).containsExactly("cchc run failed: the warehouse " + wh + " has an older layout: bronze.files "
        + "lacks size bigint, modified_at bigint; rebuild it from the landing zone into a new --warehouse "
        + "(docs/RELIABILITY.md, \"Older warehouses\")");
    assertThat(deltaLogs(wh)).isEqualTo(before);
    assertThat(wh.resolve(WarehouseLock.FILE)).doesNotExist();
  }

  @Test
  @Order(4)
  void noPersonalValueOfTheRawFilesIsInAnyTableOrAnyLineTheRunsPrinted() throws IOException {
    Set<String> personal = PersonalData.in(Path.of(raw));
    assertThat(personal).hasSizeGreaterThan(50);
    SparkSession spark = TestSpark.session();
    StringBuilder all = new StringBuilder();
    int tables = 0;
    for (Table t : Table.values()) {
      Path location = clean.resolve(t.relativePath());
      if (Files.isDirectory(location.resolve("_delta_log"))) {
        spark.read().format("delta").load(location.toString()).toJSON().collectAsList()
            .forEach(l -> all.append(l).append('\n'));
        tables++;
      }
    }
    assertThat(tables).isGreaterThanOrEqualTo(13);
    long lines = 0;
    for (Outcome o : outputs) {
      all.append(o.stdout()).append('\n').append(o.stderr()).append('\n');
      lines += o.stdout().lines().count() + o.stderr().lines().count();
    }
    try (Stream<Path> logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        all.append(text).append('\n');
        lines += text.lines().count();
      }
    }
    String text = Normalizer.normalize(all.toString(), Normalizer.Form.NFC);
    for (String p : personal) {
      assertThat(text).as("a personal value").doesNotContain(p);
    }
    assertThat(text).as("the key").doesNotContain(PII_KEY);
    System.out.printf(Locale.ROOT, "ReliabilityIT: %d personal values searched in %d tables and %d printed lines:"
        + " none found%n", personal.size(), tables, lines);
  }

  /** Every table but the run audit, without per-run lineage; reconciliation by its totals (batches differ). */
  private static void assertSameTables(Path expected, Path actual, String why) {
    SparkSession spark = TestSpark.session();
    for (Table t : Table.values()) {
      Path e = expected.resolve(t.relativePath());
      Path a = actual.resolve(t.relativePath());
      if (t == Table.OPS_RUNS) {
        continue;
      }
      if (!Files.isDirectory(e.resolve("_delta_log"))) {
        // a table the clean run never wrote (bronze.bad_files) must be absent or empty here too
        assertThat(Files.isDirectory(a.resolve("_delta_log")) && spark.read().format("delta").load(a.toString())
            .count() > 0).as(why + ": " + t + " has rows a clean run does not").isFalse();
        continue;
      }
      Dataset<Row> ed = spark.read().format("delta").load(e.toString());
      Dataset<Row> ad = spark.read().format("delta").load(a.toString());
      if (t == Table.OPS_RECONCILIATION) {
        String totals = "sum(raw_records), sum(bronze_rows), sum(silver_rows), sum(quarantined_rows), bool_and(balanced)";
        assertThat(ad.selectExpr(totals.split(", ")).head()).as(why + ": " + t)
            .isEqualTo(ed.selectExpr(totals.split(", ")).head());
        continue;
      }
      Frames.assertSameRows(withoutPerRun(ed), withoutPerRun(ad));
    }
  }

  private static Dataset<Row> withoutPerRun(Dataset<Row> df) {
    return df.drop(PER_RUN_COLUMNS.toArray(String[]::new));
  }

  private static Predicate<Path> dataFile(String table) {
    return wh -> {
      Path t = wh.resolve(table);
      if (!Files.isDirectory(t)) {
        return false;
      }
      try (Stream<Path> files = Files.walk(t)) {
        return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("_delta_log"));
      } catch (IOException | UncheckedIOException e) {
        return false; // a folder Spark is renaming this instant
      }
    };
  }

  private static Predicate<Path> commit(String table, long version) {
    return wh -> Files.exists(wh.resolve(table).resolve("_delta_log").resolve(String.format("%020d.json", version)));
  }

  /** The tables with at least one commit after their creation, when the driver was killed. */
  private static String committed(Path wh) {
    Set<String> out = new TreeSet<>();
    for (Table t : Table.values()) {
      if (commit(t.relativePath(), 1).test(wh)) {
        out.add(t.sqlName());
      }
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private static Set<String> deltaLogs(Path wh) throws IOException {
    try (Stream<Path> files = Files.walk(wh)) {
      return files.filter(p -> p.toString().contains("_delta_log") && p.toString().endsWith(".json"))
          .map(Path::toString).collect(Collectors.toSet());
    }
  }
}
