package vn.hcmc.cchc.bench;

import io.delta.tables.DeltaTable;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The floor under a daily run (P2): what Spark and Delta cost a fresh JVM to touch, once each, the
 * tables a day must change and the reference tables it must read, with none of the day's work. Each
 * table read is planned and one of its rows fetched (Delta loads the table's snapshot: its log
 * replayed, its files listed); each table a day changes gets that row appended again, a commit of
 * one row, the cheapest write Delta has; before the marts' tables, the change feed of that new commit
 * of {@code silver.cases} is read, as the marts stage reads a day's. No parse, no MERGE, no mart: a
 * daily run, which does all of that and more on the same tables in one JVM, cannot cost less.
 *
 * <p>Adaptive query execution is off for it: Delta's log replays and data skipping are small queries
 * with a shuffle, which adaptive execution plans and submits stage by stage, and at scale 0.01 the
 * floor took 29-30 s without it against 37-39 s with it. A floor is the cheapest way to the same
 * result.
 *
 * <p>It writes into {@code --warehouse}: {@code scripts/bench} gives it a copy (hard links) and
 * removes the copy after.
 */
final class DailyFloor {
  /** What a day changes: the ledger and bronze, silver and its quarantine, the flows, the marts a day moves, ops. */
  static final List<Table> WRITTEN = List.of(Table.BRONZE_FILES, Table.BRONZE_CASES, Table.SILVER_QUARANTINE,
      Table.SILVER_CASES, Table.SILVER_CASE_FLOWS, Table.GOLD_CASE_MONTHLY, Table.GOLD_TARGET_ATTAINMENT,
      Table.OPS_RECONCILIATION, Table.OPS_RUNS);

  /** What a day reads without changing: the reference snapshots normalize looks dossiers up in. */
  static final List<Table> READ = List.of(Table.SILVER_AGENCIES, Table.SILVER_PROCEDURES);

  /**
   * What the marts stage changes, the part of {@link #WRITTEN} whose time is also reported alone
   * ({@code marts_seconds}, with the read of {@code silver.cases}' change feed that precedes it): the
   * floor under an incremental refresh (P3) in a JVM that has already opened the day's other tables,
   * as a daily run's marts stage has.
   */
  static final List<Table> MARTS = List.of(Table.SILVER_CASE_FLOWS, Table.GOLD_CASE_MONTHLY,
      Table.GOLD_TARGET_ATTAINMENT);

  private DailyFloor() {}

  /**
   * Seconds from the JVM's start to the session, to every table touched, and to every one-row commit
   * made; of those, the marts' part ({@link #MARTS}); the number of tables touched and of commits (a
   * table a day changes that holds no row yet gets none: there is no row of its own to append).
   */
  static Map<String, Object> measure(SparkSession spark, String warehouseRoot) {
    return measure(spark, warehouseRoot, READ, WRITTEN);
  }

  /**
   * One table read and one written, the partitioned one: the same code paths as {@link
   * #measure(SparkSession, String)} in a third of its time, for the run that writes the class-data
   * archive the measured run maps.
   */
  static Map<String, Object> warmUp(SparkSession spark, String warehouseRoot) {
    return measure(spark, warehouseRoot, READ.subList(0, 1), List.of(Table.SILVER_CASES));
  }

  private static Map<String, Object> measure(SparkSession spark, String warehouseRoot, List<Table> read,
      List<Table> written) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("session_seconds", sinceStart(jvmStart));
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    Warehouse warehouse = new Warehouse(spark, warehouseRoot);
    long t0 = System.nanoTime();
    int touched = 0;
    Map<String, Integer> appended = new LinkedHashMap<>(); // checked after the clock stops: a run checks nothing of the kind
    for (Table t : read) {
      warehouse.read(t).limit(1).collectAsList();
      touched++;
    }
    long marts = 0;
    List<Row> feed = null; // checked after the clock stops, like the commits
    for (Table t : written) {
      long t1 = System.nanoTime();
      if (t == MARTS.get(0) && appended.containsKey(warehouse.location(Table.SILVER_CASES))) {
        // the marts stage starts from the feed of silver.cases' last commit (here the floor's own row)
        long v = warehouse.version(Table.SILVER_CASES);
        feed = warehouse.changes(Table.SILVER_CASES, v, v).select("_change_type").collectAsList();
      }
      Dataset<Row> one = warehouse.read(t).limit(1);
      List<Row> rows = one.collectAsList();
      touched++;
      if (!rows.isEmpty()) { // an empty table (a tiny run's quarantine): Delta commits nothing for no rows
        spark.createDataFrame(rows, one.schema()).write().format("delta").mode("append").save(warehouse.location(t));
        appended.put(warehouse.location(t), rows.size());
      }
      if (MARTS.contains(t)) {
        marts += System.nanoTime() - t1;
      }
    }
    out.put("tables_seconds", (System.nanoTime() - t0) / 1e9);
    out.put("marts_seconds", marts / 1e9);
    out.put("seconds", sinceStart(jvmStart));
    appended.forEach((location, rows) -> committed(spark, location, rows));
    if (feed != null && !(feed.size() == 1 && "insert".equals(feed.get(0).getString(0)))) {
      throw new IllegalStateException("daily-floor: silver.cases' change feed of its one-row commit is " + feed
          + ", not that row's insert");
    }
    out.put("tables_read", touched);
    out.put("commits", appended.size());
    return out;
  }

  /** Fails unless the table's last commit is a write of {@code rows} rows: the floor measured what it says. */
  private static void committed(SparkSession spark, String location, long rows) {
    Row last = DeltaTable.forPath(spark, location).history(1)
        .select("operation", "operationMetrics.numOutputRows").head();
    if (!"WRITE".equals(last.getString(0)) || last.isNullAt(1) || Long.parseLong(last.getString(1)) != rows) {
      throw new IllegalStateException("daily-floor: the last commit of " + location + " is " + last + ", not a write of "
          + rows + " row(s)");
    }
  }

  private static double sinceStart(long jvmStartMillis) {
    return (System.currentTimeMillis() - jvmStartMillis) / 1e3;
  }
}
