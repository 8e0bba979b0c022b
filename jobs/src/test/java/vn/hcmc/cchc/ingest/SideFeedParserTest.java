package vn.hcmc.cchc.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.reference.ReferenceLookup;
import vn.hcmc.cchc.quality.Reason;

/**
 * Feeds C and D line by line: one good row and one line per quarantine reason, the agency snapshot
 * of the month's last day, and the latest indicator file winning.
 */
class SideFeedParserTest {
  static final LocalDate JAN_1 = LocalDate.of(2021, 1, 1);
  static final LocalDate MAR_1 = LocalDate.of(2021, 3, 1);
  static final LocalDate MAR_31 = LocalDate.of(2021, 3, 31);

  /** A city department, a district, a commune closed on 31 March (exclusive), one opened on 31 March. */
  static ReferenceLookup agencies() {
    ReferenceLookup lookup = new ReferenceLookup();
    lookup.addAgency("000.01.00.H29", JAN_1, null, new ReferenceLookup.Agency("city", null, null));
    lookup.addAgency("000.00.760.H29", JAN_1, null, new ReferenceLookup.Agency("district", "760", null));
    lookup.addAgency("26734.760.H29", JAN_1, MAR_31, new ReferenceLookup.Agency("commune", "760", "26734"));
    lookup.addAgency("26737.760.H29", MAR_31, null, new ReferenceLookup.Agency("commune", "760", "26737"));
    return lookup;
  }

  static SideFeedParser.Source source(String path, Feed feed, LocalDate exportDate, String text) {
    return new SideFeedParser.Source(new RawFile(path, feed, exportDate, text.length(), 0), "hash-" + path, text);
  }

  static final String MARCH = String.join("\n",
      "agency_code,total,processed_online,classified",
      "000.01.00.H29,100,90,10",      // 2 good
      "000.00.760.H29,50,40",         // 3 three fields
      " ,10,5,0",                     // 4 no agency
      "000.00.760.H29,-5,0,0",        // 5 negative count
      "000.00.760.H29,10,5,11",       // 6 classified > total
      "000.00.760.H29,10,9,2",        // 7 online > total - classified
      "000.00.760.H29,10,8,2",        // 8 good: online = total - classified
      "000.00.760.H29,20,10,0",       // 9 the district again
      "26734.760.H29,5,5,0",          // 10 closed before the month's last day
      "26737.760.H29,7,1,0",          // 11 good: opened on the month's last day
      "\"000.01.00.H29,1,1,0");       // 12 quote never closed

  @Test
  void workRowsTakeTheAgencyInForceOnTheMonthsLastDayAndEveryBadLineHasItsReason() {
    SideFeedParser.Parsed p = SideFeedParser.work(
        List.of(source("/raw/work/2021/03.csv", Feed.WORK, MAR_1, MARCH)), agencies());

    assertThat(p.rows()).extracting(Row::toString).containsExactly(
        "[2021-03-01,000.01.00.H29,city,null,100,90,10,/raw/work/2021/03.csv,2]",
        "[2021-03-01,000.00.760.H29,district,760,10,8,2,/raw/work/2021/03.csv,8]",
        "[2021-03-01,26737.760.H29,commune,760,7,1,0,/raw/work/2021/03.csv,11]");
    assertRejects(p).containsExactlyInAnyOrder(
        tuple(3L, Reason.MALFORMED_RECORD, "3 fields where the header has 4"),
        tuple(4L, Reason.MISSING_FIELD, "agency_code is empty"),
        tuple(5L, Reason.BAD_CODE, "total is not a non-negative integer"),
        tuple(6L, Reason.BAD_CODE, "classified > total"),
        tuple(7L, Reason.BAD_CODE, "processed_online > total - classified"),
        tuple(9L, Reason.BAD_CODE, "agency_code already has a row in this file"),
        tuple(10L, Reason.UNKNOWN_AGENCY, "agency_code not in the agency snapshot in force on 2021-03-31"),
        tuple(12L, Reason.MALFORMED_RECORD, "invalid CSV: a quoted value is never closed"));
    assertThat(p.rejects()).filteredOn(r -> r.lineNumber() == 3).singleElement()
        .satisfies(r -> assertThat(r.record()).isEqualTo("000.00.760.H29,50,40"));
    assertThat(p.rejects().get(0).source().fileHash()).isEqualTo("hash-/raw/work/2021/03.csv");
  }

  /** Line, reason and detail of each reject. */
  private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertRejects(
      SideFeedParser.Parsed p) {
    return assertThat(p.rejects()).extracting(SideFeedParser.Reject::lineNumber, SideFeedParser.Reject::reason,
        SideFeedParser.Reject::detail);
  }

  @Test
  void theCommuneClosedOn31MarchIsStillKnownInFebruary() {
    SideFeedParser.Parsed p = SideFeedParser.work(List.of(source("/raw/work/2021/02.csv", Feed.WORK,
        LocalDate.of(2021, 2, 1), "agency_code,total,processed_online,classified\n26734.760.H29,5,5,0\n")), agencies());
    assertThat(p.rejects()).isEmpty();
    assertThat(p.rows()).extracting(Row::toString)
        .containsExactly("[2021-02-01,26734.760.H29,commune,760,5,5,0,/raw/work/2021/02.csv,2]");
  }

