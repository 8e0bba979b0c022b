package vn.hcmc.cchc.tables;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
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
 * half-written. Creation is atomic on a local file system ({@code link(2)}); on object storage,
 * which has no such primitive here, the winner of a race is the one whose content is read back
 * after a settling pause (see docs/RELIABILITY.md).
 */
public final class WarehouseLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);
  public static final String FILE = "_cchc.lock";
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Duration SETTLE = Duration.ofMillis(500);

  /** Who holds a lock: what the file says. */
  public record Holder(String runId, String command, String host, long pid, Instant since, Instant heartbeat) {
    String describe() {
      return "`" + command + "` run " + runId + " (pid " + pid + " on " + host + ", since " + since
          + ", last heartbeat " + heartbeat + ")";
    }

    byte[] bytes() {
      String text = "run_id=" + runId + "\ncommand=" + command + "\nhost=" + host + "\npid=" + pid + "\nsince="
          + since + "\nheartbeat=" + heartbeat + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    }

    static Holder parse(byte[] bytes) throws IOException {
      Properties p = new Properties();
      p.load(new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8)));
      try {
        return new Holder(p.getProperty("run_id"), p.getProperty("command"), p.getProperty("host"),
            Long.parseLong(p.getProperty("pid")), Instant.parse(p.getProperty("since")),
            Instant.parse(p.getProperty("heartbeat")));
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

  private final Configuration conf;
  private final Path path;
  private final Holder holder;
  private final ScheduledExecutorService heartbeat;

  private WarehouseLock(Configuration conf, Path path, Holder holder, Duration staleAfter) {
    this.conf = conf;
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
  public static WarehouseLock acquire(Configuration conf, String root, String runId, String command, Duration wait,
      Duration staleAfter, Clock clock) {
    Path path = pathUnder(root);
    Instant deadline = clock.instant().plus(wait);
    boolean told = false;
    try {
      FileSystem fs = path.getFileSystem(conf);
      while (true) {
        Instant now = clock.instant();
        Holder mine = new Holder(runId, command, host(), ProcessHandle.current().pid(), now, now);
        if (create(fs, path, mine) && (isLocal(fs) || mine.equals(read(fs, path, SETTLE)))) {
          return new WarehouseLock(conf, path, mine, staleAfter);
        }
        Holder other = read(fs, path, Duration.ZERO);
        if (other == null && !fs.exists(path)) {
          continue; // released in between
        }
        if (other == null || isStale(other, now, staleAfter)) {
          LOG.warn("warehouse lock: taking over the stale lock of {}", other == null ? "an unreadable holder"
              : other.describe() + ": " + staleReason(other, now, staleAfter));
          delete(fs, path);
          continue;
        }
        if (!now.isBefore(deadline)) {
          throw new BusyException("the warehouse " + root + " is in use by " + other.describe()
              + "; run again when it has finished" + (wait.isZero() ? "" : " (waited " + wait.toSeconds() + " s)")
              + ", or delete " + path + " if that process is gone");
        }
        if (!told) {
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

  /** A lock is stale when its process is gone (this host) or its heartbeat is older than {@code staleAfter}. */
  static boolean isStale(Holder h, Instant now, Duration staleAfter) {
    return staleReason(h, now, staleAfter) != null;
  }

  private static String staleReason(Holder h, Instant now, Duration staleAfter) {
    if (h.host().equals(host()) && ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true)) {
      return "its process " + h.pid() + " is gone";
    }
    if (h.heartbeat().plus(staleAfter).isBefore(now)) {
      return "no heartbeat for " + Duration.between(h.heartbeat(), now).toSeconds() + " s";
    }
    return null;
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
      FileSystem fs = path.getFileSystem(conf);
      Holder now = read(fs, path, Duration.ZERO);
      if (now != null && now.runId().equals(holder.runId())) {
        delete(fs, path);
      } else {
        LOG.warn("warehouse lock: {} no longer holds {}; left as it is", holder.runId(), path);
      }
    } catch (IOException e) {
      LOG.warn("warehouse lock: could not delete {}: {}", path, e.getMessage());
    }
  }

  private void beat() {
    try {
      FileSystem fs = path.getFileSystem(conf);
      Holder now = read(fs, path, Duration.ZERO);
      if (now == null || !now.runId().equals(holder.runId())) {
        LOG.error("warehouse lock: {} was taken over by {}", path, now == null ? "nobody" : now.describe());
        return;
      }
      replace(fs, path, new Holder(holder.runId(), holder.command(), holder.host(), holder.pid(), holder.since(),
          Instant.now()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("warehouse lock: heartbeat failed: {}", e.getMessage());
    }
  }

  /**
   * Creates the file with {@code h} unless it exists. On a local file system the content is written
   * beside it first and hard-linked into place ({@code link(2)} fails if the name exists), so the
   * file never exists half-written; on object storage a PUT appears whole.
   */
  private static boolean create(FileSystem fs, Path path, Holder h) throws IOException {
    if (isLocal(fs)) {
      java.nio.file.Path local = local(path);
      Files.createDirectories(local.getParent());
      java.nio.file.Path tmp = Files.write(local.resolveSibling(FILE + "." + h.runId() + ".tmp"), h.bytes());
      try {
        Files.createLink(local, tmp);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    if (fs.exists(path)) {
      return false;
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(h.bytes());
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Replaces the file's content in one step (a rename locally, a PUT on object storage). */
  private static void replace(FileSystem fs, Path path, Holder h) throws IOException {
    if (isLocal(fs)) {
      java.nio.file.Path local = local(path);
      java.nio.file.Path tmp = Files.write(local.resolveSibling(FILE + "." + h.runId() + ".tmp"), h.bytes());
      Files.move(tmp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (OutputStream out = fs.create(path, true)) {
      out.write(h.bytes());
    }
  }

  private static void delete(FileSystem fs, Path path) throws IOException {
    if (isLocal(fs)) {
      Files.deleteIfExists(local(path));
    } else {
      fs.delete(path, false);
    }
  }

  private static boolean isLocal(FileSystem fs) {
    return "file".equals(fs.getScheme());
  }

  private static java.nio.file.Path local(Path path) {
    return java.nio.file.Path.of(path.toUri().getPath());
  }

  /** The holder the file names now, after {@code settle}; {@code null} when it is gone or unreadable. */
  private static Holder read(FileSystem fs, Path path, Duration settle) throws IOException {
    if (!settle.isZero()) {
      try {
        Thread.sleep(settle.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (isLocal(fs)) {
        return Holder.parse(Files.readAllBytes(local(path)));
      }
      try (InputStream in = fs.open(path)) {
        return Holder.parse(in.readAllBytes());
      }
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      return null;
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
