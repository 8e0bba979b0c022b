package vn.hcmc.cchc.pii;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.hcmc.cchc.tables.Transform;

/**
 * The fields of the two case feeds (RAW.md), by feed A's names, and which of their values may be
 * stored in clear. Ingest and normalize share it, so that a column the pseudonymiser keeps in clear
 * is exactly a column the parser reads, and a column neither knows is personal.
 *
 * <p>A field name is matched the way values are: feed A's key or feed B's Vietnamese header, after
 * NFC, trimming, collapsing spaces and lower-casing ({@code Mã Hồ Sơ}, {@code MÃ HỒ SƠ} and an NFD
 * {@code Mã hồ sơ} are one header).
 *
 * <p>Privacy fails closed ({@link #inClear}): a value stays in clear only when its field is known,
 * not personal, and the value has the shape that field expects (a code, a label of its list, a
 * date); every other value (a personal field, a field nobody knows, a phone in the rating column, a
 * name in a yes/no column) is replaced by its token.
 */
@Transform
public final class CaseFields {
  private CaseFields() {}

  public static final String DOSSIER = "MaHoSo";
  public static final String PROCEDURE = "MaTTHC";
  public static final String AGENCY = "MaDonVi";
  public static final String CHANNEL = "KenhThucHien";
  public static final String LEVEL = "MucDoDVC";
  public static final String APPLICANT = "LoaiDoiTuong";
  public static final String STATUS = "TrangThaiHoSo";
  public static final String RECEIVED = "NgayTiepNhan";
  public static final String DUE = "NgayHenTra";
  public static final String RESULT = "NgayKetThucXuLy";
  public static final String RETURNED = "NgayTra";
  public static final String WITHDRAWN = "NgayRut";
  public static final String UPDATED = "NgayCapNhat";
  public static final String INTERAGENCY = "LienThong";
  public static final String E_CIRCULATED = "LuanChuyenDienTu";
  public static final String PRIOR_DOCUMENTS = "CoDuLieuDaCo";
  public static final String DATA_REUSED = "DuocTaiSuDung";
  public static final String DIGITISED = "DuocSoHoa";
  public static final String EID = "XacThucVNeID";
  public static final String DEVICE = "ThietBi";
  public static final String PAID_ONLINE = "ThanhToanTrucTuyen";
  public static final String APOLOGY = "CoThuXinLoi";
  public static final String RATING = "DanhGia";
  /** Feed A's applicant object; every value under it is personal. */
  public static final String OWNER = "ChuHoSo";
  public static final String OWNER_NAME = "HoTen";
  public static final String OWNER_ID = "SoDinhDanh";
  public static final String OWNER_PHONE = "SoDienThoai";

  public static final List<String> BOOLEANS =
      List.of(INTERAGENCY, E_CIRCULATED, PRIOR_DOCUMENTS, DATA_REUSED, DIGITISED, EID, PAID_ONLINE, APOLOGY);

  public static final Map<String, Integer> CHANNEL_LABELS =
      Map.of("trực tiếp", 1, "trực tuyến", 2, "bưu chính công ích", 3, "bưu chính", 3);
  public static final Map<String, Integer> APPLICANT_LABELS =
      Map.of("công dân", 1, "doanh nghiệp", 2, "cơ quan nhà nước", 3, "tổ chức khác", 4);
  public static final Map<String, Integer> STATUS_LABELS = Map.of(
      "mới đăng ký", 1, "đã tiếp nhận", 2, "không tiếp nhận", 3, "đang xử lý", 4, "yêu cầu bổ sung", 5,
      "yêu cầu nộp phí", 6, "đã rút", 7, "dừng xử lý", 8, "đã có kết quả", 9, "đã trả kết quả", 10);
  public static final Map<String, String> LEVEL_LABELS = Map.of(
      "", "none", "3", "partial", "4", "full", "motphan", "partial", "toantrinh", "full",
      "mức độ 3", "partial", "mức độ 4", "full", "một phần", "partial", "toàn trình", "full");
  public static final Map<String, Integer> RATING_LABELS =
      Map.of("", 0, "rất hài lòng", 1, "hài lòng", 2, "không hài lòng", 3);
  public static final Map<String, Boolean> BOOLEAN_LABELS = Map.of(
      "", false, "có", true, "không", false, "true", true, "false", false, "1", true, "0", false);
  public static final Set<String> DEVICES = Set.of("web", "mobile");

