package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.support.GeneratedWeek;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.Python;
import vn.hcmc.cchc.support.TableVersions;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The DAGs of {@code scripts/airflow} run by Airflow itself (the version {@code
 * scripts/airflow/requirements.txt} pins, installed by {@code scripts/airflow/install}), with SQLite
 * as its database in a fresh {@code AIRFLOW_HOME}: {@code airflow db migrate}, the DAG file serialised
 * from a DAGs folder that links it, as a deployment does; then {@code scripts/airflow/test_cchc_pipeline.py}
 * under pytest (the DagBag, the schedule and the command Airflow renders for the run that fires at
 * 2021-03-30T00:00Z); then {@code airflow dags test cchc_daily 2021-03-29} twice on the generated
 * week's landing zone, with the settings in {@code CCHC_*} variables as the README documents: first
 * through the BashOperator and {@code scripts/cchc} with {@code SPARK_HOME} set to pip's pyspark (the
 * launcher's spark-submit branch, which no other test runs), then through the SparkSubmitOperator
 * ({@code CCHC_OPERATOR=spark-submit}, connection {@code spark_default} from the environment), which
 * must submit the jar, class and arguments the launcher submitted, and change no table. Prints how
 * long each step took.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirflowIT {
  private static final String DAY = GeneratedWeek.FROM;
  private static final Duration STEP = Duration.ofMinutes(10);

  private final Map<String, String> env = new HashMap<>();
  private Warehouse warehouse;
  private Outcome pytest;
  private Outcome first;
  private Outcome again;
  private Map<Table, Long> afterTheFirst;
  private Map<Table, Long> afterTheSecond;

  @BeforeAll
  void runTheDagsInAirflow() throws IOException {
    Path home = TestSpark.tempDir("airflow-home");
    Path dags = Files.createDirectories(home.resolve("dags"));
    Files.createSymbolicLink(dags.resolve("cchc_pipeline.py"),
        Launcher.ROOT.resolve("scripts/airflow/cchc_pipeline.py"));
    warehouse = new Warehouse(TestSpark.session(), TestSpark.tempDir("airflow-warehouse").toString());
    env.put("AIRFLOW_HOME", home.toString());
    env.put("AIRFLOW__CORE__DAGS_FOLDER", dags.toString());
    env.put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
    env.put("CCHC_RAW", GeneratedWeek.raw().toString());
    env.put("CCHC_WAREHOUSE", warehouse.root());
    env.put("CCHC_START_DATE", DAY);
    env.put("CCHC_POOL", "cchc_airflow_it");
    env.putAll(GeneratedWeek.keyEnv());
    // a Spark distribution (pip's pyspark of our Spark version) for both ways to submit
    Path sparkHome = Python.VENV.resolveSibling("spark-home");
    assertThat(sparkHome.resolve("bin/spark-submit")).as("scripts/airflow/install makes it").isExecutable();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("PATH", sparkHome.resolve("bin") + ":" + System.getenv("PATH"));
    env.put("CCHC_SHOW_COMMAND", "1");
    // the driver's JVM as the tests' launches have it, in spark-submit's own variables (CCHC_JAVA_OPTS
    // and CCHC_DRIVER_MEMORY are the launcher's Maven branch's): C1 only, 2g of heap (its default is
    // 1g). C2 would finish the first day sooner alone (82 s against 103 s, 6 December) but costs 30 s
    // more CPU, which the end-to-end tests two at a time do not have
    env.put("SPARK_SUBMIT_OPTS", Launcher.TEST_JVM_OPTS);
    env.put("SPARK_DRIVER_MEMORY", "2g");
    env.put("AIRFLOW_CONN_SPARK_DEFAULT", "{\"conn_type\": \"spark\", \"host\": \"local[*]\"}");

    step("airflow db migrate", "airflow", "db", "migrate");
    step("airflow dags reserialize", "airflow", "dags", "reserialize");
    // the tasks' pool, made as the README says (a task in a missing pool never starts)
    step("airflow pools set", "airflow", "pools", "set", "cchc_airflow_it", "1", "cchc-warehouse: one run at a time");
    pytest = timed("pytest scripts/airflow", "python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
        Launcher.ROOT.resolve("scripts/airflow/test_cchc_pipeline.py").toString());
    first = timed("airflow dags test cchc_daily " + DAY, "airflow", "dags", "test", "cchc_daily", DAY);
    afterTheFirst = TableVersions.of(warehouse);
    env.put("CCHC_OPERATOR", "spark-submit");
    again = timed("airflow dags test cchc_daily " + DAY + " again, SparkSubmitOperator", "airflow", "dags", "test",
        "cchc_daily", DAY);
    afterTheSecond = TableVersions.of(warehouse);
  }

  @Test
  void airflowLoadsSchedulesAndRendersTheDagsAsTheTestsOfScriptsAirflowExpect() {
    assertThat(pytest.exitCode()).as(pytest.stdout() + pytest.stderr()).isZero();
    assertThat(pytest.stdout()).containsPattern("\\b10 passed\\b");
  }

  @Test
  void dagsTestOfADayRunsTheDailyCommandAndTheWarehouseHoldsThatExportDay() {
    assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();
    String all = first.stdout() + first.stderr();
    // the BashOperator's command as Airflow logs it (the rendered day is quoted), and the run's end
    assertThat(all).contains("--date '" + DAY + "'").contains("state=success");
    assertThat(warehouse.read(Table.BRONZE_FILES).filter("feed IN ('dvc', 'legacy')")
        .selectExpr("string(export_date)").distinct().as(Encoders.STRING()).collectAsList()).containsExactly(DAY);
    assertThat(warehouse.read(Table.SILVER_CASES).count()).isPositive();
    assertThat(runs()).first().isEqualTo("run,succeeded," + DAY + "," + DAY + ",true");
  }

  @Test
  void theSparkSubmitOperatorSubmitsTheJarClassAndArgumentsTheLauncherSubmitted() {
    assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
    // scripts/cchc: SPARK_HOME/bin/spark-submit --class C --driver-java-options X --driver-class-path J J ARGS
    List<String> launcher = logged(first, "cchc: runs ");
    assertThat(launcher.get(0)).isEqualTo(env.get("SPARK_HOME") + "/bin/spark-submit");
    // the hook: spark-submit --master M --conf spark.driver.extraJavaOptions=X ... --class C J ARGS
    List<String> hook = logged(again, "Spark-Submit cmd: ");
    assertThat(hook.get(0)).isEqualTo("spark-submit");
    String jar = Launcher.ROOT.resolve("jobs/target/cchc-jobs.jar").toString();
    assertThat(after(hook, "--class")).isEqualTo(after(launcher, "--class")).isEqualTo("vn.hcmc.cchc.cli.Cchc");
    assertThat(after(hook, "--driver-class-path")).isEqualTo(after(launcher, "--driver-class-path")).isEqualTo(jar);
    assertThat(after(hook, "--conf")).isEqualTo("spark.driver.extraJavaOptions=" + after(launcher, "--driver-java-options"));
    List<String> arguments = launcher.subList(launcher.lastIndexOf(jar) + 1, launcher.size());
    assertThat(arguments).containsSubsequence("run", "--date", DAY);
    assertThat(hook.subList(hook.lastIndexOf(jar) + 1, hook.size())).isEqualTo(arguments);
    assertThat(hook.lastIndexOf(jar)).isEqualTo(hook.indexOf("--class") + 2);
  }

  @Test
  void theSameDayTestedAgainChangesNoTableButRecordsItsRun() {
    assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
    Map<Table, Long> expected = new HashMap<>(afterTheFirst);
    expected.put(Table.OPS_RUNS, afterTheFirst.get(Table.OPS_RUNS) + 1);
    assertThat(Map.copyOf(afterTheSecond)).isEqualTo(Map.copyOf(expected));
    assertThat(runs()).containsExactly("run,succeeded," + DAY + "," + DAY + ",true",
        "run,succeeded," + DAY + "," + DAY + ",false");
  }

  /** Each run of ops.runs: command, status, window, whether it committed any table version. */
  private List<String> runs() {
    return warehouse.read(Table.OPS_RUNS).orderBy("started_at")
        .selectExpr("concat_ws(',', command, status, string(date_from), string(date_to), string(size(versions) > 0))")
        .as(Encoders.STRING()).collectAsList();
  }

  /**
   * The command a run logged on the line carrying {@code marker}, split at spaces (the test's paths
   * and arguments hold none).
   */
  private static List<String> logged(Outcome run, String marker) {
    List<String> lines = (run.stdout() + "\n" + run.stderr()).lines().filter(l -> l.contains(marker)).toList();
    assertThat(lines).as("lines with '%s'", marker).hasSize(1);
    String line = lines.get(0);
    // Airflow's log line ends with [logger] loc=file:line after the message
    String command = line.substring(line.indexOf(marker) + marker.length()).replaceFirst("\\s+\\[[\\w.]+\\]\\s+loc=\\S+\\s*$", "");
    return List.of(command.strip().split(" +"));
  }

  /** The value after option {@code name} (its first occurrence). */
  private static String after(List<String> command, String name) {
    int i = command.indexOf(name);
    assertThat(i).as("%s in %s", name, command).isNotNegative();
    return command.get(i + 1);
  }

  private void step(String name, String program, String... args) {
    Outcome o = timed(name, program, args);
    assertThat(o.exitCode()).as(name + ": " + o.stdout() + o.stderr()).isZero();
  }

  private Outcome timed(String name, String program, String... args) {
    long t0 = System.nanoTime();
    Outcome o = Python.venv(program, env, STEP, args);
    System.out.printf("AirflowIT: %s: %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
    return o;
  }
}
