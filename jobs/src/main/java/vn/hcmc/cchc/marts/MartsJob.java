package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.session.Stopwatch;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code marts}: {@code silver.cases} into {@code gold.case_monthly} and the catalogue into {@code
 * gold.procedure_monthly}, every month from the first
 * receipt to the month of the latest event, rebuilt whole in one commit when silver has changed
 * since the last build (the commit records the silver version it was built from), and checked: the
 * identity must hold in every row or nothing is written. Incremental refreshes come with the rest of
 * the marts (issue 3).
 */
public final class MartsJob {
  private static final Logger LOG = LoggerFactory.getLogger(MartsJob.class);
  private static final Pattern BUILT_FROM = Pattern.compile("silver\\.cases@(\\d+)");

  public record Result(boolean rebuilt, long rows, long silverVersion) {}

  private final Warehouse warehouse;
  private final DeltaWriter writer;

  public MartsJob(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  public Result run() {
    Stopwatch clock = Stopwatch.start();
    long silverVersion = warehouse.version(Table.SILVER_CASES);
    if (silverVersion < 0) {
      LOG.info("marts: no silver.cases yet");
      return new Result(false, 0, -1);
    }
    boolean complete = warehouse.exists(Table.GOLD_CASE_MONTHLY)
        && (!warehouse.exists(Table.SILVER_PROCEDURES) || warehouse.exists(Table.GOLD_PROCEDURE_MONTHLY));
    if (complete && builtFrom() == silverVersion) {
      LOG.info("marts: gold.case_monthly is up to date with silver.cases version {}", silverVersion);
      return new Result(false, 0, silverVersion);
    }
    Dataset<Row> silver = warehouse.read(Table.SILVER_CASES);
    Row span = silver.agg(min("received_at"),
        max(greatest(col("received_at"), col("resolved_at"), col("withdrawn_at"), col("updated_at")))).head();
    if (span.isNullAt(0)) {
      LOG.info("marts: silver.cases is empty");
      return new Result(false, 0, silverVersion);
    }
    LocalDate from = firstOfMonth(span.getInstant(0));
    LocalDate to = firstOfMonth(span.getInstant(1));
    Dataset<Row> monthly = CaseMonthly.compute(silver, from, to).cache();
    try {
      CaseMonthly.checkIdentity(monthly);
      if (warehouse.exists(Table.SILVER_PROCEDURES)) {
        writer.overwrite(Table.GOLD_PROCEDURE_MONTHLY, ProcedureMonthly.compute(warehouse.spark(),
            warehouse.read(Table.SILVER_PROCEDURES), from, to));
      }
      // written last: its commit says which silver version the marts were built from
      writer.overwrite(Table.GOLD_CASE_MONTHLY, monthly, writer.runId() + " built from silver.cases@" + silverVersion);
      long rows = warehouse.lastCommitMetric(Table.GOLD_CASE_MONTHLY, "numOutputRows");
      LOG.info("marts: gold.case_monthly rebuilt for {} .. {}: {} rows, identity holds; {}", from, to.plusMonths(1)
          .minusDays(1), rows, clock);
      return new Result(true, rows, silverVersion);
    } finally {
      monthly.unpersist();
    }
  }

  private long builtFrom() {
    String meta = warehouse.lastCommitMetadata(Table.GOLD_CASE_MONTHLY);
    Matcher m = meta == null ? null : BUILT_FROM.matcher(meta);
    return m != null && m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static LocalDate firstOfMonth(Instant instant) {
    return instant.atZone(CaseMonthly.LOCAL).toLocalDate().withDayOfMonth(1);
  }
}
