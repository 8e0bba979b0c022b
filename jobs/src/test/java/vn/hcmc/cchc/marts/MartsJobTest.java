package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.hcmc.cchc.marts.SilverCase.dossier;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code marts} in process on real Delta tables, from a {@code silver.cases} written directly (a
 * snapshot per dossier, merged as normalize does, change feed on): what a run writes, and what it
 * refuses to write. All times are local to Ho Chi Minh City.
 */
class MartsJobTest {
  private static final LocalDate MAR = LocalDate.of(2021, 3, 1);
  private static final LocalDate APR = LocalDate.of(2021, 4, 1);
  private final SparkSession spark = TestSpark.session();

  @Test
  void theMonthsEndAtTheLatestExportDayIncrementallyAsInFull() {
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("marts-export-day").toString());
    // the export of 5 March: one dossier due in 2031 (a deadline may lie years ahead), one due in March
    deliver(wh, "1",
        dossier("due-2031").received("2021-01-05 08:00").due("2031-01-20 17:00").exported("2021-03-05"),
        dossier("open").received("2021-03-02 08:00").exported("2021-03-05"));
    assertThat(marts(wh, "1", false).fullRebuild()).isTrue();
    assertThat(lastMonth(wh)).isEqualTo(MAR);
    // no agency snapshot: the agency is named by its code, from its first month with data
    assertThat(wh.read(Table.GOLD_SCOPE).filter("scope_type = 'agency'").collectAsList()).map(Row::toString)
        .containsExactly("[agency,Q1,2021-01-01,null,Q1,null,null,null,null,true]");
    // a warehouse of an earlier release, without the dimensions: the next run makes them, nothing moved
    drop(wh, Table.GOLD_SCOPE);
    assertThat(marts(wh, "1-again", false).changed()).isTrue();
    assertThat(wh.exists(Table.GOLD_SCOPE)).isTrue();
    assertThat(marts(wh, "1-again", false).changed()).isFalse();

    // the export of 2 April: a new dossier, and "open" resolved on 1 April 2031 (a typo of 2021)
    deliver(wh, "2",
        dossier("open").received("2021-03-02 08:00").resolved("2031-04-01 10:00").exported("2021-04-02"),
        dossier("april").received("2021-04-01 09:00").due("2021-05-20 17:00").exported("2021-04-02"));
    // as in a warehouse of an earlier release (or one whose flows are at another version than its
    // marts): silver.case_flows is rebuilt, and the months to refresh still come from the change feed
    drop(wh, Table.SILVER_CASE_FLOWS);
    MartsJob.Result incremental = marts(wh, "2", false);
    assertThat(incremental.fullRebuild()).isFalse();
    // the typo moves no count inside the months: only the month the export day added is written
    assertThat(incremental.caseMonthsFrom()).isEqualTo(APR);
    assertThat(lastMonth(wh)).isEqualTo(APR);
    Row april = wh.read(Table.GOLD_CASE_MONTHLY)
        .filter("period_month = DATE'2021-04-01' AND scope_type = 'city' AND sector = '*'").head();
    assertThat(List.of("carried_over", "received_new", "resolved", "pending_end", "pending_overdue").stream()
        .map(c -> april.<Long>getAs(c))).containsExactly(2L, 1L, 0L, 3L, 1L);
    assertThat(wh.read(Table.GOLD_TARGET_ATTAINMENT).select("year").distinct().as(Encoders.INT()).collectAsList())
        .containsExactly(2021);

    Dataset<Row> refreshed = snapshot(wh.read(Table.GOLD_CASE_MONTHLY));
    assertThat(marts(wh, "full", true).fullRebuild()).isTrue();
    Frames.assertSameRows(wh.read(Table.GOLD_CASE_MONTHLY), refreshed);
  }

  @Test
  void aNegativeCountFailsTheRunBeforeAnyGoldTableIsWritten() {
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("marts-negative").toString());
    // withdrawn in February, received in March: with an overdue February dossier beside it, February
    // has one pending dossier, overdue, and -1 in time (the identity holds). Normalize quarantines such
    // a dossier and silver.cases' constraints refuse it, so it comes from a table written before the
    // constraints, by plain Spark
    SilverCase.frame(spark,
        dossier("closed-first").received("2021-03-10 10:00").due("2021-03-30 17:00").withdrawn("2021-02-20 10:00")
            .exported("2021-03-10"),
        dossier("overdue").received("2021-02-01 08:00").due("2021-02-15 17:00").exported("2021-03-10"))
        .write().format("delta").save(wh.location(Table.SILVER_CASES));

    assertThatThrownBy(() -> marts(wh, "1", false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gold.case_monthly count below 0 for period_month=2021-02-01 scope_type=agency scope_code=Q1 "
            + "sector=*: pending_in_time -1");
    assertThat(wh.exists(Table.GOLD_CASE_MONTHLY)).isFalse();
    assertThat(wh.exists(Table.GOLD_TARGET_ATTAINMENT)).isFalse();
  }

  private static void drop(Warehouse wh, Table table) {
    try (var paths = java.nio.file.Files.walk(java.nio.file.Path.of(wh.location(table)))) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    org.apache.spark.sql.delta.DeltaLog.clearCache();
    assertThat(wh.exists(table)).isFalse();
  }

  /** Merges the dossiers' snapshots into silver.cases by dossier id, as normalize does. */
  private static void deliver(Warehouse wh, String run, SilverCase... dossiers) {
    new DeltaWriter(wh, "normalize-" + run).merge(Table.SILVER_CASES, SilverCase.frame(wh.spark(), dossiers),
        "t.dossier_id = s.dossier_id", b -> b.whenMatched().updateAll().whenNotMatched().insertAll());
  }

  private static MartsJob.Result marts(Warehouse wh, String run, boolean full) {
    return new MartsJob(wh, new DeltaWriter(wh, "marts-" + run), Fixtures.REFERENCE).run(full);
  }

  private static LocalDate lastMonth(Warehouse wh) {
    return wh.read(Table.GOLD_CASE_MONTHLY).agg(max("period_month")).head().getLocalDate(0);
  }

  /** The rows as they are now, held in memory (a later overwrite of the table does not change them). */
  private Dataset<Row> snapshot(Dataset<Row> table) {
    return spark.createDataFrame(table.collectAsList(), table.schema());
  }
}
