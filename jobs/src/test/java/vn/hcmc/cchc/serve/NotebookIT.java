package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.support.GeneratedWarehouse;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.Python;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The notebooks executed for real: {@code scripts/cchc serve} on the generated year (a Spark Connect
 * server, started as a user starts it, on a free port), then {@code notebooks/run.py} runs every
 * cell of every notebook in a Jupyter kernel of the project's Python environment, the {@code
 * %%cchc_sql} cells on that server ({@code CCHC_CONNECT}). Every result a cell showed must be, column
 * for column and row for row, what {@code scripts/cchc sql}'s engine ({@link WarehouseSql}, in this
 * JVM) answers to the same query on the same warehouse; the chart cell must have drawn a chart, kept
 * beside the report's screenshot in {@code jobs/target/report/} with the executed notebooks. Then
 * SIGTERM stops the server. Prints how long each step took.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebookIT {
  private static final Path OUT = Launcher.ROOT.resolve("jobs/target/report");
  private static final Pattern LISTENING = Pattern.compile(
      "serve: Spark Connect on sc://127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)\\), (\\d+) tables of (\\S+), queries in (\\S+);");

  private Warehouse year;
  private Process serve;
  private Path serveLog;
  private Matcher listening;
  private Outcome run;
  private JsonNode runs;
  private int exitAfterSigterm = -1;
  private boolean printedPidIsTheServersJvm;

  @BeforeAll
  void serveTheYearAndRunTheNotebooksOnIt() throws Exception {
    year = GeneratedWarehouse.year2021();
    int port = Launcher.freePort();
    serveLog = Files.createTempFile("cchc-serve", ".log");
    long t0 = System.nanoTime();
    serve = Launcher.start("cchc", Map.of(), serveLog, "serve", "--warehouse", year.root(), "--port",
        String.valueOf(port));
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); listening == null; Thread.sleep(200)) {
      Matcher m = LISTENING.matcher(Files.readString(serveLog));
      if (m.find()) {
        listening = m;
      } else if (!serve.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("scripts/cchc serve did not start: " + Files.readString(serveLog));
      }
    }
    System.out.printf(Locale.ROOT, "NotebookIT: scripts/cchc serve listening after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    // the launcher's own pid when it exec'd the JVM, its child's when it writes the class-data archive
    long pid = Long.parseLong(listening.group(2));
    printedPidIsTheServersJvm = pid == serve.pid() || serve.toHandle().descendants().anyMatch(h -> h.pid() == pid);
    long t1 = System.nanoTime();
    run = Python.venv("python", Map.of("CCHC_CONNECT", "sc://127.0.0.1:" + port, "CCHC_WAREHOUSE", year.root()),
        Duration.ofMinutes(10), Launcher.ROOT.resolve("notebooks/run.py").toString(), OUT.resolve("notebooks").toString());
    System.out.printf(Locale.ROOT, "NotebookIT: notebooks/run.py, every notebook in a kernel: %.1f s%n",
        (System.nanoTime() - t1) / 1e9);
    runs = new ObjectMapper().readTree(OUT.resolve("notebooks/results.json").toFile());
  }

  @AfterAll
  void stopTheServer() throws InterruptedException {
    if (serve != null && serve.isAlive()) {
      serve.destroy(); // SIGTERM, as `kill PID`
      if (serve.waitFor(60, TimeUnit.SECONDS)) {
        exitAfterSigterm = serve.exitValue();
      } else {
        serve.destroyForcibly();
      }
    }
  }

  @Test
  void serveSaysWhereItListensAndWhichWarehouseItServes() {
    assertThat(printedPidIsTheServersJvm).as("pid %s is the server's JVM", listening.group(2)).isTrue();
    assertThat(Integer.parseInt(listening.group(3))).as("tables registered").isGreaterThanOrEqualTo(10);
    assertThat(listening.group(4)).isEqualTo(year.root());
    assertThat(listening.group(5)).isEqualTo("Asia/Ho_Chi_Minh");
  }

  @Test
  void everyNotebookRanInAKernelWithEveryResultFromTheServer() {
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(runs).extracting(r -> r.path("notebook").asText())
        .containsExactly("01-targets-2025-2030.ipynb", "02-late-dossiers.ipynb");
    assertThat(run.stdout() + run.stderr()).doesNotContain("running cells through scripts/cchc sql");
    for (JsonNode r : runs) {
      assertThat(r.path("results").size()).as(r.path("notebook").asText()).isGreaterThanOrEqualTo(4);
      // every cell went to the server: through the launcher the values would be the same
      r.path("results").forEach(result -> assertThat(result.path("via").asText()).as(result.path("query").asText())
          .isEqualTo("serve"));
      assertThat(OUT.resolve("notebooks").resolve(r.path("notebook").asText())).as("the executed notebook").exists();
    }
  }

  @Test
  void everyNumberACellShowedIsWhatSqlAnswersOnTheSameWarehouse() {
    WarehouseSql sql = WarehouseSql.over(year);
    int compared = 0;
    for (JsonNode r : runs) {
      for (JsonNode result : r.path("results")) {
        String query = result.path("query").asText();
        org.apache.spark.sql.Dataset<Row> expected = sql.query(query);
        List<String> columns = new ArrayList<>();
        result.path("columns").forEach(c -> columns.add(c.asText()));
        assertThat(columns).as(query).containsExactly(expected.columns());
        List<Row> rows = expected.collectAsList();
        assertThat(result.path("rows").size()).as("rows of %s", query).isEqualTo(rows.size()).isPositive();
        for (int i = 0; i < rows.size(); i++) {
          for (int j = 0; j < columns.size(); j++) {
            assertSame(rows.get(i).get(j), result.path("rows").get(i).get(j), query, i, columns.get(j));
            compared++;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "NotebookIT: %d values compared with WarehouseSql%n", compared);
    assertThat(compared).isGreaterThan(100);
  }

  @Test
  void theChartCellDrewAChartKeptBesideTheReport() throws IOException {
    List<String> charts = new ArrayList<>();
    runs.forEach(r -> r.path("charts").forEach(c -> charts.add(c.asText())));
    assertThat(charts).as("charts drawn").isNotEmpty();
    for (String chart : charts) {
      Path png = OUT.resolve("notebooks").resolve(chart);
      assertThat(Files.size(png)).as(chart).isGreaterThan(10_000);
      byte[] magic;
      try (var in = Files.newInputStream(png)) {
        magic = in.readNBytes(4);
      }
      assertThat(magic).as("a PNG").containsExactly(0x89, 'P', 'N', 'G');
    }
  }

  @Test
  void sigtermStopsTheServer() throws InterruptedException {
    stopTheServer();
    assertThat(serve.isAlive()).isFalse();
    // 143: the JVM ended by SIGTERM, after its shutdown hooks stopped Spark
    assertThat(exitAfterSigterm).as("exit code after SIGTERM").isIn(0, 143);
  }

  /** A cell's value (from the kernel, as JSON) equals the engine's: numbers within rounding, dates as ISO text. */
  private static void assertSame(Object expected, JsonNode actual, String query, int row, String column) {
    String where = column + " of row " + row + " of " + query;
    if (expected == null) {
      assertThat(actual.isNull()).as(where + ": " + actual).isTrue();
    } else if (expected instanceof Number n) {
      assertThat(actual.isNumber()).as(where + ": " + actual).isTrue();
      assertThat(actual.asDouble()).as(where).isCloseTo(n.doubleValue(), org.assertj.core.data.Offset.offset(
          1e-9 * Math.max(1, Math.abs(n.doubleValue()))));
    } else {
      assertThat(actual.asText()).as(where).isEqualTo(expected.toString());
    }
  }
}
