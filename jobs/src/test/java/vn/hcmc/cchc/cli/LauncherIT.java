package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.support.GeneratedWeek;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;

/**
 * End to end through {@code scripts/cchc}, as a user types the README's commands: generate the
 * week, query its warehouse; what only a process shows (exit codes, the one line the JVM
 * prints for an error, {@code spark-submit} options, the class-data archive). A launched run of the
 * week writes the rows of the in-process run: {@code ClusterIT} (on a standalone cluster) and {@code
 * ReliabilityIT} (locally) prove it, so this class queries the in-process run's warehouse ({@link
 * GeneratedWeek#warehouse()}) and runs no week of its own (until December 2026 it did, a third time). The commands' own results on the same week are
 * proven in process: usage errors in {@link CchcTest} and {@link CommandsInProcessTest}, the
 * attainment table in {@link CommandsInProcessTest}; a rerun that finds nothing new in {@code
 * DailyRunsTest} (in process) and {@code S3IT} (through the launcher, on an object store). No
 * personal value in a launched run's tables: {@code ReliabilityIT}'s launched runs leave every table
 * but {@code ops.runs} row for row as the in-process run's (bronze included), and it searches those
 * tables and every line the launched runs print.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherIT {
  private static final Path SUMMARY = Path.of("_generate/summary.json");

  private Path dir;
  private String raw;
  private String warehouse;

  @BeforeAll
  void theGeneratedWeekAndItsWarehouse() throws IOException {
    dir = Files.createTempDirectory("cchc-it");
    raw = GeneratedWeek.raw().toString();
    warehouse = GeneratedWeek.warehouse().root();
  }

  @Test
  void generateWritesTheFilesOfTheGeneratorInProcessByteForByte() throws IOException {
    Path out = dir.resolve("raw");
    Outcome generated = Launcher.run(Map.of(), "generate", "--conf", GeneratedWeek.conf().toString(),
        "--out", out.toString(), "--from", GeneratedWeek.FROM, "--to", GeneratedWeek.TO,
        "--scale", String.valueOf(GeneratedWeek.SCALE), "--seed", String.valueOf(GeneratedWeek.SEED));
    assertThat(generated.exitCode()).as(generated.stderr()).isZero();
    Set<Path> files = files(out);
    assertThat(files).hasSizeGreaterThan(10).isEqualTo(files(GeneratedWeek.raw()));
    for (Path f : files) {
      if (f.equals(SUMMARY)) { // what it wrote, and how long it took
        assertThat(withoutTimes(out.resolve(f))).isEqualTo(withoutTimes(GeneratedWeek.raw().resolve(f)));
      } else {
        assertThat(out.resolve(f)).as(f.toString()).hasSameBinaryContentAs(GeneratedWeek.raw().resolve(f));
      }
    }
  }

  @Test
  void aGeneratedWeekLoadsWithRawEqualToBronzeEqualToSilverPlusQuarantine() throws IOException {
    long generatedLines = new ObjectMapper().readTree(Path.of(raw).resolve(SUMMARY).toFile())
        .get("lines").asLong();
    // one launch for every figure, and spark-submit's --master and --conf key=value, which win over the config file's
    Outcome o = Launcher.run(Map.of(), "sql", "--master", "local[1]", "--conf", "spark.sql.shuffle.partitions=3",
        "--warehouse", warehouse, "--format", "csv", "SELECT '${spark.master}' AS master, "
            + "'${spark.sql.shuffle.partitions}' AS shuffle_partitions, r.*, c.*, q.* FROM "
            + "(SELECT sum(raw_records) raw, sum(bronze_rows) bronze, sum(silver_rows) silver, "
            + "sum(quarantined_rows) quarantined, min(CAST(balanced AS INT)) balanced FROM ops.reconciliation) r "
            + "CROSS JOIN (SELECT sum(received_new) received, count(*) city_rows, "
            + "sum(CASE WHEN carried_over + received_new = resolved + withdrawn + pending_end THEN 1 ELSE 0 END) "
            + "identity_rows FROM gold.case_monthly WHERE scope_type = 'city' AND sector = '*') c "
            + "CROSS JOIN (SELECT concat_ws(' ', sort_array(collect_set(reason))) reasons FROM silver.quarantine) q");
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    List<String> csv = o.stdout().lines().toList();
    assertThat(csv.get(0)).isEqualTo("master,shuffle_partitions,raw,bronze,silver,quarantined,balanced,"
        + "received,city_rows,identity_rows,reasons");
    String[] n = csv.get(1).split(",");
    assertThat(n[0]).as("spark.master").isEqualTo("local[1]");
    assertThat(n[1]).as("spark.sql.shuffle.partitions (conf/local.conf: 4)").isEqualTo("3");
    assertThat(Long.parseLong(n[2])).isEqualTo(generatedLines);
    assertThat(Long.parseLong(n[3])).isEqualTo(generatedLines);
    assertThat(Long.parseLong(n[4]) + Long.parseLong(n[5])).isEqualTo(generatedLines);
    assertThat(n[6]).isEqualTo("1");
    assertThat(Long.parseLong(n[7])).as("a week of receipts at 0.2%").isGreaterThan(500);
    assertThat(n[9]).as("the identity holds in every city row").isEqualTo(n[8]);
    assertThat(n[10]).as("every quarantine reason").isEqualTo("bad_code bad_date date_order malformed_record "
        + "missing_field missing_result_date unknown_agency unknown_procedure");
  }

  @Test
  void theLaunchersClassDataArchiveIsWrittenWholeAndTheNextLaunchStartsFromIt() throws IOException, InterruptedException {
    // written by this build's first launch (this one, or another test's), named by the jar
    Outcome first = Launcher.run(Map.of(), "sql", "--warehouse", warehouse, "SELECT 1 AS one");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    Path target = Launcher.ROOT.resolve("jobs/target");
    List<String> cds = archiveFiles(target);
    // the end-to-end tests run two at a time: the other's first launch may be writing the archive now
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        cds.stream().anyMatch(n -> !n.endsWith(".jsa")) && System.nanoTime() < deadline; cds = archiveFiles(target)) {
      Thread.sleep(500);
    }
    assertThat(cds).as("one archive, no lock or part left").hasSize(1);
    assertThat(cds.get(0)).matches("cchc-[0-9]+-[0-9]+\\.jsa");
    // -Xshare:on: a JVM that cannot map the archive it is given refuses to start
    Outcome next = Launcher.run(Map.of("CCHC_JAVA_OPTS", Launcher.TEST_JVM_OPTS + " -Xshare:on"), "sql",
        "--warehouse", warehouse, "SELECT count(*) AS dossiers FROM silver.cases");
    assertThat(next.exitCode()).as(next.stderr()).isZero();
    assertThat(next.stdout()).matches("dossiers\\R[1-9][0-9]*\\R");
  }

  /** The launcher's class-data archive, its lock and the part being written, by name. */
  private static List<String> archiveFiles(Path target) throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cchc-") && n.contains(".jsa")).toList();
    }
  }

  @Test
  void anErrorIsOneLineOfTheJvmAndExitTwo() {
    // the key comes from the environment only; the launcher's caller has none (Launcher drops CCHC_*)
    Outcome noKey = Launcher.run(Map.of(), "ingest", "--raw", raw, "--warehouse", dir.resolve("nowhere").toString());
    assertThat(noKey.exitCode()).isEqualTo(Cchc.USAGE);
    // besides the log lines of conf/log4j2.properties (the config in use): the error, nothing else
    assertThat(noKey.stderr().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d [A-Z]+ +\\w+: .*")))
        .containsExactly("cchc ingest: no pseudonymisation key: set CCHC_PII_KEY (at least 16 characters) or "
            + "CCHC_PII_KEY_FILE to a key file outside the repository (scripts/demo creates one)");
    assertThat(noKey.stdout()).isEmpty();
    // the launcher's own check, before any JVM
    Outcome noMaster = Launcher.run(Map.of(), "sql", "--master");
    assertThat(noMaster.exitCode()).isEqualTo(Cchc.USAGE);
    assertThat(noMaster.stderr().lines()).containsExactly("cchc: --master needs a value");
  }

  @Test
  void theCommandItShowsHasNoSecretInClear() {
    // a SPARK_HOME without spark-submit: the launcher shows the command, then fails to run it (no JVM)
    Outcome shown = Launcher.run(Map.of("CCHC_SHOW_COMMAND", "1", "SPARK_HOME", dir.resolve("no-spark").toString()),
        "sql", "--conf", "spark.hadoop.fs.s3a.secret.key=abc123", "--jdbc-url",
        "jdbc:postgresql://db/cchc?user=bi&password=s3cr3t", "--raw", "s3a://AKIA:wJalrXUtn@bucket/raw",
        "--conf", "spark.hadoop.fs.s3a.access.key=open sesame", "SELECT 1");
    assertThat(shown.exitCode()).isEqualTo(127);
    String line = shown.stderr().lines().filter(l -> l.startsWith("cchc: runs ")).findFirst().orElseThrow();
    // shell-quoted as it would be typed (printf %q): the mask's asterisks escaped
    assertThat(line).contains("spark.hadoop.fs.s3a.secret.key=\\*\\*\\*", "password=\\*\\*\\*",
        "s3a://AKIA:\\*\\*\\*@bucket/raw", "--class vn.hcmc.cchc.cli.Cchc", "access.key=\\*\\*\\*")
        .doesNotContain("abc123", "s3cr3t", "wJalrXUtn", "sesame");
  }

  /** Every file below {@code root}, by its path relative to it. */
  private static Set<Path> files(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(root::relativize).collect(Collectors.toSet());
    }
  }

  private static JsonNode withoutTimes(Path summary) throws IOException {
    return ((ObjectNode) new ObjectMapper().readTree(summary.toFile())).remove(List.of("seconds", "linesPerSecond"));
  }
}
