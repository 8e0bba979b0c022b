package vn.hcmc.cchc.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;

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
import vn.hcmc.cchc.tables.BronzeSchema;
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
  /** A delivery that could not be read ({@code bronze.bad_files} says why); taken again when its content changes. */
  static final String UNREADABLE = "unreadable";

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
    private final Map<String, String> latestStatus = new java.util.HashMap<>();

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

    /** Whether the path's latest delivery could not be read (and is left out of the reference rebuilds). */
    boolean unreadable(RawFile f) {
      return UNREADABLE.equals(latestStatus.get(f.path()));
    }
  }

  Known known() {
    Known k = new Known();
    if (!warehouse.exists(Table.BRONZE_FILES)) {
      return k;
    }
    for (Row r : warehouse.read(Table.BRONZE_FILES)
        .select("path", "file_hash", "size", "modified_at", "batch_id", "status").orderBy("ingested_at")
        .collectAsList()) {
      k.paths.add(r.getString(0));
      if (!UNREADABLE.equals(r.getString(5))) {
        k.pathHash.add(r.getString(0) + "\u0000" + r.getString(1)); // an unreadable delivery is judged afresh
      }
      if (!r.isNullAt(2) && !r.isNullAt(3)) {
        k.pathSizeTime.add(r.getString(0) + "\u0000" + r.getLong(2) + "\u0000" + r.getLong(3));
      }
      k.batches.add(r.getString(4));
      k.latestStatus.put(r.getString(0), r.getString(5));
    }
    return k;
  }

  /** Enters the run's files; {@code unreadable}: path to reason, for fresh files that could not be read. */
  void record(List<RawFile> fresh, List<RawFile> duplicates, Map<String, String> unreadable, Map<String, String> hashes,
      Map<String, Long> records, String batchId, Instant at) {
    List<Row> rows = new ArrayList<>();
    List<Row> bad = new ArrayList<>();
    for (RawFile f : fresh) {
      String reason = unreadable.get(f.path());
      if (reason != null) {
        rows.add(row(f, hashes.get(f.path()), 0L, UNREADABLE, batchId, at));
        bad.add(RowFactory.create(f.path(), f.feed().code(), f.exportDate(), f.size(), hashes.get(f.path()), reason,
            batchId, at));
        continue;
      }
      rows.add(row(f, hashes.get(f.path()), f.feed().isCases() ? records.getOrDefault(f.path(), 0L) : null, LOADED,
          batchId, at));
    }
    if (!bad.isEmpty()) {
      writer.append(Table.BRONZE_BAD_FILES, warehouse.spark().createDataFrame(bad, BronzeSchema.BAD_FILES));
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
   * A file still in the landing zone with the content bronze holds ({@code hasher} reads it) gets
   * its size and modification time from {@code listing}, as a clean run would have entered it, so
   * that later runs skip it without reading it.
   */
  Known repairFromBronze(Known known, List<RawFile> listing,
      java.util.function.Function<List<RawFile>, Map<String, String>> hasher) {
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
    List<Row> lost = warehouse.read(Table.BRONZE_CASES)
        .filter(col("batch_id").isin(inBronze.toArray()))
        .groupBy("source_file", "file_hash")
        .agg(first("feed").as("feed"), first("export_date").as("export_date"), count("*").as("records"),
            first("batch_id").as("batch_id"), first("ingested_at").as("ingested_at"))
        .collectAsList();
    Map<String, RawFile> listed = new java.util.HashMap<>();
    listing.forEach(f -> listed.put(f.path(), f));
    List<RawFile> present = lost.stream().map(r -> listed.get(r.<String>getAs("source_file")))
        .filter(java.util.Objects::nonNull).toList();
    Map<String, String> hashes = hasher.apply(present);
    List<Row> rows = new ArrayList<>();
    for (Row r : lost) {
      String path = r.getAs("source_file");
      RawFile now = listed.get(path);
      boolean same = now != null && r.<String>getAs("file_hash").equals(hashes.get(path));
      rows.add(RowFactory.create(path, r.getAs("feed"), r.getAs("export_date"), same ? now.size() : null,
          same ? now.modifiedAt() : null, r.getAs("file_hash"), r.getAs("records"), LOADED, r.getAs("batch_id"),
          r.getAs("ingested_at")));
    }
    writer.append(Table.BRONZE_FILES, warehouse.spark().createDataFrame(rows, BronzeSchema.FILES));
    return known();
  }
}
