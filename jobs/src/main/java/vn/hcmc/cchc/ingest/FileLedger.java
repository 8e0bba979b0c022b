package vn.hcmc.cchc.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code bronze.files}: every file the warehouse has taken, by path and content hash. A file is
 * loaded once; the same path with other content is a new delivery and is loaded again.
 */
final class FileLedger {
  private static final Logger LOG = LoggerFactory.getLogger(FileLedger.class);
  static final String LOADED = "loaded";
  static final String DUPLICATE = "duplicate";

  private final Warehouse warehouse;
  private final DeltaWriter writer;

  FileLedger(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  /** What the ledger knows, held on the driver (one small row per file). */
  static final class Known {
    private final Set<String> pathHash = new HashSet<>();
    private final Set<String> pathSizeTime = new HashSet<>();
    private final Set<String> paths = new HashSet<>();
    private final Set<String> batches = new HashSet<>();

    /** Whether some content of this path was taken before. */
    boolean seen(RawFile f) {
      return paths.contains(f.path());
    }

    boolean unchanged(RawFile f) {
      return pathSizeTime.contains(f.path() + "\u0000" + f.size() + "\u0000" + f.modifiedAt());
    }

    boolean loaded(String path, String hash) {
      return pathHash.contains(path + "\u0000" + hash);
    }

    Set<String> batches() {
      return batches;
    }
  }

  Known known() {
    Known k = new Known();
    if (!warehouse.exists(Table.BRONZE_FILES)) {
      return k;
    }
    for (Row r : warehouse.read(Table.BRONZE_FILES)
        .select("path", "file_hash", "size", "modified_at", "batch_id").collectAsList()) {
      k.paths.add(r.getString(0));
      k.pathHash.add(r.getString(0) + "\u0000" + r.getString(1));
      if (!r.isNullAt(2) && !r.isNullAt(3)) {
        k.pathSizeTime.add(r.getString(0) + "\u0000" + r.getLong(2) + "\u0000" + r.getLong(3));
      }
      k.batches.add(r.getString(4));
    }
    return k;
  }

  void record(List<RawFile> fresh, List<RawFile> duplicates, Map<String, String> hashes, Map<String, Long> records,
      String batchId, Instant at) {
    List<Row> rows = new ArrayList<>();
    for (RawFile f : fresh) {
      rows.add(row(f, hashes.get(f.path()), f.feed().isCases() ? records.getOrDefault(f.path(), 0L) : null, LOADED,
          batchId, at));
    }
    for (RawFile f : duplicates) {
      rows.add(row(f, hashes.get(f.path()), 0L, DUPLICATE, batchId, at));
    }
    if (!rows.isEmpty()) {
      writer.append(Table.BRONZE_FILES, warehouse.spark().createDataFrame(rows, BronzeSchema.FILES));
    }
  }

  private static Row row(RawFile f, String hash, Long records, String status, String batchId, Instant at) {
    return RowFactory.create(f.path(), f.feed().code(), f.exportDate(), f.size(), f.modifiedAt(), hash, records, status,
        batchId, at);
  }

  /**
   * A run that died after writing bronze but before the ledger leaves batches the ledger does not
   * know; their files are entered from bronze itself so that they are not loaded a second time.
   */
  Known repairFromBronze(Known known) {
    if (!warehouse.exists(Table.BRONZE_CASES)) {
      return known;
    }
    Set<String> inBronze = new HashSet<>();
    for (Row r : DeltaTable.forPath(warehouse.spark(), warehouse.location(Table.BRONZE_CASES)).history()
        .filter(col("operation").equalTo("WRITE").and(col("userMetadata").isNotNull()))
        .select("userMetadata").collectAsList()) {
      inBronze.add(r.getString(0));
    }
    inBronze.removeAll(known.batches());
    if (inBronze.isEmpty()) {
      return known;
    }
    LOG.warn("ledger: {} batch(es) reached bronze.cases but not the ledger (an interrupted run); entering their files",
        inBronze.size());
    Dataset<Row> lost = warehouse.read(Table.BRONZE_CASES)
        .filter(col("batch_id").isin(inBronze.toArray()))
        .groupBy("source_file", "file_hash")
        .agg(first("feed").as("feed"), first("export_date").as("export_date"), count("*").as("records"),
            first("batch_id").as("batch_id"), first("ingested_at").as("ingested_at"))
        .select(col("source_file").as("path"), col("feed"), col("export_date"), lit(null).cast("long").as("size"),
            lit(null).cast("long").as("modified_at"), col("file_hash"), col("records"), lit(LOADED).as("status"),
            col("batch_id"), col("ingested_at"));
    writer.append(Table.BRONZE_FILES, warehouse.spark().createDataFrame(lost.collectAsList(), BronzeSchema.FILES));
    return known();
  }
}