  /** Feed B's header (as RAW.md writes it) to feed A's field. */
  private static final Map<String, String> LEGACY_HEADERS = Map.ofEntries(
      Map.entry("Mã hồ sơ", DOSSIER), Map.entry("Mã thủ tục", PROCEDURE), Map.entry("Mã đơn vị", AGENCY),
      Map.entry("Kênh", CHANNEL), Map.entry("Mức độ", LEVEL), Map.entry("Đối tượng", APPLICANT),
      Map.entry("Trạng thái", STATUS), Map.entry("Ngày tiếp nhận", RECEIVED), Map.entry("Ngày hẹn trả", DUE),
      Map.entry("Ngày có kết quả", RESULT), Map.entry("Ngày trả kết quả", RETURNED), Map.entry("Ngày rút", WITHDRAWN),
      Map.entry("Ngày cập nhật", UPDATED), Map.entry("Liên thông", INTERAGENCY),
      Map.entry("Luân chuyển điện tử", E_CIRCULATED), Map.entry("Có dữ liệu đã có", PRIOR_DOCUMENTS),
      Map.entry("Tái sử dụng dữ liệu", DATA_REUSED), Map.entry("Số hóa", DIGITISED),
      Map.entry("Xác thực VNeID", EID), Map.entry("Thanh toán trực tuyến", PAID_ONLINE),
      Map.entry("Thư xin lỗi", APOLOGY), Map.entry("Thiết bị", DEVICE), Map.entry("Đánh giá", RATING),
      Map.entry("Họ tên", OWNER_NAME), Map.entry("Số định danh", OWNER_ID), Map.entry("Số điện thoại", OWNER_PHONE));

