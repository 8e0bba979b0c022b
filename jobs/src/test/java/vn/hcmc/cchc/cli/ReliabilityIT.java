package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.LocalDate;
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
import vn.hcmc.cchc.serve.PostgresPublisher;
import vn.hcmc.cchc.support.Folders;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.GeneratedWeek;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.PersonalData;
import vn.hcmc.cchc.support.PgServer;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;
import vn.hcmc.cchc.tables.WarehouseLock;

/**
 * Faults on purpose on the generated week ({@link GeneratedWeek}: its landing zone, and its
 * warehouse as the clean run every other is compared with): the driver of {@code scripts/cchc run}
 * killed with SIGKILL at five points of a run in turn, then run again (real processes: a kill is what is tested),
 * and so {@code maintain} (mid-OPTIMIZE, mid-VACUUM) and {@code publish} into a real PostgreSQL (mid-load,
 * mid-swap); two runs at once, then a run of the last day while a reader queries the marts, and a
 * warehouse of an older layout (in process: the lock and the layout check are on storage, not in the
 * process); every table compared with a clean run's, and every table and every
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
      "run_id", "replayed_at", "agencies_version", "procedures_version", "evaluated_at",
      "batches");

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

  /**
   * The tables {@code maintain} is killed on: the first it compacts (eight files into one), where both
   * kills land, and a gold one (two into one). Maintaining every table costs 6-8 s each on two busy
   * cores; these two prove the recovery.
   */
  private static final List<Table> MAINTAINED = List.of(Table.BRONZE_CASES, Table.GOLD_CASE_MONTHLY);

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
  private Outcome inProcess(Path warehouse) {
    return inThisJvm("run", "--raw", raw, "--warehouse", warehouse.toString());
  }

  /** The command {@code line} in this JVM, as the jar's entry point runs it, with the week's config file. */
  private Outcome inThisJvm(String... line) {
    List<String> args = new ArrayList<>(List.of(line));
    args.addAll(1, List.of("--conf", conf));
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

  /**
   * Starts the {@code n}th run into {@code wh}, SIGKILLs the JVM the moment {@code k} is reached, says
   * what had committed. From the second on, the run must have taken over the lock the one before left.
   */
  private String killAt(KillPoint k, Path wh, int n) throws Exception {
    Path log = killAt(k, wh, "killed-" + n, KEY, true, "run", "--verbose", "--raw", raw, "--warehouse", wh.toString());
    if (n > 1) {
      assertThat(Files.readString(log, StandardCharsets.UTF_8)).as(k + ": the previous run's lock")
          .contains("taking over the stale lock");
    }
    return "SIGKILL (tables committed then: " + committed(wh) + ")";
  }

  /**
   * Starts {@code scripts/cchc command} with {@code env} (its output into {@code name}.log, returned),
   * SIGKILLs its driver the moment {@code k} is reached in {@code wh}; a command that {@code locks}
   * leaves its lock.
   */
  private Path killAt(KillPoint k, Path wh, String name, Map<String, String> env, boolean locks, String... command)
      throws Exception {
    Path log = dir.resolve(name + ".log");
    // a point the previous run already passed would kill this one at once, before any recovery work
    assertThat(k.reached().test(wh)).as(k + ": reached before the run started").isFalse();
    Process p = Launcher.start("cchc", env, log, command);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    try {
      while (!k.reached().test(wh)) {
        if (!p.isAlive()) {
          fail(k + ": the command ended before the kill point\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        assertThat(System.nanoTime()).as(k + ": not reached in 5 minutes").isLessThan(deadline);
        Thread.sleep(10);
      }
    } finally {
      killDriver(p); // on a failure too: no command outlives its test
    }
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(k + ": killed by signal 9").isEqualTo(128 + 9);
    if (locks) {
      assertThat(wh.resolve(WarehouseLock.FILE)).as("the dead run's lock").exists();
    }
    return log;
  }

  /**
   * SIGKILL to the driver: no shutdown hook, no finally block. The launcher execs the JVM, so that is
   * the process started, but for the first launch after a build, which runs the JVM as its child to
   * put the class-data archive in place when it exits: there the child is killed (killing the launcher
   * would leave the JVM running, still holding the warehouse), and the launcher exits with its code.
   */
  private static void killDriver(Process p) {
    List<ProcessHandle> jvm = p.children().toList();
    if (jvm.isEmpty()) {
      p.destroyForcibly();
    } else {
      jvm.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * Two runs at once on one warehouse (two threads of this JVM, one session, so their stages truly
   * overlap), both of the week but its last day: one does the work, the other is refused by the lock
   * with one line naming the holder. The next run adds the last day while a reader queries
   * {@code gold.case_monthly} without a pause ({@link CaseMonthlyReader}): every answer is one version
   * of the table, the flow identity holds on each of its rows, and at least the versions before and
   * after the new day are seen. The tables are then those of a clean run of the week.
   */
  @Test
  @Order(2)
  void twoRunsAtOnceOneRefusedWithOneLineAndTheRerunCompletesTheWorkWhileReadersSeeOneVersion() throws Exception {
    Path wh = dir.resolve("concurrent");
    Settings settings = AppConfig.load(Path.of(conf), Map.of()).settings();
    Pseudonymizer pii = new Pseudonymizer(PII_KEY.getBytes(StandardCharsets.UTF_8));
    ExportWindow butTheLastDay = new ExportWindow(LocalDate.parse(GeneratedWeek.FROM),
        LocalDate.parse(GeneratedWeek.TO).minusDays(1));
    Pipeline.Params params = Pipeline.Params.of("run", List.of(), wh.toString(), butTheLastDay,
        Stages.daily(raw, butTheLastDay, pii, settings.referenceDir(), false).toArray(Pipeline.Stage[]::new));
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
    CaseMonthlyReader reader = new CaseMonthlyReader(new Warehouse(TestSpark.session(), wh.toString()));
    Thread reading = new Thread(reader, "case-monthly-reader");
    reading.setDaemon(true);
    long t0 = System.nanoTime();
    reading.start();
    Outcome lastDay;
    try {
      lastDay = inProcess(wh);
    } finally {
      reader.stop();
      reading.join(TimeUnit.MINUTES.toMillis(2));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(reading.isAlive()).as("the reader, a minute after the run").isFalse();
    assertThat(lastDay.exitCode()).as(lastDay.stderr()).isZero();
    assertThat(reader.failure()).as("the reader").isNull();
    assertThat(reader.inconsistent()).as("answers of no one version, or breaking the identity").isEmpty();
    assertThat(reader.versionsSeen()).as("the versions the answers came from: the test saw the new day come in")
        .hasSizeGreaterThanOrEqualTo(2);
    System.out.printf(Locale.ROOT, "ReliabilityIT: a reader during the last day's run (%.0f s): %d answers, %d rows "
        + "checked, versions %s of gold.case_monthly, each answer one version, the identity on every row%n", seconds,
        reader.answers(), reader.rowsChecked(), reader.versionsSeen());
    // not ops.quality: the rules judge each run's batches, and a week in two runs gives other shares per run
    assertSameTables(clean, wh, "two runs at once of all days but the last, then a run",
        java.util.Arrays.stream(Table.values()).filter(t -> t != Table.OPS_QUALITY).toList());
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

  /**
   * {@code maintain} (OPTIMIZE, then VACUUM keeping nothing old) on a copy of {@link #MAINTAINED} of
   * the clean run, its driver killed while OPTIMIZE had written bronze.cases' compacted file and not
   * committed it, then the next one killed once VACUUM had deleted some of bronze.cases' old files; a
   * third, in this JVM, completes. Every table holds the clean run's rows, and exactly the files its
   * current version names: the uncommitted file of the first kill is gone too.
   */
  @Test
  @Order(4)
  void maintainKilledMidOptimizeThenMidVacuumAndRunAgainLeavesTheTablesAndNoStrayFile() throws Exception {
    List<String> report = new ArrayList<>();
    Path wh = dir.resolve("maintained");
    for (Table t : MAINTAINED) {
      Folders.copy(clean.resolve(t.relativePath()), wh.resolve(t.relativePath()));
    }
    Set<Path> copied = dataFiles(wh);
    Path bronze = wh.resolve(Table.BRONZE_CASES.relativePath());
    String[] maintain = {"maintain", "--verbose", "--warehouse", wh.toString(), "--retention-hours", "0", "--force"};
    KillPoint optimizing = new KillPoint("maintain: OPTIMIZE of bronze.cases written, not committed",
        w -> !commit(Table.BRONZE_CASES.relativePath(), 2).test(w)
            && dataFiles(bronze).stream().anyMatch(f -> !copied.contains(f)));
    KillPoint vacuuming = new KillPoint("maintain: VACUUM under way, old files of bronze.cases deleted",
        w -> copied.stream().anyMatch(f -> !Files.exists(f)));
    long t0 = System.nanoTime();
    killAt(optimizing, wh, "maintain-1", KEY, true, maintain);
    Set<Path> stray = new TreeSet<>(dataFiles(bronze));
    stray.removeAll(copied);
    assertThat(stray).as(optimizing + ": the compacted file no commit names").isNotEmpty();
    report.add(optimizing + ": killed with " + stray.size() + " file(s) no commit names, bronze.cases at version "
        + versionOf(bronze));
    Path log = killAt(vacuuming, wh, "maintain-2", KEY, true, maintain);
    assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("taking over the stale lock");
    Map<Boolean, List<Path>> gone = copied.stream().collect(Collectors.partitioningBy(f -> !Files.exists(f)));
    Set<String> tablesVacuumed = gone.get(true).stream().map(f -> tableOf(wh, f)).collect(Collectors.toCollection(TreeSet::new));
    report.add(vacuuming + ": killed with " + gone.get(true).size() + " old files deleted (" + tablesVacuumed
        + "), " + gone.get(false).size() + " not yet");
    Outcome again = inThisJvm(maintain);
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertSameTables(clean, wh, "maintain killed twice, then run again", MAINTAINED);
    SparkSession spark = TestSpark.session();
    for (Table t : MAINTAINED) {
      Path table = wh.resolve(t.relativePath());
      if (Files.isDirectory(table.resolve("_delta_log"))) {
        Set<Path> live = java.util.Arrays.stream(spark.read().format("delta").load(table.toString()).inputFiles())
            .map(f -> Path.of(new org.apache.hadoop.fs.Path(f).toUri().getPath())).collect(Collectors.toSet());
        assertThat(dataFiles(table)).as(t + ": the files on disk are those of its current version").isEqualTo(live);
      }
    }
    report.add(String.format(Locale.ROOT, "then maintain: exit 0, every table equal to the clean run's, no file "
        + "but those of the current versions (%.0f s in all)", (System.nanoTime() - t0) / 1e9));
    report.forEach(l -> System.out.println("ReliabilityIT: " + l));
  }

  /**
   * {@code publish} into a real PostgreSQL over yesterday's publish (the clean run's marts with the
   * city's rows of gold.case_monthly taken out, so that old and new differ), its driver killed while
   * the executors insert into the staging schema, then the next one killed inside the swap's
   * transaction (the published gold.case_monthly dropped, not committed): after each kill, dashboards
   * read yesterday's marts whole. A third publish completes: the published schema (tables, views,
   * columns, comments, keys, indexes, grants, rows) is a clean publish's, and no staging schema is left.
   */
  @Test
  @Order(5)
  void publishKilledMidLoadThenMidSwapAndRunAgainPublishesWhatACleanPublishDoes() throws Exception {
    List<String> report = new ArrayList<>();
    Path wh = dir.resolve("published");
    Folders.copy(clean, wh); // publish records itself in ops.runs: the clean run's warehouse is only read
    long t0 = System.nanoTime();
    try (PgServer pg = PgServer.start("reliability-it-superuser-password"); Connection c = pg.connect("cchc")) {
      Map<String, String> env = new java.util.HashMap<>(pg.exports());
      env.putAll(KEY);
      PostgresPublisher publisher = new PostgresPublisher(new Warehouse(TestSpark.session(), wh.toString()),
          new PostgresPublisher.Destination(env.get("CCHC_PG_URL"), env.get("CCHC_PG_USER"),
              env.get("CCHC_PG_PASSWORD"), "gold", "cchc_reader", 10_000));
      publisher.publish("clean", java.time.Instant.now());
      List<String> cleanPublish = publishedSchema(c);
      update(c, "DELETE FROM gold.case_monthly WHERE scope_type = 'city'");
      List<String> yesterday = publishedSchema(c);
      assertThat(yesterday).isNotEqualTo(cleanPublish);
      String[] publish = {"publish", "--verbose", "--warehouse", wh.toString(), "--jdbc-url", env.get("CCHC_PG_URL")};
      String publishing = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cchc publish'";
      KillPoint loading = new KillPoint("publish: rows being inserted into the staging schema", w -> count(c,
          publishing + " AND query LIKE 'INSERT INTO gold_staging.%' AND state IN ('active', 'idle in transaction')") > 0);
      long caseMonthly = count(c, "SELECT 'gold.case_monthly'::regclass::oid");
      KillPoint swapping = new KillPoint("publish: in the swap's transaction, the published gold.case_monthly dropped",
          w -> count(c, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE "
              + "a.application_name = 'cchc publish' AND l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' "
              + "AND l.granted AND l.relation = " + caseMonthly) > 0);
      for (KillPoint k : List.of(loading, swapping)) {
        killAt(k, wh, "publish-" + (k == loading ? 1 : 2), env, false, publish);
        long killed = System.nanoTime();
        // PostgreSQL ends the dead client's sessions, rolling back their transactions, when it reads their sockets' end
        while (count(c, publishing) > 0) {
          assertThat(System.nanoTime() - killed).as(k + ": the dead publish's sessions").isLessThan(60_000_000_000L);
          Thread.sleep(10);
        }
        assertThat(publishedSchema(c)).as(k + ": what dashboards read").isEqualTo(yesterday);
        report.add(String.format(Locale.ROOT, "%s: killed with %d tables in gold_staging; its sessions ended "
            + "%.1f s later; the published marts still yesterday's, whole", k,
            count(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'gold_staging'"), (System.nanoTime() - killed) / 1e9));
      }
      publisher.publish("again", java.time.Instant.now());
      assertThat(publishedSchema(c)).isEqualTo(cleanPublish);
      assertThat(count(c, "SELECT count(*) FROM pg_namespace WHERE nspname = 'gold_staging'")).isZero();
      report.add(String.format(Locale.ROOT, "then publish: the published schema equal to a clean publish's, "
          + "%d lines compared, no staging schema (%.0f s in all)", cleanPublish.size(), (System.nanoTime() - t0) / 1e9));
    }
    report.forEach(l -> System.out.println("ReliabilityIT: " + l));
  }

  /**
   * What a BI tool finds in the published schemas, one line per fact: each table and view with its
   * comment, each column with its type and comment, each index, key and grant, the publish record
   * (but its run and instant), and each table's row count and the checksum of its rows.
   */
  private static List<String> publishedSchema(Connection c) {
    String schemas = "('gold', 'bao_cao')";
    List<String> out = new ArrayList<>();
    out.addAll(strings(c, "SELECT n.nspname || '.' || r.relname || ' ' || r.relkind::text || ' ' "
        + "|| coalesce(obj_description(r.oid, 'pg_class'), '') FROM pg_class r JOIN pg_namespace n ON n.oid = "
        + "r.relnamespace WHERE n.nspname IN " + schemas + " ORDER BY 1"));
    out.addAll(strings(c, "SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' "
        + "|| coalesce(col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position), '') "
        + "FROM information_schema.columns WHERE table_schema IN " + schemas + " ORDER BY 1"));
    out.addAll(strings(c, "SELECT indexdef FROM pg_indexes WHERE schemaname IN " + schemas + " ORDER BY 1"));
    out.addAll(strings(c, "SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
        + "WHERE connamespace = 'gold'::regnamespace ORDER BY 1"));
    out.addAll(strings(c, "SELECT grantee || ' ' || table_schema || '.' || table_name || ' ' || privilege_type "
        + "FROM information_schema.role_table_grants WHERE grantee = 'cchc_reader' ORDER BY 1"));
    out.addAll(strings(c, "SELECT table_name || ' ' || delta_version || ' ' || row_count FROM gold."
        + PostgresPublisher.PUBLISHED + " ORDER BY 1"));
    for (Table t : PostgresPublisher.TABLES) {
      out.addAll(strings(c, "SELECT '" + t.sqlName() + " ' || count(*) || ' rows, md5 ' || md5(coalesce("
          + "string_agg(x::text, E'\\n' ORDER BY x::text), '')) FROM gold." + t.tableName() + " x"));
    }
    return out;
  }

  private static List<String> strings(Connection c, String sql) {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static long count(Connection c, String sql) {
    return Long.parseLong(strings(c, sql).get(0));
  }

  private static void update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  @Order(6)
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
    assertSameTables(expected, actual, why, List.of(Table.values()));
  }

  private static void assertSameTables(Path expected, Path actual, String why, List<Table> tables) {
    SparkSession spark = TestSpark.session();
    for (Table t : tables) {
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
    return wh -> !dataFiles(wh.resolve(table)).isEmpty();
  }

  /** The Parquet files under {@code folder} but its log (data, deletion vectors' are .bin: not counted). */
  private static Set<Path> dataFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))
          .collect(Collectors.toSet());
    } catch (IOException | UncheckedIOException e) {
      return Set.of(); // a folder being written this instant: asked again 10 ms later
    }
  }

  /** {@code layer.table} of a file of the warehouse {@code wh}. */
  private static String tableOf(Path wh, Path file) {
    Path r = wh.relativize(file);
    return r.getName(0) + "." + r.getName(1);
  }

  /** The latest commit of a table, from its log's file names. */
  private static long versionOf(Path table) throws IOException {
    try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
      return log.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
          .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max().orElse(-1);
    }
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
