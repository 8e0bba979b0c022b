package vn.hcmc.cchc.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.ingest.SideFeeds;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;

/**
 * March 2021: a city department (in no district), district 760's own agency and one of its
 * communes, and a commune of district 761 whose files are all classified; April: the department
 * alone. Every figure below is computed by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkMonthlyTest {
  static final LocalDate MAR = LocalDate.of(2021, 3, 1);
  static final LocalDate APR = LocalDate.of(2021, 4, 1);
  private Dataset<Row> monthly;
  private Map<String, Row> rows;

  static Row work(LocalDate month, String agency, String level, String district, long total, long online,
      long classified) {
    return RowFactory.create(month, agency, level, district, total, online, classified, "work.csv", 2L);
  }

  @BeforeAll
  void compute() {
    Dataset<Row> workFiles = TestSpark.session().createDataFrame(List.of(
        work(MAR, "000.01.00.H29", "city", null, 100, 90, 10),       // rate 100
        work(MAR, "000.00.760.H29", "district", "760", 50, 20, 0),   // rate 40
        work(MAR, "26734.760.H29", "commune", "760", 10, 1, 0),      // rate 10
        work(MAR, "26740.761.H29", "commune", "761", 4, 0, 4),       // no unclassified file
        work(APR, "000.01.00.H29", "city", null, 10, 5, 0)),
        SideFeeds.WORK_FILES);
    monthly = WorkMonthly.compute(workFiles);
    rows = monthly.collectAsList().stream().collect(Collectors.toMap(
        r -> r.getAs("period_month") + "/" + r.getAs("scope_type") + "/" + r.getAs("scope_code"), r -> r));
  }

  @Test
  void oneRowPerMonthAndScopeWithTheContractColumns() {
    assertThat(monthly.schema().fieldNames()).containsExactly("period_month", "scope_type", "scope_code", "total",
        "classified", "processed_online", "work_online_rate");
    assertThat(monthly.schema().apply("total").dataType().typeName()).isEqualTo("long");
    assertThat(monthly.schema().apply("work_online_rate").dataType().typeName()).isEqualTo("double");
    assertThat(Table.GOLD_WORK_MONTHLY.columns().mismatches(monthly.schema())).isEmpty();
    assertThat(rows.keySet()).containsExactlyInAnyOrder(
        "2021-03-01/agency/000.01.00.H29", "2021-03-01/agency/000.00.760.H29", "2021-03-01/agency/26734.760.H29",
        "2021-03-01/agency/26740.761.H29", "2021-03-01/district/760", "2021-03-01/district/761",
        "2021-03-01/level/city", "2021-03-01/level/district", "2021-03-01/level/commune", "2021-03-01/city/HCM",
        "2021-04-01/agency/000.01.00.H29", "2021-04-01/level/city", "2021-04-01/city/HCM");
  }

  @Test
  void theCityRateComesFromSummedCountsNotFromTheAgenciesRates() {
    // 111 online of 164 - 14 = 150 unclassified: 74 %, where the mean of the three agency rates is 50 %
    assertCounts("2021-03-01/city/HCM", 164, 14, 111, 74.0);
    assertCounts("2021-04-01/city/HCM", 10, 0, 5, 50.0);
  }

  @Test
  void aDistrictHoldsItsOwnAgencyAndItsCommunes() {
    // 21 of 60: 35 %, where averaging 40 % and 10 % would say 25 %
    assertCounts("2021-03-01/district/760", 60, 0, 21, 35.0);
    assertCounts("2021-03-01/agency/000.00.760.H29", 50, 0, 20, 40.0);
  }

  @Test
  void levelsSplitTheCityAndTheDepartmentIsInNoDistrict() {
    assertCounts("2021-03-01/level/city", 100, 10, 90, 100.0);
    assertCounts("2021-03-01/level/district", 50, 0, 20, 40.0);
    assertCounts("2021-03-01/level/commune", 14, 4, 1, 10.0);
    assertThat(rows.keySet()).noneMatch(k -> k.contains("/district/null"));
  }

  @Test
  void theRateIsNullWhenEveryFileIsClassified() {
    assertCounts("2021-03-01/agency/26740.761.H29", 4, 4, 0, null);
    assertCounts("2021-03-01/district/761", 4, 4, 0, null);
  }

  private void assertCounts(String key, long total, long classified, long online, Double rate) {
    Row r = rows.get(key);
    assertThat(r).as(key).isNotNull();
    assertThat(r.<Long>getAs("total")).as(key).isEqualTo(total);
    assertThat(r.<Long>getAs("classified")).as(key).isEqualTo(classified);
    assertThat(r.<Long>getAs("processed_online")).as(key).isEqualTo(online);
    assertThat(r.<Double>getAs("work_online_rate")).as(key).isEqualTo(rate);
  }

  @Test
  void aNegativeCountFailsTheCheckNamingItsRowAndColumn() {
    assertThatNoException().isThrownBy(() -> WorkMonthly.checkCounts(monthly));
    Dataset<Row> negative = WorkMonthly.compute(TestSpark.session().createDataFrame(List.of(
        work(MAR, "000.01.00.H29", "city", null, 100, 90, 10), work(APR, "000.01.00.H29", "city", null, 10, -3, 0)),
        SideFeeds.WORK_FILES));
    assertThatThrownBy(() -> WorkMonthly.checkCounts(negative))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gold.work_monthly count below 0 for period_month=2021-04-01 scope_type=agency "
            + "scope_code=000.01.00.H29: processed_online -3");
  }
}
