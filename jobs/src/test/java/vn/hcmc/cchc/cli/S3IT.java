package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.serve.WarehouseSql;
import vn.hcmc.cchc.support.Folders;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * s3a:// end to end against a real S3 server on loopback (S3Proxy, started by {@code
 * scripts/s3-server}), through {@code scripts/cchc --conf conf/s3.conf} as a user runs it: generate
 * three days into the bucket, run, run again, query an endpoint that does not answer. The server
 * keeps objects as plain files in its own folder, which is how the test sees that the data went to
 * the bucket and nowhere else, and reads the tables' figures without a launch of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3IT {
  private static final String BUCKET = "cchc-it";
  private static final String RAW = "s3a://" + BUCKET + "/raw";
  private static final String WAREHOUSE = "s3a://" + BUCKET + "/warehouse";
  private static final String CONF = Launcher.ROOT.resolve("conf/s3.conf").toString();
  private static final String[] TABLES = {"bronze/cases", "bronze/files", "silver/cases", "silver/quarantine",
      "silver/agencies", "silver/procedures", "silver/work_files", "silver/indicators", "gold/case_monthly",
      "gold/procedure_monthly", "gold/work_monthly", "gold/target_attainment", "ops/reconciliation"};

  private Path dir;
  private Path bucket;
  private final Map<String, String> server = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();
  private Outcome started;
  private Outcome generated;
  private Outcome firstRun;

  @BeforeAll
  void startTheServerGenerateAndRun() throws IOException {
    dir = Files.createTempDirectory("cchc-s3it");
    server.put("CCHC_S3_PORT", String.valueOf(Launcher.freePort()));
    server.put("CCHC_S3_DIR", dir.resolve("s3").toString());
    server.put("CCHC_S3_BUCKET", BUCKET);
    // throw-away credentials of a throw-away server
    server.put("AWS_ACCESS_KEY_ID", "s3it-access-key");
    server.put("AWS_SECRET_ACCESS_KEY", "s3it-secret-key-0123456789");
    bucket = dir.resolve("s3/data").resolve(BUCKET);
    started = Launcher.script("s3-server", server, "start");
    assertThat(started.exitCode()).as(started.stderr()).isZero();

    env.putAll(server);
    env.put("CCHC_S3_ENDPOINT", "http://127.0.0.1:" + server.get("CCHC_S3_PORT"));
    env.put("CCHC_S3_SSL", "false");
    env.put("CCHC_PII_KEY", "integration-test-key-0123456789");
    generated = Launcher.run(env, "generate", "--conf", CONF, "--out", RAW,
        "--from", "2021-03-29", "--to", "2021-03-31", "--scale", "0.002", "--seed", "11");
    firstRun = Launcher.run(env, "run", "--conf", CONF, "--raw", RAW, "--warehouse", WAREHOUSE);
  }

  @AfterAll
  void stopTheServerAndEmptyTheBucket() {
    Outcome stopped = Launcher.script("s3-server", server, "stop");
    assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
    assertThat(Launcher.script("s3-server", server, "status").exitCode()).isEqualTo(1);
    Folders.delete(dir);
  }

  @Test
  void theServerPrintsTheVariablesThatConfS3ConfReads() {
    assertThat(started.stdout().strip()).startsWith("export CCHC_S3_ENDPOINT=http://127.0.0.1:" + server.get("CCHC_S3_PORT"))
        .contains("CCHC_S3_SSL=false", "AWS_ACCESS_KEY_ID=s3it-access-key");
    assertThat(Launcher.script("s3-server", server, "status").exitCode()).isZero();
  }

  @Test
  void threeDaysOnS3BalanceAndTheIdentityHoldsInEveryCityRow() throws IOException {
    assertThat(generated.exitCode()).as(generated.stderr()).isZero();
    assertThat(firstRun.exitCode()).as(firstRun.stderr()).isZero();
    assertThat(firstRun.stderr()).contains("ingest:", "normalize:", "marts:").doesNotContain("Exception");
    // the generator's summary is an object of the bucket, like every raw file
    long generatedLines = new ObjectMapper().readTree(bucket.resolve("raw/_generate/summary.json").toFile())
        .get("lines").asLong();
    assertThat(generatedLines).isGreaterThan(500);

    // the tables as the server keeps them, read in this JVM (the one s3a read of the tables is the second run's)
    WarehouseSql inBucket = WarehouseSql.over(new Warehouse(TestSpark.session(), bucket.resolve("warehouse").toString()));
    Row n = inBucket.query("SELECT r.raw, r.bronze, r.silver, r.quarantined, r.balanced, "
        + "c.received, c.city_rows, c.identity_rows, f.roots FROM "
        + "(SELECT sum(raw_records) raw, sum(bronze_rows) bronze, sum(silver_rows) silver, "
        + "sum(quarantined_rows) quarantined, min(CAST(balanced AS INT)) balanced FROM ops.reconciliation) r "
        + "CROSS JOIN (SELECT sum(received_new) received, count(*) city_rows, "
        + "sum(CASE WHEN carried_over + received_new = resolved + withdrawn + pending_end THEN 1 ELSE 0 END) identity_rows "
        + "FROM gold.case_monthly WHERE scope_type = 'city' AND sector = '*') c "
        // where silver.cases's data files are: the warehouse root of every one
        + "CROSS JOIN (SELECT concat_ws(' ', collect_set(regexp_extract(_metadata.file_path, '^(.*)/silver/cases/', 1))) roots "
        + "FROM silver.cases) f").first();
    assertThat(n.getLong(0)).as("raw records").isEqualTo(generatedLines);
    assertThat(n.getLong(1)).as("bronze rows").isEqualTo(generatedLines);
    assertThat(n.getLong(2) + n.getLong(3)).as("silver + quarantine").isEqualTo(generatedLines);
    assertThat(n.getLong(3)).as("the generator's deliberately bad records").isPositive();
    assertThat(n.getInt(4)).as("every batch balanced").isEqualTo(1);
    assertThat(n.getLong(5)).as("three days of receipts at 0.2%").isGreaterThan(200);
    assertThat(n.getLong(6)).as("one city month").isEqualTo(1);
    assertThat(n.getLong(7)).as("the identity holds in every city row").isEqualTo(n.getLong(6));
    // one root, the warehouse's folder in the bucket: the table's log names its files inside the table
    assertThat(n.getString(8)).as("silver.cases's data files").doesNotContain(" ")
        .endsWith(bucket.resolve("warehouse").toString());
  }

  @Test
  void everyTableIsAnObjectOfTheBucketAndNothingLandedLocally() throws IOException {
    assertThat(firstRun.exitCode()).as(firstRun.stderr()).isZero();
    for (String table : TABLES) {
      Path t = bucket.resolve("warehouse").resolve(table);
      assertThat(t.resolve("_delta_log/00000000000000000000.json")).as(table).isRegularFile();
      try (Stream<Path> files = Files.walk(t)) { // silver.cases: one folder per level and agency
        assertThat(files.filter(p -> p.getFileName().toString().endsWith(".parquet"))).as(table).isNotEmpty();
      }
    }
    try (Stream<Path> files = Files.list(bucket.resolve("raw/cases/dvc/2021/03"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("29", "30", "31");
    }
    // an s3a:// URI taken for a relative local path would show up as a folder named "s3a:"
    assertThat(Launcher.ROOT.resolve("s3a:")).doesNotExist();
    assertThat(Launcher.ROOT.resolve("jobs/s3a:")).doesNotExist();
  }

  @Test
  void aSecondRunWithNoNewFilesWritesNothing() throws IOException {
    assertThat(firstRun.exitCode()).as(firstRun.stderr()).isZero();
    Set<Path> before = objects();
    Path audit = bucket.resolve("warehouse/ops/runs");
    Outcome again = Launcher.run(env, "run", "--conf", CONF, "--raw", RAW, "--warehouse", WAREHOUSE);
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stderr()).contains("0 loaded").contains("nothing new").contains("up to date");
    Set<Path> after = objects();
    // the one write: the run's own row in ops.runs
    assertThat(after.stream().filter(p -> !p.startsWith(audit)).collect(Collectors.toSet()))
        .as("no new table version, no new object").isEqualTo(before.stream().filter(p -> !p.startsWith(audit))
            .collect(Collectors.toSet()));
    assertThat(after.stream().filter(p -> p.startsWith(audit)).count())
        .isGreaterThan(before.stream().filter(p -> p.startsWith(audit)).count());
  }

  @Test
  void anUnreachableEndpointFailsWithOneLine() throws IOException {
    Map<String, String> nowhere = new HashMap<>(env);
    nowhere.put("CCHC_S3_ENDPOINT", "http://127.0.0.1:" + Launcher.freePort());
    Outcome o = Launcher.run(nowhere, "sql", "--conf", CONF, "--warehouse", WAREHOUSE, "SELECT 1");
    assertThat(o.exitCode()).isEqualTo(1);
    List<String> failed = o.stderr().lines().filter(l -> l.startsWith("cchc sql failed:")).toList();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0)).contains("cannot reach", WAREHOUSE, "127.0.0.1");
  }

  /** Every object of the bucket below the warehouse (the server keeps each one as a file). */
  private Set<Path> objects() throws IOException {
    try (Stream<Path> files = Files.walk(bucket.resolve("warehouse"))) {
      return files.filter(Files::isRegularFile).collect(Collectors.toSet());
    }
  }
}
