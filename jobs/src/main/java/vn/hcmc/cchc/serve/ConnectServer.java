package vn.hcmc.cchc.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A long-lived Spark session for analysts: a Spark Connect server (Spark's own {@code
 * SparkConnectPlugin}, from {@code spark-connect_2.13} of our Spark version) in the driver of a
 * session that has Delta and every table of one warehouse in its catalog by its contract name. A
 * client ({@code pyspark-client}, a notebook) connects to {@code sc://HOST:PORT} and each query
 * then costs what the query costs, not a JVM start. Each client gets a session of its own (its
 * settings its own) over the one shared catalog ({@code Warehouse#registerAll}); queries run in the
 * zone the session was built with ({@code Sessions#create}) unless the client sets {@code
 * spark.sql.session.timeZone}, as {@code scripts/cchc sql} does.
 */
public final class ConnectServer {
  private static final String PLUGIN = "org.apache.spark.sql.connect.SparkConnectPlugin";

  private ConnectServer() {}

  /** The setting a client reads to tell which warehouse the server serves ({@code notebooks/cchc_sql.py}). */
  public static final String WAREHOUSE_KEY = "spark.cchc.warehouse";

  /** The Spark settings that start the server with the session, on {@code host:port}, over warehouse {@code root}. */
  public static Map<String, String> settings(String host, int port, String root) {
    Map<String, String> conf = new LinkedHashMap<>();
    // a local path absolute, so that a client can compare it with its own
    conf.put(WAREHOUSE_KEY, root.contains("://") ? root : java.nio.file.Path.of(root).toAbsolutePath().normalize().toString());
    conf.put("spark.plugins", PLUGIN);
    conf.put("spark.connect.grpc.binding.address", host);
    conf.put("spark.connect.grpc.binding.port", String.valueOf(port));
    return conf;
  }
}
