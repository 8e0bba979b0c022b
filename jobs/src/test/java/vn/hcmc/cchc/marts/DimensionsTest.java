package vn.hcmc.cchc.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.ReferenceCsv;
import vn.hcmc.cchc.marts.Dimensions.AgencyInterval;
import vn.hcmc.cchc.marts.Dimensions.SeenScope;
import vn.hcmc.cchc.reference.ReferenceFiles;
import vn.hcmc.cchc.reference.ScopeNames;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.GeneratedWeek;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code gold.scope} and {@code gold.sector} on hand-made agency intervals across the reforms of
 * 2025: District 1's own agency ends with the district level on 1 July 2025, one of its wards goes
 * on without a district under a new name, a city department never changes.
 */
class DimensionsTest {
  private static final LocalDate START = LocalDate.of(2021, 1, 1);
  private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
  /** The names of the shipped reference: District 1 is GSO 760 in the admin-unit files. */
  private static final ScopeNames NAMES = ScopeNames.load(Fixtures.REFERENCE, null);
  private static final List<AgencyInterval> AGENCIES = List.of(
      new AgencyInterval("000.02.00.H29", "Sở Tư pháp", "city", null, null, START, null),
      new AgencyInterval("000.00.01.H29", "UBND Quận 1", "district", "760", null, START, REFORM),
      new AgencyInterval("000.01.01.H29", "UBND Phường Bến Nghé", "commune", "760", "26740", START, REFORM),
      new AgencyInterval("000.01.01.H29", "UBND Phường Sài Gòn", "commune", null, "26740", REFORM, null));

  private static List<String> rows(List<Row> rows) {
    return rows.stream().map(Row::toString).toList();
  }

  @Test
  void eachAgencyIntervalIsARowAndDistrictsLevelsAndTheCitySpanTheirAgencies() {
    List<Row> scopes = Dimensions.scopes(AGENCIES, List.of(), NAMES);

    assertThat(rows(scopes)).containsExactly(
        "[city,HCM,2021-01-01,null,Thành phố Hồ Chí Minh,null,null,null,null,true]",
        "[level,city,2021-01-01,null,Cấp thành phố (sở, ban, ngành),city,null,null,null,true]",
        "[level,commune,2021-01-01,null,Cấp xã (phường, xã, thị trấn),commune,null,null,null,true]",
        // the district level, and District 1, end with their last agency's interval
        "[level,district,2021-01-01,2025-07-01,Cấp huyện (quận, huyện, thành phố Thủ Đức),district,null,null,null,true]",
        "[district,760,2021-01-01,2025-07-01,Quận 1,district,760,Quận 1,null,true]",
        "[agency,000.00.01.H29,2021-01-01,2025-07-01,UBND Quận 1,district,760,Quận 1,null,true]",
        "[agency,000.01.01.H29,2021-01-01,2025-07-01,UBND Phường Bến Nghé,commune,760,Quận 1,26740,false]",
        "[agency,000.01.01.H29,2025-07-01,null,UBND Phường Sài Gòn,commune,null,null,26740,true]",
        "[agency,000.02.00.H29,2021-01-01,null,Sở Tư pháp,city,null,null,null,true]");
  }

  @Test
  void everyScopeOfTheMartsHasARowFromItsFirstMonthWithData() {
    List<Row> scopes = Dimensions.scopes(AGENCIES, List.of(
        // data from before the first agency snapshot: the first interval starts with it
        new SeenScope("city", "HCM", LocalDate.of(2020, 12, 1)),
        new SeenScope("agency", "000.01.01.H29", LocalDate.of(2020, 12, 1)),
        // no snapshot lists them: named by their code (or the district's GSO name), open from their first month
        new SeenScope("agency", "999.99.99.H29", LocalDate.of(2021, 3, 1)),
        new SeenScope("district", "761", LocalDate.of(2021, 2, 1)),
        // already covered: nothing changes
        new SeenScope("level", "city", LocalDate.of(2021, 5, 1))), NAMES);

    assertThat(rows(scopes)).contains(
        "[city,HCM,2020-12-01,null,Thành phố Hồ Chí Minh,null,null,null,null,true]",
        "[agency,000.01.01.H29,2020-12-01,2025-07-01,UBND Phường Bến Nghé,commune,760,Quận 1,26740,false]",
        "[agency,000.01.01.H29,2025-07-01,null,UBND Phường Sài Gòn,commune,null,null,26740,true]",
        "[agency,999.99.99.H29,2021-03-01,null,999.99.99.H29,null,null,null,null,true]",
        "[district,761,2021-02-01,null,Quận 12,district,761,Quận 12,null,true]",
        "[level,city,2021-01-01,null,Cấp thành phố (sở, ban, ngành),city,null,null,null,true]");
    assertThat(scopes).hasSize(11);
  }

