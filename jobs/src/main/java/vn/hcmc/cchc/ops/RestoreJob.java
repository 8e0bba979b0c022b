package vn.hcmc.cchc.ops;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Undoes a bad run: every table it committed to goes back to the version before its first commit
 * there ({@code RESTORE}, itself a new commit, so the bad versions stay readable by time travel). A
 * run's commits are found by the run id each carries as {@code userMetadata}. {@code ops.runs} is
 * never restored: the audit keeps the bad run and records the restore.
 *
 * <p>A later run that wrote the same tables built on the bad one; restoring would undo it too, so
 * the restore is refused unless {@code force}. Possible while the files of the version before are
 * kept: VACUUM's retention ({@code maintain}, 7 days at least unless forced).
 */
public final class RestoreJob {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreJob.class);
  /** Commits that change no row: not a later run that the restore would undo. */
  private static final Set<String> NO_ROW_CHANGE = Set.of("OPTIMIZE", "VACUUM START", "VACUUM END");

  /** What the restore does to one table: back to {@code restoreTo}, undoing {@code from..to}. */
  public record Step(Table table, long from, long to, long restoreTo, Set<String> laterRuns) {}

  private final Warehouse warehouse;
  private final DeltaWriter writer;

  public RestoreJob(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  /**
   * Restores what run {@code runId} wrote (only plans when {@code dryRun}).
   *
   * @throws UsageException when the run wrote nothing, or later runs wrote its tables and not {@code force}
   */
  public List<Step> run(String runId, boolean force, boolean dryRun) {
    List<Step> steps = plan(runId);
    if (steps.isEmpty()) {
      throw new UsageException("run " + runId + " committed to no table of " + warehouse.root()
          + " (see `scripts/cchc runs` for run ids)");
    }
    Set<String> later = new TreeSet<>();
    steps.forEach(s -> later.addAll(s.laterRuns()));
    if (!later.isEmpty() && !force) {
      throw new UsageException("later runs wrote the same tables and would be undone too: " + String.join(", ", later)
          + "; restore them first (latest first), or add --force");
    }
    for (Step s : steps) {
      LOG.info("restore: {} back to version {} (undoing versions {}..{}){}", s.table().sqlName(), s.restoreTo(),
          s.from(), s.to(), dryRun ? " [dry run]" : "");
      if (!dryRun) {
        writer.restore(s.table(), s.restoreTo());
      }
    }
    return steps;
  }

  /** Per table the run wrote (not {@code ops.runs}): its versions and the version to go back to. */
  public List<Step> plan(String runId) {
    List<Step> out = new ArrayList<>();
    for (Table t : Table.values()) {
      if (t == Table.OPS_RUNS || !warehouse.exists(t)) {
        continue;
      }
      List<Row> history = DeltaTable.forPath(warehouse.spark(), warehouse.location(t)).history()
          .select(col("version"), col("userMetadata"), col("operation")).orderBy("version").collectAsList();
      long first = -1;
      long last = -1;
      for (Row r : history) {
        if (ofRun(r.getString(1), runId)) {
          first = first < 0 ? r.getLong(0) : first;
          last = r.getLong(0);
        }
      }
      if (first < 0) {
        continue;
      }
      Set<String> laterRuns = new TreeSet<>();
      for (Row r : history) {
        if (r.getLong(0) > last && r.getString(1) != null && !NO_ROW_CHANGE.contains(r.getString(2))) {
          laterRuns.add(r.getString(1).split(" ", 2)[0]);
        }
      }
      // version 0 is the empty table its first writer created (CREATE TABLE): the state before any run
      out.add(new Step(t, first, last, Math.max(0, first - 1), laterRuns));
    }
    return out;
  }

  private static boolean ofRun(String metadata, String runId) {
    return metadata != null && (metadata.equals(runId) || metadata.startsWith(runId + " "));
  }
}
