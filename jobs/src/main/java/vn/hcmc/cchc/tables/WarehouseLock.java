package vn.hcmc.cchc.tables;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per warehouse: the file {@code _cchc.lock} at the root, created by a command that
 * changes tables before its first write and deleted when it ends. A second command finds it, waits
 * up to {@code wait}, then fails with a line naming the holder. Delta's optimistic commits would
 * keep each table consistent without it, but two runs interleaving ingest, normalize and marts
 * would each do the other's work twice and fail on conflicts half-way; the lock makes the second
 * one stop before it starts.
 *
 * <p>A holder killed with SIGKILL cannot delete its file, so a lock is stale, and taken over, when
 * its holder's process is gone (same host) or its heartbeat, rewritten every {@code staleAfter / 4},
 * is older than {@code staleAfter} (any host: a driver in cluster mode). The file is never seen
 * half-written. How it is created depends on the store ({@link LockFile}): atomically on a local
 * file system ({@link LocalLockFile}); on object storage, which has no such primitive here, the
 * winner of a race is the one whose content is read back after a settling pause
 * ({@link ObjectStoreLockFile}). With {@code --kill-holder}, a live holder is ended instead of
 * waited for ({@link HolderKiller}), and its lock taken over once it has let go.
 */
public final class WarehouseLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);
  public static final String FILE = "_cchc.lock";
  private static final Duration POLL = Duration.ofSeconds(2);

  /**
   * Who holds a lock: what the file says. {@code application} is the holder's Spark application and
   * master ({@code app-20261206... on spark://etl:7077}), so that whoever finds the lock can find the
   * holder, wherever its driver runs (a driver in cluster mode is on a worker, not where it was
   * submitted); {@code null} in a lock written before it was recorded.
   */
  public record Holder(String runId, String command, String host, long pid, Instant since, Instant heartbeat,
      String application) {
    String describe() {
      return "`" + command + "` run " + runId + " (pid " + pid + " on " + host
          + (application == null ? "" : ", Spark application " + application) + ", since " + since
          + ", last heartbeat " + heartbeat + ")";
    }

    /** This holder with a new heartbeat. */
    Holder beating(Instant now) {
      return new Holder(runId, command, host, pid, since, now, application);
    }

    byte[] bytes() {
      String text = "run_id=" + runId + "\ncommand=" + command + "\nhost=" + host + "\npid=" + pid + "\nsince="
          + since + "\nheartbeat=" + heartbeat + "\n" + (application == null ? "" : "spark_application=" + application + "\n");
      return text.getBytes(StandardCharsets.UTF_8);
    }

    static Holder parse(byte[] bytes) throws IOException {
      Properties p = new Properties();
      p.load(new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8)));
      try {
        return new Holder(p.getProperty("run_id"), p.getProperty("command"), p.getProperty("host"),
            Long.parseLong(p.getProperty("pid")), Instant.parse(p.getProperty("since")),
            Instant.parse(p.getProperty("heartbeat")), p.getProperty("spark_application"));
      } catch (RuntimeException e) {
        return null; // half-written by a holder killed mid-write: treated as stale
      }
    }
  }

  /** A second command found the warehouse in use and waited as long as it was allowed. */
  public static final class BusyException extends RuntimeException {
    BusyException(String message) {
      super(message);
    }
  }

  private final LockFile file;
  private final Path path;
  private final Holder holder;
  private final ScheduledExecutorService heartbeat;

  private WarehouseLock(LockFile file, Path path, Holder holder, Duration staleAfter) {
    this.file = file;
    this.path = path;
    this.holder = holder;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cchc-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, staleAfter.toMillis() / 4);
    heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /** The lock's path under a warehouse root. */
  public static Path pathUnder(String root) {
    return new Path(root.endsWith("/") ? root + FILE : root + "/" + FILE);
  }

  /**
   * Takes the lock of the warehouse at {@code root} for a run, waiting up to {@code wait} for a
   * live holder to finish; a stale lock is taken over with a warning.
   *
   * @throws BusyException when a live holder still has it after {@code wait}
   */
  public static WarehouseLock acquire(Configuration conf, String root, String runId, String command,
      String application, Duration wait, Duration staleAfter, Clock clock) {
    return acquire(conf, root, runId, command, application, wait, staleAfter, Optional.empty(), clock);
  }

  /**
   * {@link #acquire(Configuration, String, String, String, String, Duration, Duration, Clock)}, and
   * with a {@code killer} ({@code --kill-holder}), a live holder still there after {@code wait} is
   * ended, then its lock taken over once it has let go: its file gone, its process gone (this host),
   * or its heartbeat unchanged for {@code staleAfter / 2} by this process's clock (two beats
   * missed). One holder at most is ended: a run that takes the lock in between is waited for.
   *
   * @throws BusyException when a live holder still has it after {@code wait} and cannot be ended, or
   *     has not let go {@code staleAfter} after it was ended
   */
  public static WarehouseLock acquire(Configuration conf, String root, String runId, String command,
      String application, Duration wait, Duration staleAfter, Optional<HolderKiller> killer, Clock clock) {
    Path path = pathUnder(root);
    Instant deadline = clock.instant().plus(wait);
    boolean told = false;
    Ended ended = null;
    try {
      LockFile file = LockFile.at(conf, path);
      while (true) {
        Instant now = clock.instant();
        Holder mine = new Holder(runId, command, host(), ProcessHandle.current().pid(), now, now, application);
        if (file.claim(mine)) {
          return new WarehouseLock(file, path, mine, staleAfter);
        }
        Holder other = file.read();
        if (other == null && !file.exists()) {
          continue; // released in between
        }
        if (other == null || isStale(other, now, staleAfter)) {
          LOG.warn("warehouse lock: taking over the stale lock of {}", other == null ? "an unreadable holder"
              : other.describe() + ": " + staleReason(other, now, staleAfter));
          file.delete();
          continue;
        }
        if (ended != null && ended.holder.runId().equals(other.runId())) {
          if (ended.letGo(other, now, staleAfter)) {
            LOG.warn("warehouse lock: taking over the lock of {}, ended by --kill-holder: no heartbeat for {} s",
                ended.holder.runId(), Duration.between(ended.beatSeenAt, now).toSeconds());
            file.delete();
            continue;
          }
          if (!now.isBefore(ended.at.plus(staleAfter))) {
            throw new BusyException("the warehouse " + root + " is in use by " + other.describe() + ", which was "
                + "asked to end at " + ended.at + " (" + ended.how + ") and still holds it; stop it by hand, then "
                + "run again");
          }
        } else if (!now.isBefore(deadline)) {
          if (killer.isEmpty() || ended != null) {
            throw new BusyException("the warehouse " + root + " is in use by " + other.describe()
                + "; run again when it has finished" + (wait.isZero() ? "" : " (waited " + wait.toSeconds() + " s)")
                + ", or delete " + path + " if that process is gone"
                + (killer.isEmpty() ? ", or end it with --kill-holder" : ""));
          }
          String how = killer.get().end(other, host(), root);
          LOG.warn("warehouse lock: --kill-holder ended `{}` run {} ({}): {}", other.command(), other.runId(),
              other.application() == null ? "no Spark application recorded" : "Spark application " + other.application(),
              how);
          ended = new Ended(other, how, clock.instant());
          continue;
        } else if (!told) {
          LOG.info("warehouse lock: waiting up to {} s for {}", wait.toSeconds(), other.describe());
          told = true;
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (IOException e) {
      throw StorageError.unreachable("the warehouse", root, conf, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the warehouse lock", e);
    }
  }

  /** A holder {@code --kill-holder} ended, and the last heartbeat of it seen since, by this process's clock. */
  private static final class Ended {
    final Holder holder;
    final String how;
    final Instant at;
    Instant beat;
    Instant beatSeenAt;

    Ended(Holder holder, String how, Instant at) {
      this.holder = holder;
      this.how = how;
      this.at = at;
      this.beat = holder.heartbeat();
      this.beatSeenAt = at;
    }

    /** Whether the holder, as the file names it {@code now}, has stopped beating: two beats missed. */
    boolean letGo(Holder now, Instant at, Duration staleAfter) {
      if (!now.heartbeat().equals(beat)) {
        beat = now.heartbeat();
        beatSeenAt = at;
      }
      return !at.isBefore(beatSeenAt.plus(staleAfter.dividedBy(2)));
    }
  }

  /** A lock is stale when its process is gone (this host) or its heartbeat is older than {@code staleAfter}. */
  static boolean isStale(Holder h, Instant now, Duration staleAfter) {
    return staleReason(h, now, staleAfter) != null;
  }

  private static String staleReason(Holder h, Instant now, Duration staleAfter) {
    if (h.host().equals(host()) && ProcessHandle.of(h.pid()).filter(p -> isHolder(p, h)).isEmpty()) {
      return "its process " + h.pid() + " is gone";
    }
    if (h.heartbeat().plus(staleAfter).isBefore(now)) {
      return "no heartbeat for " + Duration.between(h.heartbeat(), now).toSeconds() + " s";
    }
    return null;
  }

  /**
   * Whether {@code p}, on the holder's host, is the holder's process: alive, and started before the
   * lock was taken (a process that started later has only been given the pid of a holder that died).
   */
  static boolean isHolder(ProcessHandle p, Holder h) {
    return p.isAlive() && p.info().startInstant().map(start -> !start.isAfter(h.since())).orElse(true);
  }

  public Holder holder() {
    return holder;
  }

  /** Deletes the file if it is still this run's (a holder taken over as stale must not delete its successor's). */
  @Override
  public void close() {
    heartbeat.shutdown();
    try {
      heartbeat.awaitTermination(1, TimeUnit.MINUTES); // a beat under way ends before the file goes
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Holder now = file.read();
      if (now != null && now.runId().equals(holder.runId())) {
        file.delete();
      } else {
        LOG.warn("warehouse lock: {} no longer holds {}; left as it is", holder.runId(), path);
      }
    } catch (IOException e) {
      LOG.warn("warehouse lock: could not delete {}: {}", path, e.getMessage());
    }
  }

  private void beat() {
    try {
      Holder now = file.read();
      if (now == null || !now.runId().equals(holder.runId())) {
        LOG.error("warehouse lock: {} was taken over by {}", path, now == null ? "nobody" : now.describe());
        return;
      }
      file.replace(holder.beating(Instant.now()));
    } catch (ObjectStoreLockFile.LostException e) {
      LOG.error("warehouse lock: {}", e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warn("warehouse lock: heartbeat failed: {}", e.getMessage());
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
