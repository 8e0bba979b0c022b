package vn.hcmc.cchc.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.support.Folders;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.tables.WarehouseLock.Holder;

/**
 * The warehouse lock on a real S3 server (S3Proxy 3, which keeps {@code If-None-Match: *} on a
 * PUT, as AWS S3, MinIO and Ceph do): of two creates that both found no lock, the store takes one
 * and refuses the other; runs racing for the lock never both hold it. With Hadoop's conditional
 * create turned off (a store that does not keep the condition), the second PUT overwrites the
 * first, and only the read-back after the settling pause tells them apart. A heartbeat overwrites
 * the holder's own version only ({@code If-Match}): a holder taken over cannot overwrite its successor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectStoreLockIT {
  private static final String BUCKET = "cchc-lock";
  private Path dir;
  private final Map<String, String> server = new HashMap<>();
  private Configuration conf;
  private int next;

  @BeforeAll
  void startTheServer() throws IOException {
    dir = Files.createTempDirectory("cchc-lock-it");
    server.put("CCHC_S3_PORT", String.valueOf(Launcher.freePort()));
    server.put("CCHC_S3_DIR", dir.resolve("s3").toString());
    server.put("CCHC_S3_BUCKET", BUCKET);
    server.put("AWS_ACCESS_KEY_ID", "lock-it-access-key");
    server.put("AWS_SECRET_ACCESS_KEY", "lock-it-secret-key-0123456789");
    var started = Launcher.script("s3-server", server, "start");
    assertThat(started.exitCode()).as(started.stderr()).isZero();
    conf = new Configuration();
    conf.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + server.get("CCHC_S3_PORT"));
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.access.key", server.get("AWS_ACCESS_KEY_ID"));
    conf.set("fs.s3a.secret.key", server.get("AWS_SECRET_ACCESS_KEY"));
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
  }

  @AfterAll
  void stopTheServer() {
    var stopped = Launcher.script("s3-server", server, "stop");
    assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
    Folders.delete(dir);
  }

  /** The lock path of a warehouse no other test uses. */
  private org.apache.hadoop.fs.Path freshLock() {
    return WarehouseLock.pathUnder("s3a://" + BUCKET + "/warehouse-" + (next++));
  }

  private static Holder holder(String runId) {
    Instant t = Instant.parse("2026-12-06T00:00:00Z");
    return new Holder(runId, "run", "host-1", 42, t, t, "app-1 on local[2]");
  }

  private static void write(OutputStream out, Holder h) throws IOException {
    out.write(h.bytes());
  }

  @Test
  void ofTwoCreatesThatBothFoundNoLockTheStoreTakesOneAndRefusesTheOther() throws IOException {
    ObjectStoreLockFile file = new ObjectStoreLockFile(conf, freshLock());
    FileSystem fs = FileSystem.newInstance(java.net.URI.create("s3a://" + BUCKET + "/"), conf);
    assertThat(file.conditional(fs)).isTrue();
    // both opened (each checked that no lock exists) before either PUT is sent: only the store can tell
    OutputStream first = file.conditionalCreate(fs);
    OutputStream second = file.conditionalCreate(fs);
    write(first, holder("run-1"));
    first.close();
    write(second, holder("run-2"));
    assertThatThrownBy(second::close).isInstanceOf(IOException.class);
    assertThat(file.read()).isEqualTo(holder("run-1"));
    // and through claim: refused, the holder unchanged
    assertThat(file.createIfAbsent(holder("run-3"))).isFalse();
    assertThat(file.read()).isEqualTo(holder("run-1"));
  }

  @Test
  void withoutTheConditionTheSecondPutOverwritesAndOnlyTheReadBackDecides() throws IOException {
    Configuration plain = new Configuration(conf);
    plain.setBoolean("fs.s3a.create.conditional.enabled", false);
    org.apache.hadoop.fs.Path path = freshLock();
    ObjectStoreLockFile file = new ObjectStoreLockFile(plain, path);
    FileSystem fs = FileSystem.newInstance(java.net.URI.create("s3a://" + BUCKET + "/"), plain);
    assertThat(file.conditional(fs)).isFalse();
    OutputStream first = fs.create(path, false);
    OutputStream second = fs.create(path, false);
    write(first, holder("run-1"));
    first.close();
    write(second, holder("run-2"));
    second.close();
    assertThat(file.read()).as("the last PUT wins").isEqualTo(holder("run-2"));
  }

  @Test
  void runsRacingForTheLockNeverBothHoldIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        org.apache.hadoop.fs.Path path = freshLock();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int runner = 0; runner < 4; runner++) {
          Holder h = holder("round-" + round + "-run-" + runner);
          ObjectStoreLockFile mine = new ObjectStoreLockFile(conf, path);
          claims.add(pool.submit(() -> {
            go.await();
            return mine.claim(h);
          }));
        }
        go.countDown();
        int held = 0;
        for (Future<Boolean> c : claims) {
          held += c.get() ? 1 : 0;
        }
        assertThat(held).as("round %d", round).isEqualTo(1);
        Holder winner = new ObjectStoreLockFile(conf, path).read();
        assertThat(winner.runId()).startsWith("round-" + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }
  @Test
  void aHolderWhoseLockWasTakenOverCannotOverwriteItsSuccessors() throws IOException {
    org.apache.hadoop.fs.Path path = freshLock();
    ObjectStoreLockFile first = new ObjectStoreLockFile(conf, path);
    assertThat(first.claim(holder("run-1"))).isTrue();
    Holder beat = holder("run-1").beating(Instant.parse("2026-12-06T00:02:30Z"));
    first.replace(beat); // its own version: If-Match holds
    assertThat(first.read()).isEqualTo(beat);
    // run-1 taken for stale (a long pause, say): run-2 deletes its lock and takes it
    ObjectStoreLockFile second = new ObjectStoreLockFile(conf, path);
    second.delete();
    assertThat(second.claim(holder("run-2"))).isTrue();
    // run-1's next heartbeat, which found its own content just before run-2's PUT, is refused by the store
    assertThatThrownBy(() -> first.replace(holder("run-1").beating(Instant.parse("2026-12-06T00:05:00Z"))))
        .isInstanceOf(ObjectStoreLockFile.LostException.class);
    assertThat(second.read()).isEqualTo(holder("run-2"));
  }
}
