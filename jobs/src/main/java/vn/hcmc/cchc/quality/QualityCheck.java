package vn.hcmc.cchc.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code ops.quality}: the {@link QualityRules} evaluated on the batches this run normalized (its
 * rows of {@code ops.reconciliation}; and a killed run's: {@link #batches}), written in one commit, each warning logged as one line. The
 * counts come from the tables, after normalize has reconciled: a file's records from {@code
 * bronze.files}, its quarantined records per reason and agency from {@code silver.quarantine}, its
 * accepted ones per agency from {@code silver.cases}. A run that normalized nothing evaluates and
 * writes nothing.
 */
public final class QualityCheck {
  private static final Logger LOG = LoggerFactory.getLogger(QualityCheck.class);
  private static final String CASE_FEEDS = "feed IN ('dvc', 'legacy')";

  /** What the check found: every outcome, and the line that fails the run when a rule fails. */
  public record Result(List<QualityEvaluation.Outcome> outcomes, Optional<String> failure) {
    public String summary() {
      return outcomes.isEmpty() ? "no rule evaluated: nothing normalized, or no scope with a rule's records"
          : outcomes.size() + " evaluations: " + QualityEvaluation.summary(outcomes);
    }
  }

  private final Warehouse warehouse;
  private final DeltaWriter writer;

