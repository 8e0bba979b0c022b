package vn.hcmc.cchc.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.config.ReferenceCsv;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.TestSpark;

/**
 * The service index of the shipped indicators on the hand-computed cases of
 * docs/service-index-cases.md: two departments, their city from summed counts, every threshold at
 * its boundary and one count below, a commune with nothing received in the month; and a year of
 * months (case 7).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceIndexTest {
  private static final String COUNTS = "resolved_early, resolved_on_time, resolved_late, resolved, pending_in_time, "
      + "pending_end, received_new, received_online, digitised, data_reused, eid_verified, rated, rated_satisfied";
  private final SparkSession spark = TestSpark.session();
  private final List<ServiceIndex.Indicator> shipped = ServiceIndex.parse(
      ReferenceCsv.read(Fixtures.REFERENCE.resolve(ReferenceFiles.SERVICE_INDEX)), ReferenceFiles.SERVICE_INDEX);
  /** Rows by scope code, then indicator id. */
  private final Map<String, Map<String, Row>> index = new HashMap<>();

  @BeforeAll
  void computeTheCases() {
    Dataset<Row> cases = spark.sql("SELECT DATE'2025-03-01' AS period_month, scope_type, scope_code, '*' AS sector, "
        + COUNTS + " FROM VALUES "
        // case 1 and case 2: departments A and B; case 3: their city, counts summed
        + "('agency', 'A', 20, 16, 4, 40, 8, 10, 50, 30, 42, 30, 20, 25, 23), "
        + "('agency', 'B', 100, 50, 10, 160, 30, 40, 150, 60, 90, 150, 15, 100, 95), "
        + "('city', 'HCM', 120, 66, 14, 200, 38, 50, 200, 90, 132, 180, 35, 125, 118), "
        // case 4a: every threshold rate at its threshold; 4b: one count below (commune level)
        + "('level', 'district', 30, 17, 3, 50, 0, 0, 50, 25, 40, 40, 25, 20, 18), "
        + "('level', 'commune', 30, 17, 3, 50, 0, 0, 50, 24, 39, 39, 25, 20, 17), "
        // case 5: a commune that received nothing in the month
        + "('agency', 'X', 5, 3, 2, 10, 0, 0, 0, 0, 0, 0, 0, 4, 4) "
        + "AS t(scope_type, scope_code, " + COUNTS + ")");
    Dataset<Row> procedures = spark.sql("SELECT DATE'2025-03-01' AS period_month, scope_type, scope_code, procedures, "
        + "online_available FROM VALUES ('city', 'HCM', 200, 150), ('level', 'district', 200, 160), "
        + "('level', 'commune', 200, 159) AS t(scope_type, scope_code, procedures, online_available)");
    for (Row r : ServiceIndex.compute(spark, shipped, cases, procedures).collectAsList()) {
      index.computeIfAbsent(r.getAs("scope_code"), k -> new HashMap<>()).put(r.getAs("indicator_id"), r);
    }
  }

  private double points(String scope, String indicator) {
    return index.get(scope).get(indicator).<Double>getAs("points");
  }

  private double total(String scope, String column) {
    return index.get(scope).get("2.1").<Double>getAs(column);
  }

  @Test
  void aDepartmentIsScoredOnWhatItsCountsMeasureOutOfTheMeasurableMaximum() {
    assertThat(points("A", "2.1")).isCloseTo(17.6, within(1e-9));       // 44 / 50 of 20
    assertThat(points("A", "3.2")).isCloseTo(4, within(1e-9));          // 84% over the full 80%
    assertThat(points("A", "3.4")).isCloseTo(1.5, within(1e-9));        // 60% / 80% of 2
    assertThat(points("A", "5.4")).isCloseTo(17.0 / 3, within(1e-9));   // 85% / 90% of 6
    // the catalogue has no agency rows: 4.1 is no_data and leaves the maximum; group 1 has no feed
    assertThat(index.get("A").get("4.1").<String>getAs("status")).isEqualTo("no_data");
    assertThat(index.get("A").get("1.1").<String>getAs("status")).isEqualTo("no_data");
    assertThat(index.get("A").get("2.2").<String>getAs("status")).isEqualTo("not_scored");
    assertThat(index.get("A").get("1.1").<Double>getAs("group_points")).isNull();
    assertThat(index.get("A").get("3.2").<Double>getAs("group_points")).isCloseTo(6.3, within(1e-9));
    assertThat(index.get("A").get("3.2").<Double>getAs("group_measurable_max")).isEqualTo(8.0);
    assertThat(total("A", "measurable_max")).isEqualTo(40.0);
    assertThat(total("A", "total_points")).isCloseTo(1067.0 / 30, within(1e-9));
    assertThat(total("A", "score_100")).isCloseTo(88.916667, within(1e-6));
    assertThat(total("B", "score_100")).isCloseTo(85, within(1e-9));
    assertThat(index.get("A").get("2.1").<Double>getAs("rate")).isCloseTo(88, within(1e-9));
  }

  @Test
  void theCityIsScoredOnSummedCountsNotOnAveragedRatesOrScores() {
    assertThat(points("HCM", "4.3")).isCloseTo(5.4, within(1e-9));     // averaged rates would give 6
    assertThat(points("HCM", "2.1")).isCloseTo(17.92, within(1e-9));   // averaged rates would give 17.8
    assertThat(points("HCM", "4.1")).isCloseTo(1.875, within(1e-9));   // the catalogue's city row
    assertThat(total("HCM", "measurable_max")).isEqualTo(42.0);
    assertThat(total("HCM", "total_points")).isCloseTo(22087.0 / 600, within(1e-9));
    assertThat(total("HCM", "score_100")).isCloseTo(87.646825, within(1e-6));
  }

  @Test
  void thresholdsGiveFullPointsFromTheirRateAndProportionalPointsJustBelow() {
    for (String id : List.of("3.2", "3.4", "4.1", "4.3", "5.4")) {
      assertThat(points("district", id)).as(id).isEqualTo(index.get("district").get(id).<Double>getAs("max_points"));
    }
    assertThat(total("district", "score_100")).isCloseTo(100 * 39.8 / 42, within(1e-9));
    assertThat(points("commune", "3.2")).isCloseTo(3.9, within(1e-9));
    assertThat(points("commune", "3.4")).isCloseTo(1.95, within(1e-9));
    assertThat(points("commune", "4.1")).isCloseTo(1.9875, within(1e-9));
    assertThat(points("commune", "4.3")).isCloseTo(5.76, within(1e-9));
    assertThat(points("commune", "5.4")).isCloseTo(88.0 / 15, within(1e-9));
    assertThat(total("commune", "total_points")).isCloseTo(47117.0 / 1200, within(1e-9));
  }

  @Test
  void aZeroDenominatorLeavesTheIndicatorOutOfTheMaximum() {
    for (String id : List.of("3.2", "3.4", "3.6", "4.3", "4.1")) {
      assertThat(index.get("X").get(id).<String>getAs("status")).as(id).isEqualTo("no_data");
      assertThat(index.get("X").get(id).<Double>getAs("points")).as(id).isNull();
    }
    assertThat(points("X", "2.1")).isCloseTo(16, within(1e-9));
    assertThat(points("X", "5.4")).isCloseTo(16.0 / 3, within(1e-9));
    assertThat(total("X", "measurable_max")).isEqualTo(26.0);
    assertThat(total("X", "score_100")).isCloseTo(100 * (16 + 16.0 / 3) / 26, within(1e-9));
  }

  @Test
  void aYearSumsTheFlowsOfItsMonthsAndTakesTheStocksAndTheCatalogueOfItsLastMonth() {
    // case 7 (agency A, indicator 2.1) over the first quarter of 2025, with 4.3's receipts: the year's
    // rows are those three months; December 2024 and a sector row stay out
    Dataset<Row> cases = spark.sql("SELECT to_date(m) AS period_month, 'agency' AS scope_type, 'A' AS scope_code, "
        + "sector, " + COUNTS + ", 7 AS carried_over FROM VALUES "
        + "('2024-12-01', '*', 90, 0, 0, 90, 0, 0, 90, 90, 0, 0, 0, 0, 0), "
        + "('2025-01-01', '*', 20, 16, 4, 40, 8, 10, 50, 10, 0, 0, 0, 0, 0), "
        + "('2025-02-01', '*', 15, 12, 3, 30, 9, 12, 10, 10, 0, 0, 0, 0, 0), "
        + "('2025-03-01', '*', 25, 20, 5, 50, 5, 6, 40, 10, 0, 0, 0, 0, 0), "
        + "('2025-03-01', 'land', 25, 20, 5, 50, 5, 6, 40, 40, 0, 0, 0, 0, 0) "
        + "AS t(m, sector, " + COUNTS + ")");
    Dataset<Row> procedures = spark.sql("SELECT to_date(m) AS period_month, 'city' AS scope_type, 'HCM' AS scope_code, "
        + "procedures, online_available FROM VALUES ('2025-01-01', 200, 100), ('2025-02-01', 200, 120), "
        + "('2025-03-01', 200, 150) AS t(m, procedures, online_available)");
    Map<String, Row> year = new HashMap<>();
    for (Row r : ServiceIndex.ofYear(spark, shipped, cases, procedures, 2025).collectAsList()) {
      assertThat(r.<Object>getAs("period_month")).hasToString("2025-01-01");
      year.put(r.getAs("scope_code") + " " + r.getAs("indicator_id"), r);
    }
    assertThat(year).hasSize(2 * shipped.size());
    // flows summed (early 60, on time 48, resolved 120), stocks of March (5 in time of 6 open):
    // 20 x 113/126; summing the stocks would give 17.567568, averaging the months' rates 17.533333
    assertThat(year.get("A 2.1").<Long>getAs("numerator")).isEqualTo(113);
    assertThat(year.get("A 2.1").<Long>getAs("denominator")).isEqualTo(126);
    assertThat(year.get("A 2.1").<Double>getAs("points")).isCloseTo(1130.0 / 63, within(1e-9));
    // 30 of 100 received online: 6 x 0.3 / 0.5; the months' rates 20%, 100%, 25% would average 5.8
    assertThat(year.get("A 4.3").<Double>getAs("points")).isCloseTo(3.6, within(1e-9));
    // the catalogue of March, not the quarter's sums: 2 x 0.75 / 0.8
    assertThat(year.get("HCM 4.1").<Double>getAs("points")).isCloseTo(1.875, within(1e-9));
    // 5.4 at its full 90% (108 of 120), 3.2, 3.4 and 3.6 scored 0 of 8: the 40 points an agency can have
    assertThat(year.get("A 2.1").<Double>getAs("measurable_max")).isEqualTo(40.0);
    assertThat(year.get("A 2.1").<Double>getAs("score_100")).isCloseTo(100 * (1130.0 / 63 + 3.6 + 6) / 40, within(1e-9));
  }

  @Test
  void aFileWhosePointsDoNotAddUpOrWhoseFormulaNamesNoCountIsRefusedNamingTheLine() {
    String header = "indicator_id,group_id,group_max_points,indicator_name_vi,max_points,numerator,denominator,rule,"
        + "rule_params,source\n";
    assertThatThrownBy(() -> ServiceIndex.parse(ReferenceCsv.parse(header
        + "1,1,100,a,60,resolved,received_new,proportional,,cases\n", "s.csv"), "s.csv"))
        .hasMessage("s.csv: the indicators of group 1 add up to 60.0 points, not its maximum 100.0");
    assertThatThrownBy(() -> ServiceIndex.parse(ReferenceCsv.parse(header
        + "1,1,100,a,100,resolved / 2,received_new,proportional,,cases\n", "s.csv"), "s.csv"))
        .hasMessage("s.csv line 2: 'resolved / 2' is not counts added and subtracted (a + b - c)");
    assertThatThrownBy(() -> ServiceIndex.parse(ReferenceCsv.parse(header
        + "1,1,100,a,100,on_time_rate,received_new,proportional,,cases\n", "s.csv"), "s.csv"))
        .hasMessage("s.csv line 2: 'on_time_rate' is not a count of gold.case_monthly");
    assertThatThrownBy(() -> ServiceIndex.parse(ReferenceCsv.parse(header
        + "1,1,100,a,100,resolved,received_new,threshold,,cases\n", "s.csv"), "s.csv"))
        .hasMessage("s.csv line 2: a threshold rule needs full_at=a in rule_params, 0 < a <= 1");
  }
}
