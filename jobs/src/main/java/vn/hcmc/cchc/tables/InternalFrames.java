package vn.hcmc.cchc.tables;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Frames over rows in Spark's internal form, for the few places where encoding external rows costs
 * more than the work itself (the normalizer's parse: a fifth of its time went to the encoder).
 * {@code internalCreateDataFrame} is Spark's own way to do it, public in the bytecode of the classic
 * session though Scala marks it {@code private[sql]}.
 */
public final class InternalFrames {
  private InternalFrames() {}

  /** A frame of {@code schema} over {@code rows}, whose values must already be in internal form. */
  public static Dataset<Row> of(SparkSession spark, RDD<InternalRow> rows, StructType schema) {
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows, schema, false);
  }

  /**
   * The same rows as {@code frame}, behind a plan Spark's optimizer cannot see into: nothing of
   * {@code frame}'s filters is inferred onto what it is joined with (computed again on each use).
   */
  public static Dataset<Row> opaque(Dataset<Row> frame) {
    return of(frame.sparkSession(), frame.queryExecution().toRdd(), frame.schema());
  }

  /** A frame computed once and kept until {@link #release}. */
  public record Kept(Dataset<Row> frame, RDD<InternalRow> rows) {
    /** Drops the kept blocks now (waiting: a removal still running when the session stops warns of blocks not found). */
    public void release() {
      rows.unpersist(true);
    }
  }

  /**
   * {@code frame} computed now and kept as serialized rows on local disk (compressed when {@code
   * spark.rdd.compress} is on), not as Spark's columnar cache: building compressed column batches
   * cost a quarter of the normalizer's time, storing a row's bytes costs a copy. On disk, not in the
   * heap: at the city's volume the blocks held in memory left the next sort no room (the page cache
   * keeps them outside the heap). Lost blocks are recomputed from the plan.
   */
  public static Kept keep(Dataset<Row> frame) {
    RDD<InternalRow> rows = frame.queryExecution().toRdd().toJavaRDD().map(InternalRow::copy).rdd()
        .persist(StorageLevel.DISK_ONLY());
    rows.count();
    return new Kept(of(frame.sparkSession(), rows, frame.schema()), rows);
  }
}
