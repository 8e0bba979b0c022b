package vn.hcmc.cchc.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.tables.HolderKiller.ByHand;
import vn.hcmc.cchc.tables.HolderKiller.KillApplication;
import vn.hcmc.cchc.tables.HolderKiller.Terminate;
import vn.hcmc.cchc.tables.WarehouseLock.BusyException;
import vn.hcmc.cchc.tables.WarehouseLock.Holder;

/** Which way {@code --kill-holder} ends which holder, and the two ways it can, without Spark. */
class HolderKillerTest {
  private static final String HERE = "etl-1";
  private final HolderKiller killer = new HolderKiller(Optional.empty());

  private static Holder on(String host, String application) {
    Instant t = Instant.parse("2026-12-06T10:15:00Z");
    return new Holder("20261206T101500Z-3fa2c1", "run", host, 4242, t, t, application);
  }

  @Test
  void aDriverOnThisHostIsEndedAsAProcessWhateverItsMaster() {
    for (String app : List.of("local-1765 on local[2]", "app-1 on spark://etl-2:7077", "application_1_2 on yarn")) {
      assertThat(killer.wayFor(on(HERE, app), HERE)).as(app).isEqualTo(new Terminate(4242));
    }
    assertThat(killer.wayFor(on(HERE, null), HERE)).isEqualTo(new Terminate(4242));
  }

  @Test
  void anApplicationOfAStandaloneMasterElsewhereIsKilledThroughTheMastersUi() {
    Holder h = on("worker-3", "app-20261206101500-0007 on spark://etl-2:7077,etl-3:7077");
    assertThat(killer.wayFor(h, HERE)).isEqualTo(new KillApplication("app-20261206101500-0007", List.of(
        URI.create("http://etl-2:8080/app/kill/?id=app-20261206101500-0007&terminate=true"),
        URI.create("http://etl-3:8080/app/kill/?id=app-20261206101500-0007&terminate=true"))));
    assertThat(new HolderKiller(Optional.of("https://spark.example:8443/")).wayFor(h, HERE)).isEqualTo(
        new KillApplication("app-20261206101500-0007", List.of(
            URI.create("https://spark.example:8443/app/kill/?id=app-20261206101500-0007&terminate=true"))));
  }

  @Test
  void yarnKubernetesAndALocalMasterElsewhereAreEndedByHand() {
    assertThat(killer.wayFor(on("node-7", "application_1765_0042 on yarn"), HERE))
        .isEqualTo(new ByHand("run `yarn application -kill application_1765_0042`"));
    assertThat(killer.wayFor(on("cchc-run-driver", "spark-abc on k8s://https://k8s.example:6443"), HERE))
        .isEqualTo(new ByHand("delete its driver pod, `kubectl delete pod cchc-run-driver` in its namespace"));
    assertThat(killer.wayFor(on("etl-2", "local-1765 on local[*]"), HERE))
        .isEqualTo(new ByHand("stop process 4242 on etl-2"));
    assertThat(killer.wayFor(on("etl-2", null), HERE)).isEqualTo(new ByHand("stop process 4242 on etl-2"));
  }

  @Test
  void aHolderThatCannotBeEndedIsRefusedWithOneLineSayingHowToEndItByHand() {
    assertThatThrownBy(() -> killer.end(on("node-7", "application_1765_0042 on yarn"), HERE, "s3a://lake/wh"))
        .isInstanceOf(BusyException.class)
        .hasMessage("the warehouse s3a://lake/wh is in use by `run` run 20261206T101500Z-3fa2c1 (pid 4242 on node-7, "
            + "Spark application application_1765_0042 on yarn, since 2026-12-06T10:15:00Z, last heartbeat "
            + "2026-12-06T10:15:00Z); --kill-holder cannot end it from here: run `yarn application -kill "
            + "application_1765_0042`, then run again");
  }

  @Test
  void aProcessOnThisHostIsSentSigtermAndSigkillIfItIgnoresIt() throws Exception {
    // a shell that ignores SIGTERM: only SIGKILL, after the grace period, ends it
    Process stubborn = new ProcessBuilder("bash", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done")
        .start();
    assertThat(stubborn.inputReader().readLine()).isEqualTo("ready"); // its trap is set
    Instant since = Instant.now().plusSeconds(1);
    Holder h = new Holder("run-1", "run", HERE, stubborn.pid(), since, since, null);
    String how = new HolderKiller(Optional.empty(), Duration.ofSeconds(1)).end(h, HERE, "/wh");
    assertThat(how).isEqualTo("process " + stubborn.pid() + " ended by SIGKILL after 1 s");
    assertThat(stubborn.isAlive()).isFalse();

    Process polite = new ProcessBuilder("sleep", "60").start();
    h = new Holder("run-2", "run", HERE, polite.pid(), since, since, null);
    assertThat(killer.end(h, HERE, "/wh")).isEqualTo("process " + polite.pid() + " ended by SIGTERM");
    assertThat(polite.isAlive()).isFalse();
  }

  @Test
  void aProcessThatStartedAfterTheLockWasTakenIsNotTheHolderAndIsLeftAlone() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Instant before = Instant.now().minusSeconds(60); // the holder took the lock a minute before this pid started
      Holder h = new Holder("run-1", "run", HERE, other.pid(), before, before, null);
      assertThat(killer.end(h, HERE, "/wh")).isEqualTo("process " + other.pid() + " had already ended");
      assertThat(other.isAlive()).isTrue();
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void theMastersUiIsAskedToKillTheApplicationAndA404SaysTheKillIsOff() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    master.createContext("/app/kill/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      exchange.getResponseHeaders().add("Location", "/"); // as Spark's master: back to its front page
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    master.start();
    try {
      String ui = "http://127.0.0.1:" + master.getAddress().getPort();
      Holder h = on("worker-3", "app-20261206101500-0007 on spark://etl-2:7077");
      assertThat(new HolderKiller(Optional.of(ui)).end(h, HERE, "/wh"))
          .isEqualTo("application app-20261206101500-0007 killed through the master's UI at " + ui);
      assertThat(requests).containsExactly("POST /app/kill/?id=app-20261206101500-0007&terminate=true");

      master.removeContext("/app/kill/"); // spark.ui.killEnabled=false: no such handler
      assertThatThrownBy(() -> new HolderKiller(Optional.of(ui)).end(h, HERE, "/wh"))
          .isInstanceOf(BusyException.class)
          .hasMessageContaining("--kill-holder could not kill application app-20261206101500-0007: " + ui
              + " answered HTTP 404 (spark.ui.killEnabled=false?); set cchc.lock.master-ui");
    } finally {
      master.stop(0);
    }
  }
}
