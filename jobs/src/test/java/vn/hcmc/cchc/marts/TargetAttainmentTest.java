package vn.hcmc.cchc.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.hcmc.cchc.marts.ProcedureMonthlyTest.p;
import static vn.hcmc.cchc.marts.SilverCase.dossier;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.ingest.ReferenceSnapshots;
import vn.hcmc.cchc.ingest.SideFeeds;
import vn.hcmc.cchc.reference.ScopeNames;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.TestSpark;

/**
 * {@code gold.target_attainment} from a hand-computed 2021 and an indicator-only 2022, with the
 * shipped {@code targets.csv}, computed from in-memory frames (the function reads no table).
 *
 * <ul>
 *   <li>Cases, resolved in March 2021: district agency Q1 (district 760), land: 10 rated, 9
 *       satisfied; city department SoTP, justice: 1 rated, satisfied; commune P1 (760), civil
 *       status: 1 rated, not satisfied. One more Q1 dossier received in January, still open.
 *   <li>Catalogue: two eligible public procedures, one online from 1 Jan, the other from 15 Mar.
 *   <li>Work files, March: SoTP 100 total, 10 classified, 90 online; Q1 50 / 0 / 40; P1 20 / 0 / 10.
 *   <li>Indicators: T25_DATABASES 2021 23/24; T30_INTL_DEPARTMENT 2022 30/100 (and a district row,
 *       ignored: indicator targets are city-only).
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetAttainmentTest {
  private static final LocalDate MAR = LocalDate.of(2021, 3, 1);
  private List<Row> rows;
  private List<Row> trajectory;
  private List<TargetAttainment.Measure> monthly;
  private List<TargetAttainment.Measure> summedByYear;
  private List<ReformTarget> targets;

  @BeforeAll
  void build() {
    SparkSession spark = TestSpark.session();

    List<SilverCase> cases = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      cases.add(dossier("land-" + i).status(10).resolved("2021-03-10 09:00").rating(i < 9 ? 1 + i % 2 : 3));
    }
    cases.add(dossier("justice").cityDepartment("SoTP").sector("justice").status(10).resolved("2021-03-10 09:00")
        .rating(1));
    cases.add(dossier("civil").commune("P1", "760", "26734").sector("civil_status").status(10)
        .resolved("2021-03-10 09:00").rating(3));
    cases.add(dossier("open-since-jan").received("2021-01-05 08:00").due("2021-01-20 17:00"));
    Dataset<Row> caseMonthly = CaseMonthly.compute(
        SilverCase.frame(spark, cases.toArray(SilverCase[]::new)), LocalDate.of(2021, 1, 1), MAR);

    LocalDate jan1 = LocalDate.of(2021, 1, 1);
    LocalDate mar15 = LocalDate.of(2021, 3, 15);
    Dataset<Row> procedureMonthly = ProcedureMonthly.compute(spark, spark.createDataFrame(List.of(
        p("A", "district", false, true, true, "partial", false, true, false, jan1, null),
        p("B", "commune", false, true, true, "none", false, false, false, jan1, mar15),
        p("B", "commune", false, true, true, "full", true, false, true, mar15, null)),
        ReferenceSnapshots.PROCEDURES), jan1, MAR);

    Dataset<Row> workFiles = spark.createDataFrame(List.of(
        work("SoTP", "city", null, 100, 90, 10), work("Q1", "district", "760", 50, 40, 0),
        work("P1", "commune", "760", 20, 10, 0)), SideFeeds.WORK_FILES);
    Dataset<Row> indicators = spark.createDataFrame(List.of(
        RowFactory.create("T25_DATABASES", 2021, "HCM", 23L, 24L, null, "2021.csv", 2L),
        RowFactory.create("T30_INTL_DEPARTMENT", 2022, "HCM", 30L, 100L, null, "2022.csv", 2L),
        RowFactory.create("T30_INTL_DEPARTMENT", 2022, "760", 1L, 100L, null, "2022.csv", 3L)),
        SideFeeds.INDICATORS);

    List<ReformTarget> targets = new ArrayList<>(ReformTarget.load(Fixtures.REFERENCE.resolve(ReformTarget.FILE)));
    // a target file row with a metric nobody measures (a typo of satisfaction_rate)
    targets.add(new ReformTarget("T99_TYPO", "2025", "satisfaction_rat", "", null, List.of(), "ge",
        java.math.BigDecimal.valueOf(95), null, "cases", "typo", "metric 'satisfaction_rat' is not measured from cases"));
    // no silver.agencies: agency scopes go by their codes
    ScopeNames names = ScopeNames.load(Fixtures.REFERENCE, null);
    TargetAttainment.Inputs inputs = new TargetAttainment.Inputs(caseMonthly, procedureMonthly, workFiles, indicators);
    Dataset<Row> attainment = TargetAttainment.compute(spark, targets, names, inputs);
    rows = attainment.collectAsList();
    monthly = TargetAttainment.measures(targets, inputs, TargetAttainment.Period.MONTH);
    summedByYear = TargetAttainment.measures(targets, inputs, TargetAttainment.Period.YEAR);
    this.targets = targets;
    trajectory = TargetTrajectory.compute(spark, targets, names, monthly, attainment).collectAsList();
  }

  private static Row work(String agency, String level, String district, long total, long online, long classified) {
    return RowFactory.create(MAR, agency, level, district, total, online, classified, "03.csv", 2L);
  }

  private Row row(int year, String target, String scopeType, String scopeCode) {
    List<Row> found = rows.stream().filter(r -> r.<Integer>getAs("year") == year
        && r.getAs("target_id").equals(target) && r.getAs("scope_type").equals(scopeType)
        && r.getAs("scope_code").equals(scopeCode)).toList();
    assertThat(found).as("%d %s %s %s", year, target, scopeType, scopeCode).hasSize(1);
    return found.get(0);
  }

  private static void assertMeasured(Row r, long numerator, long denominator, String status) {
    assertThat(r.<Long>getAs("numerator")).isEqualTo(numerator);
    assertThat(r.<Long>getAs("denominator")).isEqualTo(denominator);
    assertThat(r.<Double>getAs("actual")).isCloseTo(100.0 * numerator / denominator, within(1e-9));
    assertThat(r.<Double>getAs("gap")).isCloseTo(100.0 * numerator / denominator - r.<Double>getAs("threshold"),
        within(1e-9));
    assertThat(r.<String>getAs("status")).isEqualTo(status);
  }

  @Test
  void everyTargetHasACityRowInEveryYearWithData() {
    Map<Integer, Long> cityRows = rows.stream().filter(r -> r.getAs("scope_type").equals("city"))
        .collect(Collectors.groupingBy(r -> r.<Integer>getAs("year"), Collectors.counting()));
    assertThat(cityRows).containsExactlyInAnyOrderEntriesOf(Map.of(2021, 26L, 2022, 26L));
    Row noCases = row(2022, "T25_SATISFACTION", "city", "HCM");
    assertThat(noCases.<String>getAs("status")).isEqualTo("no_data");
    assertThat(noCases.<Long>getAs("denominator")).isNull();
    assertThat(noCases.<Integer>getAs("months_covered")).isZero();
    assertThat(row(2021, "T25_SATISFACTION", "city", "HCM").<Integer>getAs("months_covered")).isEqualTo(3);
    assertThat(row(2021, "T25_WORK_COMMUNE", "city", "HCM").<Integer>getAs("months_covered")).isEqualTo(1);
  }

  @Test
  void aTargetWithAnUnknownMetricIsKeptAsNoDataForTheCityOnly() {
    Row typo = row(2021, "T99_TYPO", "city", "HCM");
    assertThat(typo.<String>getAs("status")).isEqualTo("no_data");
    assertThat(typo.<Integer>getAs("months_covered")).isZero();
    assertThat(rows.stream().filter(r -> r.getAs("target_id").equals("T99_TYPO"))).hasSize(2);
  }

  @Test
  void caseTargetsComeFromSummedCountsNotAveragedRates() {
    // 10 of 12 rated satisfied: 83.33%; the agencies' rates averaged would be (90 + 100 + 0) / 3 = 63.33%
    assertMeasured(row(2021, "T25_SATISFACTION", "city", "HCM"), 10, 12, "not_met");
    assertMeasured(row(2021, "T25_SATISFACTION", "district", "760"), 9, 11, "not_met");
    assertMeasured(row(2021, "T25_SATISFACTION", "level", "city"), 1, 1, "met");
    assertMeasured(row(2021, "T25_SATISFACTION", "agency", "SoTP"), 1, 1, "met");
    assertThat(row(2021, "T25_SATISFACTION", "district", "760").<String>getAs("scope_name")).isEqualTo("Quận 1");
  }

  @Test
  void aSectorFilterSumsThoseSectorsOnlyAndGreaterThanIsStrict() {
    // land only: 9 of 10 = 90%, and "over 90%" is not met by 90% exactly
    assertMeasured(row(2021, "T25_SATISFACTION_LCI", "city", "HCM"), 9, 10, "not_met");
    assertMeasured(row(2021, "T25_SATISFACTION_LCI", "agency", "Q1"), 9, 10, "not_met");
    assertThat(rows).noneMatch(r -> r.getAs("target_id").equals("T25_SATISFACTION_LCI")
        && r.getAs("scope_code").equals("SoTP"));
  }

  @Test
  void catalogueTargetsUseTheSnapshotInForceOnTheLastDayCovered() {
    // on 31 March both eligible procedures are online (B since 15 March); in January only A was
    assertMeasured(row(2021, "T25_ONLINE_AVAILABLE", "city", "HCM"), 2, 2, "met");
    assertMeasured(row(2021, "T25_ONLINE_AVAILABLE", "level", "commune"), 1, 1, "met");
  }

  @Test
  void monthlyMeasuresTakeEachMonthAlone() {
    // the catalogue month by month: A online all along, B from 15 March (in force on 31 March)
    assertThat(monthly.stream().filter(m -> m.targetId().equals("T25_ONLINE_AVAILABLE")
        && m.scopeType().equals("city")).map(m -> m.period() + ":" + m.numerator() + "/" + m.denominator())
        .sorted().toList()).containsExactly("202101:1/2", "202102:1/2", "202103:2/2");
    // a report of feed D is its year's December
    assertThat(monthly.stream().filter(m -> m.targetId().equals("T25_DATABASES")).map(TargetAttainment.Measure::period)
        .toList()).containsExactly(202112);
  }

  @Test
  void aYearFromItsMonthsIsWhatSparkSumsOverTheYear() {
    // the table adds the month measures up (the catalogue: its last month); Spark summing by year agrees
    assertThat(TargetAttainment.years(targets, monthly)).containsExactlyInAnyOrderElementsOf(summedByYear);
  }

  @Test
  void trajectoriesAreFittedToTheMonthlyMeasuresAndKnowTodaysStanding() {
    Row online = trajectory.stream().filter(r -> r.getAs("target_id").equals("T25_ONLINE_AVAILABLE")
        && r.getAs("scope_type").equals("city")).findFirst().orElseThrow();
    assertThat(online.<Integer>getAs("months")).isEqualTo(3);
    assertThat(online.<LocalDate>getAs("first_month")).isEqualTo(LocalDate.of(2021, 1, 1));
    assertThat(online.<LocalDate>getAs("as_of_month")).isEqualTo(MAR);
    // 50, 50, 100: weighted alike, a line of 25 points a month, 91.67 in March
    assertThat(online.<Double>getAs("slope_per_year")).isCloseTo(300, within(1e-9));
    assertThat(online.<Double>getAs("trend_now")).isCloseTo(91.0 + 2 / 3.0, within(1e-9));
    assertThat(online.<Boolean>getAs("meets_now")).isTrue();
    assertThat(online.<String>getAs("outlook")).isEqualTo(TargetTrajectory.ON_COURSE);

    // satisfaction was rated in March only: no line from one month
    Row satisfaction = trajectory.stream().filter(r -> r.getAs("target_id").equals("T25_SATISFACTION")
        && r.getAs("scope_type").equals("city")).findFirst().orElseThrow();
    assertThat(satisfaction.<String>getAs("outlook")).isEqualTo(TargetTrajectory.TOO_FEW_MONTHS);
    assertThat(satisfaction.<Double>getAs("actual_now")).isCloseTo(100.0 * 10 / 12, within(1e-9));
    assertThat(satisfaction.<Boolean>getAs("meets_now")).isFalse();
    // every target has its city row, measured or not
    assertThat(trajectory.stream().filter(r -> r.getAs("scope_type").equals("city")).map(r -> r.getAs("target_id"))
        .distinct().count()).isEqualTo(rows.stream().map(r -> r.getAs("target_id")).distinct().count());
  }

  @Test
  void workTargetsKeepTheLevelsTheirFilterNames() {
    // city and district levels: (90 + 40) / (100 - 10 + 50)
    assertMeasured(row(2021, "T25_WORK_CITY_DISTRICT", "city", "HCM"), 130, 140, "not_met");
    assertMeasured(row(2021, "T25_WORK_CITY_DISTRICT", "district", "760"), 40, 50, "not_met");
    assertMeasured(row(2021, "T25_WORK_COMMUNE", "city", "HCM"), 10, 20, "not_met");
    assertMeasured(row(2021, "T25_WORK_COMMUNE", "district", "760"), 10, 20, "not_met");
    assertMeasured(row(2021, "T30_WORK_ALL", "city", "HCM"), 140, 160, "not_met");
    assertMeasured(row(2021, "T25_WORK_CITY_DISTRICT", "agency", "SoTP"), 90, 90, "met");
    assertThat(rows).noneMatch(r -> r.getAs("target_id").equals("T25_WORK_COMMUNE")
        && r.getAs("scope_code").equals("SoTP"));
  }

  @Test
  void anIndicatorCoversAYearOnlyWhenFeedDReportedIt() {
    // 2021 reports T25_DATABASES only, 2022 T30_INTL_DEPARTMENT only
    assertThat(row(2021, "T25_DATABASES", "city", "HCM").<Integer>getAs("months_covered")).isEqualTo(12);
    for (Row unreported : List.of(row(2021, "T30_INTL_DEPARTMENT", "city", "HCM"),
        row(2022, "T25_DATABASES", "city", "HCM"))) {
      assertThat(unreported.<String>getAs("status")).isEqualTo("no_data");
      assertThat(unreported.<Integer>getAs("months_covered")).isZero();
    }
  }

  @Test
  void indicatorTargetsAreCityOnlyFromFeedD() {
    assertMeasured(row(2021, "T25_DATABASES", "city", "HCM"), 23, 24, "not_met");
    assertMeasured(row(2022, "T30_INTL_DEPARTMENT", "city", "HCM"), 30, 100, "met");
    assertThat(row(2022, "T30_INTL_DEPARTMENT", "city", "HCM").<Integer>getAs("months_covered")).isEqualTo(12);
    assertThat(rows).noneMatch(r -> r.getAs("target_id").equals("T30_INTL_DEPARTMENT")
        && !r.getAs("scope_type").equals("city"));
  }
}
