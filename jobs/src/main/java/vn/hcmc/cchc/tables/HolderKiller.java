package vn.hcmc.cchc.tables;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import vn.hcmc.cchc.tables.WarehouseLock.BusyException;
import vn.hcmc.cchc.tables.WarehouseLock.Holder;

/**
 * How {@code --kill-holder} ends a live holder of the warehouse lock, by where its driver runs, as
 * its lock file tells (host and pid, Spark application and master): on this host, its process is
 * sent {@code SIGTERM}, then {@code SIGKILL} after {@link #GRACE}; on a Spark standalone master
 * elsewhere, the master's web UI kills the application (what the UI's "kill" link posts); anywhere
 * else (YARN, Kubernetes, a local master on another host) nothing here can end it, and the refusal
 * says how to, by hand. {@link WarehouseLock} then waits for the holder to let go, and takes its
 * lock over as a stale one (docs/RELIABILITY.md, section 2).
 */
public final class HolderKiller {
  /** How long a holder sent SIGTERM has to stop (Spark's shutdown hooks) before SIGKILL. */
  static final Duration GRACE = Duration.ofSeconds(30);
  /** A standalone master's web UI port when {@code cchc.lock.master-ui} does not name the UI. */
  static final int MASTER_UI_PORT = 8080;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  /** How a holder is ended. */
  sealed interface Way permits Terminate, KillApplication, ByHand {}

  /** The holder's driver runs on this host: its process, SIGTERM then SIGKILL. */
  record Terminate(long pid) implements Way {}

  /** An application of a Spark standalone master on another host: {@code POST} to each of {@code kills}. */
  record KillApplication(String applicationId, List<URI> kills) implements Way {}

  /** Nothing here can end the holder: {@code how} says how to, by hand. */
  record ByHand(String how) implements Way {}

  private final Optional<String> masterUi;
  private final Duration grace;

  /**
   * @param masterUi the standalone master's web UI ({@code http://etl-1:8080}); empty: port {@value
   *     #MASTER_UI_PORT} on each host of the master's URL
   */
  public HolderKiller(Optional<String> masterUi) {
    this(masterUi, GRACE);
  }

  HolderKiller(Optional<String> masterUi, Duration grace) {
    this.masterUi = masterUi.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    this.grace = grace;
  }

  /**
   * How to end {@code h}, a live holder, from {@code thisHost}. A driver on this host is ended as a
   * process whatever its master (in client mode the application ends with it; a cluster-mode driver
   * on this host is a process here too); elsewhere only a standalone master's application can be.
   */
  Way wayFor(Holder h, String thisHost) {
    if (h.host().equals(thisHost)) {
      return new Terminate(h.pid());
    }
    String byProcess = "stop process " + h.pid() + " on " + h.host();
    if (h.application() == null || !h.application().contains(" on ")) {
      return new ByHand(byProcess);
    }
    String app = h.application().substring(0, h.application().indexOf(" on "));
    String master = h.application().substring(app.length() + " on ".length());
    if (master.startsWith("spark://")) {
      List<URI> kills = new ArrayList<>();
      String query = "/app/kill/?id=" + URLEncoder.encode(app, StandardCharsets.UTF_8) + "&terminate=true";
      if (masterUi.isPresent()) {
        kills.add(URI.create(masterUi.get() + query));
      } else { // spark://h1:7077,h2:7077 (standby masters): the kill goes to each, the active one acts
        for (String hostPort : master.substring("spark://".length()).split(",")) {
          String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
          kills.add(URI.create("http://" + host + ":" + MASTER_UI_PORT + query));
        }
      }
      return new KillApplication(app, kills);
    }
    if (master.equals("yarn")) {
      return new ByHand("run `yarn application -kill " + app + "`");
    }
    if (master.startsWith("k8s://")) {
      return new ByHand("delete its driver pod, `kubectl delete pod " + h.host() + "` in its namespace");
    }
    return new ByHand(byProcess);
  }

  /**
   * Ends {@code h} as {@link #wayFor} says: returns what was done, for the log line.
   *
   * @throws BusyException when it cannot: the line names the holder and how to end it by hand
   */
  String end(Holder h, String thisHost, String root) {
    Way way = wayFor(h, thisHost);
    if (way instanceof Terminate t) {
      return terminate(h, t.pid(), root);
    }
    if (way instanceof KillApplication k) {
      return killApplication(h, k, root);
    }
    throw new BusyException("the warehouse " + root + " is in use by " + h.describe() + "; --kill-holder cannot end "
        + "it from here: " + ((ByHand) way).how() + ", then run again");
  }

  private String terminate(Holder h, long pid, String root) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(p -> WarehouseLock.isHolder(p, h));
    if (process.isEmpty()) {
      return "process " + pid + " had already ended";
    }
    ProcessHandle p = process.get();
    if (!p.destroy()) {
      throw new BusyException("the warehouse " + root + " is in use by " + h.describe() + "; --kill-holder may not "
          + "signal process " + pid + " (another user's?): stop it by hand, then run again");
    }
    if (waitFor(p, grace)) {
      return "process " + pid + " ended by SIGTERM";
    }
    p.destroyForcibly();
    if (waitFor(p, grace)) {
      return "process " + pid + " ended by SIGKILL after " + grace.toSeconds() + " s";
    }
    throw new BusyException("the warehouse " + root + " is in use by " + h.describe() + "; process " + pid
        + " did not end after SIGTERM and SIGKILL: stop it by hand, then run again");
  }

  private static boolean waitFor(ProcessHandle p, Duration d) {
    try {
      p.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !p.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }

  /**
   * The master's UI answers a kill with a redirect to its front page, whether it knew the
   * application or not: that the application ended is seen in the lock (its heartbeat stops, or the
   * holder deletes it on its way out), not here. A 404 is a UI without the kill
   * ({@code spark.ui.killEnabled=false} on the master).
   */
  private String killApplication(Holder h, KillApplication k, String root) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    List<String> refusals = new ArrayList<>();
    for (URI kill : k.kills()) {
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(kill).timeout(HTTP_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() < 400) {
          return "application " + k.applicationId() + " killed through the master's UI at " + origin(kill);
        }
        refusals.add(origin(kill) + " answered HTTP " + r.statusCode()
            + (r.statusCode() == 404 ? " (spark.ui.killEnabled=false?)" : ""));
      } catch (IOException e) {
        refusals.add(origin(kill) + " unreachable (" + e.getClass().getSimpleName() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        refusals.add(origin(kill) + " interrupted");
        break;
      }
    }
    throw new BusyException("the warehouse " + root + " is in use by " + h.describe() + "; --kill-holder could not "
        + "kill application " + k.applicationId() + ": " + String.join(", ", refusals) + "; set cchc.lock.master-ui "
        + "(CCHC_SPARK_MASTER_UI) to the master's web UI, or kill it there by hand, then run again");
  }

  private static String origin(URI u) {
    return u.getScheme() + "://" + u.getAuthority();
  }
}
