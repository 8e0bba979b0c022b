package vn.hcmc.cchc.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a generated landing zone the way the warehouse is specified to (WAREHOUSE.md): parses both
 * case feeds, applies the quarantine rules in their order, and keeps each dossier's latest valid
 * snapshot. Written independently of the generator's code, to check what it wrote.
 */
final class RawLandingZone {
  static final String LEGACY_HEADER = "Mã hồ sơ;Mã thủ tục;Mã đơn vị;Kênh;Mức độ;Đối tượng;Trạng thái;"
      + "Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả;Ngày trả kết quả;Ngày rút;Ngày cập nhật;Liên thông;"
      + "Luân chuyển điện tử;Có dữ liệu đã có;Tái sử dụng dữ liệu;Số hóa;Xác thực VNeID;Thanh toán trực tuyến;"
      + "Thư xin lỗi;Thiết bị;Đánh giá;Họ tên;Số định danh;Số điện thoại";
  static final String[] JSON_KEYS = {"MaHoSo", "MaTTHC", "MaDonVi", "KenhThucHien", "MucDoDVC", "LoaiDoiTuong",
    "TrangThaiHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayRut", "NgayCapNhat",
    "LienThong", "LuanChuyenDienTu", "CoDuLieuDaCo", "DuocTaiSuDung", "DuocSoHoa", "XacThucVNeID",
    "ThanhToanTrucTuyen", "CoThuXinLoi", "ThietBi", "DanhGia", "HoTen", "SoDinhDanh", "SoDienThoai"};
  static final String[] REQUIRED = {"MaHoSo", "MaTTHC", "MaDonVi", "KenhThucHien", "TrangThaiHoSo",
    "NgayTiepNhan", "NgayHenTra", "NgayCapNhat"};
  static final String[] DATES = {"NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayRut",
    "NgayCapNhat"};
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter COMPACT =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter LEGACY_TIME =
      DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter LEGACY_DATE =
      DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

  /** One raw record: where it came from, and its values under feed A's names ("" = empty). */
  static final class Raw {
    final String feed;
    final String file;
    final LocalDate exportDay;
    final int index;
    final boolean malformed;
    final Map<String, String> v;
    String reason;
    LocalDateTime received;
    LocalDateTime due;
    LocalDateTime finished;
    LocalDateTime returned;
    LocalDateTime withdrawn;
    LocalDateTime updated;
    int channel;
    int status;
    String level;
    int rating;

    Raw(String feed, String file, LocalDate exportDay, int index, boolean malformed, Map<String, String> v) {
      this.feed = feed;
      this.file = file;
      this.exportDay = exportDay;
      this.index = index;
      this.malformed = malformed;
      this.v = v;
    }

    String get(String key) {
      return v.getOrDefault(key, "");
    }

    boolean flag(String key) {
      String s = get(key).trim().toLowerCase(Locale.ROOT);
      return s.equals("true") || s.equals("có");
    }

    LocalDateTime resolvedAt() {
      return finished != null ? finished : returned;
    }
  }

  final Path root;
  final List<Raw> records = new ArrayList<>();
  final List<Path> legacyFiles = new ArrayList<>();
  final List<Path> dvcFiles = new ArrayList<>();
  private final TreeMap<LocalDate, Set<String>> agencies = new TreeMap<>();
  private final TreeMap<LocalDate, Set<String>> procedures = new TreeMap<>();

