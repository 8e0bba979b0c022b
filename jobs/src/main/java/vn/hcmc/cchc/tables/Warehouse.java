package vn.hcmc.cchc.tables;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The warehouse root (a local path or an {@code s3a://} URI) and the Delta tables below it. The
 * one place that knows where a table lives; reads go through here, writes through {@link
 * DeltaWriter}.
 */
public final class Warehouse {
  private final SparkSession spark;
  private final String root;

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    String trimmed = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    // a relative local path is the caller's working directory, not Spark's catalog directory
    this.root = trimmed.contains(":") ? trimmed : java.nio.file.Path.of(trimmed).toAbsolutePath().normalize().toString();
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String location(Table table) {
    return root + "/" + table.relativePath();
  }

  public boolean exists(Table table) {
    return DeltaTable.isDeltaTable(spark, location(table));
  }

  public Dataset<Row> read(Table table) {
    return spark.read().format("delta").load(location(table));
  }

  /** The table as it was at {@code version} (Delta's time travel: fails once VACUUM removed its files). */
  public Dataset<Row> readAt(Table table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location(table));
  }

  /**
   * The table's change feed from version {@code from} to {@code to} (both included): the changed
   * rows with {@code _change_type} ({@code insert}, {@code update_preimage}, {@code
   * update_postimage}, {@code delete}). Fails when the feed was not recorded for those versions.
   *
   * <p>Read with Delta's {@code table_changes_by_path}, not {@code spark.read().option("readChangeFeed",
   * ...)}: on that path Delta adds its own camel-case copies of the change-feed options to the
   * lower-cased ones Spark hands it, and Spark warns once per key ("Converting duplicated key ...
   * into CaseInsensitiveStringMap") on every incremental {@code marts}.
   */
  public Dataset<Row> changes(Table table, long from, long to) {
    return spark.sql("SELECT * FROM table_changes_by_path(" + sqlString(location(table)) + ", " + from + ", " + to
        + ")");
  }

  /** A Spark SQL string literal of {@code value} (a path may hold quotes and backslashes). */
  public static String sqlString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The table's current version, or -1 when it does not exist yet. */
  public long version(Table table) {
    if (!exists(table)) {
      return -1;
    }
    return snapshot(table).version();
  }

  /**
   * The table's version as this session last saw it (Delta's cached log state, which a commit of
   * this session updates): cheap, but only current right after this session's own writes.
   */
  public long cachedVersion(Table table) {
    return org.apache.spark.sql.delta.DeltaLog.forTable(spark, location(table)).unsafeVolatileSnapshot().version();
  }

  /** The number of data files of the table's current version; 0 when it does not exist. */
  public long fileCount(Table table) {
    if (!exists(table)) {
      return 0;
    }
    return snapshot(table).numOfFiles();
  }

  /**
   * What Delta's statistics say of each data file of the table's current version: the least and
   * greatest value of the string column {@code key}, and the least of the date column {@code day}
   * when the file holds no null in it (statistics skip nulls). None when the table does not exist.
   */
  public java.util.List<FileSpan> fileStatistics(Table table, String key, String day) {
    if (!exists(table)) {
      return java.util.List.of();
    }
    org.apache.spark.sql.types.StructType stats = new org.apache.spark.sql.types.StructType()
        .add("minValues", new org.apache.spark.sql.types.StructType().add(key, "string").add(day, "date"))
        .add("maxValues", new org.apache.spark.sql.types.StructType().add(key, "string"))
        .add("nullCount", new org.apache.spark.sql.types.StructType().add(day, "long"));
    // the day as text: no time zone between Spark's date and LocalDate
    return snapshot(table).allFiles().toDF()
        .select(org.apache.spark.sql.functions.from_json(org.apache.spark.sql.functions.col("stats"), stats).as("s"))
        .selectExpr("s.minValues.`" + key + "`", "s.maxValues.`" + key + "`",
            "CAST(IF(s.nullCount.`" + day + "` = 0, s.minValues.`" + day + "`, NULL) AS STRING)")
        .collectAsList().stream()
        .map(f -> new FileSpan(f.getString(0), f.getString(1), f.isNullAt(2) ? null : java.time.LocalDate.parse(f.getString(2))))
        .toList();
  }

  /** The table's current snapshot (its log listed for new commits; no Spark job). */
  org.apache.spark.sql.delta.Snapshot snapshot(Table table) {
    return org.apache.spark.sql.delta.DeltaLog.forTable(spark, location(table)).update(false, scala.Option.empty(),
        scala.Option.empty());
  }

  /** The table's current configuration: its properties and its constraints (no Spark job). */
  public java.util.Map<String, String> configuration(Table table) {
    return scala.jdk.javaapi.CollectionConverters.asJava(snapshot(table).metadata().configuration());
  }

  /** The partition columns the table was created with (its layout on storage), in order. */
  public java.util.List<String> partitionColumns(Table table) {
    return DeltaTable.forPath(spark, location(table)).detail().select("partitionColumns").head().getList(0);
  }

  /** The {@code userMetadata} of the table's latest commit, or {@code null}. */
  public String lastCommitMetadata(Table table) {
    Row last = DeltaTable.forPath(spark, location(table)).history(1).select("userMetadata").head();
    return last.isNullAt(0) ? null : last.getString(0);
  }

  /** A metric of the table's latest commit, e.g. {@code numOutputRows} of an append. */
  public long lastCommitMetric(Table table, String metric) {
    Row last = DeltaTable.forPath(spark, location(table)).history(1).select("operationMetrics").head();
    scala.collection.Map<String, String> metrics = last.getMap(0);
    return Long.parseLong(metrics.get(metric).getOrElse(() -> "0"));
  }

  /**
   * Makes every existing table queryable by its contract name ({@code silver.cases}) in this
   * session's catalog, and returns those tables. Nothing is written to the warehouse.
   */
  public java.util.List<Table> registerAll() {
    return register(java.util.Arrays.asList(Table.values()));
  }

  /**
   * Makes {@code tables} queryable by their contract names; one this warehouse does not hold is
   * taken out of the catalog, so that the name never points at another warehouse's table.
   */
  public java.util.List<Table> register(java.util.Collection<Table> tables) {
    java.util.List<Table> registered = new java.util.ArrayList<>();
    for (Table t : tables) {
      if (register(t.layer(), t.sqlName(), location(t))) {
        registered.add(t);
      }
    }
    return registered;
  }

  /** Whether the table exists, and so is now in the catalog. */
  private boolean register(String layer, String sqlName, String location) {
    boolean exists = DeltaTable.isDeltaTable(spark, location);
    if (!spark.catalog().databaseExists(layer)) {
      if (!exists) {
        return false;
      }
      spark.sql("CREATE DATABASE " + layer);
    }
    spark.sql("DROP TABLE IF EXISTS " + sqlName);
    if (exists) {
      spark.sql("CREATE TABLE " + sqlName + " USING delta LOCATION " + sqlString(location));
    }
    return exists;
  }

  public boolean rootExists() {
    return onRoot((fs, p) -> fs.exists(p));
  }

  /** Whether the root holds anything but the lock: a warehouse some command has written. */
  public boolean hasContent() {
    return onRoot((fs, p) -> fs.exists(p) && java.util.Arrays.stream(fs.listStatus(p))
        .anyMatch(s -> !s.getPath().getName().equals(WarehouseLock.FILE)));
  }

  /** Removes the root folder when nothing is in it (a first run that failed before its first write). */
  public void deleteRootIfEmpty() {
    onRoot((fs, p) -> fs.exists(p) && fs.listStatus(p).length == 0 && fs.delete(p, false));
  }

  private interface RootCall {
    boolean apply(org.apache.hadoop.fs.FileSystem fs, Path root) throws IOException;
  }

  /** A call on the root's file system; a store that does not answer is one line ({@link StorageError}). */
  private boolean onRoot(RootCall call) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      Path p = new Path(root);
      return call.apply(p.getFileSystem(conf), p);
    } catch (IOException e) {
      throw StorageError.unreachable("the warehouse", root, conf, e);
    }
  }
}
