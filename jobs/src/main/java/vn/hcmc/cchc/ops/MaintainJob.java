package vn.hcmc.cchc.ops;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.session.Stopwatch;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.TableDetail.TableProtocol;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code maintain}: compaction and clean-up of every table of the warehouse. {@code OPTIMIZE}
 * rewrites the small files of daily runs into fewer large ones (within each {@code level} /
 * {@code agency_code} partition for {@code silver.cases}) without changing a row; {@code VACUUM}
 * then deletes the files that no version younger than the retention needs. Time travel and the
 * change feed of {@code silver.cases} reach back as far as the retention: keep it longer than the
 * gap between two {@code marts} runs, or the next one rebuilds {@code gold.case_monthly} whole.
 * A dry run changes nothing and says what a real one would do.
 */
public final class MaintainJob {
  private static final Logger LOG = LoggerFactory.getLogger(MaintainJob.class);

  /** Delta's own safety minimum for VACUUM's retention: 7 days. */
  public static final double SAFE_RETENTION_HOURS = 168;

  /** OPTIMIZE's default minimum and maximum file size. */
  private static final String GIB = String.valueOf(1L << 30);
  private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
  private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

  /**
   * What maintenance did (or, in a dry run, would do) to one table. Live files and bytes are those
   * of the table's current version before and after compaction; vacuumed files and bytes are what
   * {@code VACUUM} deleted from storage (data files, deletion vectors, change data). The reader
   * versions are the Delta protocol's before and after: a table of an older warehouse that has
   * deletion vectors its declaration no longer needs has them dropped, down to reader version 1.
   */
  public record TableReport(Table table, long filesBefore, long bytesBefore, long filesAfter, long bytesAfter,
      long filesVacuumed, long bytesVacuumed, int readerBefore, int readerAfter) {}

  private final Warehouse warehouse;
  private final DeltaWriter writer;

