package vn.hcmc.cchc.quality;


import java.time.Instant;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code ops.reconciliation}: one row per ingest batch, written when normalize has taken it, proving that nothing was lost: {@code
 * raw_records = bronze_rows} (ingest) and {@code bronze_rows = silver_rows + quarantined_rows}
 * (normalize), where {@code silver_rows} counts the records that reached {@code silver.cases} as a
 * dossier's latest snapshot or as an older, superseded one.
 */
public final class Reconciliation {
  public static final StructType SCHEMA = Table.OPS_RECONCILIATION.schema();

  private final Warehouse warehouse;
  private final DeltaWriter writer;

  public Reconciliation(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  /** Batches that normalize has balanced already. */
  public Set<String> normalizedBatches() {
    Set<String> done = new HashSet<>();
    if (!warehouse.exists(Table.OPS_RECONCILIATION)) {
      return done;
    }
    warehouse.read(Table.OPS_RECONCILIATION).select("batch_id")
        .collectAsList().forEach(r -> done.add(r.getString(0)));
    return done;
  }

  /**
   * Appends one row per batch, in one commit. {@code perBatch}: batch_id, bronze rows, silver rows,
   * superseded rows, quarantined rows. What ingest saw comes from its ledger, {@code bronze.files}.
   */
  public List<Row> recordNormalize(List<Row> perBatch, Instant at, String runId) {
    Map<String, Row> ingested = new HashMap<>();
    if (warehouse.exists(Table.BRONZE_FILES)) {
      Object[] ids = perBatch.stream().map(r -> r.getString(0)).toArray();
      for (Row r : warehouse.read(Table.BRONZE_FILES)
          .filter(col("batch_id").isin(ids).and(col("status").equalTo("loaded")).and(col("records").isNotNull()))
          .groupBy("batch_id").agg(min("ingested_at"), count("*"), sum("records")).collectAsList()) {
        ingested.put(r.getString(0), r);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Row b : perBatch) {
      Row in = ingested.get(b.getString(0));
      long bronze = b.getLong(1);
      long raw = in == null ? bronze : in.getLong(3);
      rows.add(new GenericRowWithSchema(new Object[] {b.getString(0), in == null ? at : in.get(1), in == null ? 0 : (int) in.getLong(2),
          raw, bronze, at, runId, b.getLong(2), b.getLong(3), b.getLong(4), raw == bronze && bronze == b.getLong(2) + b.getLong(4)}, SCHEMA));
    }
    writer.append(Table.OPS_RECONCILIATION, warehouse.spark().createDataFrame(rows, SCHEMA));
    return rows;
  }
}
