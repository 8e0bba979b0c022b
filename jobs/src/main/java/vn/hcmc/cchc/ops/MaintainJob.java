package vn.hcmc.cchc.ops;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.session.Stopwatch;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code maintain}: compaction and clean-up of every table of the warehouse. {@code OPTIMIZE}
 * rewrites the small files of daily runs into fewer large ones (per partition for {@code
 * silver.cases}) without changing a row; {@code VACUUM} then deletes the files no version younger
 * than the retention needs. Time travel and the change feed of {@code silver.cases} reach back as
 * far as the retention: keep it longer than the gap between two {@code marts} runs, or the next one
 * rebuilds {@code gold.case_monthly} whole.
 */
public final class MaintainJob {
  private static final Logger LOG = LoggerFactory.getLogger(MaintainJob.class);

  /** What maintenance did to one table: live data files before and after compaction, files vacuumed. */
  public record TableResult(Table table, long filesBefore, long filesAfter, long filesDeleted) {}

  private final Warehouse warehouse;

  public MaintainJob(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** Compacts and vacuums every existing table, keeping files that versions of the last {@code retentionHours} need. */
  public List<TableResult> run(double retentionHours) {
    return run(retentionHours, List.of(Table.values()));
  }

  /** The same for {@code tables} only (those that exist). */
  public List<TableResult> run(double retentionHours, List<Table> tables) {
    if (retentionHours < 0) {
      throw new IllegalArgumentException("retention must not be negative: " + retentionHours);
    }
    SparkSession spark = warehouse.spark();
    List<TableResult> out = new ArrayList<>();
    for (Table t : tables) {
      if (!warehouse.exists(t)) {
        continue;
      }
      Stopwatch clock = Stopwatch.start();
      DeltaTable delta = DeltaTable.forPath(spark, warehouse.location(t));
      long before = liveFiles(t);
      delta.optimize().executeCompaction();
      long after = liveFiles(t);
      long onDisk = filesOnDisk(t);
      vacuum(t, retentionHours);
      long deleted = Math.max(0, onDisk - filesOnDisk(t));
      out.add(new TableResult(t, before, after, deleted));
      LOG.info("maintain: {}: {} -> {} data files, {} old files deleted; {}", t.sqlName(), before, after, deleted,
          clock);
    }
    return out;
  }

  private long liveFiles(Table t) {
    return warehouse.read(t).inputFiles().length;
  }

  /** Files below the table's folder other than its log (data, deletion vectors, change data). */
  private long filesOnDisk(Table t) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(warehouse.location(t));
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
      return fs.getContentSummary(p).getFileCount()
          - fs.getContentSummary(new org.apache.hadoop.fs.Path(p, "_delta_log")).getFileCount();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + warehouse.location(t), e);
    }
  }

  /** {@code VACUUM ... RETAIN n HOURS}; a retention under Delta's safety minimum needs its check turned off in the session. */
  private void vacuum(Table t, double retentionHours) {
    SparkSession spark = warehouse.spark();
    String key = "spark.databricks.delta.retentionDurationCheck.enabled";
    String previous = spark.conf().get(key, "true");
    if (retentionHours < 168) {
      LOG.warn("maintain: retention {} h is under Delta's 168 h safety minimum; readers of older versions may fail",
          retentionHours);
      spark.conf().set(key, "false");
    }
    try {
      spark.sql("VACUUM delta.`" + warehouse.location(t) + "` RETAIN " + retentionHours + " HOURS").collectAsList();
    } finally {
      spark.conf().set(key, previous);
    }
  }
}
