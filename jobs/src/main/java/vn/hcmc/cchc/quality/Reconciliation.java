package vn.hcmc.cchc.quality;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code ops.reconciliation}: one row per ingest batch proving that nothing was lost: {@code
 * raw_records = bronze_rows} (ingest) and {@code bronze_rows = silver_rows + quarantined_rows}
 * (normalize), where {@code silver_rows} counts the records that reached {@code silver.cases} as a
 * dossier's latest snapshot or as an older, superseded one.
 */
public final class Reconciliation {
  public static final StructType SCHEMA = new StructType()
      .add("batch_id", StringType, false)
      .add("ingested_at", TimestampType, false)
      .add("files", IntegerType, false)
      .add("raw_records", LongType, false)
      .add("bronze_rows", LongType, false)
      .add("normalized_at", TimestampType, true)
      .add("normalize_run_id", StringType, true)
      .add("silver_rows", LongType, true)
      .add("superseded_rows", LongType, true)
      .add("quarantined_rows", LongType, true)
      .add("balanced", BooleanType, true);

  private final Warehouse warehouse;
  private final DeltaWriter writer;

  public Reconciliation(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  public void recordIngest(String batchId, Instant at, int files, long raw, long bronze) {
    Row row = RowFactory.create(batchId, at, files, raw, bronze, null, null, null, null, null, raw == bronze ? null : false);
    writer.append(Table.OPS_RECONCILIATION, warehouse.spark().createDataFrame(List.of(row), SCHEMA));
  }

  /** Batches that normalize has balanced already. */
  public Set<String> normalizedBatches() {
    Set<String> done = new HashSet<>();
    if (!warehouse.exists(Table.OPS_RECONCILIATION)) {
      return done;
    }
    warehouse.read(Table.OPS_RECONCILIATION).filter("normalized_at IS NOT NULL").select("batch_id")
        .collectAsList().forEach(r -> done.add(r.getString(0)));
    return done;
  }

  /** The normalize side of each batch, in one commit: inserts the row of a batch ingest did not record. */
  public void recordNormalize(List<Row> batches) {
    // rows: batch_id, ingested_at, files, bronze_rows, normalized_at, run_id, silver_rows, superseded, quarantined
    var source = warehouse.spark().createDataFrame(batches, SCHEMA);
    writer.merge(Table.OPS_RECONCILIATION, source, "t.batch_id = s.batch_id", m -> m
        .whenMatched().updateExpr(java.util.Map.of(
            "normalized_at", "s.normalized_at",
            "normalize_run_id", "s.normalize_run_id",
            "silver_rows", "s.silver_rows",
            "superseded_rows", "s.superseded_rows",
            "quarantined_rows", "s.quarantined_rows",
            "balanced", "t.raw_records = t.bronze_rows AND t.bronze_rows = s.silver_rows + s.quarantined_rows"))
        .whenNotMatched().insertAll());
  }
}
