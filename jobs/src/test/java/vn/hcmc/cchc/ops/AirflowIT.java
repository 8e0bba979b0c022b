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
 * 2021-03-30T00:00Z); then {@code airflow dags test cchc_daily 2021-03-29} twice through the real
 * BashOperator and {@code scripts/cchc}, on the generated week's landing zone, with the settings in
 * {@code CCHC_*} variables as the README documents. Prints how long each step took.
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

    step("airflow db migrate", "airflow", "db", "migrate");
    step("airflow dags reserialize", "airflow", "dags", "reserialize");
    // the tasks' pool, made as the README says (a task in a missing pool never starts)
    step("airflow pools set", "airflow", "pools", "set", "cchc_airflow_it", "1", "cchc-warehouse: one run at a time");
    pytest = timed("pytest scripts/airflow", "python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
        Launcher.ROOT.resolve("scripts/airflow/test_cchc_pipeline.py").toString());
    first = timed("airflow dags test cchc_daily " + DAY, "airflow", "dags", "test", "cchc_daily", DAY);
    afterTheFirst = TableVersions.of(warehouse);
    again = timed("airflow dags test cchc_daily " + DAY + " again", "airflow", "dags", "test", "cchc_daily", DAY);
    afterTheSecond = TableVersions.of(warehouse);
  }

  @Test
  void airflowLoadsSchedulesAndRendersTheDagsAsTheTestsOfScriptsAirflowExpect() {
    assertThat(pytest.exitCode()).as(pytest.stdout() + pytest.stderr()).isZero();
    assertThat(pytest.stdout()).containsPattern("\\b8 passed\\b");
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