  RawLandingZone(Path root) {
    this.root = root;
    try {
      for (Path p : list(root.resolve("reference/agencies"))) {
        agencies.put(LocalDate.parse(p.getFileName().toString().replace(".csv", "")), codes(p));
      }
      for (Path p : list(root.resolve("reference/procedures"))) {
        procedures.put(LocalDate.parse(p.getFileName().toString().replace(".csv", "")), codes(p));
      }
      if (Files.isDirectory(root.resolve("cases/dvc"))) {
        dvcFiles.addAll(list(root.resolve("cases/dvc")));
      }
      if (Files.isDirectory(root.resolve("cases/legacy"))) {
        legacyFiles.addAll(list(root.resolve("cases/legacy")));
      }
      for (Path p : dvcFiles) {
        readJson(p);
      }
      for (Path p : legacyFiles) {
        readCsv(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Raw r : records) {
      r.reason = validate(r);
    }
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static Set<String> codes(Path csv) throws IOException {
    Set<String> out = new HashSet<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      out.add(lines.get(i).split(",", 2)[0]);
    }
    return out;
  }

  private LocalDate exportDay(Path file) {
    Path rel = file.getParent();
    return LocalDate.of(Integer.parseInt(rel.getParent().getParent().getFileName().toString()),
        Integer.parseInt(rel.getParent().getFileName().toString()), Integer.parseInt(rel.getFileName().toString()));
  }

  private void readJson(Path file) throws IOException {
    List<String> lines;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    LocalDate day = exportDay(file);
    for (int i = 0; i < lines.size(); i++) {
      Map<String, String> v = new LinkedHashMap<>();
      boolean malformed = false;
      try {
        JsonNode n = JSON.readTree(lines.get(i));
        if (n == null || !n.isObject()) {
          malformed = true;
        } else {
          flatten(n, v);
        }
      } catch (IOException e) {
        malformed = true;
      }
      records.add(new Raw("dvc", root.relativize(file).toString(), day, i, malformed, v));
    }
  }

  private static void flatten(JsonNode n, Map<String, String> v) {
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode x = e.getValue();
      if (x.isObject()) {
        flatten(x, v);
      } else {
        v.put(e.getKey(), x.isNull() ? "" : x.asText());
      }
    }
  }

  private void readCsv(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    text = Normalizer.normalize(text, Normalizer.Form.NFC);
    List<List<String>> rows = new ArrayList<>();
    List<Boolean> broken = new ArrayList<>();
    parseCsv(text, rows, broken);
    if (rows.isEmpty() || !String.join(";", rows.get(0)).equals(LEGACY_HEADER)) {
      throw new IllegalStateException("bad header in " + file);
    }
    LocalDate day = exportDay(file);
    for (int i = 1; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      boolean malformed = broken.get(i) || row.size() != JSON_KEYS.length;
      Map<String, String> v = new LinkedHashMap<>();
      if (!malformed) {
        for (int c = 0; c < JSON_KEYS.length; c++) {
          v.put(JSON_KEYS[c], row.get(c));
        }
      }
      records.add(new Raw("legacy", root.relativize(file).toString(), day, i - 1, malformed, v));
    }
  }

  /** RFC 4180 with ';': quoted fields may hold ';', '"' (doubled) and line breaks. */
  static void parseCsv(String text, List<List<String>> rows, List<Boolean> broken) {
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean inQuotes = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            f.append('"');
            i += 2;
            continue;
          }
          inQuotes = false;
        } else {
          f.append(c);
        }
      } else if (c == '"' && f.length() == 0) {
        inQuotes = true;
      } else if (c == ';') {
        row.add(f.toString());
        f.setLength(0);
      } else if (c == '\n') {
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        broken.add(false);
        row = new ArrayList<>();
      } else {
        f.append(c);
      }
      i++;
    }
    if (inQuotes) { // an unclosed quote runs to the end of the file: one broken record
      row.add(f.toString());
      rows.add(row);
      broken.add(true);
    } else if (f.length() > 0 || !row.isEmpty()) {
      row.add(f.toString());
      rows.add(row);
      broken.add(false);
    }
  }

  // ---------------------------------------------------------------- rules, in WAREHOUSE.md's order
  private String validate(Raw r) {
    if (r.malformed) {
      return "malformed_record";
    }
    for (String k : REQUIRED) {
      if (r.get(k).isBlank()) {
        return "missing_field";
      }
    }
    boolean legacy = r.feed.equals("legacy");
    LocalDateTime[] d = new LocalDateTime[DATES.length];
    for (int i = 0; i < DATES.length; i++) {
      String s = r.get(DATES[i]).trim();
      if (s.isEmpty()) {
        continue;
      }
      try {
        d[i] = legacy ? legacyDate(s) : LocalDateTime.parse(s, COMPACT);
      } catch (DateTimeParseException e) {
        return "bad_date";
      }
    }
    // issue 16: nothing that happened lies past the end of its export day (the deadline may)
    LocalDateTime endOfExport = r.exportDay.plusDays(1).atStartOfDay();
    for (int i = 0; i < DATES.length; i++) {
      if (i != 1 && d[i] != null && d[i].isAfter(endOfExport)) {
        return "bad_date";
      }
    }
    r.received = d[0];
    r.due = d[1];
    r.finished = d[2];
    r.returned = d[3];
    r.withdrawn = d[4];
    r.updated = d[5];
    Integer channel = legacy ? label(r.get("KenhThucHien"), "trực tiếp", "trực tuyến", "bưu chính công ích")
        : number(r.get("KenhThucHien"), 1, 3);
    Integer status = legacy ? label(r.get("TrangThaiHoSo"), "mới đăng ký", "đã tiếp nhận", "không tiếp nhận",
        "đang xử lý", "yêu cầu bổ sung", "yêu cầu nộp phí", "đã rút", "dừng xử lý", "đã có kết quả", "đã trả kết quả")
        : number(r.get("TrangThaiHoSo"), 1, 10);
    String lv = r.get("MucDoDVC").trim().toLowerCase(Locale.ROOT);
    String level = switch (lv) {
      case "" -> "none";
      case "3", "motphan", "mức độ 3", "một phần" -> "partial";
      case "4", "toantrinh", "mức độ 4", "toàn trình" -> "full";
      default -> null;
    };
    String rs = r.get("DanhGia").trim();
    Integer rating = rs.isEmpty() ? Integer.valueOf(0)
        : legacy ? label(rs, "rất hài lòng", "hài lòng", "không hài lòng") : number(rs, 0, 3);
    if (channel == null || status == null || level == null || rating == null) {
      return "bad_code";
    }
    r.channel = channel;
    r.status = status;
    r.level = channel == 2 && level.equals("none") ? "partial" : level;
    r.rating = rating;
    String agency = r.get("MaDonVi").trim();
    Map.Entry<LocalDate, Set<String>> a = agencies.floorEntry(r.received.toLocalDate());
    if (a == null || !a.getValue().contains(agency)) {
      return "unknown_agency";
    }
    Map.Entry<LocalDate, Set<String>> p = procedures.floorEntry(r.received.toLocalDate());
    if (p == null || !p.getValue().contains(r.get("MaTTHC").trim())) {
      return "unknown_procedure";
    }
    // issue 16: the update too (withdrawn_at falls back on it)
    for (LocalDateTime x : new LocalDateTime[] {r.due, r.finished, r.returned, r.withdrawn, r.updated}) {
      if (x != null && x.isBefore(r.received)) {
        return "date_order";
      }
    }
    if ((status == 9 || status == 10) && r.finished == null && r.returned == null) {
      return "missing_result_date";
    }
    return null;
  }

  private static LocalDateTime legacyDate(String s) {
    return s.length() <= 10 ? LocalDate.parse(s, LEGACY_DATE).atStartOfDay() : LocalDateTime.parse(s, LEGACY_TIME);
  }

  private static Integer number(String s, int min, int max) {
    try {
      int v = Integer.parseInt(s.trim());
      return v >= min && v <= max ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** 1-based position of a Vietnamese label (trimmed, any case), or null. */
  private static Integer label(String s, String... labels) {
    String x = s.trim().toLowerCase(Locale.ROOT);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i].equals(x)) {
        return i + 1;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- derived views
  /** Quarantined records per feed and reason. */
  Map<String, Map<String, Long>> rejectedByFeed() {
    Map<String, Map<String, Long>> m = new TreeMap<>();
    for (Raw r : records) {
      if (r.reason != null) {
        m.computeIfAbsent(r.feed, k -> new TreeMap<>()).merge(r.reason, 1L, Long::sum);
      }
    }
    return m;
  }

  /** Each dossier's latest valid snapshot: by NgayCapNhat, then export day, then file and line. */
  Map<String, Raw> latest() {
    Map<String, Raw> m = new HashMap<>();
    for (Raw r : records) {
      if (r.reason != null) {
        continue;
      }
      m.merge(r.get("MaHoSo"), r, (x, y) -> newer(y, x) ? y : x);
    }
    return m;
  }

  private static boolean newer(Raw a, Raw b) {
    int c = a.updated.compareTo(b.updated);
    if (c == 0) {
      c = a.exportDay.compareTo(b.exportDay);
    }
    if (c == 0) {
      c = a.file.compareTo(b.file);
    }
    if (c == 0) {
      c = Integer.compare(a.index, b.index);
    }
    return c > 0;
  }

  /** Counts of a calendar year the way gold.case_monthly sums them. */
  record YearFigures(long received, long receivedOnline, long receivedFull, long resolved, long early, long onTime,
      long late, long lateWithApology, long withdrawn, long rated, long ratedSatisfied) {}

  YearFigures figures(int year) {
    LocalDateTime start = LocalDate.of(year, 1, 1).atStartOfDay();
    LocalDateTime end = start.plusYears(1);
    long received = 0;
    long online = 0;
    long full = 0;
    long resolved = 0;
    long early = 0;
    long onTime = 0;
    long late = 0;
    long apology = 0;
    long withdrawn = 0;
    long rated = 0;
    long satisfied = 0;
    for (Raw r : latest().values()) {
      if (r.status == 1 || r.status == 3) {
        continue;
      }
      if (in(r.received, start, end)) {
        received++;
        if (r.channel == 2) {
          online++;
        }
        if (r.level.equals("full")) {
          full++;
        }
      }
      if ((r.status == 9 || r.status == 10) && in(r.resolvedAt(), start, end)) {
        resolved++;
        LocalDateTime at = r.resolvedAt();
        if (at.isBefore(r.due.toLocalDate().atStartOfDay())) {
          early++;
        } else if (!at.isAfter(r.due)) {
          onTime++;
        } else {
          late++;
          if (r.flag("CoThuXinLoi")) {
            apology++;
          }
        }
        if (r.rating > 0) {
          rated++;
          if (r.rating <= 2) {
            satisfied++;
          }
        }
      }
      if ((r.status == 7 || r.status == 8)
          && in(r.withdrawn != null ? r.withdrawn : r.updated, start, end)) {
        withdrawn++;
      }
    }
    return new YearFigures(received, online, full, resolved, early, onTime, late, apology, withdrawn, rated,
        satisfied);
  }

  private static boolean in(LocalDateTime t, LocalDateTime start, LocalDateTime end) {
    return t != null && !t.isBefore(start) && t.isBefore(end);
  }
}
