package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.LockHolder;
import vn.hcmc.cchc.tables.HolderKiller;
import vn.hcmc.cchc.tables.WarehouseLock;

/**
 * {@code --kill-holder} against a live holder of the lock: a process of its own that took the lock
 * through the real {@link WarehouseLock} and beats its heartbeat ({@link LockHolder}). A second run
 * ends it and takes the lock; the holder is gone. Once in process (the lock file then names the new
 * holder), once as the command {@code ingest --kill-holder} (in this JVM: the process under test is the
 * holder's).
 */
class KillHolderIT {
  @TempDir Path dir;

  @Test
  void theLockOfAHolderEndedByKillHolderNamesTheNewHolder() throws Exception {
    Path wh = dir.resolve("wh");
    Process holder = LockHolder.start(wh, "run-held");
    try (WarehouseLock lock = WarehouseLock.acquire(new Configuration(), wh.toString(), "run-2", "run", "local-2 on "
        + "local[1]", Duration.ZERO, Duration.ofMinutes(10),
        Optional.of(new HolderKiller(Optional.empty())), Clock.systemUTC())) {
      assertThat(holder.isAlive()).isFalse();
      assertThat(wh.resolve(WarehouseLock.FILE)).content().contains("run_id=run-2")
          .contains("pid=" + ProcessHandle.current().pid());
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void aCommandWithKillHolderEndsTheRunThatHoldsTheWarehouseAndCompletes() throws IOException {
    Path raw = Files.createDirectories(dir.resolve("raw"));
    Path wh = dir.resolve("wh");
    Process holder = LockHolder.start(wh, "run-held");
    try {
      // the command in this JVM: the process under test is the holder
      long t0 = System.nanoTime();
      Outcome o = InProcessCli.run("ingest", "--conf", InProcessCli.conf(dir, "").toString(), "--raw", raw.toString(),
          "--warehouse", wh.toString(), "--kill-holder");
      System.out.printf(Locale.ROOT, "KillHolderIT: ingest --kill-holder in process, session included: %.1f s%n",
          (System.nanoTime() - t0) / 1e9);
      assertThat(o.exitCode()).as(o.stderr()).isZero();
      assertThat(holder.isAlive()).isFalse();
      List<String> ended = o.stderr().lines().filter(l -> l.contains("--kill-holder ended")).toList();
      assertThat(ended).hasSize(1);
      assertThat(ended.get(0)).contains("`run` run run-held (Spark application local-1 on local[1]): process "
          + holder.pid() + " ended by SIGTERM");
      assertThat(o.stderr()).contains("taking over the stale lock of `run` run run-held");
      assertThat(wh.resolve(WarehouseLock.FILE)).as("released at the end").doesNotExist();
    } finally {
      holder.destroyForcibly();
    }
  }
}
