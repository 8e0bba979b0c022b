package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static vn.hcmc.cchc.marts.SilverCase.dossier;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;

/**
 * {@code gold.case_monthly} on tiny hand-computed fixtures. Unless a fixture says otherwise a
 * dossier is a desk dossier of district agency Q1 (district 760), sector land, received 2 Mar 2021,
 * due 20 Mar 2021 17:00 (see {@link SilverCase}); all times are local to Ho Chi Minh City (UTC+7).
 * Count assertions list every non-zero count of the row, so every other count is asserted to be 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseMonthlyTest {
  private static final LocalDate JAN = LocalDate.of(2021, 1, 1);
  private static final LocalDate FEB = LocalDate.of(2021, 2, 1);
  private static final LocalDate MAR = LocalDate.of(2021, 3, 1);
  private static final LocalDate APR = LocalDate.of(2021, 4, 1);
  private static final LocalDate JUN = LocalDate.of(2021, 6, 1);

  private SparkSession spark;

  @BeforeAll
  void session() {
    spark = TestSpark.session();
  }

  // ---- fixtures ----

  /** Deadline 10 Mar 17:00; each resolved at the time its name says. */
  private static SilverCase[] aroundTheDeadline() {
    return Stream.of(
            new String[] {"early-9mar-1600", "2021-03-09 16:00"},
            new String[] {"early-9mar-2359", "2021-03-09 23:59"},
            new String[] {"ontime-10mar-0030", "2021-03-10 00:30"}, // 9 Mar 17:30 in UTC: not early
            new String[] {"ontime-10mar-0800", "2021-03-10 08:00"},
            new String[] {"ontime-10mar-1700", "2021-03-10 17:00"},
            new String[] {"late-10mar-1701", "2021-03-10 17:01"},
            new String[] {"late-12mar-0900", "2021-03-12 09:00"})
        .map(d -> {
          SilverCase c = dossier(d[0]).received("2021-03-01 09:00").due("2021-03-10 17:00").resolved(d[1]);
          return d[0].equals("late-10mar-1701") ? c.yes("apology_letter") : c;
        })
        .toArray(SilverCase[]::new);
  }

  private static SilverCase[] withdrawnStoppedReturned() {
    return new SilverCase[] {
      // withdrawn in March; its result date does not make it resolved
      dossier("withdrawn").due("2021-04-30 17:00").resultDate("2021-03-14 10:00").withdrawn("2021-03-15 10:00"),
      dossier("stopped").due("2021-04-30 17:00").stopped("2021-04-05 10:00"),
      dossier("returned").due("2021-04-30 17:00").returned("2021-04-02 10:00"),
    };
  }

  private static SilverCase[] refusedAndRegistered() {
    return new SilverCase[] {
      dossier("refused").resultDate("2021-03-05 10:00").status(3),
      dossier("registered").online().status(1),
      dossier("commune-received").commune("P-BN", "760", "26734").due("2021-04-30 17:00"),
    };
  }

  private static SilverCase[] acrossMonths() {
    return new SilverCase[] {
      // received before the window, overdue since January, resolved (late) in April
      dossier("jan-to-apr").received("2021-01-15 09:00").due("2021-01-31 17:00").resolved("2021-04-10 09:00"),
      dossier("feb-open").received("2021-02-10 09:00").due("2021-06-30 17:00"),
      // closed before the window / received after it: in no row
      dossier("jan-closed").received("2021-01-05 09:00").due("2021-01-20 17:00").resolved("2021-01-20 09:00"),
      dossier("may-received").received("2021-05-03 09:00").due("2021-05-20 17:00"),
      // resolved after the window: still pending at its end
      dossier("mar-to-jun").received("2021-03-03 09:00").due("2021-06-30 17:00").resolved("2021-06-01 09:00"),
    };
  }

  private static SilverCase[] atTheLocalMonthEnd() {
    return new SilverCase[] {
      dossier("due-31mar-2000").received("2021-03-01 09:00").due("2021-03-31 20:00"),
      // due 31 Mar 17:30 in UTC, but after March ended in local time
      dossier("due-1apr-0030").received("2021-03-01 09:00").due("2021-04-01 00:30"),
      dossier("received-31mar-2330").received("2021-03-31 23:30").due("2021-05-14 17:00"),
      // received 31 Mar 17:30 in UTC: an April dossier
      dossier("received-1apr-0030").received("2021-04-01 00:30").due("2021-05-14 17:00"),
      dossier("overdue-resolved-1apr-0030").received("2021-03-01 09:00").due("2021-03-31 20:00")
          .resolved("2021-04-01 00:30"),
      // late, but closed in the month its deadline passed: never pending overdue
      dossier("late-within-march").received("2021-03-01 09:00").due("2021-03-05 17:00").resolved("2021-03-20 09:00"),
    };
  }

  private static SilverCase[] cityDistrictsAndCommunes() {
    List<SilverCase> d = new ArrayList<>();
    d.add(dossier("q1-a").district("Q1", "760"));
    d.add(dossier("q1-b").district("Q1", "760"));
    for (int i = 0; i < 3; i++) {
      d.add(dossier("bn-" + i).commune("P-BN", "760", "26734"));
    }
    d.add(dossier("q3-a").district("Q3", "770"));
    for (int i = 0; i < 4; i++) {
      d.add(dossier("stp-" + i).cityDepartment("STP").sector("justice"));
    }
    return d.toArray(SilverCase[]::new);
  }

  private static SilverCase[] twoSectorsAndNone() {
    return new SilverCase[] {
      dossier("land-resolved-apr").due("2021-05-31 17:00").resolved("2021-04-05 09:00"),
      dossier("land-open").due("2021-05-31 17:00"),
      dossier("civil-resolved-mar").sector("civil_status").due("2021-05-31 17:00").resolved("2021-03-10 09:00"),
      dossier("no-sector-apr").sector(null).received("2021-04-03 09:00").due("2021-05-31 17:00"),
    };
  }

  /** Agency A: 1 dossier, online, on time. Agency B: 3 desk dossiers, 1 on time, 2 late. */
  private static SilverCase[] smallAndLargeAgency() {
    return new SilverCase[] {
      dossier("a-1").district("QA", "761").online().resolved("2021-03-20 10:00"),
      dossier("b-1").district("QB", "762").resolved("2021-03-20 10:00"),
      dossier("b-2").district("QB", "762").resolved("2021-03-25 09:00"),
      dossier("b-3").district("QB", "762").resolved("2021-03-25 09:00"),
    };
  }

  private static SilverCase[] digitalGovernment() {
    return new SilverCase[] {
      dossier("full-online-everything").fullOnline().mobile().rating(1).resolved("2021-03-20 10:00")
          .yes("eid_verified", "digitised", "paid_online", "interagency", "e_circulated", "prior_documents", "data_reused"),
      dossier("partial-online").online().rating(3).resolved("2021-03-20 10:00").yes("interagency", "prior_documents"),
      // VNeID without an online receipt; electronic circulation without inter-agency; reuse without prior documents
      dossier("postal").postal().rating(2).resolved("2021-03-20 10:00").yes("eid_verified", "e_circulated", "data_reused"),
      dossier("desk-digitised").resolved("2021-03-20 10:00").yes("digitised"),
      dossier("withdrawn-rated").rating(1).withdrawn("2021-03-15 09:00"),
    };
  }

  // ---- tests ----

  @Test
  void theDeclaredColumnsAreTheKeyTheCountsAndTheRatesInOrder() {
    List<String> computed = new java.util.ArrayList<>(CaseMonthly.KEY);
    computed.addAll(CaseMonthly.COUNTS);
    CaseMonthly.RATES.forEach(r -> computed.add(r.name()));
    assertThat(CaseMonthly.SCHEMA.fieldNames()).containsExactlyElementsOf(computed);
    assertThat(CaseMonthly.SCHEMA).isEqualTo(Table.GOLD_CASE_MONTHLY.schema());
  }

  @Test
  void resolvedEarlyOnTimeOrLateByTheDeadlinesLocalDayAndHour() {
    Row q1 = row(compute(MAR, MAR, aroundTheDeadline()), MAR, "agency", "Q1", "*");

    assertThat(counts(q1)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "received_new", 7L, "received_desk", 7L, "resolved", 7L, "resolved_early", 2L, "resolved_on_time", 3L,
        "resolved_late", 2L, "late_with_apology", 1L));
    assertThat(rate(q1, "on_time_rate")).isCloseTo(500.0 / 7, within(1e-9));
    assertThat(rate(q1, "late_rate")).isCloseTo(200.0 / 7, within(1e-9));
    assertThat(rate(q1, "apology_rate")).isEqualTo(50.0);
    assertThat(rate(q1, "online_rate")).isEqualTo(0.0);
    assertThat(rate(q1, "digitisation_rate")).isEqualTo(0.0);
    // denominators of 0
    assertThat(rate(q1, "eid_rate")).isNull();
    assertThat(rate(q1, "e_circulation_rate")).isNull();
    assertThat(rate(q1, "data_reuse_rate")).isNull();
    assertThat(rate(q1, "satisfaction_rate")).isNull();
  }

  @Test
  void withdrawnAndStoppedCloseAtTheirWithdrawalAndReturnedAtItsReturn() {
    List<Row> rows = compute(MAR, APR, withdrawnStoppedReturned());

    assertThat(counts(row(rows, MAR, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "received_new", 3L, "received_desk", 3L, "withdrawn", 1L, "pending_end", 2L, "pending_in_time", 2L));
    assertThat(counts(row(rows, APR, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "carried_over", 2L, "resolved", 1L, "resolved_early", 1L, "withdrawn", 1L));
  }

  @Test
  void refusedAndNewlyRegisteredCountNowhere() {
    List<Row> rows = compute(MAR, MAR, refusedAndRegistered());

    assertThat(rows).noneMatch(r -> r.<String>getAs("scope_code").equals("Q1"));
    assertThat(rows).noneMatch(r -> r.getAs("scope_type").equals("level") && r.getAs("scope_code").equals("district"));
    assertThat(counts(row(rows, MAR, "city", "HCM", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "received_new", 1L, "received_desk", 1L, "pending_end", 1L, "pending_in_time", 1L));
    assertThat(counts(row(rows, MAR, "district", "760", "*"))).containsEntry("received_new", 1L);
  }

  @Test
  void carriedOverAndPendingEveryMonthUntilClosed() {
    List<Row> rows = compute(FEB, APR, acrossMonths());

    assertThat(counts(row(rows, FEB, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "carried_over", 1L, "received_new", 1L, "received_desk", 1L,
        "pending_end", 2L, "pending_overdue", 1L, "pending_in_time", 1L));
    assertThat(counts(row(rows, MAR, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "carried_over", 2L, "received_new", 1L, "received_desk", 1L,
        "pending_end", 3L, "pending_overdue", 1L, "pending_in_time", 2L));
    assertThat(counts(row(rows, APR, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "carried_over", 3L, "resolved", 1L, "resolved_late", 1L, "pending_end", 2L, "pending_in_time", 2L));
    assertThat(rows).extracting(r -> r.<LocalDate>getAs("period_month")).containsOnly(FEB, MAR, APR);
  }

  @Test
  void pendingOverdueAndReceiptFollowTheLocalMonthEnd() {
    List<Row> rows = compute(MAR, APR, atTheLocalMonthEnd());

    assertThat(counts(row(rows, MAR, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "received_new", 5L, "received_desk", 5L, "resolved", 1L, "resolved_late", 1L,
        "pending_end", 4L, "pending_overdue", 2L, "pending_in_time", 2L));
    assertThat(counts(row(rows, APR, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "carried_over", 4L, "received_new", 1L, "received_desk", 1L, "resolved", 1L, "resolved_late", 1L,
        "pending_end", 4L, "pending_overdue", 2L, "pending_in_time", 2L));
  }

  @Test
  void aCommuneRollsIntoItsDistrictAndACityDepartmentIntoNoDistrict() {
    List<Row> rows = compute(MAR, MAR, cityDistrictsAndCommunes());

    Map<String, Long> receivedByScope = new HashMap<>();
    rows.stream().filter(r -> r.getAs("sector").equals("*")).forEach(r -> receivedByScope.put(
        r.getAs("scope_type") + "/" + r.getAs("scope_code"), r.<Long>getAs("received_new")));
    assertThat(receivedByScope).containsExactlyInAnyOrderEntriesOf(Map.of(
        "agency/Q1", 2L, "agency/P-BN", 3L, "agency/Q3", 1L, "agency/STP", 4L,
        "district/760", 5L, "district/770", 1L,
        "level/city", 4L, "level/district", 3L, "level/commune", 3L,
        "city/HCM", 10L));
  }

  @Test
  void theReformOfJuly2025EndsDistrictsButNotTheirBacklogAndLevelsStillRollUp() {
    LocalDate jun = LocalDate.of(2025, 6, 1);
    LocalDate jul = LocalDate.of(2025, 7, 1);
    // ward 26734 of district 760 before 1 July 2025; the merged commune after it, in no district
    List<Row> rows = compute(jun, jul,
        dossier("june-open").commune("P-old", "760", "26734").received("2025-06-25 09:00").due("2025-07-10 17:00"),
        dossier("june-done").commune("P-old", "760", "26734").received("2025-06-26 09:00")
            .due("2025-07-10 17:00").status(10).resolved("2025-06-30 10:00"),
        dossier("july").commune("P-new", null, "26734").received("2025-07-02 09:00").due("2025-07-20 17:00"),
        dossier("dept").cityDepartment("STP").received("2025-07-03 09:00").due("2025-07-20 17:00"));

    assertThat(counts(row(rows, jun, "district", "760", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "received_new", 2L, "received_desk", 2L, "resolved", 1L, "resolved_early", 1L, "pending_end", 1L,
        "pending_in_time", 1L));
    // July: the June dossier still counts under district 760 (its agency's district on the receipt day)
    Row julyDistrict = row(rows, jul, "district", "760", "*");
    assertThat(n(julyDistrict, "carried_over")).isEqualTo(1L);
    assertThat(n(julyDistrict, "received_new")).isZero();
    assertThat(n(julyDistrict, "pending_end")).isEqualTo(1L);
    // levels and the city hold both the old and the new units
    Row julyCommunes = row(rows, jul, "level", "commune", "*");
    assertThat(n(julyCommunes, "carried_over")).isEqualTo(1L);
    assertThat(n(julyCommunes, "received_new")).isEqualTo(1L);
    assertThat(n(julyCommunes, "pending_end")).isEqualTo(2L);
    Row julyCity = row(rows, jul, "city", City.CODE, "*");
    assertThat(n(julyCity, "received_new")).isEqualTo(2L);
    assertThat(n(julyCity, "pending_end")).isEqualTo(3L);
    assertThat(rows).noneMatch(r -> r.getAs("scope_type").equals("district") && r.<Long>getAs("received_new") > 0
        && r.getAs("period_month").equals(jul));
  }

  @Test
  void oneRowPerSectorPresentInTheMonthAndOneForAllSectors() {
    List<Row> q1 = compute(MAR, APR, twoSectorsAndNone()).stream()
        .filter(r -> r.getAs("scope_code").equals("Q1")).toList();

    assertThat(q1).extracting(r -> YearMonth.from(r.<LocalDate>getAs("period_month")) + " " + r.getAs("sector"))
        .containsExactlyInAnyOrder("2021-03 land", "2021-03 civil_status", "2021-03 *",
            "2021-04 land", "2021-04 unknown", "2021-04 *");
    assertThat(counts(row(q1, MAR, "agency", "Q1", "land"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "received_new", 2L, "received_desk", 2L, "pending_end", 2L, "pending_in_time", 2L));
    assertThat(counts(row(q1, MAR, "agency", "Q1", "civil_status"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "received_new", 1L, "received_desk", 1L, "resolved", 1L, "resolved_early", 1L));
    assertThat(counts(row(q1, MAR, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "received_new", 3L, "received_desk", 3L, "resolved", 1L, "resolved_early", 1L,
        "pending_end", 2L, "pending_in_time", 2L));
    assertThat(counts(row(q1, APR, "agency", "Q1", "land"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "carried_over", 2L, "resolved", 1L, "resolved_early", 1L, "pending_end", 1L, "pending_in_time", 1L));
    assertThat(counts(row(q1, APR, "agency", "Q1", "unknown"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "received_new", 1L, "received_desk", 1L, "pending_end", 1L, "pending_in_time", 1L));
    assertThat(counts(row(q1, APR, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "carried_over", 2L, "received_new", 1L, "received_desk", 1L, "resolved", 1L, "resolved_early", 1L,
        "pending_end", 2L, "pending_in_time", 2L));
  }

  @Test
  void ratesComeFromTheSummedCountsNotFromAveragedRates() {
    List<Row> rows = compute(MAR, MAR, smallAndLargeAgency());

    assertThat(rate(row(rows, MAR, "agency", "QA", "*"), "on_time_rate")).isEqualTo(100.0);
    assertThat(rate(row(rows, MAR, "agency", "QB", "*"), "on_time_rate")).isCloseTo(100.0 / 3, within(1e-9));
    Row city = row(rows, MAR, "city", "HCM", "*");
    // averaging the agencies' rates would give 66.7 and 50
    assertThat(rate(city, "on_time_rate")).isEqualTo(50.0);
    assertThat(rate(city, "late_rate")).isEqualTo(50.0);
    assertThat(rate(city, "online_rate")).isEqualTo(25.0);
    assertThat(rate(row(rows, MAR, "level", "district", "land"), "online_rate")).isEqualTo(25.0);
  }

  @Test
  void digitalGovernmentCountersAndTheirRates() {
    Row q1 = row(compute(MAR, MAR, digitalGovernment()), MAR, "agency", "Q1", "*");

    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("received_new", 5L);
    expected.put("received_desk", 2L);
    expected.put("received_online", 2L);
    expected.put("received_postal", 1L);
    expected.put("received_full_online", 1L);
    expected.put("received_partial_online", 1L);
    expected.put("resolved", 4L);
    expected.put("resolved_on_time", 4L);
    expected.put("withdrawn", 1L);
    expected.put("interagency", 2L);
    expected.put("e_circulated", 1L);
    expected.put("prior_documents", 2L);
    expected.put("data_reused", 1L);
    expected.put("digitised", 2L);
    expected.put("paid_online", 1L);
    expected.put("mobile", 1L);
    expected.put("eid_verified", 1L);
    expected.put("rated", 3L);
    expected.put("rated_satisfied", 2L);
    assertThat(counts(q1)).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(rate(q1, "on_time_rate")).isEqualTo(100.0);
    assertThat(rate(q1, "late_rate")).isEqualTo(0.0);
    assertThat(rate(q1, "apology_rate")).isNull();
    assertThat(rate(q1, "online_rate")).isEqualTo(40.0);
    assertThat(rate(q1, "full_online_rate")).isEqualTo(20.0);
    assertThat(rate(q1, "e_circulation_rate")).isEqualTo(50.0);
    assertThat(rate(q1, "data_reuse_rate")).isEqualTo(50.0);
    assertThat(rate(q1, "digitisation_rate")).isEqualTo(40.0);
    assertThat(rate(q1, "eid_rate")).isEqualTo(50.0);
    assertThat(rate(q1, "satisfaction_rate")).isCloseTo(200.0 / 3, within(1e-9));
  }

  @Test
  void identityAndSplitsHoldOnEveryRowAndSectorsSumToAll() {
    Dataset<Row> monthly = CaseMonthly.compute(SilverCase.frame(spark, everyFixture()), JAN, JUN);
    List<Row> rows = monthly.collectAsList();

    assertThat(rows).hasSizeGreaterThan(50);
    assertThatNoException().isThrownBy(() -> CaseMonthly.checkIdentity(monthly));
    assertThatNoException().isThrownBy(() -> CaseMonthly.checkCounts(monthly));
    Map<String, long[]> sectorSums = new HashMap<>();
    Map<String, long[]> allSectors = new HashMap<>();
    for (Row r : rows) {
      assertThat(n(r, "carried_over") + n(r, "received_new"))
          .as("identity of %s", r).isEqualTo(n(r, "resolved") + n(r, "withdrawn") + n(r, "pending_end"));
      assertThat(n(r, "resolved_early") + n(r, "resolved_on_time") + n(r, "resolved_late")).isEqualTo(n(r, "resolved"));
      assertThat(n(r, "pending_overdue") + n(r, "pending_in_time")).isEqualTo(n(r, "pending_end"));
      assertThat(n(r, "received_desk") + n(r, "received_online") + n(r, "received_postal")).isEqualTo(n(r, "received_new"));
      assertThat(n(r, "carried_over") + n(r, "received_new")).isPositive();
      String key = r.getAs("period_month") + "/" + r.getAs("scope_type") + "/" + r.getAs("scope_code");
      long[] values = CaseMonthly.COUNTS.stream().mapToLong(c -> n(r, c)).toArray();
      if (r.getAs("sector").equals("*")) {
        allSectors.put(key, values);
      } else {
        sectorSums.merge(key, values, CaseMonthlyTest::plus);
      }
    }
    assertThat(sectorSums.keySet()).isEqualTo(allSectors.keySet());
    allSectors.forEach((key, all) -> assertThat(sectorSums.get(key)).as(key).containsExactly(all));
  }

  @Test
  void checkIdentityNamesTheFirstBrokenRow() {
    Dataset<Row> monthly = CaseMonthly.compute(SilverCase.frame(spark, withdrawnStoppedReturned()), MAR, APR);
    Dataset<Row> broken = monthly.withColumn("resolved",
        when(col("period_month").equalTo(APR).and(col("scope_type").equalTo("agency")).and(col("sector").equalTo("*")),
            col("resolved").plus(1)).otherwise(col("resolved")));

    assertThatNoException().isThrownBy(() -> CaseMonthly.checkIdentity(monthly));
    assertThatThrownBy(() -> CaseMonthly.checkIdentity(broken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("period_month=2021-04-01 scope_type=agency scope_code=Q1 sector=*")
        .hasMessageContaining("carried_over 2 + received_new 0 != resolved 2 + withdrawn 1 + pending_end 0");
  }

  @Test
  void aDossierClosedBeforeItWasReceivedMakesACountNegativeAndTheCheckRefusesIt() {
    // withdrawn in February, received in March: February closes a dossier nobody received
    SilverCase closedFirst = dossier("closed-first").received("2021-03-10 10:00").due("2021-03-30 17:00")
        .withdrawn("2021-02-20 10:00");
    SilverCase overdue = dossier("overdue").received("2021-02-01 08:00").due("2021-02-15 17:00");
    Dataset<Row> withAnother = CaseMonthly.compute(SilverCase.frame(spark, closedFirst, overdue), FEB, MAR);

    // the identity holds (0 + 1 = 0 + 1 + 0): only the count check sees it
    assertThat(counts(row(withAnother.collectAsList(), FEB, "agency", "Q1", "*"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("received_new", 1L, "received_desk", 1L, "withdrawn", 1L, "pending_overdue", 1L, "pending_in_time", -1L));
    assertThatNoException().isThrownBy(() -> CaseMonthly.checkIdentity(withAnother));
    assertThatThrownBy(() -> CaseMonthly.checkCounts(withAnother))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gold.case_monthly count below 0 for period_month=2021-02-01 scope_type=agency scope_code=Q1 "
            + "sector=*: pending_in_time -1");

    // alone, its months add up to no dossier held (carried_over + received_new = 0): they are still
    // rows, so that the check sees them instead of the dossier silently vanishing
    Dataset<Row> alone = CaseMonthly.compute(SilverCase.frame(spark, closedFirst), FEB, MAR);
    assertThat(counts(row(alone.collectAsList(), MAR, "city", "HCM", "land"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("carried_over", -1L, "received_new", 1L, "received_desk", 1L));
    assertThatThrownBy(() -> CaseMonthly.checkCounts(alone))
        .hasMessage("gold.case_monthly count below 0 for period_month=2021-02-01 scope_type=agency scope_code=Q1 "
            + "sector=*: pending_end -1");
  }

  @Test
  void theMonthsEndAtTheLatestExportDayWhateverInstantLiesBeyondIt() {
    // exported on 5 March 2021: a deadline in 2031 is legitimate, a result date in 2031 a typo
    SilverCase dueIn2031 = dossier("due-2031").received("2021-01-05 08:00").due("2031-01-20 17:00")
        .exported("2021-03-05");
    SilverCase resolvedIn2031 = dossier("resolved-2031").resolved("2031-03-04 10:00").exported("2021-03-05");
    SilverCase earlierExport = dossier("earlier").received("2021-02-01 08:00").exported("2021-02-02");

    assertThat(CaseMonthly.months(SilverCase.frame(spark, dueIn2031, earlierExport)))
        .contains(new CaseMonthly.MonthRange(JAN, MAR));
    assertThat(CaseMonthly.months(SilverCase.frame(spark, resolvedIn2031)))
        .contains(new CaseMonthly.MonthRange(MAR, MAR));
    assertThat(CaseMonthly.months(SilverCase.frame(spark))).isEmpty();

    // over those months the typo is no result yet: both dossiers are still open at the end of March
    CaseMonthly.MonthRange months = CaseMonthly.months(SilverCase.frame(spark, dueIn2031, resolvedIn2031)).orElseThrow();
    assertThat(months).isEqualTo(new CaseMonthly.MonthRange(JAN, MAR));
    List<Row> rows = compute(months.from(), months.to(), dueIn2031, resolvedIn2031);
    assertThat(rows).extracting(r -> r.<LocalDate>getAs("period_month")).containsOnly(JAN, FEB, MAR);
    assertThat(counts(row(rows, MAR, "city", "HCM", "*"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "carried_over", 1L, "received_new", 1L, "received_desk", 1L, "pending_end", 2L, "pending_overdue", 1L,
        "pending_in_time", 1L));
  }

  @Test
  void theSchemaIsTheContractsAndMonthsAreFirstDays() {
    Dataset<Row> monthly = CaseMonthly.compute(SilverCase.frame(spark, aroundTheDeadline()), MAR, MAR);

    assertThat(monthly.schema()).isEqualTo(CaseMonthly.SCHEMA);
    assertThat(monthly.columns()).startsWith("period_month", "scope_type", "scope_code", "sector", "carried_over")
        .endsWith("eid_rate", "satisfaction_rate").hasSize(4 + 26 + 10);
    Dataset<Row> none = SilverCase.frame(spark);
    assertThatThrownBy(() -> CaseMonthly.compute(none, LocalDate.of(2021, 3, 15), APR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CaseMonthly.compute(none, APR, MAR)).isInstanceOf(IllegalArgumentException.class);
    assertThat(CaseMonthly.compute(none, MAR, APR).count()).isZero();
  }

  @Test
  void theSessionTimeZoneChangesNothing() {
    List<Row> inUtc = compute(MAR, APR, atTheLocalMonthEnd());
    String zone = spark.conf().get("spark.sql.session.timeZone");
    List<Row> elsewhere;
    try {
      spark.conf().set("spark.sql.session.timeZone", "America/Los_Angeles");
      elsewhere = compute(MAR, APR, atTheLocalMonthEnd());
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
    assertThat(elsewhere).containsExactlyInAnyOrderElementsOf(inUtc);
  }

  // ---- helpers ----

  private List<Row> compute(LocalDate from, LocalDate to, SilverCase... dossiers) {
    return CaseMonthly.compute(SilverCase.frame(spark, dossiers), from, to).collectAsList();
  }

  private static SilverCase[] everyFixture() {
    return Stream.of(aroundTheDeadline(), withdrawnStoppedReturned(), refusedAndRegistered(), acrossMonths(),
            atTheLocalMonthEnd(), cityDistrictsAndCommunes(), twoSectorsAndNone(), smallAndLargeAgency(),
            digitalGovernment())
        .flatMap(Stream::of).toArray(SilverCase[]::new);
  }

  private static Row row(List<Row> rows, LocalDate month, String scopeType, String scopeCode, String sector) {
    List<Row> found = rows.stream()
        .filter(r -> r.getAs("period_month").equals(month) && r.getAs("scope_type").equals(scopeType)
            && r.getAs("scope_code").equals(scopeCode) && r.getAs("sector").equals(sector))
        .toList();
    if (found.size() != 1) {
      fail("%d rows for %s %s %s %s", found.size(), month, scopeType, scopeCode, sector);
    }
    return found.get(0);
  }

  /** The row's non-zero counts. */
  private static Map<String, Long> counts(Row r) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String c : CaseMonthly.COUNTS) {
      if (n(r, c) != 0) {
        m.put(c, n(r, c));
      }
    }
    return m;
  }

  private static long n(Row r, String column) {
    return r.<Long>getAs(column);
  }

  private static Double rate(Row r, String column) {
    return r.getAs(column);
  }

  private static long[] plus(long[] a, long[] b) {
    long[] s = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }
}