  /** Feed A's {@code yyyyMMddHHmmss}, or feed B's {@code dd/MM/yyyy[ HH:mm[:ss]]}. */
  private static final Pattern DATE = Pattern.compile("[0-9]{14}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?");
  /** A run of 9 to 13 digits: a phone, a citizen ID or a tax code. */
  private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9]{9,13}(?![0-9])");
  /** A key that is a plain identifier, as a field name is; anything else could be data. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private enum Shape { CODE, DATE, CHOICE, PERSONAL }

  private static final Map<String, Shape> SHAPES = shapes();
  /** {@link #key} of every feed A name and feed B header to its field. */
  private static final Map<String, String> BY_KEY = byKey();
  /** The labels of each field of a list (in {@link #key} form). */
  private static final Map<String, Set<String>> CHOICES = choices();

  private static Map<String, Shape> shapes() {
    Map<String, Shape> m = new HashMap<>();
    for (String f : List.of(DOSSIER, PROCEDURE, AGENCY)) {
      m.put(f, Shape.CODE);
    }
    for (String f : List.of(RECEIVED, DUE, RESULT, RETURNED, WITHDRAWN, UPDATED)) {
      m.put(f, Shape.DATE);
    }
    for (String f : List.of(CHANNEL, LEVEL, APPLICANT, STATUS, RATING, DEVICE)) {
      m.put(f, Shape.CHOICE);
    }
    BOOLEANS.forEach(f -> m.put(f, Shape.CHOICE));
    for (String f : List.of(OWNER, OWNER_NAME, OWNER_ID, OWNER_PHONE)) {
      m.put(f, Shape.PERSONAL);
    }
    return Map.copyOf(m);
  }

  private static Map<String, Set<String>> choices() {
    Map<String, Set<String>> m = new HashMap<>(Map.of(CHANNEL, CHANNEL_LABELS.keySet(), LEVEL, LEVEL_LABELS.keySet(),
        APPLICANT, APPLICANT_LABELS.keySet(), STATUS, STATUS_LABELS.keySet(), RATING, RATING_LABELS.keySet(),
        DEVICE, DEVICES));
    BOOLEANS.forEach(f -> m.put(f, BOOLEAN_LABELS.keySet()));
    return Map.copyOf(m);
  }

  private static Map<String, String> byKey() {
    Map<String, String> m = new HashMap<>();
    SHAPES.keySet().forEach(f -> m.put(key(f), f));
    LEGACY_HEADERS.forEach((header, f) -> m.put(key(header), f));
    return Map.copyOf(m);
  }

  /** Names already looked up, to their field ({@code ""}: none); bounded, a file's keys repeat on every line. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> FIELDS_SEEN =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int FIELDS_SEEN_MAX = 4096;

  /** The feed A field a key or header names, in any letter case, spacing or Unicode form; {@code null} when none. */
  public static String field(String name) {
    if (name == null) {
      return null;
    }
    String seen = FIELDS_SEEN.get(name);
    if (seen == null) {
      seen = BY_KEY.getOrDefault(key(name), "");
      if (FIELDS_SEEN.size() < FIELDS_SEEN_MAX) {
        FIELDS_SEEN.put(name, seen);
      }
    }
    return seen.isEmpty() ? null : seen;
  }

  /** Whether a field holds personal data ({@link #OWNER} and what is under it). */
  public static boolean personal(String field) {
    return field != null && SHAPES.get(field) == Shape.PERSONAL;
  }

  /**
   * Whether {@code value} of {@code field} may be stored in clear: the field is known and not
   * personal, and the value is empty or has the field's shape: a code of letters, digits and
   * {@code . _ / -} (with no run of 9 to 13 digits, and letters if it has 9 digits or more), a date
   * of the feeds' formats, a label of the field's list or a number of one or two digits. {@code
   * field} {@code null} (unknown) is never in clear.
   */
  public static boolean inClear(String field, String value) {
    Shape shape = field == null ? null : SHAPES.get(field);
    if (shape == null || shape == Shape.PERSONAL) {
      return false;
    }
    if (value == null) {
      return true;
    }
    String k = key(value);
    if (k.isEmpty()) {
      return true;
    }
    return switch (shape) {
      case CODE -> codeLike(k);
      case DATE -> digits(k, 14, 14) || DATE.matcher(k).matches();
      case CHOICE -> digits(k, 1, 2) || CHOICES.get(field).contains(k);
      case PERSONAL -> false;
    };
  }

  /**
   * Whether {@code value} has the shape of a code (agency, procedure, dossier) or of a small number:
   * letters, digits and {@code . _ / -}, at most 64, no run of 9 to 13 digits, and a letter if it
   * has 9 digits or more. What else a line of a feed holds could be personal.
   */
  public static boolean codeLike(String value) {
    int n = value.length();
    if (n < 1 || n > 64) {
      return false;
    }
    boolean letter = false;
    int digits = 0;
    int run = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? value.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        digits++;
        run++;
        continue;
      }
      if (run >= 9 && run <= 13) {
        return false; // a phone, a citizen ID or a tax code
      }
      run = 0;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
        letter = true;
      } else if (c != '.' && c != '_' && c != '/' && c != '-') {
        return false;
      }
    }
    return letter || digits < 9;
  }

  /** Whether {@code s} is {@code min} to {@code max} ASCII digits. */
  private static boolean digits(String s, int min, int max) {
    int n = s.length();
    if (n < min || n > max) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Whether a key that names no field may be kept as it is: a plain identifier, never text that could be data. */
  public static boolean plainKey(String name) {
    return IDENTIFIER.matcher(name).matches() && !DIGIT_RUN.matcher(name).find();
  }

  /** NFC, trimmed, inner spaces collapsed, lower case: the form labels and headers are compared in. */
  public static String key(String s) {
    int n = s.length();
    boolean same = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        return collapseSpaces(nfc(s).strip()).toLowerCase(Locale.ROOT);
      }
      if (c >= 'A' && c <= 'Z' || c == ' ' && (i == 0 || i == n - 1 || s.charAt(i - 1) == ' ')) {
        same = false;
      }
    }
    if (same) {
      return s; // printable ASCII, lower case, single inner spaces: most codes, dates and keys
    }
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
          b.append(' ');
        }
      } else {
        b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
      }
    }
    int end = b.length();
    return end > 0 && b.charAt(end - 1) == ' ' ? b.substring(0, end - 1) : b.toString();
  }

  /** {@code s} in NFC; an ASCII string (most codes and dates) already is, and is returned as is. */
  public static String nfc(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
      }
    }
    return s;
  }

  /** {@code s} with every run of white space made one space (what {@link #key} compares in). */
  public static String collapseSpaces(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' && i > 0 && s.charAt(i - 1) == ' ') {
        return SPACES.matcher(s).replaceAll(" ");
      }
    }
    return s; // nothing to collapse: most values
  }
}