  @Test
  void sectorsAreTheShippedFileThenAnyCodeOfTheMartsItDoesNotName() {
    List<ReferenceCsv.Line> file = ReferenceCsv.read(Fixtures.REFERENCE.resolve(ReferenceFiles.SECTORS));
    List<Row> sectors = Dimensions.sectors(file, List.of("land", "*", "unknown", "space"));

    assertThat(rows(sectors)).hasSize(15).startsWith("[land,Đất đai,Land]")
        .contains("[*,Tất cả lĩnh vực,All sectors]", "[unknown,Chưa xác định lĩnh vực,Sector not known (the procedure had none)]")
        .endsWith("[space,space,space]");
    assertThatThrownBy(() -> Dimensions.sectors(ReferenceCsv.parse(
        "sector,sector_name,sector_name_en\nland,,Land\n", "s.csv"), List.of()))
        .hasMessage("sectors.csv line 2: sector, sector_name and sector_name_en are all required");
  }

  /**
   * On the generated week as {@code run} built it: every row of every mart with a scope finds
   * exactly one row of {@code gold.scope} in force in its month (no unit ended in it) and one latest
   * row, every row of {@code
   * gold.case_monthly} a sector with a Vietnamese name, and agencies carry their snapshot's names.
   */
  @Test
  void everyRowOfTheMartsFindsOneNameInForceOnTheGeneratedWeek() {
    Warehouse wh = GeneratedWeek.warehouse();
    for (Table t : List.of(Table.GOLD_SCOPE, Table.GOLD_SECTOR, Table.GOLD_CASE_MONTHLY, Table.GOLD_WORK_MONTHLY,
        Table.GOLD_PROCEDURE_MONTHLY, Table.SILVER_AGENCIES)) {
      wh.read(t).createOrReplaceTempView(t.layer() + "_" + t.tableName());
    }
    for (String mart : List.of("gold_case_monthly", "gold_work_monthly", "gold_procedure_monthly")) {
      Row matches = wh.spark().sql("SELECT count(*), count_if(n = 1), sum(n) FROM (SELECT m.scope_type, m.scope_code, "
          + "m.period_month, count(s.scope_code) AS n FROM (SELECT DISTINCT scope_type, scope_code, period_month FROM "
          + mart + ") m LEFT JOIN gold_scope s ON s.scope_type = "
          + "m.scope_type AND s.scope_code = m.scope_code AND m.period_month >= s.valid_from AND (s.valid_to IS NULL "
          + "OR m.period_month < s.valid_to) GROUP BY ALL)").head();
      assertThat(matches.getLong(0)).as(mart).isPositive().isEqualTo(matches.getLong(1));
    }
    // one latest interval per scope, and every scope of the marts has it
    assertThat(wh.spark().sql("SELECT count(*) FROM gold_scope WHERE is_latest").head().getLong(0)).isEqualTo(
        wh.spark().sql("SELECT count(DISTINCT scope_type, scope_code) FROM gold_scope").head().getLong(0));
    assertThat(wh.spark().sql("SELECT count(*) FROM (SELECT DISTINCT scope_type, scope_code FROM gold_case_monthly) m "
        + "LEFT ANTI JOIN (SELECT * FROM gold_scope WHERE is_latest) s USING (scope_type, scope_code)").head().getLong(0))
        .isZero();
    assertThat(wh.spark().sql("SELECT count(*) FROM gold_case_monthly m LEFT ANTI JOIN gold_sector s USING (sector)")
        .head().getLong(0)).isZero();
    // an agency's name is its snapshot's; the city's and the district level's are the fixed ones
    assertThat(wh.spark().sql("SELECT count(*), count_if(s.scope_name = a.agency_name) FROM gold_scope s JOIN "
        + "silver_agencies a ON s.scope_type = 'agency' AND s.scope_code = a.agency_code AND s.valid_to <=> a.valid_to")
        .head().toString()).matches("\\[(\\d+),\\1\\]").isNotEqualTo("[0,0]");
    assertThat(wh.spark().sql("SELECT scope_name FROM gold_scope WHERE scope_type = 'city'").head().getString(0))
        .isEqualTo("Thành phố Hồ Chí Minh");
  }
}
