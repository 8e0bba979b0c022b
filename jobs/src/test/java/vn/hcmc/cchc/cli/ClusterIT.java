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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.support.GeneratedWeek;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The pipeline on a real Spark standalone cluster ({@code scripts/spark-cluster}: a Master and two
 * Workers on loopback), submitted the way a data engineer does: {@code scripts/cchc run --master
 * spark://... --conf conf/cluster.conf}, on the generated week. The cluster's warehouse must hold the
 * rows of the same week run in local mode ({@link GeneratedWeek#warehouse()}, same key; {@link
 * ReliabilityIT} shows local runs through the launcher write those rows too). Prints the run's wall time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
  private static final String MASTER_PORT = envOr("CCHC_CLUSTER_MASTER_PORT", "7177");
  private static final String UI_PORT = envOr("CCHC_CLUSTER_UI_PORT", "8180");
  private static final Path WORK = Path.of(envOr("CCHC_CLUSTER_DIR",
      Launcher.ROOT.resolve("target/spark-cluster").toString())).resolve("work");

  private final long startedAt = System.currentTimeMillis();
  private Outcome run;
  private Path cluster;

  @BeforeAll
  void startTheClusterAndRunTheWeekOnIt() throws IOException {
    Outcome started = Launcher.script("spark-cluster", Map.of(), "start");
    assertThat(started.exitCode()).as(started.stderr()).isZero();
    assertThat(started.stdout().strip()).isEqualTo("spark://127.0.0.1:" + MASTER_PORT);

    cluster = Files.createTempDirectory("cchc-cluster-it").resolve("warehouse-cluster");
    String raw = GeneratedWeek.raw().toString();
    long t0 = System.nanoTime();
    // the one launched run that generates code, as production does (the others' JVMs interpret:
    // Launcher.TEST_JVM_OPTS); the executors' JVMs as the driver: C1 only, for a run of seconds; Spark
    // puts these before cluster.conf's extraJavaOptions, which stay as a user has them
    Map<String, String> env = new HashMap<>(GeneratedWeek.keyEnv());
    env.put("CCHC_JAVA_OPTS", Launcher.QUICK_JVM_OPTS);
    run = Launcher.run(env, "run", "--raw", raw, "--warehouse", cluster.toString(),
        "--master", "spark://127.0.0.1:" + MASTER_PORT, "--conf", "conf/cluster.conf",
        "--conf", "spark.executor.defaultJavaOptions=" + Launcher.QUICK_JVM_OPTS);
    // a daily run's times, local and cluster side by side, are scripts/bench-cluster's (CI time is dear)
    System.out.printf(Locale.ROOT, "ClusterIT: wall time of scripts/cchc run on the cluster, scale 0.002, the week"
        + " 2021-03-29 .. 04-04: %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  void stopTheCluster() {
    Outcome stopped = Launcher.script("spark-cluster", Map.of(), "stop");
    assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
  }

  @Test
  void theRunSucceeds() {
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("ingest:", "normalize:", "marts:").doesNotContain("Exception");
  }

  @Test
  void theClusterWroteTheSameRowsAsLocalMode() {
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    GeneratedWeek.assertSameRows(new Warehouse(TestSpark.session(), cluster.toString()));
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

  /**
   * What {@code --kill-holder} posts to end an application whose driver runs on another host
   * ({@code HolderKiller}): Spark 4.2's master takes it (the handler exists with the master's
   * defaults; an id it does not know is ignored) and answers with a redirect to its front page. The
   * kill of a live application itself is Spark's; {@code HolderKillerTest} proves the request.
   */
  @Test
  void theMastersUiTakesTheKillThatKillHolderPosts() throws IOException, InterruptedException {
    HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + UI_PORT + "/app/kill/?id=app-00000000000000-0000&terminate=true")).POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(masterJson().get("status").asText()).isEqualTo("ALIVE");
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

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
