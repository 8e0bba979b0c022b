package vn.hcmc.cchc.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse lock on a local file system: one holder, a clear refusal, stale locks taken over. */
class WarehouseLockTest {
  private static final Duration STALE = Duration.ofMinutes(10);
  /** The holder's Spark application, as Pipeline records it. */
  private static final String APPLICATION = "app-20261206101500-0007 on spark://etl-1:7077";
  private final Configuration conf = new Configuration();

  @TempDir Path root;

  private WarehouseLock take(String runId, Duration wait) {
    return WarehouseLock.acquire(conf, root.toString(), runId, "run", APPLICATION, wait, STALE, Clock.systemUTC());
  }

  private void writeLock(String host, long pid, Instant heartbeat) throws Exception {
    Files.writeString(root.resolve(WarehouseLock.FILE), "run_id=old-run\ncommand=run\nhost=" + host + "\npid=" + pid
        + "\nsince=" + heartbeat + "\nheartbeat=" + heartbeat + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void aSecondRunIsRefusedWithTheHolderNamedAndTheLockIsFreedOnClose() {
    try (WarehouseLock first = take("run-1", Duration.ZERO)) {
      assertThat(root.resolve(WarehouseLock.FILE)).content().contains("run_id=run-1");
      assertThatThrownBy(() -> take("run-2", Duration.ZERO))
          .isInstanceOf(WarehouseLock.BusyException.class)
          .hasMessageContaining("is in use by `run` run run-1 (pid " + ProcessHandle.current().pid())
          .hasMessageContaining(", Spark application " + APPLICATION + ", since ")
          .hasMessageContaining("delete " + root.resolve(WarehouseLock.FILE));
    }
    assertThat(root.resolve(WarehouseLock.FILE)).doesNotExist();
    try (WarehouseLock second = take("run-2", Duration.ZERO)) {
      assertThat(second.holder().runId()).isEqualTo("run-2");
    }
  }

  @Test
  void aWaitingRunGetsTheLockWhenTheHolderEnds() throws Exception {
    WarehouseLock first = take("run-1", Duration.ZERO);
    Thread release = new Thread(() -> {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      first.close();
    });
    release.start();
    try (WarehouseLock second = take("run-2", Duration.ofSeconds(30))) {
      assertThat(root.resolve(WarehouseLock.FILE)).content().contains("run_id=run-2");
    }
    release.join();
  }

  @Test
  void theLockOfAKilledProcessOnThisHostIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    writeLock(InetAddress.getLocalHost().getHostName(), gone.pid(), Instant.now());
    try (WarehouseLock lock = take("run-2", Duration.ZERO)) {
      assertThat(root.resolve(WarehouseLock.FILE)).content().contains("run_id=run-2");
    }
  }

  @Test
  void aLockFromAnotherHostIsHonouredUntilItsHeartbeatIsStale() throws Exception {
    writeLock("driver-7.cluster", 1, Instant.now().minusSeconds(60));
    assertThatThrownBy(() -> take("run-2", Duration.ZERO)).isInstanceOf(WarehouseLock.BusyException.class)
        .hasMessageContaining("old-run (pid 1 on driver-7.cluster");
    writeLock("driver-7.cluster", 1, Instant.now().minus(STALE).minusSeconds(60));
    try (WarehouseLock lock = take("run-2", Duration.ZERO)) {
      assertThat(lock.holder().runId()).isEqualTo("run-2");
    }
  }

  @Test
  void aHalfWrittenLockIsStale() throws Exception {
    Files.writeString(root.resolve(WarehouseLock.FILE), "run_id=old-r", StandardCharsets.UTF_8);
    try (WarehouseLock lock = take("run-2", Duration.ZERO)) {
      assertThat(root.resolve(WarehouseLock.FILE)).content().contains("run_id=run-2");
    }
  }

  @Test
  void aHolderTakenOverDoesNotDeleteItsSuccessorsLock() throws Exception {
    WarehouseLock first = take("run-1", Duration.ZERO);
    writeLock("elsewhere", 1, Instant.now()); // as if run-1 had been declared stale and replaced
    first.close();
    assertThat(root.resolve(WarehouseLock.FILE)).content().contains("run_id=old-run");
  }

  @Test
  void theHeartbeatKeepsALongRunFresh() throws Exception {
    try (WarehouseLock lock = WarehouseLock.acquire(conf, root.toString(), "run-1", "run", APPLICATION, Duration.ZERO,
        Duration.ofMillis(400), Clock.systemUTC())) {
      Instant since = lock.holder().since();
      Thread.sleep(1_000);
      String text = Files.readString(root.resolve(WarehouseLock.FILE));
      Instant beat = Instant.parse(text.lines().filter(l -> l.startsWith("heartbeat=")).findFirst().orElseThrow()
          .substring("heartbeat=".length()));
      assertThat(beat).isAfter(since.plusMillis(500));
    }
  }
  private WarehouseLock takeKilling(String runId, Duration staleAfter, Optional<String> masterUi) {
    return WarehouseLock.acquire(conf, root.toString(), runId, "run", APPLICATION, Duration.ZERO, staleAfter,
        Optional.of(new HolderKiller(masterUi)), Clock.systemUTC());
  }

  @Test
  void withKillHolderALiveHolderOnThisHostIsEndedAndItsLockTakenOver() throws Exception {
    Process holder = new ProcessBuilder("sleep", "60").start();
    try {
      writeLock(InetAddress.getLocalHost().getHostName(), holder.pid(), Instant.now().plusSeconds(1));
      assertThatThrownBy(() -> take("run-2", Duration.ZERO)).isInstanceOf(WarehouseLock.BusyException.class)
          .hasMessageEndingWith("or end it with --kill-holder");
      try (WarehouseLock lock = takeKilling("run-2", STALE, Optional.empty())) {
        assertThat(holder.isAlive()).isFalse();
        assertThat(root.resolve(WarehouseLock.FILE)).content().contains("run_id=run-2");
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  /** A standalone master's UI on loopback that does {@code onKill} when asked to kill an application. */
  private static HttpServer master(Runnable onKill) throws Exception {
    HttpServer master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    master.createContext("/app/kill/", exchange -> {
      onKill.run();
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    master.start();
    return master;
  }

  private void writeLockOfAnotherHost() throws Exception {
    Instant now = Instant.now();
    Files.writeString(root.resolve(WarehouseLock.FILE), "run_id=old-run\ncommand=run\nhost=driver-7.cluster\npid=1"
        + "\nsince=" + now + "\nheartbeat=" + now + "\nspark_application=" + APPLICATION + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void aHolderElsewhereKilledThroughItsMasterIsTakenOverWhenItDeletesItsLock() throws Exception {
    writeLockOfAnotherHost();
    // the killed driver's run fails and deletes its lock on the way out
    HttpServer master = master(() -> root.resolve(WarehouseLock.FILE).toFile().delete());
    try (WarehouseLock lock = takeKilling("run-2", STALE, Optional.of("http://127.0.0.1:" + master.getAddress().getPort()))) {
      assertThat(root.resolve(WarehouseLock.FILE)).content().contains("run_id=run-2");
    } finally {
      master.stop(0);
    }
  }

  @Test
  void aHolderElsewhereKilledThroughItsMasterIsTakenOverWhenItsHeartbeatStops() throws Exception {
    writeLockOfAnotherHost();
    HttpServer master = master(() -> { }); // the driver dies without a word: its file stays, unchanged
    long t0 = System.nanoTime();
    try (WarehouseLock lock = takeKilling("run-2", Duration.ofSeconds(4),
        Optional.of("http://127.0.0.1:" + master.getAddress().getPort()))) {
      assertThat(root.resolve(WarehouseLock.FILE)).content().contains("run_id=run-2");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("two beats missed, before the lock is stale")
          .isBetween(Duration.ofSeconds(2), Duration.ofMillis(3_900));
    } finally {
      master.stop(0);
    }
  }
}
