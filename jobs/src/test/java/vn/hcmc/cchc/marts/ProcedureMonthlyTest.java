package vn.hcmc.cchc.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.ingest.ReferenceSnapshots;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;

/**
 * Five procedures (three public, two internal); on 15 Feb 2021 the district one moves from partial
 * to full online on the city portal. January and February are computed by hand below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcedureMonthlyTest {
  static final LocalDate JAN = LocalDate.of(2021, 1, 1);
  static final LocalDate FEB = LocalDate.of(2021, 2, 1);
  static final LocalDate CHANGE = LocalDate.of(2021, 2, 15);
  private Map<String, Row> rows;
  private StructType columns;

  // procedure_code, name, sector, level, internal, published, eligible, offered, city portal, national, mobile, days
  static Row p(String code, String level, boolean internal, boolean published, boolean eligible, String offered,
      boolean cityPortal, boolean national, boolean mobile, LocalDate from, LocalDate to) {
    return RowFactory.create(code, "Thủ tục " + code, "other", level, internal, published, eligible, offered,
        cityPortal, national, mobile, 5, from, to, "x.csv");
  }

  @BeforeAll
  void compute() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> procedures = spark.createDataFrame(List.of(
        p("P1", "commune", false, true, true, "full", true, true, true, JAN, null),
        p("P2", "district", false, true, true, "partial", false, false, false, JAN, CHANGE),
        p("P2", "district", false, true, true, "full", true, false, false, CHANGE, null),
        p("P3", "city", false, true, false, "none", false, false, false, JAN, null),
        p("I1", "city", true, true, false, "none", false, false, false, JAN, null),
        p("I2", "commune", true, false, false, "none", false, false, false, JAN, null)),
        ReferenceSnapshots.PROCEDURES);
    Dataset<Row> monthly = ProcedureMonthly.compute(spark, procedures, JAN, FEB);
    columns = monthly.schema();
    rows = monthly.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("period_month") + "/" + r.getAs("scope_code"), r -> r));
  }

  @Test
  void theColumnsAreTheDeclaredOnes() {
    assertThat(Table.GOLD_PROCEDURE_MONTHLY.columns().mismatches(columns)).isEmpty();
    assertThat(columns.fieldNames()).containsExactly(Table.GOLD_PROCEDURE_MONTHLY.schema().fieldNames());
  }

  @Test
  void theCityInJanuary() {
    Row r = rows.get("2021-01-01/HCM");
    assertThat(r.<Long>getAs("procedures")).isEqualTo(3L);
    assertThat(r.<Long>getAs("online_eligible")).isEqualTo(2L);
    assertThat(r.<Long>getAs("online_available")).isEqualTo(2L);
    assertThat(r.<Long>getAs("full_online_available")).isEqualTo(1L);
    assertThat(r.<Long>getAs("on_national_portal")).isEqualTo(1L);
    assertThat(r.<Long>getAs("internal_procedures")).isEqualTo(2L);
    assertThat(r.<Long>getAs("internal_published")).isEqualTo(1L);
    assertThat(r.<Double>getAs("online_available_rate")).isEqualTo(100.0);
    assertThat(r.<Double>getAs("full_online_available_rate")).isEqualTo(50.0);
    assertThat(r.<Double>getAs("national_portal_rate")).isCloseTo(33.333, org.assertj.core.data.Offset.offset(0.001));
    assertThat(r.<Double>getAs("mobile_available_rate")).isEqualTo(100.0);
    assertThat(r.<Double>getAs("internal_published_rate")).isEqualTo(50.0);
  }

  @Test
  void februaryTakesTheSnapshotInForceOnItsLastDay() {
    Row r = rows.get("2021-02-01/HCM");
    assertThat(r.<Long>getAs("full_online_available")).isEqualTo(2L);
    assertThat(r.<Long>getAs("full_online_offered")).isEqualTo(2L);
    assertThat(r.<Double>getAs("mobile_available_rate")).isEqualTo(50.0);
  }

  @Test
  void levelsSplitTheCityAndARateWithoutDenominatorIsNull() {
    Row district = rows.get("2021-01-01/district");
    assertThat(district.<Long>getAs("procedures")).isEqualTo(1L);
    assertThat(district.<Long>getAs("online_available")).isEqualTo(1L);
    assertThat(district.<Double>getAs("internal_published_rate")).isNull();
    assertThat(rows.keySet()).containsExactlyInAnyOrder("2021-01-01/HCM", "2021-02-01/HCM", "2021-01-01/city",
        "2021-02-01/city", "2021-01-01/district", "2021-02-01/district", "2021-01-01/commune", "2021-02-01/commune");
  }
}
