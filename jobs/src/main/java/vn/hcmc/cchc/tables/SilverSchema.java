package vn.hcmc.cchc.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.Arrays;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schemas of {@code silver.cases} and {@code silver.quarantine}; see docs/TABLES.md for each column. */
public final class SilverSchema {
  private SilverSchema() {}

  public static final StructType CASES = new StructType()
      .add("dossier_id", StringType)
      .add("agency_code", StringType)
      .add("level", StringType)
      .add("district_code", StringType)
      .add("ward_code", StringType)
      .add("procedure_code", StringType)
      .add("sector", StringType)
      .add("channel", StringType)
      .add("online_level", StringType)
      .add("applicant_type", StringType)
      .add("status", StringType)
      .add("status_code", IntegerType)
      .add("received_at", TimestampType)
      .add("received_date", DateType)
      .add("due_at", TimestampType)
      .add("resolved_at", TimestampType)
      .add("returned_at", TimestampType)
      .add("withdrawn_at", TimestampType)
      .add("updated_at", TimestampType)
      .add("interagency", BooleanType)
      .add("e_circulated", BooleanType)
      .add("prior_documents", BooleanType)
      .add("data_reused", BooleanType)
      .add("digitised", BooleanType)
      .add("eid_verified", BooleanType)
      .add("device", StringType)
      .add("paid_online", BooleanType)
      .add("apology_letter", BooleanType)
      .add("rating", IntegerType)
      .add("applicant_name_token", StringType)
      .add("applicant_id_token", StringType)
      .add("applicant_phone_token", StringType)
      .add("feed", StringType)
      .add("batch_id", StringType)
      .add("source_file", StringType)
      .add("source_line", LongType)
      .add("export_date", DateType)
      .add("snapshot_key", StringType);

  public static final StructType QUARANTINE = new StructType()
      .add("batch_id", StringType)
      .add("feed", StringType)
      .add("source_file", StringType)
      .add("line_number", LongType)
      .add("export_date", DateType)
      .add("file_hash", StringType)
      .add("ingested_at", TimestampType)
      .add("dossier_id", StringType)
      .add("reason", StringType)
      .add("detail", StringType)
      .add("record", StringType);

  /** What the parser returns for each bronze row: the silver columns, then the quarantine-only ones. */
  public static final StructType OUTCOME = outcome();

  private static StructType outcome() {
    StructType s = CASES;
    for (StructField f : QUARANTINE.fields()) {
      if (!Arrays.asList(CASES.fieldNames()).contains(f.name())) {
        s = s.add(f);
      }
    }
    return s;
  }
}
