package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.PipelineCommands;
import vn.hcmc.cchc.support.Python;

/**
 * The Airflow DAGs of {@code scripts/airflow}, imported against a stub of Airflow
 * ({@code src/test/resources/airflow-stub}) that records what they declare: the schedule, the
 * retries, the pool, and the command each task runs, which must be exactly the argv the tests
 * render from {@code commands.json}. Needs {@code python3} (CI installs it): without it the tests
 * fail, they do not skip.
 */
class AirflowDagTest {
  private static final Path AIRFLOW = Launcher.ROOT.resolve("scripts/airflow");
  private static final Path DAG_FILE = AIRFLOW.resolve("cchc_pipeline.py");
  private static final Path STUB = Launcher.ROOT.resolve("jobs/src/test/resources/airflow-stub");
  private static final String EXPORT_DAY = "{{ data_interval_start | ds }}";
  private static final String DAY = "2021-03-29";
  private static final PipelineCommands COMMANDS = PipelineCommands.load();

  /** Paths as production would set them: a space and a quote, so the shell quoting is exercised. */
  private static final Map<String, String> SETTINGS = Map.of(
      "CCHC_CONF", "/etc/cchc/prod.conf",
      "CCHC_RAW", "/mnt/landing zone/cchc's raw",
      "CCHC_WAREHOUSE", "s3a://cchc-lake/warehouse");

