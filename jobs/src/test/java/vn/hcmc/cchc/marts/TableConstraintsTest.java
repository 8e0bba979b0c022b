package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.hcmc.cchc.marts.SilverCase.dossier;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The rules of WAREHOUSE.md held by Delta itself ({@code Table.checks()}): a writer that is not
 * ours (plain Spark, here) cannot commit a {@code gold.case_monthly} row that breaks the flow
 * identity, nor a {@code silver.cases} row with a status outside its list, without its keys or with a
 * deadline before its receipt; the table is left as it was. A table created before the constraints
 * gets them on its next write through our writer.
 */
class TableConstraintsTest {
  private static final LocalDate JAN = LocalDate.of(2021, 1, 1);
  private static final LocalDate MAR = LocalDate.of(2021, 3, 1);

  private final SparkSession spark = TestSpark.session();

  private static Dataset<Row> silver(SparkSession spark) {
    return SilverCase.frame(spark, dossier("open").received("2021-01-05 08:00").due("2021-01-20 17:00"),
        dossier("done").status(10).resolved("2021-03-10 09:00").rating(1));
  }

  /** Appends as any Spark user can, without our writer. */
  private static void foreignAppend(Warehouse wh, Table table, Dataset<Row> rows) {
    rows.write().format("delta").mode("append").save(wh.location(table));
  }

  @Test
  void deltaRefusesAForeignRowThatBreaksTheFlowIdentityOrASplit() {
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("checks-gold").toString());
    Dataset<Row> monthly = CaseMonthly.compute(silver(spark), JAN, MAR);
    new DeltaWriter(wh, "ours").overwrite(Table.GOLD_CASE_MONTHLY, monthly);
    long version = wh.version(Table.GOLD_CASE_MONTHLY);
    Dataset<Row> one = monthly.filter(col("scope_type").equalTo("city").and(col("sector").equalTo("*"))
        .and(col("period_month").equalTo(lit(MAR))));

    assertThatThrownBy(() -> foreignAppend(wh, Table.GOLD_CASE_MONTHLY,
        one.withColumn("carried_over", col("carried_over").plus(1))))
        .hasMessageContaining("CHECK constraint flow_identity");
    assertThatThrownBy(() -> foreignAppend(wh, Table.GOLD_CASE_MONTHLY,
        one.withColumn("received_desk", col("received_desk").plus(1))))
        .hasMessageContaining("CHECK constraint received_split");
    assertThat(wh.version(Table.GOLD_CASE_MONTHLY)).isEqualTo(version);
    // a row that keeps every rule is a row like any other
    foreignAppend(wh, Table.GOLD_CASE_MONTHLY, one.withColumn("sector", lit("copy")));
    assertThat(wh.version(Table.GOLD_CASE_MONTHLY)).isEqualTo(version + 1);
  }

  @Test
  void deltaRefusesAForeignSilverRowOutsideTheCanonicalValuesOrWithoutItsKeys() {
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("checks-silver").toString());
    Dataset<Row> cases = silver(spark);
    new DeltaWriter(wh, "ours").append(Table.SILVER_CASES, cases);
    Dataset<Row> open = cases.filter(col("dossier_id").equalTo("open"));

    assertThatThrownBy(() -> foreignAppend(wh, Table.SILVER_CASES, open.withColumn("status", lit("closed"))))
        .hasMessageContaining("CHECK constraint status_canonical");
    assertThatThrownBy(() -> foreignAppend(wh, Table.SILVER_CASES, open.withColumn("status_code", lit(2))))
        .as("a code and a name that disagree").hasMessageContaining("CHECK constraint status_canonical");
    assertThatThrownBy(() -> foreignAppend(wh, Table.SILVER_CASES, open.withColumn("channel", lit("fax"))))
        .hasMessageContaining("CHECK constraint channel_canonical");
    assertThatThrownBy(() -> foreignAppend(wh, Table.SILVER_CASES,
        open.withColumn("dossier_id", lit(null).cast("string"))))
        .hasMessageContaining("CHECK constraint keys_present");
    assertThatThrownBy(() -> foreignAppend(wh, Table.SILVER_CASES,
        open.withColumn("due_at", col("received_at").minus(org.apache.spark.sql.functions.expr("INTERVAL 1 DAY")))))
        .hasMessageContaining("CHECK constraint dates_after_receipt");
    assertThatThrownBy(() -> foreignAppend(wh, Table.SILVER_CASES, open.withColumn("status_code", lit(9))
        .withColumn("status", lit("finished"))))
        .as("finished without a result date").hasMessageContaining("CHECK constraint finished_has_result");
    assertThat(wh.read(Table.SILVER_CASES).count()).isEqualTo(2);
  }

  @Test
  void aTableCreatedWithoutTheConstraintsGetsThemOnItsNextWrite() {
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("checks-upgrade").toString());
    Dataset<Row> monthly = CaseMonthly.compute(silver(spark), JAN, MAR);
    // as an earlier release created it: the declared columns, no constraint
    monthly.write().format("delta").save(wh.location(Table.GOLD_CASE_MONTHLY));
    assertThat(wh.configuration(Table.GOLD_CASE_MONTHLY)).doesNotContainKey("delta.constraints.flow_identity");

    DeltaWriter ours = new DeltaWriter(wh, "upgrade");
    ours.overwrite(Table.GOLD_CASE_MONTHLY, monthly);
    assertThat(wh.configuration(Table.GOLD_CASE_MONTHLY)).containsKeys(Table.GOLD_CASE_MONTHLY.checks().keySet()
        .stream().map(n -> "delta.constraints." + n).toArray(String[]::new));
    // one commit per constraint added, then the write; the writer remembers them all
    assertThat(ours.commits()).hasSize(Table.GOLD_CASE_MONTHLY.checks().size() + 1);
    long version = wh.version(Table.GOLD_CASE_MONTHLY);
    new DeltaWriter(wh, "next").overwrite(Table.GOLD_CASE_MONTHLY, monthly);
    assertThat(wh.version(Table.GOLD_CASE_MONTHLY)).as("nothing more to add").isEqualTo(version + 1);
  }
}
