package vn.hcmc.cchc.bench;

import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The lower bound of the write path: every line of the raw case files ({@code cases/dvc/**.jsonl[.gz]},
 * {@code cases/legacy/**.csv[.gz]}) read as text and written as Parquet, with no parsing, no
 * pseudonymisation, no ledger and no Delta: what reading and writing the same bytes costs Spark.
 */
final class PlainSparkCopy {
  private PlainSparkCopy() {}

  /** Copies both feeds below {@code raw} to {@code out/dvc} and {@code out/legacy}; returns the lines written. */
  static long copy(SparkSession spark, String raw, String out) {
    return copy(spark, raw + "/cases/dvc", "*.{jsonl,jsonl.gz}", out + "/dvc")
        + copy(spark, raw + "/cases/legacy", "*.{csv,csv.gz}", out + "/legacy");
  }

  private static long copy(SparkSession spark, String from, String files, String to) {
    spark.read().option("recursiveFileLookup", "true").option("pathGlobFilter", files).text(from)
        .write().mode(SaveMode.Overwrite).parquet(to);
    return spark.read().parquet(to).count(); // from the Parquet footers
  }
}