  @Test
  void aFileWithoutItsHeaderIsRejectedWholeFirstLineIncluded() {
    SideFeedParser.Parsed p = SideFeedParser.work(List.of(source("/raw/work/2021/03.csv", Feed.WORK, MAR_1,
        "000.01.00.H29,100,90,10\n000.00.760.H29,50,40,0\n")), agencies());
    assertThat(p.rows()).isEmpty();
    assertThat(p.rejects()).extracting(SideFeedParser.Reject::lineNumber, SideFeedParser.Reject::reason)
        .containsExactly(tuple(1L, Reason.MALFORMED_RECORD), tuple(2L, Reason.MALFORMED_RECORD));
  }

  static final String INDICATORS_2024 = String.join("\n",
      "target_id,year,scope_code,numerator,denominator,note",
      "T25_DATABASES,2024,HCM,20,24,\"Cơ sở dữ liệu, kết nối\"",  // 2 good, corrected in 2025.csv
      "T30_BANK_ACCOUNTS,2024,HCM,5,10,",                         // 3 good, no note
      "T30_INTL_SOE,2024,HCM,1,2",                                // 4 five fields
      "T30_INTL_SOE,,HCM,1,2,",                                   // 5 no year
      "t30_intl_soe,2024,HCM,1,2,",                               // 6 not a target id
      "T30_INTL_SOE,24,HCM,1,2,",                                 // 7 two-digit year
      "T30_INTL_SOE,2024,HCM,1,0,",                               // 8 denominator 0
      "T30_INTL_SOE,2024,HCM,1.5,2,",                             // 9 not an integer
      "T30_BANK_ACCOUNTS,2024,HCM,6,10,later line");              // 10 good, replaces line 3
  static final String INDICATORS_2025 = String.join("\n",
      "target_id,year,scope_code,numerator,denominator,note",
      "T25_DATABASES,2024,HCM,22,24,correction",                  // 2 replaces 2024.csv line 2
      "T25_DATABASES,2025,HCM,23,24,");                           // 3 another year

  @Test
  void indicatorsKeepTheLatestRecordByPathThenLineAndEveryBadLineHasItsReason() {
    // given out of path order: the parser orders them itself
    SideFeedParser.Parsed p = SideFeedParser.indicators(List.of(
        source("/raw/indicators/2025.csv", Feed.INDICATORS, LocalDate.of(2025, 1, 1), INDICATORS_2025),
        source("/raw/indicators/2024.csv", Feed.INDICATORS, LocalDate.of(2024, 1, 1), INDICATORS_2024)));

    assertThat(p.rows()).extracting(Row::toString).containsExactlyInAnyOrder(
        "[T25_DATABASES,2024,HCM,22,24,correction,/raw/indicators/2025.csv,2]",
        "[T30_BANK_ACCOUNTS,2024,HCM,6,10,later line,/raw/indicators/2024.csv,10]",
        "[T25_DATABASES,2025,HCM,23,24,null,/raw/indicators/2025.csv,3]");
    assertThat(p.superseded()).isEqualTo(2);
    assertRejects(p).containsExactlyInAnyOrder(
        tuple(4L, Reason.MALFORMED_RECORD, "5 fields where the header has 6"),
        tuple(5L, Reason.MISSING_FIELD, "year is empty"),
        tuple(6L, Reason.BAD_CODE, "target_id is not of the form Tnn_NAME"),
        tuple(7L, Reason.BAD_CODE, "year is not 4 digits"),
        tuple(8L, Reason.BAD_CODE, "denominator is 0"),
        tuple(9L, Reason.BAD_CODE, "numerator is not a non-negative integer"));
  }

  @Test
  void aQuotedNoteKeepsItsCommaAndIsNfc() {
    String nfd = java.text.Normalizer.normalize("Lãnh đạo cấp phòng, sở", java.text.Normalizer.Form.NFD);
    SideFeedParser.Parsed p = SideFeedParser.indicators(List.of(source("/raw/indicators/x.csv", Feed.INDICATORS,
        LandingZone.UNDATED, "target_id,year,scope_code,numerator,denominator,note\r\n"
            + "T30_INTL_DIVISION,2025,HCM,650,2600,\"" + nfd + "\"\r\n")));
    assertThat(p.rows()).singleElement().satisfies(r -> assertThat(r.getString(5)).isEqualTo("Lãnh đạo cấp phòng, sở"));
  }

  @Test
  void workAndIndicatorFilesGetTheirExportDates() {
    assertThat(LandingZone.exportDate(Feed.WORK, "s3a://b/raw/work/2025/06.csv")).isEqualTo(LocalDate.of(2025, 6, 1));
    assertThat(LandingZone.exportDate(Feed.WORK, "/raw/work/2025/13.csv")).isNull();
    assertThat(LandingZone.exportDate(Feed.WORK, "/raw/work/2025/06.txt")).isNull();
    assertThat(LandingZone.exportDate(Feed.INDICATORS, "/raw/indicators/2025.csv")).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(LandingZone.exportDate(Feed.INDICATORS, "/raw/indicators/extra-2025.csv")).isEqualTo(LandingZone.UNDATED);
    assertThat(LandingZone.exportDate(Feed.INDICATORS, "/raw/indicators/old/2024.csv")).isNull();
  }
}
