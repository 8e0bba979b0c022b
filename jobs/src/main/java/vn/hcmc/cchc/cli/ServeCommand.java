package vn.hcmc.cchc.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.serve.CatalogSync;
import vn.hcmc.cchc.serve.ConnectServer;
import vn.hcmc.cchc.serve.Metastore;
import vn.hcmc.cchc.session.Sessions;
import vn.hcmc.cchc.tables.Warehouse;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"A long-lived Spark session over the warehouse, for analysts and notebooks: a Spark Connect server.",
        "Every table the warehouse holds goes by its contract name (gold.case_monthly, ...). Connect with the "
            + "Spark Connect client of Spark 4.2 (pip install pyspark-client==4.2.0): "
            + "SparkSession.builder.remote(\"sc://127.0.0.1:15002\").getOrCreate(). Prints one line, where it "
            + "listens and its pid, then serves until stopped (kill PID, or Ctrl-C). Reads the warehouse only.",
        "With --metastore the tables are those a Hive metastore names (`catalog sync`), not registered here.",
        "Queries run in Ho Chi Minh City's time by default, as those of `sql`."},
    footer = {"", "Example:",
        "  scripts/cchc serve --warehouse data/warehouse &",
        "  python3 -c 'from pyspark.sql import SparkSession; "
            + "SparkSession.builder.remote(\"sc://127.0.0.1:15002\").getOrCreate().sql(\"SELECT count(*) FROM silver.cases\").show()'"})
final class ServeCommand extends JobCommand {
  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every interface, "
          + "with no authentication: keep it behind a firewall).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "15002",
      description = "Port to listen on (default: ${DEFAULT-VALUE}, Spark Connect's).")
  int port;

  @Mixin TimeZoneOption timeZone;

  @Mixin MetastoreOption metastore;

  @Override
  protected int execute(AppConfig config) throws Exception {
    if (port < 1 || port > 65535) {
      throw new UsageException("--port " + port + " is not a port: use 1 to 65535");
    }
    String root = warehouse.resolve(config);
    Optional<Metastore> m = metastore.flag(config);
    m.ifPresent(Metastore::requireSchema);
    Map<String, String> conf = new HashMap<>(config.settings().sparkConf());
    m.ifPresent(ms -> conf.putAll(ms.sparkConf()));
    conf.putAll(ConnectServer.settings(host, port, root));
    // its own session, never a borrowed one: the server starts with the session it is configured
    // into, whose zone its clients' sessions get
    try (Sessions.Lease lease = new Sessions.Lease(Sessions.create("cchc serve", conf, timeZone.zone), true)) {
      Warehouse wh = new Warehouse(lease.spark(), root);
      if (!wh.rootExists()) {
        throw new UsageException("warehouse not found: " + root + " (run `scripts/cchc run` first, or fix --warehouse)");
      }
      // the catalog is the application's: every client's session sees these (a metastore's, or registered here)
      int tables = m.isPresent() ? CatalogSync.registered(lease.spark()).size() : wh.registerAll().size();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "cchc-serve-stop"));
      System.out.printf("serve: Spark Connect on sc://%s:%d (pid %d), %d tables of %s, queries in %s; stop with kill %d%n",
          host, port, ProcessHandle.current().pid(), tables, m.map(ms -> "metastore " + ms).orElse(root),
          timeZone.zone, ProcessHandle.current().pid());
      System.out.flush();
      stopped.await();
    }
    return Cchc.OK;
  }
}