  public QualityCheck(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  /** Evaluates {@code rules} on the run's batches and appends the outcomes to {@code ops.quality}; never throws for a breach. */
  public Result run(List<QualityRules.Rule> rules, Instant evaluatedAt) {
    Object[] batches = batches();
    List<QualityEvaluation.Outcome> outcomes = QualityEvaluation.evaluate(rules, tallies(batches, rules));
    List<String> evaluated = Arrays.stream(batches).map(String.class::cast).toList();
    if (!outcomes.isEmpty()) {
      List<Row> rows = new ArrayList<>();
      Timestamp at = Timestamp.from(evaluatedAt);
      for (QualityEvaluation.Outcome o : outcomes) {
        QualityRules.Rule r = o.rule();
        rows.add(RowFactory.create(writer.runId(), r.id(), r.per().code(), o.scope(), r.feed(), r.reason(), o.records(),
            o.quarantined(), o.observed(), r.maxPercent(), r.severity().code(), o.outcome(), o.worstFile(), at,
            evaluated));
      }
      writer.append(Table.OPS_QUALITY, warehouse.spark().createDataFrame(rows, Table.OPS_QUALITY.schema()));
    }
    QualityEvaluation.warnings(outcomes).forEach(LOG::warn);
    Result result = new Result(outcomes, QualityEvaluation.failure(outcomes));
    LOG.info("quality: {} (ops.quality)", result.summary());
    return result;
  }

  /**
   * The batches this run normalized (its rows of {@code ops.reconciliation}), and those of a run that
   * normalized them but never evaluated them: killed before its audit, or failed before this stage
   * (no row in {@code ops.runs} that succeeded or ran the rules). A rerun after a kill thus judges
   * what the killed run took; a warehouse of an earlier release is not judged again for its past
   * (its runs succeeded).
   */
  private Object[] batches() {
    if (!warehouse.exists(Table.OPS_RECONCILIATION)) {
      return new Object[0];
    }
    Column mine = col("normalize_run_id").equalTo(writer.runId());
    if (warehouse.exists(Table.OPS_RUNS)) {
      Object[] evaluated = warehouse.read(Table.OPS_RUNS)
          .filter("status = 'succeeded' OR exists(stages, s -> s.stage = 'quality')").select("run_id")
          .collectAsList().stream().map(r -> r.getString(0)).toArray();
      mine = mine.or(org.apache.spark.sql.functions.not(col("normalize_run_id").isin(evaluated)));
    }
    Set<String> judged = new HashSet<>();
    if (warehouse.exists(Table.OPS_QUALITY)) {
      // a killed run's batches that a later run, killed too, judged already
      warehouse.read(Table.OPS_QUALITY).selectExpr("explode(batches)").distinct().collectAsList()
          .forEach(r -> judged.add(r.getString(0)));
    }
    return warehouse.read(Table.OPS_RECONCILIATION).filter(mine)
        .select("batch_id").collectAsList().stream().map(r -> r.getString(0)).filter(b -> !judged.contains(b))
        .toArray();
  }

  /**
   * The tallies of {@code batches}, per file, feed and agency: quarantined records by the agency of
   * their dossier code, accepted ones by their agency; what a file holds beyond them (snapshots that a
   * later one of the same run superseded) as its tally with no agency. None, and quarantine and
   * silver left unread, when no feed has the records any rule needs (a small test's run).
   */
  private List<QualityEvaluation.Tally> tallies(Object[] batches, List<QualityRules.Rule> rules) {
    if (batches.length == 0 || rules.isEmpty()) {
      return List.of();
    }
    Map<String, Long> fileRecords = new HashMap<>();
    Map<String, String> fileFeed = new HashMap<>();
    Map<String, Long> feedRecords = new HashMap<>();
    for (Row r : counted(Table.BRONZE_FILES, batches, "status = 'loaded'", col("path"), col("feed"))
        .agg(sum("records")).collectAsList()) {
      long records = r.isNullAt(2) ? 0 : r.getLong(2);
      fileRecords.merge(r.getString(0), records, Long::sum);
      fileFeed.put(r.getString(0), r.getString(1));
      feedRecords.merge(r.getString(1), records, Long::sum);
    }
    long largest = feedRecords.values().stream().mapToLong(Long::longValue).max().orElse(0);
    if (largest == 0 || largest < rules.stream().mapToLong(QualityRules.Rule::minRecords).min().orElseThrow()) {
      return List.of(); // every scope is within a feed: none could be evaluated
    }
    // silver.quarantine: the records quarantined now (a replay may since have released some)
    Map<List<String>, Map<String, Long>> quarantined = new HashMap<>();
    for (Row r : counted(Table.SILVER_QUARANTINE, batches, "released_run_id IS NULL", col("source_file"),
        substring_index(col("dossier_id"), "-", 1), col("reason")).agg(count("*")).collectAsList()) {
      quarantined.computeIfAbsent(key(r.getString(0), r.getString(1)), k -> new HashMap<>())
          .merge(r.getString(2), r.getLong(3), Long::sum);
    }
    Map<List<String>, Long> accepted = new HashMap<>();
    for (Row r : counted(Table.SILVER_CASES, batches, "true", col("source_file"), col("agency_code"))
        .agg(count("*")).collectAsList()) {
      accepted.merge(key(r.getString(0), r.getString(1)), r.getLong(2), Long::sum);
    }
    Map<String, Long> attributed = new HashMap<>();
    List<QualityEvaluation.Tally> tallies = new ArrayList<>();
    Set<List<String>> keys = new HashSet<>(quarantined.keySet());
    keys.addAll(accepted.keySet());
    for (List<String> k : keys) {
      Map<String, Long> q = quarantined.getOrDefault(k, Map.of());
      long records = accepted.getOrDefault(k, 0L) + q.values().stream().mapToLong(Long::longValue).sum();
      attributed.merge(k.get(0), records, Long::sum);
      tallies.add(new QualityEvaluation.Tally(k.get(0), fileFeed.getOrDefault(k.get(0), ""), k.get(1), records, q));
    }
    fileRecords.forEach((file, records) -> {
      long rest = records - attributed.getOrDefault(file, 0L);
      if (rest > 0) {
        tallies.add(new QualityEvaluation.Tally(file, fileFeed.get(file), null, rest, Map.of()));
      }
    });
    return tallies;
  }

  /** {@code table}'s case-feed rows of {@code batches} matching {@code where}, grouped by {@code by}. */
  private RelationalGroupedDataset counted(Table table, Object[] batches, String where, Column... by) {
    if (!warehouse.exists(table)) {
      return warehouse.spark().createDataFrame(List.of(), table.schema()).groupBy(by);
    }
    Dataset<Row> rows = warehouse.read(table).filter(col("batch_id").isin(batches)).filter(CASE_FEEDS).filter(where);
    return rows.groupBy(by);
  }

  /** A file and an agency (either may be {@code null}) as a map key. */
  private static List<String> key(String file, String agency) {
    return Arrays.asList(file, agency);
  }
}
