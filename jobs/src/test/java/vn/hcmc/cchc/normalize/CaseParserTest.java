package vn.hcmc.cchc.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.hcmc.cchc.tables.BronzeSchema;
import vn.hcmc.cchc.reference.ReferenceLookup;

/** Every quarantine rule, its order, and the canonical values of an accepted snapshot. */
class CaseParserTest {
  static final String COMMUNE = "26734.760.H29";
  static final String PROC = "1.000001.000.00.00.H29";
  static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

  static final CaseParser PARSER = new CaseParser(reference());

  static ReferenceLookup reference() {
    ReferenceLookup r = new ReferenceLookup();
    r.addAgency(COMMUNE, LocalDate.of(2021, 1, 1), REFORM, new ReferenceLookup.Agency("commune", "760", "26734"));
    r.addAgency(COMMUNE, REFORM, null, new ReferenceLookup.Agency("commune", null, "26734"));
    r.addProcedure(PROC, LocalDate.of(2021, 1, 1), null, new ReferenceLookup.Procedure("civil_status"));
    return r;
  }

  /** A valid feed-A dossier; tests change one field at a time. */
  static Map<String, Object> dossier() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("MaHoSo", COMMUNE + "-210331-0001");
    m.put("MaTTHC", PROC);
    m.put("MaDonVi", COMMUNE);
    m.put("KenhThucHien", 2);
    m.put("MucDoDVC", "");
    m.put("LoaiDoiTuong", 1);
    m.put("TrangThaiHoSo", 10);
    m.put("NgayTiepNhan", "20210331233000");
    m.put("NgayHenTra", "20210402170000");
    m.put("NgayKetThucXuLy", "");
    m.put("NgayTra", "20210401090000");
    m.put("NgayCapNhat", "20210401090000");
    m.put("LienThong", true);
    m.put("DanhGia", 2);
    return m;
  }

  static Row bronze(String feed, String record, String parseError) {
    return new GenericRowWithSchema(new Object[] {"b1", feed, "s3a://raw/cases/dvc/2021/04/01/f.jsonl", "hash", 3L,
        LocalDate.of(2021, 4, 1), Instant.parse("2021-04-02T00:00:00Z"), record, parseError}, BronzeSchema.CASES);
  }

  static Row parse(Map<String, Object> fields) {
    return PARSER.parse(bronze("dvc", json(fields), null));
  }

  static String json(Map<String, Object> fields) {
    StringBuilder sb = new StringBuilder("{");
    fields.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":")
        .append(v instanceof String s ? '"' + s + '"' : String.valueOf(v)));
    return sb.append('}').toString();
  }

  static String reason(Row r) {
    return r.getAs("reason");
  }

  @Test
  void anAcceptedSnapshotGetsCanonicalValuesAndTheAgencyOfItsReceiptDay() {
    Row r = parse(dossier());
    assertThat(reason(r)).isNull();
    assertThat(r.<String>getAs("channel")).isEqualTo("online");
    assertThat(r.<String>getAs("online_level")).as("online without a level is partial").isEqualTo("partial");
    assertThat(r.<String>getAs("status")).isEqualTo("returned");
    assertThat(r.<String>getAs("level")).isEqualTo("commune");
    assertThat(r.<String>getAs("district_code")).isEqualTo("760");
    assertThat(r.<String>getAs("sector")).isEqualTo("civil_status");
    assertThat(r.<Instant>getAs("resolved_at")).as("return date where the result date is empty")
        .isEqualTo(Instant.parse("2021-04-01T02:00:00Z"));
    assertThat(r.<Boolean>getAs("interagency")).isTrue();
    assertThat(r.<Boolean>getAs("e_circulated")).as("a missing boolean is false").isFalse();
    assertThat(r.<Integer>getAs("rating")).isEqualTo(2);
  }

  @Test
  void receivedAt2330OnAMonthsLastDayIsThatDayLocallyAndTheSameDayInUtc() {
    Row r = parse(dossier());
    assertThat(r.<Instant>getAs("received_at")).isEqualTo(Instant.parse("2021-03-31T16:30:00Z"));
    assertThat(r.<LocalDate>getAs("received_date")).isEqualTo(LocalDate.of(2021, 3, 31));
  }

  @Test
  void receivedAt0030OnTheFirstIsTheNewMonthLocallyButTheOldOneInUtc() {
    Map<String, Object> d = dossier();
    d.put("NgayTiepNhan", "20210401003000");
    Row r = parse(d);
    assertThat(r.<Instant>getAs("received_at")).isEqualTo(Instant.parse("2021-03-31T17:30:00Z"));
    assertThat(r.<LocalDate>getAs("received_date")).isEqualTo(LocalDate.of(2021, 4, 1));
  }

  @Test
  void theAgencySnapshotInForceOnTheReceiptDayDecides() {
    Map<String, Object> d = dossier();
    d.put("NgayTiepNhan", "20250701080000");
    d.put("NgayHenTra", "20250702080000");
    d.put("NgayTra", "20250701090000");
    d.put("NgayCapNhat", "20250701090000");
    assertThat(parse(d).<String>getAs("district_code")).as("no districts from 1 Jul 2025").isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing_field       | MaTTHC          | ",
      "missing_field       | NgayCapNhat     | ''",
      "bad_date            | NgayTiepNhan    | 20210231080000",
      "bad_date            | NgayTra         | 202104010900",
      "bad_code            | KenhThucHien    | 9",
      "bad_code            | TrangThaiHoSo   | 12",
      "bad_code            | MucDoDVC        | 7",
      "bad_code            | DanhGia         | 5",
      "unknown_agency      | MaDonVi         | 99999.000.H29",
      "unknown_procedure   | MaTTHC          | 9.999999.000.00.00.H29",
      "date_order          | NgayHenTra      | 20210330080000",
      "date_order          | NgayTra         | 20210331080000",
      "missing_result_date | NgayTra         | ''",
  })
  void eachRuleHasItsReason(String reason, String field, String value) {
    Map<String, Object> d = dossier();
    if (value == null) {
      d.remove(field);
    } else {
      d.put(field, value.matches("[0-9]{1,2}") ? (Object) Integer.valueOf(value) : value);
    }
    Row r = parse(d);
    assertThat(reason(r)).isEqualTo(reason);
    assertThat(r.<String>getAs("detail")).contains(field);
  }

  @Test
  void aRecordBreakingSeveralRulesGetsTheFirstOfTheList() {
    Map<String, Object> d = dossier();
    d.put("KenhThucHien", 9);           // bad_code
    d.put("NgayHenTra", "20210230080000"); // bad_date: comes first
    d.put("MaDonVi", "nowhere");         // unknown_agency
    assertThat(reason(parse(d))).isEqualTo("bad_date");
  }

  @Test
  void anUnparseableRecordIsMalformed() {
    Row r = PARSER.parse(bronze("dvc", "{\"MaHoSo\": \"X", "invalid JSON near column 13"));
    assertThat(reason(r)).isEqualTo("malformed_record");
    assertThat(r.<String>getAs("detail")).isEqualTo("invalid JSON near column 13");
    assertThat(r.<Long>getAs("line_number")).isEqualTo(3L);
  }

  @Test
  void legacyLabelsInAnyCaseSpacingAndNormalisationAreUnderstood() {
    String record = "{\"Mã hồ sơ\":\"L-1\",\"Mã thủ tục\":\"" + PROC + "\",\"Mã đơn vị\":\"" + COMMUNE + "\","
        + "\"Kênh\":\"  TRỰC   TUYẾN \",\"Mức độ\":\"Toàn trình\",\"Đối tượng\":\"doanh nghiệp\","
        + "\"Trạng thái\":\"Đã có kết quả\",\"Ngày tiếp nhận\":\"01/04/2021 08:15\",\"Ngày hẹn trả\":\"05/04/2021\","
        + "\"Ngày có kết quả\":\"01/04/2021 16:00\",\"Ngày cập nhật\":\"01/04/2021 16:00\",\"Thư xin lỗi\":\"Có\","
        + "\"Đánh giá\":\"Không hài lòng\"}";
    Row r = PARSER.parse(bronze("legacy", java.text.Normalizer.normalize(record, java.text.Normalizer.Form.NFD), null));
    assertThat(reason(r)).isNull();
    assertThat(r.<String>getAs("channel")).isEqualTo("online");
    assertThat(r.<String>getAs("online_level")).isEqualTo("full");
    assertThat(r.<String>getAs("applicant_type")).isEqualTo("enterprise");
    assertThat(r.<String>getAs("status")).isEqualTo("finished");
    assertThat(r.<Instant>getAs("due_at")).as("a date without time is 00:00 local")
        .isEqualTo(Instant.parse("2021-04-04T17:00:00Z"));
    assertThat(r.<Boolean>getAs("apology_letter")).isTrue();
    assertThat(r.<Integer>getAs("rating")).isEqualTo(3);
  }

  @Test
  void legacyThirtyFirstOfFebruaryIsABadDate() {
    String record = "{\"Mã hồ sơ\":\"L-2\",\"Mã thủ tục\":\"" + PROC + "\",\"Mã đơn vị\":\"" + COMMUNE + "\","
        + "\"Kênh\":\"Trực tiếp\",\"Trạng thái\":\"Đã tiếp nhận\",\"Ngày tiếp nhận\":\"31/02/2021 08:00\","
        + "\"Ngày hẹn trả\":\"05/04/2021\",\"Ngày cập nhật\":\"01/04/2021 10:00\"}";
    assertThat(reason(PARSER.parse(bronze("legacy", record, null)))).isEqualTo("bad_date");
  }

  @Test
  void withdrawnWithoutAWithdrawalDateIsClosedAtItsUpdateTime() {
    Map<String, Object> d = dossier();
    d.put("TrangThaiHoSo", 7);
    d.put("NgayTra", "");
    d.put("NgayCapNhat", "20210401100000");
    Row r = parse(d);
    assertThat(r.<String>getAs("status")).isEqualTo("withdrawn");
    assertThat(r.<Instant>getAs("withdrawn_at")).isEqualTo(Instant.parse("2021-04-01T03:00:00Z"));
  }

  @Test
  void snapshotKeysOrderByUpdateTimeThenExportDayThenFileAndLine() {
    String k = parse(dossier()).getAs("snapshot_key");
    assertThat(k).isEqualTo("20210401090000|2021-04-01|f.jsonl|0000000003");
  }
  /** Issue 16, 4: a withdrawal with no date before the receipt gave negative stocks in the marts. */
  @Test
  void anUpdateBeforeTheReceiptIsADateOrderSoNoDossierClosesBeforeItOpens() {
    Map<String, Object> d = dossier();
    d.put("TrangThaiHoSo", 7);
    d.put("NgayTra", "");
    d.put("NgayCapNhat", "20210331100000"); // withdrawn_at would be this, 13.5 hours before the receipt
    Row r = parse(d);
    assertThat(reason(r)).isEqualTo("date_order");
    assertThat(r.<String>getAs("detail")).isEqualTo("NgayCapNhat is before NgayTiepNhan");
  }

  /** Issue 16, 5: a typo of 2031 in a 2021 export stretched every mart to 2031. */
  @ParameterizedTest
  @CsvSource({"NgayCapNhat,20310401090000", "NgayTra,20210402000001", "NgayTiepNhan,20210402080000"})
  void anInstantAfterTheEndOfItsExportDayIsABadDate(String field, String value) {
    Map<String, Object> d = dossier(); // exported on 1 April 2021
    d.put(field, value);
    Row r = parse(d);
    assertThat(reason(r)).isEqualTo("bad_date");
    assertThat(r.<String>getAs("detail")).isEqualTo(field + " is after the end of its export day 2021-04-01");
  }

  @Test
  void theDeadlineMayLieAfterTheExportDayAndMidnightClosesIt() {
    Map<String, Object> d = dossier();
    d.put("NgayHenTra", "20310402170000");
    d.put("NgayCapNhat", "20210402000000");
    d.put("NgayTra", "20210402000000");
    assertThat(reason(parse(d))).isNull();
  }

  /** Issue 16, 2: a detail names the field and what was expected, and quotes only a value of the field's shape. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DanhGia|\"0912345678\"|DanhGia is not a rating (0-3, or its label)",
      "LoaiDoiTuong|79301005678|LoaiDoiTuong is not an applicant type (1-4, or its label)",
      "LienThong|\"Trần Thị Bích\"|LienThong is not yes/no (true, false, Có, Không or empty)",
      "MaDonVi|\"Lê Văn Cường\"|MaDonVi is not in the agency snapshot in force on 2021-03-31",
      "NgayTiepNhan|\"0912345678\"|NgayTiepNhan is not a date of the form yyyyMMddHHmmss",
      "KenhThucHien|7|KenhThucHien '7' is not a channel (1-3, or Trực tiếp, Trực tuyến, Bưu chính công ích)",
      "MaTTHC|\"9.999999.000.00.00.H29\"|MaTTHC '9.999999.000.00.00.H29' is not in the catalogue in force on 2021-03-31"})
  void aDetailQuotesAValueOnlyInTheShapeItsFieldExpects(String field, String json, String detail) {
    Map<String, Object> d = dossier();
    d.put(field, new Object() {
      @Override
      public String toString() {
        return json; // raw JSON: a number or a quoted string
      }
    });
    Row r = parse(d);
    assertThat(r.<String>getAs("detail")).isEqualTo(detail);
  }

  /** Feed A's dates are read by hand; they must accept and refuse exactly what the strict formatter does. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"20210519083000", "20200229000000", "20211231235959",
      "00000101000000", "20210230083000", "20210229000000", "20211231240000", "20211301000000", "20210100000000",
      "20210519086000", "2021051908300", "2021-05-19T083", "+0210519083000", "２０２１0519083000", ""})
  void feedADatesAreReadAsTheStrictFormatterReadsThem(String value) {
    java.time.format.DateTimeFormatter strict = java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss",
        java.util.Locale.ROOT).withResolverStyle(java.time.format.ResolverStyle.STRICT);
    java.time.LocalDateTime expected;
    try {
      expected = java.time.LocalDateTime.parse(value, strict);
    } catch (java.time.format.DateTimeParseException e) {
      expected = null;
    }
    java.time.LocalDateTime read;
    try {
      read = CaseParser.date("dvc", "NgayTiepNhan", value);
    } catch (CaseParser.Rejected e) {
      // quoted only in the shape of a date: 13 digits could be a tax code, and is never echoed
      assertThat(e.getMessage()).startsWith(value.matches("[0-9]{14}") ? "NgayTiepNhan '" + value + "' is not"
          : "NgayTiepNhan is not");
      read = null;
    }
    assertThat(read).isEqualTo(expected);
  }
}
