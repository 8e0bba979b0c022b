package vn.hcmc.cchc.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.quality.Reconciliation;
import vn.hcmc.cchc.reference.ReferenceLookup;
import vn.hcmc.cchc.session.Stopwatch;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.FileSpan;
import vn.hcmc.cchc.tables.InternalFrames;
import vn.hcmc.cchc.tables.SilverSchema;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code normalize}: the bronze batches not yet normalized into {@code silver.cases} (one row per
 * dossier, its latest accepted snapshot) and {@code silver.quarantine}. Incremental: only the new
 * batches are read; the dossiers they carry that the table cannot hold are appended, the others
 * merged with deletion vectors, touching only those dossiers ({@link #mergeIntoCases}).
 * Rerunnable: quarantine rows of a batch are replaced, and a snapshot replaces a dossier only when
 * it is later by RAW.md's ordering, so a batch normalized twice leaves the tables as once.
 */
public final class NormalizeJob {
  private static final Logger LOG = LoggerFactory.getLogger(NormalizeJob.class);

  /** What a run did; {@code replay}: what its {@link Replay} did, one phrase. */
  public record Result(int batches, long bronzeRows, long accepted, long superseded, long quarantined, String replay) {}

  private final Warehouse warehouse;
  private final DeltaWriter writer;

  public NormalizeJob(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  public Result run(Instant normalizedAt) {
    return run(normalizedAt, false);
  }

  /**
   * The pending batches, then the {@link Replay} of what changed reference data may judge otherwise
   * ({@code replayAll}: every record, {@code normalize --replay}).
   */
  public Result run(Instant normalizedAt, boolean replayAll) {
    if (!warehouse.exists(Table.BRONZE_CASES)) {
      LOG.info("normalize: nothing in bronze.cases");
      return new Result(0, 0, 0, 0, 0, Replay.Result.NONE.describe());
    }
    Stopwatch started = Stopwatch.start();
    Map<String, Long> pendingBytes = pendingBatches();
    Set<String> pending = pendingBytes.keySet();
    LOG.debug("normalize: pending batches found after {}", started);
    ReferenceLookup reference = ReferenceLookup.load(warehouse);
    CaseParser parser = new CaseParser(reference);
    Result batches = pending.isEmpty() ? new Result(0, 0, 0, 0, 0, null)
        : normalize(parser, pendingBytes, normalizedAt, started);
    if (pending.isEmpty()) {
      LOG.info("normalize: nothing new in bronze.cases");
    }
    Replay.Result replay = new Replay(warehouse, writer).run(parser, reference, pending, replayAll, normalizedAt);
    return new Result(batches.batches(), batches.bronzeRows(), batches.accepted(), batches.superseded(),
        batches.quarantined(), replay.describe());
  }

  private Result normalize(CaseParser parser, Map<String, Long> pendingBytes, Instant normalizedAt, Stopwatch started) {
    Set<String> pending = pendingBytes.keySet();
    Dataset<Row> bronze = warehouse.read(Table.BRONZE_CASES).filter(col("batch_id").isin(pending.toArray()));
    // ranked once, used three times (quarantine, the MERGE source, the reconciliation): kept as
    // serialized rows, no columnar cache to build
    int partitions = partitionsFor(pendingBytes.values().stream().mapToLong(Long::longValue).sum(),
        Integer.parseInt(warehouse.spark().conf().get("spark.sql.shuffle.partitions")));
    InternalFrames.Kept kept = InternalFrames.keep(rankPerDossier(parsed(bronze, parser), partitions));
    Dataset<Row> outcomes = kept.frame();
    try {
      // the case feeds only: side-feed rejects carry the same batch id (ingest writes them) and are not ours
      String inBatches = pending.stream().map(b -> "'" + b + "'")
          .collect(Collectors.joining(", ", CASE_FEEDS + " AND batch_id IN (", ")"));
      Dataset<Row> quarantine = outcomes.filter(col("reason").isNotNull())
          .select(java.util.Arrays.stream(SilverSchema.QUARANTINE.fieldNames()).map(c -> SilverSchema.RELEASE.contains(c)
              ? org.apache.spark.sql.functions.lit(null).cast(SilverSchema.QUARANTINE.apply(c).dataType()).as(c)
              : col(c)).toArray(Column[]::new));
      writer.replaceWhere(Table.SILVER_QUARANTINE, quarantine, inBatches);
      LOG.debug("normalize: quarantine written after {}", started);

      Dataset<Row> latest = outcomes.filter(col("_rank").equalTo(1))
          .select(SilverSchema.CASES.fieldNames()[0], restOf(SilverSchema.CASES.fieldNames()));
      if (warehouse.fileCount(Table.SILVER_CASES) == 0) {
        // nothing to match: a plain insert, each partition's files sorted by dossier code
        writer.append(Table.SILVER_CASES, sortedByDossier(latest), MAX_ROWS_PER_FILE);
      } else {
        mergeIntoCases(latest, pendingBytes.values().stream().mapToLong(Long::longValue).sum() <= BROADCAST_BYTES);
      }

      LOG.debug("normalize: silver merged after {}", started);
      return reconcile(outcomes, normalizedAt, started);
    } finally {
      kept.release();
    }
  }

  /**
   * The latest snapshots of a batch into a {@code silver.cases} that holds rows, in two commits, so
   * that no step joins more than it must (docs/DECISIONS.md, "New dossiers appended, known ones
   * merged"):
   * <ol>
   *   <li>the dossiers whose codes the files' statistics show the table cannot hold ({@link
   *       DossierRanges#split}; a day's new dossiers, received that day, sort after every file of
   *       their agency) are set aside for the append;
   *   <li>the rest are merged with an update clause only: every join of that MERGE is an inner one,
   *       so a small batch's rows are broadcast to the target's files ({@code broadcast}) instead of
   *       those files' rows being shuffled to them (the left outer join that keeps rows to insert
   *       cannot broadcast them);
   *   <li>when the MERGE updated fewer dossiers than it was given (a snapshot not later than the
   *       stored one, or a new dossier among old codes), those it did not update, found from its
   *       commit's change feed, are looked up by key in the files that may hold them, and the ones
   *       the table does not have join the append;
   *   <li>one append, with no join.
   * </ol>
   */
  private void mergeIntoCases(Dataset<Row> latest, boolean broadcast) {
    List<FileSpan> files = warehouse.fileStatistics(Table.SILVER_CASES, "dossier_id", "received_date");
    DossierRanges.Split split = DossierRanges.split(groups(latest.select("dossier_id").as(Encoders.STRING())), files);
    String[] from = split.fresh().stream().map(DossierRanges.Range::from).toArray(String[]::new);
    String[] to = split.fresh().stream().map(DossierRanges.Range::to).toArray(String[]::new);
    Column fresh = functions.udf((UDF1<String, Boolean>) c -> DossierRanges.within(c, from, to), DataTypes.BooleanType)
        .apply(col("dossier_id"));
    LOG.info("normalize: {} range(s) of new dossiers to append, {} dossier(s) in {} group(s) of codes to merge",
        split.fresh().size(), split.knownDossiers(), split.known().size());
    Dataset<Row> added = latest.filter(fresh);
    boolean adding = !split.fresh().isEmpty();
    InternalFrames.Kept rest = null;
    try {
      if (!split.known().isEmpty()) {
        // a frame over the filtered rows, not the filter: Spark would infer the filter onto the
        // target's side of every join (the ranges of new dossiers, hundreds, on every row read)
        Dataset<Row> known = InternalFrames.opaque(latest.filter(not(fresh)));
        long before = warehouse.version(Table.SILVER_CASES);
        writer.merge(Table.SILVER_CASES, broadcast ? functions.broadcast(known) : known,
            col("t.dossier_id").equalTo(col("s.dossier_id")).and(scope(split.known(), files, col("t.dossier_id"),
                col("t.received_date"))), m -> m.whenMatched(later("s") + " > " + later("t")).updateAll());
        long after = warehouse.version(Table.SILVER_CASES);
        long updated = after == before ? 0 : warehouse.lastCommitMetric(Table.SILVER_CASES, "numTargetRowsUpdated");
        if (updated < split.knownDossiers()) {
          LOG.info("normalize: {} dossier(s) the MERGE did not update, looked up by key", split.knownDossiers() - updated);
          // computed once: its codes are grouped, then looked up
          rest = InternalFrames.keep(after == before ? known : known.join(warehouse.changes(Table.SILVER_CASES, after,
              after).filter(col("_change_type").equalTo("update_postimage")).select("dossier_id"), "dossier_id", "left_anti"));
          // the files before the MERGE still describe where these dossiers are: the MERGE's new files
          // hold only the rows it updated, none of these, and a file it removed whole only widens the scope
          Dataset<Row> stored = warehouse.read(Table.SILVER_CASES).filter(scope(DossierRanges.months(
              groups(rest.frame().select("dossier_id").as(Encoders.STRING()))), files, col("dossier_id"), col("received_date")));
          Dataset<Row> absent = rest.frame().join(stored.select("dossier_id"), "dossier_id", "left_anti");
          added = added.unionByName(absent);
          adding = adding || !absent.isEmpty();
        }
      }
      if (adding) {
        writer.append(Table.SILVER_CASES, sortedByDossier(added));
      }
    } finally {
      if (rest != null) {
        rest.release();
      }
    }
  }

  /**
   * The bronze bytes of a batch whose latest snapshots a MERGE broadcasts to the files of {@code
   * silver.cases} it reads (a day of the city's volume: ~55 MB, ~150,000 dossiers).
   */
  static final long BROADCAST_BYTES = 256L << 20;

  /** The source's codes grouped by agency and receipt day ({@link DossierRanges.Group}): one Spark job. */
  static List<DossierRanges.Group> groups(Dataset<String> codes) {
    List<DossierRanges.Group> groups = new ArrayList<>();
    for (Row r : codes.map((org.apache.spark.api.java.function.MapFunction<String, scala.Tuple3<String, String, String>>)
        c -> new scala.Tuple3<>(DossierRanges.bucket(c), DossierRanges.dayBucket(c), c),
        Encoders.tuple(Encoders.STRING(), Encoders.STRING(), Encoders.STRING()))
        .toDF("month", "day", "code").groupBy("month", "day").agg(min("code"), max("code"), count("*"))
        .collectAsList()) {
      groups.add(new DossierRanges.Group(r.getString(0), new DossierRanges.Range(r.getString(2), r.getString(3)),
          r.getLong(4)));
    }
    return groups;
  }

  /**
   * A MERGE's condition on {@code silver.cases}' dossier code ({@code t.dossier_id = key}), with
   * what Delta may skip the table's files by: the source's {@code codes} grouped by agency and
   * receipt month, compared with the files' statistics ({@link DossierRanges#scope}). New dossiers
   * read nothing, the few groups reaching old files become key ranges, the rest a receipt day: a day
   * of the whole city skips the files that hold only receipts before the oldest it reaches (none at
   * scale 0.3, where a commune's year is one file: docs/BENCHMARKS.md, "seventh round").
   */
  static Column onDossiers(Warehouse warehouse, Column key, Dataset<String> codes) {
    return onDossiers(warehouse, key, codes, MAX_RANGES);
  }

  /** {@link #onDossiers(Warehouse, Column, Dataset)} with at most {@code maxRanges} key ranges. */
  static Column onDossiers(Warehouse warehouse, Column key, Dataset<String> codes, int maxRanges) {
    List<FileSpan> files = warehouse.fileStatistics(Table.SILVER_CASES, "dossier_id", "received_date");
    return onDossiers(key, DossierRanges.months(groups(codes)), files, maxRanges);
  }

  /** The condition for source codes in {@code buckets} (one range per agency and receipt month) into {@code files}. */
  private static Column onDossiers(Column key, List<DossierRanges.Range> buckets, List<FileSpan> files, int maxRanges) {
    return col("t.dossier_id").equalTo(key).and(scope(buckets, files, col("t.dossier_id"), col("t.received_date"),
        maxRanges));
  }

  /** {@link #scope(List, List, Column, Column, int)} with at most {@link #MAX_RANGES} ranges. */
  private static Column scope(List<DossierRanges.Range> buckets, List<FileSpan> files, Column code, Column day) {
    return scope(buckets, files, code, day, MAX_RANGES);
  }

  /**
   * The predicate on {@code silver.cases}' {@code code} and {@code day} columns that every row whose
   * code is in one of {@code buckets} satisfies and Delta skips {@code files} by ({@link
   * DossierRanges#scope}); {@code true} when none is exact.
   */
  private static Column scope(List<DossierRanges.Range> buckets, List<FileSpan> files, Column code, Column day,
      int maxRanges) {
    Optional<DossierRanges.Scope> scope = DossierRanges.scope(buckets, files, maxRanges);
    LOG.info("normalize: {} code group(s) against {} file(s), {}", buckets.size(), files.size(),
        scope.map(DossierRanges.Scope::describe).orElse("on the key alone"));
    return scope.map(s -> s.predicate(code, day)).orElse(lit(true));
  }

  /**
   * The rows of one file of {@code silver.cases} at most, when normalize writes into an empty table.
   * Files are sorted by dossier code, which starts with the agency and the receipt date, so a
   * partition's files are consecutive ranges of receipt dates, about a quarter of an average agency
   * at the city's volume (~50,000 dossiers a year): a daily MERGE, whose changes are mostly about
   * recent dossiers, touches the latest of them and leaves the rest alone (docs/DECISIONS.md,
   * "Normalize into an empty silver.cases").
   */
  static final long MAX_ROWS_PER_FILE = 10_000;

  /**
   * The most key ranges a MERGE condition carries. The ranges are agency-major (a code starts with
   * its agency), so a day of the whole city makes one or more per agency, ~700 at scale 0.1; Spark
   * tests that predicate on every row it scans, on both sides of the join (it infers the source's
   * copy), and cannot generate code for it (over 64 KB): the daily MERGE at 0.1 took 58 s with
   * ~700 ranges against 25 s without. Past this many, the rest of the source is found by receipt
   * day ({@link DossierRanges#scope}).
   */
  static final int MAX_RANGES = 64;

  /**
   * The latest rows laid out for the writer, sorted by the layout keys and the dossier code within
   * the tasks {@link #rankPerDossier} shuffled them into (no second shuffle): a task holds whole
   * agencies (by the code's agency prefix), so it writes a partition's files, each a narrow range
   * of codes: receipt months, since a code carries its receipt date.
   */
  static Dataset<Row> sortedByDossier(Dataset<Row> latest) {
    return latest.sortWithinPartitions(col("level"), col("agency_code"), col("dossier_id"));
  }

  /** The agency part of a dossier code ({@code <agency>-<yyMMdd>-<seq>}): all of a code without one. */
  private static Column agencyPrefix() {
    return substring_index(col("dossier_id"), "-", 1);
  }

  /**
   * The order of a dossier's snapshots, as SQL over a table alias: RAW.md's (update time, export
   * day, file name, line: {@code snapshot_key}), except that a file delivered again under the same
   * path (a correction) wins over its earlier delivery, whatever its lines: update time, export day
   * and file name, then the later batch, then the line. docs/DECISIONS.md, "Latest snapshot".
   */
  static String later(String alias) {
    return "struct(substring_index(" + alias + ".snapshot_key, '|', 3), " + alias + ".batch_id, " + alias
        + ".snapshot_key)";
  }

  /**
   * Adds {@code _rank}: 1 for the latest accepted snapshot of each dossier in the batches ({@link
   * #later}), 2.. for older accepted ones, {@code NULL} for rejected records.
   */
  static Dataset<Row> rankPerDossier(Dataset<Row> outcomes, int partitions) {
    // shuffled once, by the code's agency prefix: the window's groups and the writer's partitions
    Dataset<Row> shuffled = partitions > 0 ? outcomes.repartition(partitions, agencyPrefix())
        : outcomes.repartition(agencyPrefix());
    return shuffled.withColumn("_rank", when(col("reason").isNull(),
        row_number().over(Window.partitionBy(agencyPrefix(), col("dossier_id")).orderBy(latestFirst()))));
  }

  /** A dossier's snapshots in {@link #later}'s order, latest first: the window's ordering. */
  static Column[] latestFirst() {
    return new Column[] {substring_index(col("snapshot_key"), "|", 3).desc_nulls_last(),
        col("batch_id").desc_nulls_last(), col("snapshot_key").desc_nulls_last()};
  }

  /** The record feeds (A and B), as SQL: the quarantine also holds the rejects of feeds C and D. */
  static final String CASE_FEEDS = "feed IN ('dvc', 'legacy')";

  private Result reconcile(Dataset<Row> outcomes, Instant at, Stopwatch started) {
    Dataset<Row> perBatch = outcomes
        .groupBy("batch_id")
        .agg(count("*").as("bronze"),
            sum(when(col("reason").isNull(), 1).otherwise(0)).cast("long").as("accepted"),
            sum(when(col("_rank").gt(1), 1).otherwise(0)).cast("long").as("superseded"),
            sum(when(col("reason").isNotNull(), 1).otherwise(0)).cast("long").as("quarantined"));
    List<Row> rows = new Reconciliation(warehouse, writer).recordNormalize(perBatch.collectAsList(), at, writer.runId());
    long bronze = 0;
    long accepted = 0;
    long superseded = 0;
    long quarantined = 0;
    for (Row r : rows) {
      bronze += r.<Long>getAs("bronze_rows");
      accepted += r.<Long>getAs("silver_rows");
      superseded += r.<Long>getAs("superseded_rows");
      quarantined += r.<Long>getAs("quarantined_rows");
    }
    LOG.info("normalize: {} batch(es), bronze rows {} = silver {} ({} superseded) + quarantined {}; {}",
        rows.size(), bronze, accepted, superseded, quarantined, started);
    if (bronze != accepted + quarantined) {
      throw new IllegalStateException("reconciliation failed: bronze " + bronze + " != silver " + accepted
          + " + quarantined " + quarantined);
    }
    return new Result(rows.size(), bronze, accepted, superseded, quarantined, null);
  }

  /**
   * Bronze bytes per task of normalize's one shuffle. The ranked outcomes are kept between their
   * three uses one block per task: at the city's volume a year is 12.4 GB of bronze, and four tasks
   * (local.conf's shuffle partitions) made blocks of gigabytes that ran the 4 GiB driver out of heap
   * (docs/DECISIONS.md, "Tasks sized by the batches' bytes").
   */
  static final long BYTES_PER_TASK = 128L << 20;

  /**
   * The tasks of the shuffle for {@code bytes} of bronze when the session's shuffle partitions are
   * too few for them; 0 otherwise: Spark's own number, which adaptive execution coalesces for a small
   * batch (a day: one or two tasks, not 200 on a cluster left at Spark's default).
   */
  static int partitionsFor(long bytes, int shufflePartitions) {
    long needed = Math.min(10_000, (bytes + BYTES_PER_TASK - 1) / BYTES_PER_TASK);
    return needed > shufflePartitions ? (int) needed : 0;
  }

  /**
   * Batches in bronze (each ingest commit carries its batch id) that normalize has not balanced yet,
   * with the bytes their commits wrote.
   */
  private Map<String, Long> pendingBatches() {
    if (!warehouse.exists(Table.BRONZE_CASES)) {
      return Map.of();
    }
    Map<String, Long> inBronze = new TreeMap<>();
    for (Row r : DeltaTable.forPath(warehouse.spark(), warehouse.location(Table.BRONZE_CASES)).history()
        .filter(col("operation").equalTo("WRITE").and(col("userMetadata").isNotNull()))
        .select(col("userMetadata"), col("operationMetrics").getItem("numOutputBytes")).collectAsList()) {
      long bytes = r.isNullAt(1) ? 0 : Long.parseLong(r.getString(1));
      inBronze.merge(r.getString(0), bytes, Long::sum);
    }
    inBronze.keySet().removeAll(new HashSet<>(new Reconciliation(warehouse, writer).normalizedBatches()));
    return inBronze;
  }

  /**
   * The parser's outcome of every bronze row, in Spark's internal row form on both sides (the
   * parser reads and writes values by ordinal; no external rows are encoded or decoded).
   */
  static Dataset<Row> parsed(Dataset<Row> bronze, CaseParser parser) {
    org.apache.spark.rdd.RDD<InternalRow> rows = bronze.select(CaseParser.BRONZE_COLUMNS.stream()
        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new)).queryExecution().toRdd();
    return InternalFrames.of(bronze.sparkSession(), rows.toJavaRDD().mapPartitions(parseWith(parser)).rdd(),
        SilverSchema.OUTCOME);
  }

  /** The parser over a partition, lazily (static: the task must not capture the job). */
  private static org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<InternalRow>, InternalRow>
      parseWith(CaseParser parser) {
    return rows -> new java.util.Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public InternalRow next() {
        return parser.parse(rows.next());
      }
    };
  }

  private static String[] restOf(String[] names) {
    return java.util.Arrays.copyOfRange(names, 1, names.length);
  }
}
