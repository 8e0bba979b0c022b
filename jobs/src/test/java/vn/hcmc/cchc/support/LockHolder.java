package vn.hcmc.cchc.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import vn.hcmc.cchc.tables.WarehouseLock;

/**
 * A process that holds a warehouse's lock through the real {@link WarehouseLock} (heartbeat
 * included) until it is ended: the live holder that {@code --kill-holder} is tested against. Prints
 * {@code held} once it has the lock.
 */
public final class LockHolder {
  private LockHolder() {}

  /** {@code LockHolder WAREHOUSE RUN_ID}. */
  public static void main(String[] args) throws InterruptedException {
    WarehouseLock lock = WarehouseLock.acquire(new Configuration(), args[0], args[1], "run", "local-1 on local[1]",
        Duration.ZERO, Duration.ofMinutes(10), Clock.systemUTC());
    System.out.println("held " + lock.holder().runId());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Starts a holder of {@code warehouse}'s lock in a JVM of its own and returns once it holds it. */
  public static Process start(Path warehouse, String runId) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), warehouse.toString(), runId));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String first = p.inputReader().readLine();
    if (!("held " + runId).equals(first)) {
      p.destroyForcibly();
      throw new IllegalStateException("the lock holder did not take the lock: " + first);
    }
    return p;
  }
}
