package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;

/**
 * The pipeline on a real Spark standalone cluster ({@code scripts/spark-cluster}: a Master and two
 * Workers on loopback), submitted the way a data engineer does: {@code scripts/cchc run --master
 * spark://... --conf conf/cluster.conf}. The same landing zone runs once in local mode and once on
 * the cluster; both warehouses must hold the same rows. Prints the wall time of each run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
  private static final Map<String, String> KEY = Map.of("CCHC_PII_KEY", "cluster-test-key-0123456789");
  private static final String MASTER_PORT = envOr("CCHC_CLUSTER_MASTER_PORT", "7177");
  private static final String UI_PORT = envOr("CCHC_CLUSTER_UI_PORT", "8180");
  private static final Path WORK = Path.of(envOr("CCHC_CLUSTER_DIR",
      Launcher.ROOT.resolve("target/spark-cluster").toString())).resolve("work");
  /** Lineage that differs between two runs by design: the batch (run) id and the ingest instant. */
  private static final Set<String> PER_RUN_COLUMNS = Set.of("batch_id", "ingested_at");
  private static final List<Table> COMPARED = List.of(Table.SILVER_CASES, Table.SILVER_QUARANTINE,
      Table.GOLD_CASE_MONTHLY, Table.GOLD_PROCEDURE_MONTHLY, Table.GOLD_WORK_MONTHLY, Table.GOLD_TARGET_ATTAINMENT);

  private final long startedAt = System.currentTimeMillis();
  private final List<Outcome> runs = new ArrayList<>();
  private Path local;
  private Path cluster;

  @BeforeAll
  void startTheClusterAndRunAWeekBothWays() throws IOException {
    Outcome started = Launcher.script("spark-cluster", Map.of(), "start");
    assertThat(started.exitCode()).as(started.stderr()).isZero();
    assertThat(started.stdout().strip()).isEqualTo("spark://127.0.0.1:" + MASTER_PORT);

    Path dir = Files.createTempDirectory("cchc-cluster-it");
    String raw = dir.resolve("raw").toString();
    local = dir.resolve("warehouse-local");
    cluster = dir.resolve("warehouse-cluster");
    generate(raw, "2021-03-29", "2021-04-04");
    Duration localWeek = run(raw, local);
    Duration clusterWeek = run(raw, cluster, "--master", "spark://127.0.0.1:" + MASTER_PORT, "--conf", "conf/cluster.conf");
    // one week each way: a daily run's times, side by side, are scripts/bench-cluster's (CI time is dear)
    System.out.printf(Locale.ROOT, "ClusterIT: wall time of scripts/cchc run, scale 0.002, the week 2021-03-29 .. 04-04:"
        + " local[*] %.1f s, cluster %.1f s%n", secs(localWeek), secs(clusterWeek));
  }

  @AfterAll
  void stopTheCluster() {
    Outcome stopped = Launcher.script("spark-cluster", Map.of(), "stop");
    assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
  }

  @Test
  void everyRunSucceeds() {
    for (Outcome o : runs) {
      assertThat(o.exitCode()).as(o.stderr()).isZero();
      assertThat(o.stderr()).contains("ingest:", "normalize:", "marts:").doesNotContain("Exception");
    }
  }

  @Test
  void theClusterWroteTheSameRowsAsLocalMode() {
    SparkSession spark = TestSpark.session();
    for (Table t : COMPARED) {
      Dataset<Row> expected = withoutPerRunColumns(spark.read().format("delta").load(local.resolve(t.relativePath()).toString()));
      Dataset<Row> actual = withoutPerRunColumns(spark.read().format("delta").load(cluster.resolve(t.relativePath()).toString()));
      assertThat(expected.count()).as(t.relativePath()).isPositive();
      Frames.assertSameRows(expected, actual);
    }
  }

  @Test
  void theClusterRunsRanTheirTasksInExecutorsOnBothWorkers() throws IOException, InterruptedException {
    List<String> apps = new ArrayList<>();
    for (JsonNode app : masterJson().get("completedapps")) {
      if (app.get("name").asText().equals("cchc run") && app.get("starttime").asLong() >= startedAt) {
        apps.add(app.get("id").asText());
      }
    }
    assertThat(apps).as("applications the master saw complete").hasSize(1);
    for (String app : apps) {
      for (String worker : List.of("worker-1", "worker-2")) {
        assertThat(finishedTasks(WORK.resolve(worker).resolve(app))).as(worker + " " + app).isPositive();
      }
    }
  }

  private void generate(String raw, String from, String to) {
    Outcome o = Launcher.run(Map.of(), "generate", "--out", raw, "--from", from, "--to", to, "--scale", "0.002",
        "--seed", "11");
    assertThat(o.exitCode()).as(o.stderr()).isZero();
  }

  /** Runs the pipeline into {@code warehouse} and returns its wall time (JVM start included). */
  private Duration run(String raw, Path warehouse, String... sparkOptions) {
    List<String> args = new ArrayList<>(List.of("run", "--raw", raw, "--warehouse", warehouse.toString()));
    args.addAll(List.of(sparkOptions));
    long t0 = System.nanoTime();
    Outcome o = Launcher.run(KEY, args.toArray(String[]::new));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    runs.add(o);
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    return took;
  }

  private static Dataset<Row> withoutPerRunColumns(Dataset<Row> df) {
    return df.drop(PER_RUN_COLUMNS.toArray(String[]::new));
  }

  private static JsonNode masterJson() throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + UI_PORT + "/json/")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }

  /** "Finished task" lines in the executor logs a worker kept for an application. */
  private static long finishedTasks(Path appDir) throws IOException {
    if (!Files.isDirectory(appDir)) {
      return 0;
    }
    long n = 0;
    try (Stream<Path> files = Files.walk(appDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        try (Stream<String> lines = Files.lines(f)) {
          n += lines.filter(l -> l.contains("Finished task")).count();
        }
      }
    }
    return n;
  }

  private static double secs(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
