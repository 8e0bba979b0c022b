package vn.hcmc.cchc.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.marts.MartsJob;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Issue 16, 3: personal values in every column of both feeds, under every header variant (RAW.md's,
 * upper case, title case, NFD, stray spaces, a byte-order mark, an unknown column, no header row at
 * all), in records that parse and records that do not, through ingest, normalize and marts: none of
 * them reaches any table or any log line, and nothing is lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataEverywhereTest {
  /** Names, a citizen ID, tax codes of 10 and 13 digits, phones plain and spaced: written in clear. */
  private static final List<String> PERSONAL = List.of("Trịnh Thị Xuân Quỳnh", "079312345678", "0909123456",
      "0318765432", "Lâm Quốc Vĩnh Khang", "0318765432001", "+84 909 123 457");
  private static final String DVC = "cases/dvc/2021/04/02/";
  private static final String LEGACY = "cases/legacy/2021/04/02/";
  private static final List<String> DVC_FIELDS = List.of("MaHoSo", "MaTTHC", "MaDonVi", "KenhThucHien", "MucDoDVC",
      "LoaiDoiTuong", "TrangThaiHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayRut",
      "NgayCapNhat", "LienThong", "LuanChuyenDienTu", "CoDuLieuDaCo", "DuocTaiSuDung", "DuocSoHoa", "XacThucVNeID",
      "ThietBi", "ThanhToanTrucTuyen", "CoThuXinLoi", "DanhGia");

  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  private Warehouse warehouse;
  private IngestJob.Result ingest;
  private NormalizeJob.Result normalize;
  private int seq;
  private final List<String> legacyClean = new ArrayList<>();

  @BeforeAll
  void runThePipelineOverPersonalDataInEveryColumn() throws IOException {
    SparkSession spark = TestSpark.session();
    Path raw = TestSpark.tempDir("raw-pii");
    Fixtures.copy("basic", raw, "reference/");
    writeFeedA(raw);
    writeFeedB(raw);
    writeSideFeeds(raw);
    warehouse = new Warehouse(spark, TestSpark.tempDir("wh-pii").toString());
    AbstractAppender capture = capture();
    try {
      ingest = new IngestJob(warehouse, new DeltaWriter(warehouse, "pii-1"), Fixtures.PII).run(raw.toString(),
          Instant.now());
      normalize = new NormalizeJob(warehouse, new DeltaWriter(warehouse, "pii-2")).run(Instant.now());
      new MartsJob(warehouse, new DeltaWriter(warehouse, "pii-3"), Fixtures.REFERENCE).run(false);
    } finally {
      release(capture);
    }
  }

  @Test
  void noPersonalValueIsInAnyTable() {
    int tables = 0;
    for (Table t : Table.values()) {
      if (warehouse.exists(t)) {
        tables++;
        String all = warehouse.read(t).collectAsList().stream().map(Row::toString).collect(Collectors.joining("\n"));
        assertNoPersonalValue(t.sqlName(), all);
      }
    }
    assertThat(tables).as("bronze, silver, gold and ops tables were searched").isGreaterThanOrEqualTo(10);
  }

  @Test
  void noPersonalValueIsInAnyLogLine() {
    assertThat(logLines).as("the stages logged their summaries").anyMatch(l -> l.startsWith("normalize:"));
    assertNoPersonalValue("the log", String.join("\n", logLines));
  }

  @Test
  void nothingIsLostAndEveryHeaderVariantIsRead() {
    assertThat(ingest.bronzeRows()).isEqualTo(ingest.rawRecords());
    assertThat(normalize.accepted() + normalize.quarantined()).isEqualTo(normalize.bronzeRows());
    // the applicant's columns moved out of the way: each header variant's clean row is a dossier in silver
    List<String> inSilver = warehouse.read(Table.SILVER_CASES).filter("applicant_name_token = '"
        + Fixtures.PII.token(PERSONAL.get(0)) + "'").select("dossier_id").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    assertThat(inSilver).containsAll(legacyClean).hasSizeGreaterThan(legacyClean.size());
  }

  private static void assertNoPersonalValue(String where, String text) {
    String words = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    String digits = text.replaceAll("[ .+-]", "");
    for (String p : PERSONAL) {
      if (p.chars().anyMatch(Character::isLetter)) {
        assertThat(words).as("%s holds %s", where, p).doesNotContain(p.toLowerCase(Locale.ROOT));
      } else {
        assertThat(digits).as("%s holds %s", where, p).doesNotContain(p.replaceAll("[ .+-]", ""));
      }
    }
  }

  private String personal() {
    return PERSONAL.get(seq % PERSONAL.size());
  }

  // ---- feed A: a valid dossier, then each field in turn holding a personal value

  private Map<String, Object> dossier() {
    seq++;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("MaHoSo", "000.01.00.H29-210402-" + String.format("%04d", seq));
    m.put("MaTTHC", "1.000003.000.00.00.H29");
    m.put("MaDonVi", "000.01.00.H29");
    m.put("KenhThucHien", 1);
    m.put("MucDoDVC", "");
    m.put("LoaiDoiTuong", 1);
    m.put("TrangThaiHoSo", 2);
    m.put("NgayTiepNhan", "20210402090000");
    m.put("NgayHenTra", "20210416170000");
    m.put("NgayCapNhat", "20210402090000");
    m.put("LienThong", false);
    m.put("ChuHoSo", owner());
    return m;
  }

  private Map<String, Object> owner() {
    return new LinkedHashMap<>(Map.of("HoTen", PERSONAL.get(0), "SoDinhDanh", PERSONAL.get(1), "SoDienThoai",
        PERSONAL.get(2)));
  }

  private void writeFeedA(Path raw) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(json(dossier()));
    for (String field : DVC_FIELDS) {
      Map<String, Object> d = dossier();
      d.put(field, personal());
      lines.add(json(d));
      Map<String, Object> asNumber = dossier(); // an ID number as a JSON number in a numeric column
      asNumber.put(field, 79312345678L);
      lines.add(json(asNumber));
    }
    Map<String, Object> unknown = dossier();
    unknown.put("GhiChu", PERSONAL.get(4));
    unknown.put(PERSONAL.get(0), 1);
    unknown.put("ghichu_2", Map.of("Ten", PERSONAL.get(0), "So", List.of(PERSONAL.get(2))));
    lines.add(json(unknown));
    Map<String, Object> lowerCase = dossier();
    lowerCase.remove("ChuHoSo");
    lowerCase.put("chuHoSo", Map.of("hoten", PERSONAL.get(4), "SODINHDANH", PERSONAL.get(5)));
    lowerCase.put("HoTen", PERSONAL.get(0));
    lines.add(json(lowerCase));
    Map<String, Object> ownerAsText = dossier();
    ownerAsText.put("ChuHoSo", PERSONAL.get(4) + " " + PERSONAL.get(6));
    lines.add(json(ownerAsText));
    Map<String, Object> nestedOwner = dossier();
    nestedOwner.put("ChuHoSo", Map.of("HoTen", Map.of("Ten", PERSONAL.get(0)), PERSONAL.get(4), PERSONAL.get(1)));
    lines.add(json(nestedOwner));
    lines.add("[\"" + PERSONAL.get(0) + "\", " + PERSONAL.get(1).substring(1) + ", \"" + PERSONAL.get(6) + "\"]");
    lines.add("{\"MaHoSo\": \"X-1\", \"ChuHoSo\": {\"HoTen\": \"" + PERSONAL.get(4) + "\", \"SoDienThoai\": \"0909 123 456");
    lines.add("{MaHoSo: " + PERSONAL.get(0) + ", \"DanhGia\": \"" + PERSONAL.get(3) + "\", " + PERSONAL.get(1) + "}");
    lines.add(json(dossier()).replace("\"KenhThucHien\":1", "\"KenhThucHien\":1,\"KenhThucHien\":\"" + PERSONAL.get(0)
        + "\""));
    write(raw, DVC + "pii.jsonl", String.join("\n", lines) + "\n");
  }

  private static String json(Map<String, Object> fields) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- feed B: every header variant, the applicant's columns and then every column holding personal values

  private static final String HEADER = "Mã hồ sơ;Mã thủ tục;Mã đơn vị;Kênh;Mức độ;Đối tượng;Trạng thái;Ngày tiếp nhận;"
      + "Ngày hẹn trả;Ngày có kết quả;Ngày trả kết quả;Ngày rút;Ngày cập nhật;Liên thông;Luân chuyển điện tử;"
      + "Có dữ liệu đã có;Tái sử dụng dữ liệu;Số hóa;Xác thực VNeID;Thanh toán trực tuyến;Thư xin lỗi;Thiết bị;"
      + "Đánh giá;Họ tên;Số định danh;Số điện thoại";

  private List<String> legacyRow() {
    seq++;
    return new ArrayList<>(List.of(("26734.760.H29-210402-" + String.format("%04d", seq) + ";1.000001.000.00.00.H29;"
        + "26734.760.H29;Trực tiếp;;Công dân;Đã tiếp nhận;02/04/2021 09:00;05/04/2021 17:00;;;;02/04/2021 09:00;;;;;;;;;;;"
        + PERSONAL.get(0) + ";" + PERSONAL.get(1) + ";" + PERSONAL.get(2)).split(";", -1)));
  }

  private void writeFeedB(Path raw) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("raw-md", HEADER);
    headers.put("upper", HEADER.toUpperCase(Locale.ROOT));
    headers.put("title", titleCase(HEADER));
    headers.put("nfd", Normalizer.normalize(HEADER, Normalizer.Form.NFD));
    headers.put("spaces", " " + HEADER.replace(";", " ;  ").replace("hồ sơ", "hồ   sơ") + " ");
    headers.put("bom-lower", "\uFEFF" + HEADER.toLowerCase(Locale.ROOT));
    for (Map.Entry<String, String> h : headers.entrySet()) {
      List<String> rows = new ArrayList<>(List.of(h.getValue()));
      List<String> clean = legacyRow();
      rows.add(String.join(";", clean));
      legacyClean.add(clean.get(0));
      for (int c = 0; c < 23; c++) {
        List<String> row = legacyRow();
        row.set(c, personal());
        rows.add(String.join(";", row));
      }
      write(raw, LEGACY + "pii-" + h.getKey() + ".csv", String.join("\r\n", rows) + "\r\n");
    }
    // a column nobody knows, a file without its header row, broken rows
    List<String> extra = legacyRow();
    extra.add(PERSONAL.get(4));
    write(raw, LEGACY + "pii-extra-column.csv", HEADER + ";Ghi chú\n" + String.join(";", extra) + "\n");
    write(raw, LEGACY + "pii-no-header.csv", String.join(";", legacyRow()) + "\n" + String.join(";", legacyRow()) + "\n");
    List<String> tooMany = legacyRow();
    tooMany.add(PERSONAL.get(6));
    write(raw, LEGACY + "pii-broken.csv", HEADER + "\n" + String.join(";", tooMany) + "\n"
        + String.join(";", legacyRow()).replace(PERSONAL.get(0), "\"" + PERSONAL.get(0)) + "\n");
  }

  /**
   * Feeds C and D carry no personal data, but a hand-written file may: numbers in a note are masked
   * (a name in a note's free text cannot be located, and notes are kept); a rejected line keeps only
   * its code-shaped parts (a name for an agency code, a phone, an ID number are masked).
   */
  private static void writeSideFeeds(Path raw) throws IOException {
    write(raw, "work/2021/04.csv", "agency_code,total,processed_online,classified\n000.01.00.H29,10,5,0\n"
        + PERSONAL.get(2) + ",5,5,0\n000.01.00.H29," + PERSONAL.get(1) + ",1,0\n" + PERSONAL.get(4) + ",3,1,0\n");
    write(raw, "indicators/2021.csv", "target_id,year,scope_code,numerator,denominator,note\n"
        + "T25_DATABASES,2021,HCM,20,24,gọi " + PERSONAL.get(6) + " hoặc " + PERSONAL.get(5) + "\n"
        + "T30_BANK_ACCOUNTS,2021,HCM," + PERSONAL.get(3) + ",x," + PERSONAL.get(1) + "\n");
  }

  private static String titleCase(String s) {
    StringBuilder sb = new StringBuilder();
    boolean start = true;
    for (char c : s.toCharArray()) {
      sb.append(start ? Character.toUpperCase(c) : c);
      start = c == ' ' || c == ';';
    }
    return sb.toString();
  }

  private static void write(Path raw, String rel, String text) throws IOException {
    Path f = raw.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.write(f, text.getBytes(StandardCharsets.UTF_8));
  }

  // ---- every log event of the run, at every level the loggers let through

  private AbstractAppender capture() {
    AbstractAppender appender = new AbstractAppender("pii-capture", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        StringBuilder sb = new StringBuilder(event.getMessage().getFormattedMessage());
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
          sb.append(" | ").append(t);
        }
        logLines.add(sb.toString());
      }
    };
    appender.start();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
    ctx.updateLoggers();
    return appender;
  }

  private static void release(AbstractAppender appender) {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
    ctx.updateLoggers();
    appender.stop();
  }
}
