package vn.hcmc.cchc.tables;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/** Schemas of the bronze tables. */
public final class BronzeSchema {
  private BronzeSchema() {}

  /** {@code bronze.cases}: one row per raw record of feeds A and B, parseable or not. */
  public static final StructType CASES =
      new StructType()
          .add("batch_id", StringType, false)
          .add("feed", StringType, false)
          .add("source_file", StringType, false)
          .add("file_hash", StringType, false)
          .add("line_number", LongType, false)
          .add("export_date", DateType, false)
          .add("ingested_at", TimestampType, false)
          .add("record", StringType, false)
          .add("parse_error", StringType, true);

  /** {@code bronze.files}: the ledger of every file seen, so that none is loaded twice. */
  public static final StructType FILES =
      new StructType()
          .add("path", StringType, false)
          .add("feed", StringType, false)
          .add("export_date", DateType, true)
          .add("size", LongType, true)
          .add("modified_at", LongType, true)
          .add("file_hash", StringType, false)
          .add("records", LongType, true)
          .add("status", StringType, false)
          .add("batch_id", StringType, false)
          .add("ingested_at", TimestampType, false);

  /** {@code bronze.bad_files}: one row per delivery (path and content hash) that could not be read. */
  public static final StructType BAD_FILES =
      new StructType()
          .add("path", StringType, false)
          .add("feed", StringType, false)
          .add("export_date", DateType, true)
          .add("size", LongType, true)
          .add("file_hash", StringType, false)
          .add("reason", StringType, false)
          .add("batch_id", StringType, false)
          .add("detected_at", TimestampType, false);
}
