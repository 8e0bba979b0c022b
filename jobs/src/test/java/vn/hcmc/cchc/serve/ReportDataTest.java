package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.serve.ReportData.Month;
import vn.hcmc.cchc.serve.ReportData.Projection;
import vn.hcmc.cchc.serve.ReportData.ServiceIndexYear;
import vn.hcmc.cchc.serve.ReportData.Trajectory;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;

/**
 * What the report reads of the marts, on tiny in-memory frames: the service index of a year, and
 * the rows of gold.target_trajectory (as Table declares them) the report shows.
 */
class ReportDataTest {
  private static final String COUNTS = "resolved_early, resolved_on_time, resolved_late, resolved, pending_in_time, "
      + "pending_end, received_new, received_online, digitised, data_reused, eid_verified, rated, rated_satisfied";
  private final SparkSession spark = TestSpark.session();

  @Test
  void theServiceIndexOfAYearIsScoredFromItsSummedCountsAndItsUnitsNamedByTheirLatestScope() {
    // case 7 of docs/service-index-cases.md as the city's first quarter; a district, a commune and a department
    // with the counts of its last month
    Dataset<Row> cases = spark.sql("SELECT to_date(m) AS period_month, scope_type, scope_code, '*' AS sector, "
        + COUNTS + " FROM VALUES "
        + "('2021-01-01', 'city', 'HCM', 20, 16, 4, 40, 8, 10, 50, 30, 40, 40, 50, 0, 0), "
        + "('2021-02-01', 'city', 'HCM', 15, 12, 3, 30, 9, 12, 10, 10, 10, 10, 10, 0, 0), "
        + "('2021-03-01', 'city', 'HCM', 25, 20, 5, 50, 5, 6, 40, 20, 30, 30, 40, 0, 0), "
        + "('2021-03-01', 'district', '760', 25, 20, 5, 50, 5, 6, 40, 20, 30, 30, 40, 0, 0), "
        + "('2021-03-01', 'agency', 'A', 25, 20, 5, 50, 5, 6, 40, 20, 30, 30, 40, 0, 0), "
        + "('2021-03-01', 'agency', 'B', 25, 20, 5, 50, 5, 6, 40, 20, 30, 30, 40, 0, 0) "
        + "AS t(m, scope_type, scope_code, " + COUNTS + ")");
    Dataset<Row> catalogue = spark.sql("SELECT to_date(m) AS period_month, 'city' AS scope_type, 'HCM' AS scope_code, "
        + "200 AS procedures, 160 AS online_available FROM VALUES ('2021-01-01'), ('2021-02-01'), ('2021-03-01') AS t(m)");
    Dataset<Row> scopes = spark.sql("SELECT * FROM VALUES "
        + "('agency', 'A', 'UBND Phường 1', 'commune', 'Quận 1', true), "
        + "('agency', 'A', 'UBND Phường 1 (old name)', 'commune', 'Quận 1', false), "
        + "('agency', 'B', 'Sở Nội vụ', 'city', NULL, true), "
        + "('district', '760', 'Quận 1', 'district', 'Quận 1', true) "
        + "AS t(scope_type, scope_code, scope_name, level, district_name, is_latest)");
    List<Month> months = List.of(new Month(LocalDate.of(2021, 1, 1), null, null, null),
        new Month(LocalDate.of(2021, 2, 1), null, null, null), new Month(LocalDate.of(2021, 3, 1), null, null, null));

    ServiceIndexYear year = ReportData.serviceIndexYear(cases, catalogue, scopes, months, "Thành phố Hồ Chí Minh",
        Fixtures.REFERENCE, 2021);

    assertThat(year.months()).isEqualTo(3);
    assertThat(year.lastMonth()).isEqualTo(LocalDate.of(2021, 3, 1));
    assertThat(year.groups()).extracting(ReportData.IndexGroup::groupId).containsExactly(1, 2, 3, 4, 5);
    assertThat(year.groups().get(0).points()).isNull();
    // 2.1: 20 x 113/126 from the quarter's flows and March's open dossiers; the months' rates average 17.53
    assertThat(year.groups().get(1).points()).isCloseTo(1130.0 / 63, within(1e-9));
    assertThat(year.groups().get(1).name()).isEqualTo("Tiến độ, kết quả giải quyết");
    // 4.1 from March's catalogue (160 of 200 is the full 80%), 4.3 from 60 of 100 received online (over 50%)
    assertThat(year.groups().get(3).points()).isCloseTo(8, within(1e-9));
    assertThat(year.city().measurableMax()).isEqualTo(42);
    assertThat(year.city().score100()).isCloseTo(100 * year.city().totalPoints() / 42, within(1e-9));
    assertThat(year.districts()).extracting(ReportData.IndexScore::name).containsExactly("Quận 1");
    assertThat(year.districts().get(0).measurableMax()).isEqualTo(40);
    assertThat(year.communes()).extracting(c -> c.name() + ", " + c.district()).containsExactly("UBND Phường 1, Quận 1");
  }

  @Test
  void theTrajectoriesShownAreTheCitysAndThoseAtRiskReadAsTheTableDeclaresThem() {
    LocalDate dec2025 = LocalDate.of(2025, 12, 1);
    Dataset<Row> table = spark.createDataFrame(List.of(
        trajectoryRow("city", "HCM", "T25_SATISFACTION", 96.0, 96.6, dec2025, "on_course", false),
        trajectoryRow("agency", "A", "T25_SATISFACTION", 96.5, 90.0, null, "not_at_this_pace", true),
        trajectoryRow("district", "760", "T25_SATISFACTION", 97.0, 97.5, dec2025, "on_course", false)),
        Table.GOLD_TARGET_TRAJECTORY.schema());

    List<Trajectory> shown = ReportData.trajectories(table, Map.of("A", "Quận 1"),
        Map.of("T25_SATISFACTION", "Satisfaction above 95%"));

    assertThat(shown).extracting(Trajectory::scopeCode).containsExactly("A", "HCM");
    Trajectory commune = shown.get(0);
    assertThat(commune.district()).isEqualTo("Quận 1");
    assertThat(commune.text()).isEqualTo("Satisfaction above 95%");
    assertThat(commune.deadline()).isEqualTo(dec2025);
    assertThat(commune.asOfMonth()).isEqualTo(LocalDate.of(2025, 6, 1));
    assertThat(commune.reachesMonth()).isNull();
    assertThat(commune.at2025()).isEqualTo(new Projection(90.0, 88.5, 91.5));
    assertThat(commune.atDeadline()).isEqualTo(commune.at2025());
    assertThat(commune.shortfallAtDeadline()).isCloseTo(5, within(1e-9));
    assertThat(commune.meetsNow()).isTrue();
    assertThat(shown.get(1).district()).isNull();
    assertThat(shown.get(1).reachesMonth()).isEqualTo(dec2025);
  }

  /** A line of {@code gold.target_trajectory} from January 2023 to June 2025 against "> 95" by December 2025. */
  private static Row trajectoryRow(String type, String code, String target, double trend, double at2025,
      LocalDate reaches, String outlook, boolean atRisk) {
    return RowFactory.create(type, code, "name of " + code, target, "2025", "satisfaction_rate", null, "gt", 95.0,
        null, LocalDate.of(2025, 12, 1), 30, LocalDate.of(2023, 1, 1), LocalDate.of(2025, 6, 1), 2025, trend, true,
        trend, 1.2, 0.8, at2025, at2025 - 1.5, at2025 + 1.5, 99.0, 97.0, 100.0, reaches, outlook, atRisk);
  }
}
