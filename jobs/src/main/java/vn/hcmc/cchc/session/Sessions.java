package vn.hcmc.cchc.session;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.tables.NioLocalFileSystem;

/**
 * Builds the one SparkSession of a command. The master comes from {@code spark-submit} when it set
 * one; {@code local[*]} is only the fallback. The session runs in UTC: sources carry local time
 * of Ho Chi Minh City and are parsed with that zone explicitly.
 */
public final class Sessions {
  private Sessions() {}

  /**
   * Settings every session of the project needs (Delta, UTC, java.time values). Delta's
   * metadata-only answers to {@code min}/{@code max} are off: with java.time values on they fail on
   * a {@code DATE} column (ClassCastException LocalDate to java.sql.Date in
   * OptimizeMetadataOnlyDeltaQuery, Delta 4.4).
   */
  public static Map<String, String> required() {
    return Map.of(
        "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "spark.sql.session.timeZone", "UTC",
        "spark.sql.datetime.java8API.enabled", "true",
        "spark.sql.legacy.timeParserPolicy", "CORRECTED",
        "spark.databricks.delta.optimizeMetadataQuery.enabled", "false");
  }

  /**
   * The session a command runs in, and whether closing it stops Spark: a command started by {@code
   * spark-submit} creates its session and stops it at the end; a command called inside a JVM that
   * already holds a session (a test, a notebook's driver, an embedding application) borrows that
   * one, with its settings as they are, and leaves it running.
   */
  public record Lease(SparkSession spark, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }

  /** A lease on the JVM's session if it has one, else on a new one built by {@link #create}. */
  public static Lease open(String appName, Map<String, String> configured) {
    scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
    if (existing.isDefined() && !existing.get().sparkContext().isStopped()) {
      return new Lease(existing.get(), false);
    }
    return new Lease(create(appName, configured), true);
  }

  /**
   * {@code file://} without a {@code chmod} process per file created ({@link NioLocalFileSystem}),
   * when the JVM's own class loader sees that class: Hadoop loads a configured file system through
   * the loader of whichever configuration asks, and S3A's have the JVM's. A driver whose jar is
   * only in {@code spark-submit}'s loader of the application (a cluster's own submit without {@code
   * --driver-class-path}) keeps Hadoop's, which is correct, only slower on a local disk.
   */
  static Map<String, String> localFiles(ClassLoader jvm) {
    try {
      Class.forName(NioLocalFileSystem.class.getName(), false, jvm);
    } catch (ClassNotFoundException e) {
      return Map.of();
    }
    return Map.of("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName(),
        "spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
  }

  public static SparkSession create(String appName, Map<String, String> configured) {
    return create(appName, configured, java.time.ZoneId.of("UTC"));
  }

  /**
   * {@link #create(String, Map)} whose SQL runs in {@code sqlZone} instead of UTC, in this session
   * and in every session made from it later (Spark gives a new session the settings its application
   * was built with): {@code serve}'s clients query in the city's zone, as {@code sql} does.
   */
  public static SparkSession create(String appName, Map<String, String> configured, java.time.ZoneId sqlZone) {
    SparkConf conf = new SparkConf(true); // picks up what spark-submit put in system properties
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    conf.setAppName(appName);
    // spark-submit's --master and --conf key=value arrive as system properties and always win
    configured.forEach(conf::setIfMissing);
    if (!conf.contains("spark.hadoop.fs.file.impl")) {
      localFiles(ClassLoader.getSystemClassLoader()).forEach(conf::setIfMissing);
    }
    required().forEach(conf::set);
    conf.set("spark.sql.session.timeZone", sqlZone.getId());
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
