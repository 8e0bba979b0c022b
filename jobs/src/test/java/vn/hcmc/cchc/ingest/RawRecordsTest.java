package vn.hcmc.cchc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.pii.Pseudonymizer;
import vn.hcmc.cchc.text.FileText;

class RawRecordsTest {
  private static final Pseudonymizer PII = new Pseudonymizer("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final String HEADER = "Mã hồ sơ;Kênh;Họ tên;Số định danh;Số điện thoại";

  @Test
  void ownerFieldsAndUnknownKeysOfAJsonRecordBecomeTokensAndTheRestIsKept() {
    RawRecords.Parsed p = RawRecords.jsonLine(7, "{\"MaHoSo\":\"X-1\",\"Extra\":5,\"ChuHoSo\":"
        + "{\"HoTen\":\"Nguyễn Văn An\",\"SoDinhDanh\":\"079201001234\",\"SoDienThoai\":\"0901234567\"}}", PII);
    assertThat(p.parseError()).isNull();
    assertThat(p.lineNumber()).isEqualTo(7);
    // a key nobody knows cannot be classified: its value is treated as personal
    assertThat(p.record()).contains("\"MaHoSo\":\"X-1\"", "\"Extra\":\"" + PII.token("5") + "\"", "\"HoTen\":\"h:")
        .doesNotContain("Nguyễn", "079201001234", "0901234567");
  }

  /** Masked in place: spacing and escapes kept, every value that may not stay in clear replaced, whatever its shape. */
  @Test
  void aSpacedJsonRecordKeepsItsShapeAndLosesEveryPersonalValueWhateverItsType() {
    String line = "{ \"MaHoSo\" : \"X-\\u0031\" , \"DanhGia\": 901234567, \"LienThong\": true,"
        + " \"Ghi chú\": [\"Lê Văn Tám\", 1], \"ChuHoSo\": {\"HoTen\": \"Lê \\\"Tám\\\"\", \"SoDinhDanh\": 79201001234,"
        + " \"XacThuc\": false, \"x\": {\"y\": \"z\"}}} trailing 0977777777";
    RawRecords.Parsed p = RawRecords.jsonLine(1, line, PII);
    assertThat(p.parseError()).as(p.record()).isNull();
    assertThat(p.record())
        .startsWith("{ \"MaHoSo\" : \"X-\\u0031\" , ")
        .contains("\"DanhGia\": \"" + PII.token("901234567") + "\"", "\"LienThong\": true",
            "\"SoDinhDanh\": \"" + PII.token("79201001234") + "\"", "\"XacThuc\": \"" + PII.token("false") + "\"")
        .doesNotContain("Lê", "Tám", "901234567", "79201001234", "Ghi chú", "0977777777", "trailing")
        .endsWith("}}");
  }

  @Test
  void aBrokenJsonLineIsKeptWithItsPersonalValuesReplaced() {
    RawRecords.Parsed p = RawRecords.jsonLine(1,
        "{\"MaHoSo\": \"X-2\", \"ChuHoSo\": {\"HoTen\": \"Võ Thị Hồng\", \"SoDienThoai\": \"0977 777 777\"", PII);
    assertThat(p.parseError()).startsWith("invalid JSON");
    assertThat(p.record()).contains("X-2").doesNotContain("Võ Thị Hồng", "0977 777 777", "0977777777");
  }

  @Test
  void nfdLegacyFileWithByteOrderMarkGivesNfcHeadersAndTokens() throws Exception {
    String text = HEADER + "\r\nA-1;Trực tuyến;Ngô Thị Mai;079303002222;0955555555\r\n";
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = Normalizer.normalize(text, Normalizer.Form.NFD).getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    String decoded = FileText.decode(new ByteArrayInputStream(all));
    List<RawRecords.Parsed> records = RawRecords.parse(Feed.LEGACY, decoded, PII);
    assertThat(records).hasSize(1);
    String record = records.get(0).record();
    assertThat(record).startsWith("{\"Mã hồ sơ\":\"A-1\"").doesNotContain("079303002222", "0955555555");
    // the same name in NFC and NFD gets one token
    String nfcToken = PII.token("Ngô Thị Mai");
    assertThat(record).contains(nfcToken);
    assertThat(PII.token(Normalizer.normalize("Ngô Thị Mai", Normalizer.Form.NFD))).isEqualTo(nfcToken);
  }

  @Test
  void aLegacyRecordWithTooFewFieldsIsKeptAsMalformed() {
    List<RawRecords.Parsed> records = RawRecords.parse(Feed.LEGACY, HEADER + "\nA-2;Trực tiếp;Bùi Văn Nam\n", PII);
    assertThat(records).singleElement().satisfies(p -> {
      assertThat(p.parseError()).contains("3 fields where the header has 5");
      assertThat(p.record()).contains("A-2").doesNotContain("Bùi Văn Nam");
    });
  }

  @Test
  void aHeaderOnlyFileHasNoRecords() {
    assertThat(RawRecords.parse(Feed.LEGACY, HEADER + "\r\n", PII)).isEmpty();
    assertThat(RawRecords.parse(Feed.DVC, "\n\n", PII)).isEmpty();
  }

  @Test
  void aDuplicateKeyMakesTheRecordMalformedWithoutQuotingIt() {
    RawRecords.Parsed p = RawRecords.jsonLine(3, "{\"MaHoSo\":\"X-3\",\"TrangThaiHoSo\":4,\"TrangThaiHoSo\":9,"
        + "\"ChuHoSo\":{\"HoTen\":\"Bùi Văn Nam\"}}", PII);
    assertThat(p.parseError()).isEqualTo("duplicate key near column 50");
    assertThat(p.record()).contains("X-3").doesNotContain("Bùi Văn Nam");
  }

  /** Issue 16, 1: a header that differs only in letter case used to fail open (names in clear, missing_field). */
  @Test
  void aLegacyHeaderInAnotherLetterCaseIsRecognisedAndItsPersonalColumnsTokenised() {
    String header = "Mã Hồ Sơ;KÊNH;Họ Tên;Số Định Danh;Số Điện Thoại";
    List<RawRecords.Parsed> records = RawRecords.parse(Feed.LEGACY, header + "\nA-3;Trực tiếp;Bùi Văn Nam;079088003333;"
        + "0966666666\n", PII);
    assertThat(records).singleElement().satisfies(p -> {
      assertThat(p.parseError()).isNull();
      assertThat(p.record()).contains("\"Mã Hồ Sơ\":\"A-3\"", "\"KÊNH\":\"Trực tiếp\"",
          "\"Họ Tên\":\"" + PII.token("Bùi Văn Nam") + "\"").doesNotContain("Bùi", "079088003333", "0966666666");
    });
  }

  /** A column no header names is personal, and so is a header that is data (a file without its header row). */
  @Test
  void aColumnThatCannotBeIdentifiedIsTokenisedWithItsHeader() {
    String text = "Mã hồ sơ;Ghi chú;Lê Văn Cường\nA-4;gọi Trần Thị Bích;0987654321\n";
    String record = RawRecords.parse(Feed.LEGACY, text, PII).get(0).record();
    assertThat(record).contains("\"Mã hồ sơ\":\"A-4\"", PII.token("gọi Trần Thị Bích"), PII.token("Lê Văn Cường"))
        .doesNotContain("Trần Thị Bích", "Lê Văn Cường", "Ghi chú", "0987654321");
  }

  /** Issue 16, 2: a misaligned export puts personal values in columns that are not the applicant's. */
  @Test
  void personalValuesInOtherFieldsOfAJsonRecordAreMasked() {
    RawRecords.Parsed p = RawRecords.jsonLine(1, "{\"MaHoSo\":\"X-5\",\"LoaiDoiTuong\":79301005678,"
        + "\"DanhGia\":\"0912345678\",\"LienThong\":\"Trần Thị Bích\",\"KenhThucHien\":2,\"LuanChuyenDienTu\":true,"
        + "\"chuHoSo\":{\"hoTen\":\"Võ Thị Hồng\"},\"Võ Thị Hồng\":1}", PII);
    assertThat(p.record()).contains("\"MaHoSo\":\"X-5\"", "\"KenhThucHien\":2", "\"LuanChuyenDienTu\":true",
        "\"DanhGia\":\"" + PII.token("0912345678") + "\"")
        .doesNotContain("079301005678", "79301005678", "0912345678", "Trần Thị Bích", "Võ Thị Hồng");
  }

  @Test
  void aBrokenJsonLineIsMaskedByKeyAndEverythingUnclassifiedInItToo() {
    String line = "{\"MaHoSo\": \"X-6\", \"NgayTiepNhan\": \"20210331090000\", \"DanhGia\": \"0912345678\", "
        + "Nguyễn Văn An, 079201001234, \"Ghi chú\": \"Lê Văn Cường";
    String record = RawRecords.jsonLine(1, line, PII).record();
    assertThat(record).contains("\"MaHoSo\": \"X-6\"", "\"NgayTiepNhan\": \"20210331090000\"")
        .doesNotContain("0912345678", "Nguyễn", "079201001234", "Ghi chú", "Lê Văn Cường");
  }

  /** Issue 16, 10: the digit masking of broken records masked inside the tokens it had written. */
  @Test
  void numberMaskingLeavesTokensAsTheyAre() {
    String token = PII.token("Nguyễn Văn An");
    String withDigits = "h:0123456789" + token.substring(12);
    assertThat(PII.scrubNumbers(withDigits + " 0912 345 678")).isEqualTo(withDigits + " " + PII.token("0912345678"));
  }
}