  @Test
  void everyPythonFileOfScriptsAirflowCompiles() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(AIRFLOW)) {
      files = listing.filter(p -> p.toString().endsWith(".py")).sorted().toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString())
        .contains("cchc_pipeline.py", "cchc_commands.py");
    for (Path file : files) {
      Outcome compiled = Python.run(Map.of(), "-m", "py_compile", file.toString());
      assertThat(compiled.exitCode()).as("py_compile %s: %s", file, compiled.stderr()).isZero();
    }
  }

  @Test
  void aBrokenCopyDoesNotCompile() throws IOException {
    Path broken = Files.createTempDirectory("airflow-broken").resolve("cchc_pipeline.py");
    String source = Files.readString(DAG_FILE);
    assertThat(source).contains("with DAG(");
    Files.writeString(broken, source.replaceFirst("with DAG\\(", "with DAG((("));

    Outcome compiled = Python.run(Map.of(), "-m", "py_compile", broken.toString());

    assertThat(compiled.exitCode()).isNotZero();
    assertThat(compiled.stderr()).contains("SyntaxError");
  }

  @ParameterizedTest(name = "Airflow {0}")
  @ValueSource(strings = {"2", "3"})
  void theDailyDagRunsExactlyTheDailyCommandOfItsExportDay(String airflowMajor) {
    JsonNode dags = inspect(airflowMajor, SETTINGS).get("dags");
    assertThat(names(dags)).containsExactlyInAnyOrder("cchc_daily", "cchc_maintenance");

    JsonNode daily = dags.get("cchc_daily");
    assertThat(daily.get("schedule").asText()).isEqualTo("@daily");
    assertThat(daily.get("catchup").asBoolean()).isTrue();
    assertThat(daily.get("max_active_runs").asInt()).isEqualTo(1);
    assertThat(daily.get("start_date").asText()).isEqualTo("2021-01-01T00:00:00+00:00");
    JsonNode task = only(daily);
    assertThat(task.get("operator").asText()).isEqualTo("BashOperator");
    assertThat(task.get("bash_command").asText()).contains("'" + EXPORT_DAY + "'");
    assertThat(task.get("cwd").asText()).isEqualTo(Launcher.ROOT.toString());
    assertThat(task.get("retries").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(task.get("retry_delay").asDouble()).isPositive();
    assertThat(task.get("execution_timeout").asDouble()).isPositive();
    assertThat(argv(task)).isEqualTo(COMMANDS.render("daily", Map.of("conf", "/etc/cchc/prod.conf",
        "raw", "/mnt/landing zone/cchc's raw", "warehouse", "s3a://cchc-lake/warehouse", "date", DAY)));
  }

  @ParameterizedTest(name = "Airflow {0}")
  @ValueSource(strings = {"2", "3"})
  void maintenanceIsWeeklyAndSharesTheWarehousePoolWithTheDailyRun(String airflowMajor) {
    JsonNode dags = inspect(airflowMajor, SETTINGS).get("dags");
    JsonNode maintenance = dags.get("cchc_maintenance");
    assertThat(maintenance.get("schedule").asText()).isEqualTo("@weekly");
    assertThat(maintenance.get("max_active_runs").asInt()).isEqualTo(1);
    JsonNode task = only(maintenance);
    assertThat(task.get("retries").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(argv(task)).isEqualTo(COMMANDS.render("maintenance",
        Map.of("conf", "/etc/cchc/prod.conf", "warehouse", "s3a://cchc-lake/warehouse")));

    String pool = only(dags.get("cchc_daily")).get("pool").asText();
    assertThat(pool).isEqualTo("cchc_s3a_cchc-lake_warehouse");
    assertThat(task.get("pool").asText()).isEqualTo(pool);
  }

  @Test
  void settingsComeFromTheAirflowVariableAndRelativePathsFromTheProjectRoot() {
    JsonNode dags = inspect("3", Map.of("AIRFLOW_VAR_CCHC",
        "{\"raw\": \"landing\", \"warehouse\": \"wh\", \"start_date\": \"2024-05-01\", \"pool\": \"cchc_prod\"}"))
        .get("dags");

    assertThat(dags.get("cchc_daily").get("start_date").asText()).isEqualTo("2024-05-01T00:00:00+00:00");
    JsonNode task = only(dags.get("cchc_daily"));
    assertThat(task.get("pool").asText()).isEqualTo("cchc_prod");
    assertThat(argv(task)).isEqualTo(COMMANDS.render("daily", Map.of(
        "conf", Launcher.ROOT.resolve("conf/local.conf").toString(),
        "raw", Launcher.ROOT.resolve("landing").toString(),
        "warehouse", Launcher.ROOT.resolve("wh").toString(), "date", DAY)));
  }

  @Test
  void aSettingWithJinjaMarkupStopsTheImport() {
    Outcome imported = Python.run(Map.of("CCHC_WAREHOUSE", "/data/{{ wh }}"),
        STUB.resolve("inspect_dags.py").toString(), DAG_FILE.toString(), "--date", DAY);

    assertThat(imported.exitCode()).isNotZero();
    assertThat(imported.stderr()).contains("Jinja");
  }

  @Test
  void thePythonRendererPrintsWhatTheJavaOneRenders() throws IOException {
    Map<String, Map<String, String>> values = Map.of(
        "daily", Map.of("conf", "conf/local.conf", "raw", "data/raw", "warehouse", "data/wh", "date", DAY),
        "backfill", Map.of("conf", "conf/local.conf", "raw", "data/raw", "warehouse", "data/wh",
            "from", "2021-01-01", "to", "2021-03-31"),
        "maintenance", Map.of("conf", "conf/local.conf", "warehouse", "s3a://b/wh"));
    assertThat(COMMANDS.names()).containsExactlyInAnyOrderElementsOf(values.keySet());

    for (Map.Entry<String, Map<String, String>> command : values.entrySet()) {
      List<String> args = new ArrayList<>(List.of(AIRFLOW.resolve("cchc_commands.py").toString(), command.getKey()));
      command.getValue().forEach((field, value) -> args.addAll(List.of("--" + field, value)));
      Outcome printed = Python.run(Map.of(), args.toArray(String[]::new));
      assertThat(printed.exitCode()).as(printed.stderr()).isZero();
      assertThat(printed.stdout().lines()).hasSize(1);
      List<String> argv = new ArrayList<>();
      new ObjectMapper().readTree(printed.stdout()).forEach(a -> argv.add(a.asText()));
      assertThat(argv).isEqualTo(COMMANDS.render(command.getKey(), command.getValue()));
    }
  }

  @Test
  void theJavaRendererWantsEveryFieldAndNoOther() {
    assertThat(COMMANDS.fields("daily")).containsExactly("conf", "raw", "warehouse", "date");
    assertThatThrownBy(() -> COMMANDS.render("daily", Map.of("conf", "c", "raw", "r", "warehouse", "w")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date");
    assertThatThrownBy(() -> COMMANDS.render("maintenance", Map.of("conf", "c", "warehouse", "w", "date", DAY)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date");
    assertThatThrownBy(() -> COMMANDS.render("weekly", Map.of())).hasMessageContaining("daily");
  }

  /** The DAGs of the DAG file as the stub of Airflow {@code major} recorded them. */
  private static JsonNode inspect(String major, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("AIRFLOW_STUB_MAJOR", major);
    Outcome out = Python.run(all, STUB.resolve("inspect_dags.py").toString(), DAG_FILE.toString(), "--date", DAY);
    assertThat(out.exitCode()).as("importing %s: %s", DAG_FILE, out.stderr()).isZero();
    try {
      JsonNode dags = new ObjectMapper().readTree(out.stdout());
      assertThat(dags.get("airflow_major").asText()).isEqualTo(major);
      return dags;
    } catch (IOException e) {
      throw new UncheckedIOException(out.stdout(), e);
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode only(JsonNode dag) {
    JsonNode tasks = dag.get("tasks");
    assertThat(tasks.size()).as("tasks of %s", dag).isEqualTo(1);
    return tasks.elements().next();
  }

  private static List<String> argv(JsonNode task) {
    List<String> argv = new ArrayList<>();
    task.get("argv").forEach(a -> argv.add(a.asText()));
    return argv;
  }
}
