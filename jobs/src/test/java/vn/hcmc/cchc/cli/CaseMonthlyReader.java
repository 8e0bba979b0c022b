package vn.hcmc.cchc.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.serve.WarehouseSql;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * A dashboard reading {@code gold.case_monthly} over and over while a writer commits: each answer
 * through the {@code sql} command's path ({@link WarehouseSql}, a new one per answer as each command
 * makes), one row of the table's row count, the rows where {@code carried_over + received_new = resolved
 * + withdrawn + pending_end} fails, and a fingerprint of every row (the XOR of their hashes: the grain
 * is unique). An answer is consistent when the identity holds on every row and the whole answer is
 * that of one table version, read again with {@code VERSION AS OF} (any version committed between just
 * before the query and just after it).
 */
final class CaseMonthlyReader implements Runnable {
  static final String QUERY = "SELECT count(*), "
      + "count_if(carried_over + received_new <> resolved + withdrawn + pending_end), "
      + "bit_xor(xxhash64(period_month, scope_type, scope_code, sector, carried_over, received_new, resolved, "
      + "withdrawn, pending_end)) FROM gold.case_monthly";

  private final Warehouse warehouse;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Map<Long, Row> byVersion = new HashMap<>();
  private final TreeSet<Long> versionsSeen = new TreeSet<>();
  private final List<String> inconsistent = new ArrayList<>();
  private int answers;
  private long rowsChecked;
  private Throwable failure;

  CaseMonthlyReader(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  @Override
  public void run() {
    try {
      while (!stop.get()) {
        answer();
        Thread.sleep(250); // a dashboard's pace: the writer keeps most of the two cores
      }
      answer(); // one after the writer's last commit
    } catch (Throwable e) {
      failure = e;
    }
  }

  private void answer() {
    long before = warehouse.version(Table.GOLD_CASE_MONTHLY);
    Row got = WarehouseSql.over(warehouse).query(QUERY).head();
    long after = warehouse.version(Table.GOLD_CASE_MONTHLY);
    answers++;
    rowsChecked += got.getLong(0);
    if (got.getLong(1) != 0) {
      inconsistent.add(got.getLong(1) + " rows break the identity in an answer of versions " + before + ".." + after);
    }
    for (long v = before; v <= after; v++) {
      if (got.equals(at(v))) {
        versionsSeen.add(v);
        return;
      }
    }
    inconsistent.add("an answer " + got + " is that of no version " + before + ".." + after);
  }

  private Row at(long version) {
    return byVersion.computeIfAbsent(version, v -> {
      SparkSession spark = warehouse.spark().newSession();
      spark.read().format("delta").option("versionAsOf", v).load(warehouse.location(Table.GOLD_CASE_MONTHLY))
          .createOrReplaceTempView("case_monthly_as_of");
      return spark.sql(QUERY.replace("gold.case_monthly", "case_monthly_as_of")).head();
    });
  }

  /** Ends the reading after one more answer (call, then join the thread). */
  void stop() {
    stop.set(true);
  }

  Throwable failure() {
    return failure;
  }

  int answers() {
    return answers;
  }

  long rowsChecked() {
    return rowsChecked;
  }

  TreeSet<Long> versionsSeen() {
    return versionsSeen;
  }

  List<String> inconsistent() {
    return inconsistent;
  }
}
