package vn.hcmc.cchc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.pii.Pseudonymizer;

class RawRecordsTest {
  private static final Pseudonymizer PII = new Pseudonymizer("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final String HEADER = "Mã hồ sơ;Kênh;Họ tên;Số định danh;Số điện thoại";

  @Test
  void ownerFieldsOfAJsonRecordBecomeTokensAndTheRestIsKept() {
    RawRecords.Parsed p = RawRecords.jsonLine(7, "{\"MaHoSo\":\"X-1\",\"Extra\":5,\"ChuHoSo\":"
        + "{\"HoTen\":\"Nguyễn Văn An\",\"SoDinhDanh\":\"079201001234\",\"SoDienThoai\":\"0901234567\"}}", PII);
    assertThat(p.parseError()).isNull();
    assertThat(p.lineNumber()).isEqualTo(7);
    assertThat(p.record()).contains("\"MaHoSo\":\"X-1\"", "\"Extra\":5", "\"HoTen\":\"h:")
        .doesNotContain("Nguyễn", "079201001234", "0901234567");
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
    String decoded = RawRecords.decode(new ByteArrayInputStream(all));
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
}