  public MaintainJob(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  /** Compacts and vacuums every existing table, keeping the files that versions of the last {@code retentionHours} need. */
  public List<TableReport> run(double retentionHours, boolean dryRun) {
    return run(retentionHours, dryRun, List.of(Table.values()));
  }

  /**
   * The same for {@code tables} only (those that exist). A retention under {@link
   * #SAFE_RETENTION_HOURS} is the caller's deliberate choice ({@code maintain --force}).
   */
  public List<TableReport> run(double retentionHours, boolean dryRun, List<Table> tables) {
    if (retentionHours < 0) {
      throw new IllegalArgumentException("retention must not be negative: " + retentionHours);
    }
    if (retentionHours < SAFE_RETENTION_HOURS) {
      LOG.warn("maintain: retention {} h is under Delta's {} h safety minimum; readers of older versions may fail",
          retentionHours, SAFE_RETENTION_HOURS);
    }
    List<TableReport> out = new ArrayList<>();
    for (Table t : tables) {
      if (!warehouse.exists(t)) {
        continue;
      }
      Stopwatch clock = Stopwatch.start();
      TableReport r = dryRun ? plan(t, retentionHours) : maintain(t, retentionHours);
      out.add(r);
      LOG.info("maintain{}: {}: {} -> {} live files ({} -> {} bytes), {} old files ({} bytes) {}; {}",
          dryRun ? " (dry run)" : "", t.sqlName(), r.filesBefore(), r.filesAfter(), r.bytesBefore(), r.bytesAfter(),
          r.filesVacuumed(), r.bytesVacuumed(), dryRun ? "to delete" : "deleted", clock);
    }
    return out;
  }

  private TableReport maintain(Table t, double retentionHours) {
    TableProtocol protocol = TableProtocol.of(warehouse, t);
    int readerAfter = protocol.readerVersion();
    if (protocol.hasUndeclaredDeletionVectors(t)) {
      writer.dropDeletionVectors(t);
      readerAfter = TableProtocol.of(warehouse, t).readerVersion();
    }
    long[] before = live(t);
    writer.compact(t);
    long[] after = live(t);
    long[] onDisk = onDisk(t);
    vacuum(t, retentionHours, false);
    long[] left = onDisk(t);
    return new TableReport(t, before[0], before[1], after[0], after[1], onDisk[0] - left[0], onDisk[1] - left[1],
        protocol.readerVersion(), readerAfter);
  }

  /**
   * A dry run: the live files now, the files compaction would leave (partitions holding two or more
   * files under OPTIMIZE's minimum size become as many files as their bytes need at its maximum
   * size), the files VACUUM would delete now (before any compaction), and the reader version the
   * table would have (1 where deletion vectors would be dropped).
   */
  private TableReport plan(Table t, double retentionHours) {
    TableProtocol protocol = TableProtocol.of(warehouse, t);
    SparkSession spark = warehouse.spark();
    long minSize = Long.parseLong(spark.conf().get("spark.databricks.delta.optimize.minFileSize", GIB));
    long maxSize = Long.parseLong(spark.conf().get("spark.databricks.delta.optimize.maxFileSize", GIB));
    long[] before = live(t);
    long filesAfter = 0;
    for (Row p : DeltaLog.forTable(spark, warehouse.location(t)).update(false, scala.Option.empty(), scala.Option.empty())
        .allFiles().toDF()
        .withColumn("small", col("size").lt(minSize))
        .groupBy(to_json(col("partitionValues")), col("small"))
        .agg(count("*").as("files"), sum("size").as("bytes")).collectAsList()) {
      boolean small = p.getBoolean(1);
      long files = p.getLong(2);
      long bytes = p.getLong(3);
      filesAfter += small && files >= 2 ? Math.max(1, (bytes + maxSize - 1) / maxSize) : files;
    }
    long[] doomed = vacuum(t, retentionHours, true);
    return new TableReport(t, before[0], before[1], filesAfter, before[1], doomed[0], doomed[1],
        protocol.readerVersion(), protocol.hasUndeclaredDeletionVectors(t) ? 1 : protocol.readerVersion());
  }

  /** Files and bytes of the table's current version. */
  private long[] live(Table t) {
    Row d = DeltaTable.forPath(warehouse.spark(), warehouse.location(t)).detail().select("numFiles", "sizeInBytes")
        .head();
    return new long[] {d.getLong(0), d.getLong(1)};
  }

  /** Files and bytes below the table's folder other than its log (data, deletion vectors, change data). */
  private long[] onDisk(Table t) {
    try {
      Path p = new Path(warehouse.location(t));
      FileSystem fs = fs(p);
      ContentSummary all = fs.getContentSummary(p);
      ContentSummary log = fs.getContentSummary(new Path(p, "_delta_log"));
      return new long[] {all.getFileCount() - log.getFileCount(), all.getLength() - log.getLength()};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + warehouse.location(t), e);
    }
  }

  /**
   * {@code VACUUM ... RETAIN n HOURS [DRY RUN]}; a retention under Delta's safety minimum needs its
   * check turned off in the session. Returns the files and bytes a dry run would delete (zeros
   * otherwise).
   */
  private long[] vacuum(Table t, double retentionHours, boolean dryRun) {
    SparkSession spark = warehouse.spark();
    String previous = spark.conf().get(RETENTION_CHECK, "true");
    String previousListing = spark.conf().get(LISTING_PARALLELISM);
    if (retentionHours < SAFE_RETENTION_HOURS) {
      spark.conf().set(RETENTION_CHECK, "false");
    }
    // VACUUM lists the table's folders in a job of this many tasks, 10,000 by default: over a minute
    // per table on two cores, whatever its size
    spark.conf().set(LISTING_PARALLELISM, String.valueOf(4 * spark.sparkContext().defaultParallelism()));
    try {
      List<Row> paths = spark.sql("VACUUM delta.`" + warehouse.location(t) + "` RETAIN " + retentionHours + " HOURS"
          + (dryRun ? " DRY RUN" : "")).collectAsList();
      if (!dryRun) {
        return new long[] {0, 0};
      }
      long bytes = 0;
      for (Row r : paths) {
        Path p = new Path(r.getString(0));
        bytes += fs(p).getFileStatus(p).getLen();
      }
      return new long[] {paths.size(), bytes};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat the files VACUUM would delete in " + warehouse.location(t), e);
    } finally {
      spark.conf().set(RETENTION_CHECK, previous);
      spark.conf().set(LISTING_PARALLELISM, previousListing);
    }
  }

  private FileSystem fs(Path p) throws IOException {
    return p.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
  }
}
