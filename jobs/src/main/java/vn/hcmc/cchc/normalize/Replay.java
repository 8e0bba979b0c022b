package vn.hcmc.cchc.normalize;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.quality.Reason;
import vn.hcmc.cchc.reference.ReferenceLookup;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.InternalFrames;
import vn.hcmc.cchc.tables.SilverSchema;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Records judged again when the reference data they were judged against changed: a late agency or
 * procedure snapshot, or a corrected one for a past day. Run by normalize after the new batches.
 *
 * <p>What is judged again: every open quarantine row of reason {@code unknown_agency} or {@code
 * unknown_procedure} (few: the snapshot may now explain them), and the snapshot in {@code
 * silver.cases} of every dossier whose code and receipt day a change covers ({@link
 * ReferenceLookup#changes} between the versions the last replay judged against, {@code ops.replays},
 * and today's), taken from bronze by its lineage. Each is parsed again, as normalize parses it; then,
 * in this order (each step safe to run again after a kill, which the next run does, since the
 * baseline moves only with the last step):
 * <ol>
 *   <li>{@code silver.quarantine}: the row of a record now accepted, or now rejected for another
 *       reason, is closed ({@code released_run_id}, {@code released_at}; never deleted), and a new
 *       row opened for a new reason or for a dossier's snapshot now rejected;
 *   <li>{@code silver.cases}: a released snapshot enters by the latest-snapshot rule; a dossier's
 *       snapshot looked up again takes its new level, district, ward and sector; a snapshot now
 *       rejected gives way to the dossier's latest released one, or the dossier leaves the table. Its
 *       change feed carries every change to the marts, which refresh from the first month touched;
 *   <li>{@code ops.reconciliation}: each batch's quarantined rows counted again from the open rows,
 *       its silver rows moved by the difference, so that it still balances;
 *   <li>{@code ops.replays}: one row, the versions judged against (the next baseline) and the counts.
 * </ol>
 * A warehouse without a baseline (built before replay, or new) judges its open quarantine rows again
 * and takes today's versions as its baseline; {@code normalize --replay} judges everything again.
 */
final class Replay {
  private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

  /** What a replay did; {@code scope} {@code null}: nothing to judge, no row written. */
  record Result(String scope, int changedCodes, long judged, long released, long reasonsChanged, long quarantined,
      long updated, long deleted, LocalDate firstMonth) {
    static final Result NONE = new Result(null, 0, 0, 0, 0, 0, 0, 0, null);

    /** One phrase for the run's line. */
    String describe() {
      return scope == null ? "reference unchanged"
          : String.format(java.util.Locale.ROOT, "replay (%s, %d changed codes): %d judged again, %d released, "
              + "%d reason(s) changed, %d moved to quarantine, %d dossiers updated, %d removed", scope, changedCodes,
              judged, released, reasonsChanged, quarantined, updated, deleted);
    }
  }

  /** The reasons a change of reference data can explain. */
  private static final List<String> EXPLAINABLE = List.of(Reason.UNKNOWN_AGENCY.code(), Reason.UNKNOWN_PROCEDURE.code());

  /** Where a record judged again comes from. */
  private static final String FROM_QUARANTINE = "quarantine";
  private static final String FROM_SILVER = "silver";

  private final Warehouse warehouse;
  private final DeltaWriter writer;

  Replay(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  /** The versions judged against: the table's, {@code null} where it does not exist. */
  private record Versions(Long agencies, Long procedures) {}

  /**
   * @param parser the parser over today's reference, as normalize used it
   * @param newBatches the batches normalize just took (already judged against today's reference)
   * @param all judge every record again ({@code normalize --replay})
   */
  Result run(CaseParser parser, ReferenceLookup today, Set<String> newBatches, boolean all, Instant at) {
    Versions now = new Versions(version(Table.SILVER_AGENCIES), version(Table.SILVER_PROCEDURES));
    Row baseline = baseline();
    String scope;
    List<ReferenceLookup.Change> changes = List.of();
    if (all) {
      scope = "all";
    } else if (baseline == null) {
      scope = "baseline";
    } else {
      Versions then = new Versions(baseline.isNullAt(0) ? null : baseline.getLong(0),
          baseline.isNullAt(1) ? null : baseline.getLong(1));
      if (then.equals(now)) {
        return Result.NONE;
      }
      ReferenceLookup before = judgedAgainst(then);
      if (before == null) {
        LOG.warn("replay: the reference versions of the last replay are gone (VACUUM); judging everything again");
        scope = "all";
      } else {
        changes = ReferenceLookup.changes(before, today);
        scope = "changes";
        if (changes.isEmpty()) {
          // new versions, same values (a snapshot that repeats the last one): only the baseline moves
          Result r = new Result(scope, 0, 0, 0, 0, 0, 0, 0, null);
          record(r, now, at);
          return r;
        }
      }
    }
    Set<String> unfinished = unfinishedReleases();
    // parsed as normalize parses bronze (internal rows), each source tagged with where it came from
    Dataset<Row> judged = NormalizeJob.parsed(quarantined(newBatches, unfinished), parser)
        .withColumn("_origin", lit(FROM_QUARANTINE));
    if (!scope.equals("baseline") && warehouse.exists(Table.SILVER_CASES)) {
      judged = judged.unionByName(NormalizeJob.parsed(fromSilver(scope.equals("all") ? null : changes), parser)
          .withColumn("_origin", lit(FROM_SILVER)));
    }
    InternalFrames.Kept kept = InternalFrames.keep(judged);
    try {
      Dataset<Row> outcomes = kept.frame();
      Row counts = outcomes.selectExpr("count(*)",
          "count_if(_origin = '" + FROM_QUARANTINE + "' AND reason IS NULL)",
          "count_if(_origin = '" + FROM_SILVER + "' AND reason IS NOT NULL)").head();
      long judgedRows = counts.getLong(0);
      long reasonsChanged = 0;
      long updated = 0;
      long deleted = 0;
      LocalDate firstMonth = null;
      if (judgedRows > 0) {
        reasonsChanged = closeAndOpen(outcomes, unfinished, at) - counts.getLong(1);
        long before = warehouse.version(Table.SILVER_CASES);
        mergeIntoSilver(outcomes);
        long after = warehouse.version(Table.SILVER_CASES);
        if (after > before) {
          updated = warehouse.lastCommitMetric(Table.SILVER_CASES, "numTargetRowsUpdated")
              + warehouse.lastCommitMetric(Table.SILVER_CASES, "numTargetRowsInserted");
          deleted = warehouse.lastCommitMetric(Table.SILVER_CASES, "numTargetRowsDeleted");
          Row first = warehouse.changes(Table.SILVER_CASES, after, after).selectExpr("min(received_date)").head();
          firstMonth = first.isNullAt(0) ? null : first.getLocalDate(0).withDayOfMonth(1);
        }
        recount();
      }
      Result r = new Result(scope, changes.size(), judgedRows, counts.getLong(1), Math.max(0, reasonsChanged),
          counts.getLong(2), updated, deleted, firstMonth);
      record(r, now, at);
      LOG.info("normalize: {}", r.describe());
      return r;
    } finally {
      kept.release();
    }
  }

  private Long version(Table t) {
    long v = warehouse.version(t);
    return v < 0 ? null : v;
  }

  /** The versions the last replay judged against, or {@code null} when none did. */
  private Row baseline() {
    if (!warehouse.exists(Table.OPS_REPLAYS)) {
      return null;
    }
    List<Row> last = warehouse.read(Table.OPS_REPLAYS).orderBy(col("replayed_at").desc(), col("run_id").desc())
        .select("agencies_version", "procedures_version").limit(1).collectAsList();
    return last.isEmpty() ? null : last.get(0);
  }

  /** The lookup of those versions; {@code null} when their files are gone. */
  private ReferenceLookup judgedAgainst(Versions v) {
    try {
      return ReferenceLookup.load(v.agencies() == null ? null : warehouse.readAt(Table.SILVER_AGENCIES, v.agencies()),
          v.procedures() == null ? null : warehouse.readAt(Table.SILVER_PROCEDURES, v.procedures()));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Runs that closed quarantine rows but recorded no replay: killed before the end. Their rows are
   * judged again and closed anew by this run, which ends what they began.
   */
  private Set<String> unfinishedReleases() {
    if (!warehouse.exists(Table.SILVER_QUARANTINE)) {
      return Set.of();
    }
    Set<String> closers = new TreeSet<>(warehouse.read(Table.SILVER_QUARANTINE).filter(col("released_run_id").isNotNull())
        .select("released_run_id").distinct().as(Encoders.STRING()).collectAsList());
    if (!closers.isEmpty() && warehouse.exists(Table.OPS_REPLAYS)) {
      closers.removeAll(warehouse.read(Table.OPS_REPLAYS).select("run_id").as(Encoders.STRING()).collectAsList());
    }
    return closers;
  }

  /** The open quarantine rows a reference change may explain, and the rows unfinished replays closed. */
  private Dataset<Row> quarantined(Set<String> newBatches, Set<String> unfinished) {
    if (!warehouse.exists(Table.SILVER_QUARANTINE)) {
      return warehouse.spark().createDataFrame(List.of(), Table.BRONZE_CASES.schema());
    }
    Column open = col("released_run_id").isNull();
    if (!unfinished.isEmpty()) {
      open = open.or(col("released_run_id").isin(unfinished.toArray()));
    }
    Dataset<Row> q = warehouse.read(Table.SILVER_QUARANTINE)
        .filter(NormalizeJob.CASE_FEEDS).filter(col("reason").isin(EXPLAINABLE.toArray()).and(open));
    if (!newBatches.isEmpty()) {
      q = q.filter(org.apache.spark.sql.functions.not(col("batch_id").isin(newBatches.toArray())));
    }
    return q.select(col("batch_id"), col("feed"), col("source_file"), col("line_number"), col("export_date"),
        col("record"), lit(null).cast(DataTypes.StringType).as("parse_error"), col("file_hash"), col("ingested_at"));
  }

  /**
   * The bronze rows of the dossiers' snapshots in {@code silver.cases} that {@code changes} cover
   * (by code and receipt day), or of all of them ({@code null}).
   */
  private Dataset<Row> fromSilver(List<ReferenceLookup.Change> changes) {
    Dataset<Row> silver = warehouse.read(Table.SILVER_CASES);
    Dataset<Row> lineage;
    if (changes == null) {
      lineage = silver.select("batch_id", "source_file", "source_line");
    } else {
      lineage = null;
      for (ReferenceLookup.Kind kind : ReferenceLookup.Kind.values()) {
        List<Row> ranges = changes.stream().filter(c -> c.kind() == kind)
            .map(c -> RowFactory.create(c.code(), c.from(), c.to())).toList();
        if (ranges.isEmpty()) {
          continue;
        }
        Dataset<Row> r = broadcast(warehouse.spark().createDataFrame(ranges, new StructType()
            .add("_code", DataTypes.StringType).add("_from", DataTypes.DateType).add("_to", DataTypes.DateType)));
        Object[] codes = ranges.stream().map(x -> x.get(0)).distinct().toArray();
        Dataset<Row> covered = silver.filter(col(kind.column()).isin(codes))
            .join(r, col(kind.column()).equalTo(col("_code")).and(col("received_date").geq(col("_from")))
                .and(col("_to").isNull().or(col("received_date").lt(col("_to")))))
            .select("batch_id", "source_file", "source_line");
        lineage = lineage == null ? covered : lineage.union(covered);
      }
    }
    List<String> batches = lineage.select("batch_id").distinct().as(Encoders.STRING()).collectAsList();
    Dataset<Row> bronze = warehouse.read(Table.BRONZE_CASES).filter(col("batch_id").isin(batches.toArray()));
    return bronze.join(lineage.distinct(), bronze.col("batch_id").equalTo(lineage.col("batch_id"))
            .and(bronze.col("source_file").equalTo(lineage.col("source_file")))
            .and(bronze.col("line_number").equalTo(lineage.col("source_line"))), "left_semi")
        .select(CaseParser.BRONZE_COLUMNS.stream().map(c -> bronze.col(c)).toArray(Column[]::new));
  }

  /**
   * The quarantine's side, in one MERGE: a judged quarantine row is closed unless its record is
   * rejected as before (same reason and detail); a new row opens for a new reason, or for a
   * snapshot of silver.cases now rejected, unless an open row already says so (a rerun after a kill).
   *
   * @return the rows closed
   */
  private long closeAndOpen(Dataset<Row> outcomes, Set<String> unfinished, Instant at) {
    String[] q = SilverSchema.QUARANTINE.fieldNames();
    List<Column> rejectedCols = new ArrayList<>();
    for (String c : q) {
      rejectedCols.add(SilverSchema.RELEASE.contains(c)
          ? lit(null).cast(SilverSchema.QUARANTINE.apply(c).dataType()).as(c) : col(c));
    }
    Dataset<Row> rejected = outcomes.filter(col("reason").isNotNull())
        .select(rejectedCols.toArray(Column[]::new)).withColumn("_op", lit("open"));
    Dataset<Row> closing = outcomes.filter(col("_origin").equalTo(FROM_QUARANTINE))
        .select(rejectedCols.toArray(Column[]::new)).withColumn("_op", lit("close"));
    // one row per record and operation: a record judged twice (from silver and from a row an
    // unfinished replay opened) would otherwise match its target row twice
    Dataset<Row> source = rejected.unionByName(closing).dropDuplicates("batch_id", "source_file", "line_number", "_op");
    String closable = "(t.released_run_id IS NULL" + (unfinished.isEmpty() ? ""
        : " OR t.released_run_id IN (" + String.join(", ", unfinished.stream().map(Warehouse::sqlString).toList())
            + ")") + ")";
    String same = "(t.reason <=> s.reason AND t.detail <=> s.detail)";
    String on = "t.batch_id = s.batch_id AND t.source_file = s.source_file AND t.line_number = s.line_number AND "
        + "CASE WHEN s._op = 'close' THEN " + closable + " AND NOT " + same
        + " ELSE t.released_run_id IS NULL AND " + same + " END";
    Map<String, String> insert = new LinkedHashMap<>();
    for (String c : q) {
      insert.put(c, "s." + c);
    }
    Map<String, String> close = Map.of("released_run_id", Warehouse.sqlString(writer.runId()),
        "released_at", "timestamp_micros(" + (at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000) + ")");
    long before = warehouse.version(Table.SILVER_QUARANTINE);
    writer.merge(Table.SILVER_QUARANTINE, source, on, m -> m
        .whenMatched("s._op = 'close'").updateExpr(close)
        .whenNotMatched("s._op = 'open'").insertExpr(insert));
    return warehouse.version(Table.SILVER_QUARANTINE) > before
        ? warehouse.lastCommitMetric(Table.SILVER_QUARANTINE, "numTargetRowsUpdated") : 0;
  }

  /**
   * The silver side, in one MERGE with one source row per dossier: its latest accepted snapshot
   * among those judged, and the lineage of its snapshot in the table when that one is now rejected.
   */
  private void mergeIntoSilver(Dataset<Row> outcomes) {
    String[] cases = SilverSchema.CASES.fieldNames();
    Dataset<Row> latest = outcomes.filter(col("reason").isNull())
        .withColumn("_rank", row_number().over(Window.partitionBy(col("dossier_id")).orderBy(NormalizeJob.latestFirst())))
        .filter(col("_rank").equalTo(1))
        .select(java.util.Arrays.stream(cases).map(c -> col(c)).toArray(Column[]::new));
    Dataset<Row> dropped = outcomes.filter(col("_origin").equalTo(FROM_SILVER).and(col("reason").isNotNull()))
        .select(col("dossier_id").as("_dossier"), col("batch_id").as("_w_batch"),
            col("source_file").as("_w_file"), col("source_line").as("_w_line"));
    Dataset<Row> source = latest.join(dropped, latest.col("dossier_id").equalTo(dropped.col("_dossier")), "full_outer")
        .withColumn("_key", org.apache.spark.sql.functions.coalesce(col("dossier_id"), col("_dossier")));
    String isDropped = "s._w_batch IS NOT NULL AND t.batch_id = s._w_batch AND t.source_file = s._w_file "
        + "AND t.source_line = s._w_line";
    String attributes = "NOT (s.level <=> t.level AND s.district_code <=> t.district_code "
        + "AND s.ward_code <=> t.ward_code AND s.sector <=> t.sector)";
    Map<String, String> all = new LinkedHashMap<>();
    for (String c : cases) {
      all.put(c, "s." + c);
    }
    // the dossiers as key ranges or receipt days (a late snapshot for a commune): the rest of silver.cases is not read
    writer.merge(Table.SILVER_CASES, source, NormalizeJob.onDossiers(warehouse, col("s._key"),
        source.select("_key").as(Encoders.STRING())), m -> m
        .whenMatched(isDropped + " AND s.dossier_id IS NULL").delete()
        .whenMatched(isDropped).updateExpr(all)
        .whenMatched("s.dossier_id IS NOT NULL AND (" + NormalizeJob.later("s") + " > " + NormalizeJob.later("t")
            + " OR (" + NormalizeJob.later("s") + " = " + NormalizeJob.later("t") + " AND " + attributes + "))")
            .updateExpr(all)
        .whenNotMatched("s.dossier_id IS NOT NULL").insertExpr(all));
  }

  /**
   * Each case batch's quarantined rows counted again from the open rows, its silver rows moved by the
   * difference: a record released moves from one to the other, and the batch still balances.
   */
  private void recount() {
    if (!warehouse.exists(Table.OPS_RECONCILIATION)) {
      return;
    }
    Map<String, Long> open = new HashMap<>();
    for (Row r : warehouse.read(Table.SILVER_QUARANTINE)
        .filter(NormalizeJob.CASE_FEEDS).filter(col("released_run_id").isNull())
        .groupBy("batch_id").count().collectAsList()) {
      open.put(r.getString(0), r.getLong(1));
    }
    StructType schema = Table.OPS_RECONCILIATION.schema();
    int quarantinedRows = schema.fieldIndex("quarantined_rows");
    int silverRows = schema.fieldIndex("silver_rows");
    List<Row> moved = new ArrayList<>();
    for (Row r : warehouse.read(Table.OPS_RECONCILIATION).select(java.util.Arrays.stream(schema.fieldNames())
        .map(c -> col(c)).toArray(Column[]::new)).collectAsList()) {
      long now = open.getOrDefault(r.getString(0), 0L);
      if (r.isNullAt(quarantinedRows) || r.getLong(quarantinedRows) == now) {
        continue;
      }
      Object[] v = new Object[schema.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.get(i);
      }
      long silver = r.getLong(silverRows) + r.getLong(quarantinedRows) - now;
      v[quarantinedRows] = now;
      v[silverRows] = silver;
      v[schema.fieldIndex("balanced")] = r.<Long>getAs("raw_records") == r.<Long>getAs("bronze_rows")
          .longValue() && r.<Long>getAs("bronze_rows") == silver + now;
      moved.add(new GenericRowWithSchema(v, schema));
    }
    if (moved.isEmpty()) {
      return;
    }
    writer.merge(Table.OPS_RECONCILIATION, warehouse.spark().createDataFrame(moved, schema), "t.batch_id = s.batch_id",
        m -> m.whenMatched().updateExpr(Map.of("quarantined_rows", "s.quarantined_rows", "silver_rows",
            "s.silver_rows", "balanced", "s.balanced")));
  }

  private void record(Result r, Versions v, Instant at) {
    Row row = RowFactory.create(writer.runId(), Timestamp.from(at), r.scope(), v.agencies(), v.procedures(),
        r.changedCodes(), r.judged(), r.released(), r.reasonsChanged(), r.quarantined(), r.updated(), r.deleted(),
        r.firstMonth() == null ? null : java.sql.Date.valueOf(r.firstMonth()));
    writer.append(Table.OPS_REPLAYS, warehouse.spark().createDataFrame(List.of(row), Table.OPS_REPLAYS.schema()));
  }
}
