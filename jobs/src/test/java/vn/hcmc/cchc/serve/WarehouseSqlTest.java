package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/** What {@code scripts/cchc sql} tells a user who can fix the query or the path. */
class WarehouseSqlTest {
  @Test
  void aWarehouseThatIsNotThereIsAUsageError() {
    Path nowhere = TestSpark.tempDir("no-warehouse").resolve("missing");

    assertThatThrownBy(() -> WarehouseSql.over(new Warehouse(TestSpark.session(), nowhere.toString())))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("warehouse not found: " + nowhere);
  }

  @Test
  void aQueryThatDoesNotParseOrNamesNoTableIsABadQueryOnOneLine() {
    WarehouseSql sql = WarehouseSql.over(new Warehouse(TestSpark.session(), TestSpark.tempDir("empty-wh").toString()));

    assertThat(sql.query("SELECT 1 AS one").collectAsList()).hasSize(1);
    assertThatThrownBy(() -> sql.query("SELEC 1")).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("bad query: [PARSE_SYNTAX_ERROR]").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> sql.query("SELECT * FROM gold.no_such_mart")).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("bad query: [TABLE_OR_VIEW_NOT_FOUND]").hasMessageNotContaining("\n");
  }

  @Test
  void queriesTakeDaysAndPrintInstantsInTheCitysTimeUnlessUtcIsAsked() {
    SparkSession spark = TestSpark.session();
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("tz-wh").toString());
    // 18:30 UTC on 31 March is 01:30 on 1 April in Ho Chi Minh City (UTC+7)
    spark.createDataFrame(List.of(RowFactory.create("D1", Instant.parse("2021-03-31T18:30:00Z"))), new StructType()
        .add("dossier_id", DataTypes.StringType).add("received_at", DataTypes.TimestampType))
        .write().format("delta").save(wh.location(Table.SILVER_CASES));
    String query = "SELECT dossier_id, date(received_at) AS received_date, month(received_at) AS received_month, "
        + "string(received_at) AS as_text, received_at FROM silver.cases";

    assertThat(csv(WarehouseSql.over(wh), query)).containsExactly(
        "dossier_id,received_date,received_month,as_text,received_at",
        "D1,2021-04-01,4,2021-04-01 01:30:00,2021-04-01T01:30:00+07:00");
    assertThat(csv(WarehouseSql.over(wh, ZoneId.of("UTC")), query)).containsExactly(
        "dossier_id,received_date,received_month,as_text,received_at",
        "D1,2021-03-31,3,2021-03-31 18:30:00,2021-03-31T18:30:00Z");
    // the pipeline's session, which the query's shares its application with, stays in UTC
    assertThat(spark.conf().get("spark.sql.session.timeZone")).isEqualTo("UTC");
    assertThat(spark.sql("SELECT date(TIMESTAMP'2021-03-31 18:30:00Z')").head().get(0).toString()).isEqualTo("2021-03-31");
  }

  /** Issue 17: one query registers (and loads the Delta snapshots of) the tables it names, not all fifteen. */
  @Test
  void aQueryRegistersOnlyTheTablesItNames() {
    SparkSession spark = TestSpark.session();
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("named-wh").toString());
    for (Table t : List.of(Table.SILVER_CASES, Table.GOLD_CASE_MONTHLY)) {
      spark.sql("SELECT '" + t.sqlName() + "' AS source").write().format("delta").save(wh.location(t));
    }
    WarehouseSql sql = WarehouseSql.over(wh);
    assertThat(sql.registered()).isEmpty();

    assertThat(csv(sql, "SELECT source FROM `Gold`.case_monthly")).containsExactly("source", "gold.case_monthly");
    assertThat(sql.registered()).containsExactly(Table.GOLD_CASE_MONTHLY);
    assertThat(csv(sql, "SELECT count(*) AS n FROM silver.cases JOIN gold.case_monthly")).containsExactly("n", "1");
    assertThat(sql.registered()).containsExactlyInAnyOrder(Table.SILVER_CASES, Table.GOLD_CASE_MONTHLY);
    assertThat(WarehouseSql.namedIn("SHOW TABLES IN gold")).contains(Table.GOLD_CASE_MONTHLY, Table.GOLD_TARGET_ATTAINMENT)
        .doesNotContain(Table.SILVER_CASES);
    assertThat(WarehouseSql.namedIn("SELECT * FROM silver.cases_old, gold.case_monthly_x")).isEmpty();
    // a table this warehouse lacks is taken out of the catalog: the name never reaches another warehouse's
    Warehouse other = new Warehouse(spark, TestSpark.tempDir("other-wh").toString());
    spark.sql("SELECT 'other' AS source").write().format("delta").save(other.location(Table.GOLD_WORK_MONTHLY));
    other.register(List.of(Table.GOLD_WORK_MONTHLY));
    assertThat(spark.sql("SELECT source FROM gold.work_monthly").head().getString(0)).isEqualTo("other");
    assertThatThrownBy(() -> sql.query("SELECT * FROM gold.work_monthly")).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("bad query: [TABLE_OR_VIEW_NOT_FOUND]");
  }

  /** The query's result as {@code scripts/cchc sql} prints it by default. */
  private static List<String> csv(WarehouseSql sql, String query) {
    Dataset<Row> result = sql.query(query);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ResultPrinter.print(result.schema(), result.toLocalIterator(), ResultPrinter.Format.CSV, out, sql.zone());
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
