package vn.hcmc.cchc.bench;

import io.delta.tables.DeltaTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The drill-down queries an analyst runs on {@code silver.cases}, filtered by agency the way a BI
 * tool's filter does: how each layout of the table serves them. Every query runs once to warm up,
 * then {@code repeats} times; the result is the median time and the files and bytes its scans read
 * (after partition pruning and Delta's data skipping).
 */
final class BiQueries {
  private BiQueries() {}

  /** The queries, named; {@code %1$s} is the busiest commune agency, {@code %2$s} five agencies of one district. */
  static final Map<String, String> QUERIES = queries();

  private static Map<String, String> queries() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("one commune, by status",
        "SELECT status, count(*) FROM cases WHERE level = 'commune' AND agency_code = '%1$s' GROUP BY status");
    q.put("one agency, monthly (no level filter)",
        "SELECT date_trunc('month', received_at) AS m, count(*), avg(CAST(rating AS DOUBLE)) FROM cases "
            + "WHERE agency_code = '%1$s' GROUP BY m");
    q.put("five agencies of a district, late dossiers",
        "SELECT agency_code, count(*) FROM cases WHERE agency_code IN (%2$s) AND resolved_at > due_at "
            + "GROUP BY agency_code");
    q.put("whole city, by level and channel",
        "SELECT level, channel, count(*) FROM cases GROUP BY level, channel");
    return q;
  }

  static Map<String, Object> run(SparkSession spark, String warehouse, int repeats) {
    spark.read().format("delta").load(warehouse + "/silver/cases").createOrReplaceTempView("cases");
    String busiest = spark.sql("SELECT agency_code FROM cases WHERE level = 'commune' GROUP BY agency_code "
        + "ORDER BY count(*) DESC, agency_code LIMIT 1").head().getString(0);
    String district = spark.sql("SELECT district_code FROM cases WHERE level = 'commune' AND agency_code = '"
        + busiest + "' LIMIT 1").head().getString(0);
    List<String> five = spark.sql("SELECT DISTINCT agency_code FROM cases WHERE district_code = '" + district
        + "' ORDER BY agency_code LIMIT 5").collectAsList().stream().map(r -> "'" + r.getString(0) + "'").toList();
    Map<String, Object> out = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, String> e : QUERIES.entrySet()) {
      String sql = String.format(e.getValue(), busiest, String.join(", ", five));
      spark.sql(sql).collectAsList(); // warm-up: the table's log state and the JIT
      double[] seconds = new double[repeats];
      long[] scanned = {0, 0};
      long rows = 0;
      for (int r = 0; r < repeats; r++) {
        long t0 = System.nanoTime();
        Dataset<Row> df = spark.sql(sql);
        rows = df.collectAsList().size();
        seconds[r] = (System.nanoTime() - t0) / 1e9;
        scanned = scanned(df.queryExecution().executedPlan());
      }
      Arrays.sort(seconds);
      i++;
      out.put("q" + i + "_name", e.getKey());
      out.put("q" + i + "_seconds", seconds[repeats / 2]);
      out.put("q" + i + "_files", scanned[0]);
      out.put("q" + i + "_bytes", scanned[1]);
      out.put("q" + i + "_rows", rows);
    }
    out.put("queries", i);
    out.put("repeats", repeats);
    out.putAll(layout(spark, warehouse + "/silver/cases"));
    return out;
  }

  /**
   * The table's files now, and what its latest MERGE (the daily run's normalize) did: files added
   * and removed, deletion vectors written, rows, time (Delta's operation metrics).
   */
  static Map<String, Object> layout(SparkSession spark, String location) {
    Map<String, Object> out = new LinkedHashMap<>();
    Row detail = DeltaTable.forPath(spark, location).detail()
        .select("numFiles", "sizeInBytes", "partitionColumns", "clusteringColumns").head();
    out.put("table_files", detail.getLong(0));
    out.put("table_bytes", detail.getLong(1));
    out.put("partition_columns", String.join(",", detail.<String>getList(2)));
    out.put("clustering_columns", String.join(",", detail.<String>getList(3)));
    List<Row> merges = DeltaTable.forPath(spark, location).history().filter("operation = 'MERGE'")
        .orderBy(org.apache.spark.sql.functions.col("version").desc()).select("operationMetrics").limit(1)
        .collectAsList();
    if (!merges.isEmpty()) {
      Map<String, String> m = merges.get(0).getJavaMap(0);
      for (String k : List.of("numSourceRows", "numTargetRowsInserted", "numTargetRowsUpdated",
          "numTargetFilesAdded", "numTargetFilesRemoved", "numTargetDeletionVectorsAdded", "executionTimeMs")) {
        out.put("merge_" + k, Long.parseLong(m.getOrDefault(k, "0")));
      }
    }
    return out;
  }

  /** Files and bytes read by the plan's file scans (its adaptive stages included). */
  static long[] scanned(SparkPlan plan) {
    long files = 0;
    long bytes = 0;
    Deque<SparkPlan> todo = new ArrayDeque<>(List.of(plan));
    while (!todo.isEmpty()) {
      SparkPlan p = todo.pop();
      if (p instanceof AdaptiveSparkPlanExec a) {
        todo.push(a.executedPlan());
      } else if (p instanceof QueryStageExec s) {
        todo.push(s.plan());
      } else if (p instanceof FileSourceScanExec scan) {
        files += metric(scan, "numFiles");
        bytes += metric(scan, "filesSize");
      }
      for (SparkPlan child : new ArrayList<>(CollectionConverters.asJava(p.children()))) {
        todo.push(child);
      }
    }
    return new long[] {files, bytes};
  }

  private static long metric(SparkPlan plan, String name) {
    scala.Option<SQLMetric> m = plan.metrics().get(name);
    return m.isDefined() ? m.get().value() : 0;
  }
}
