package vn.hcmc.cchc.normalize;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The code lists of RAW.md and their canonical English values (WAREHOUSE.md). Feed A gives codes,
 * feed B Vietnamese labels; both are matched after NFC, trimming, collapsing spaces and lower-casing,
 * and either feed may use the other's form. {@code null} from a decoder means "outside the list".
 */
final class Codes {
  private Codes() {}

  static final List<String> CHANNELS = List.of("desk", "online", "postal");
  static final List<String> STATUSES = List.of("registered", "received", "refused", "in_process",
      "supplement_requested", "fee_requested", "withdrawn", "stopped", "finished", "returned");
  static final List<String> APPLICANTS = List.of("citizen", "enterprise", "state_agency", "other_organisation");

  private static final Map<String, Integer> CHANNEL_LABELS =
      Map.of("trực tiếp", 1, "trực tuyến", 2, "bưu chính công ích", 3, "bưu chính", 3);
  private static final Map<String, Integer> APPLICANT_LABELS =
      Map.of("công dân", 1, "doanh nghiệp", 2, "cơ quan nhà nước", 3, "tổ chức khác", 4);
  private static final Map<String, Integer> STATUS_LABELS = Map.of(
      "mới đăng ký", 1, "đã tiếp nhận", 2, "không tiếp nhận", 3, "đang xử lý", 4, "yêu cầu bổ sung", 5,
      "yêu cầu nộp phí", 6, "đã rút", 7, "dừng xử lý", 8, "đã có kết quả", 9, "đã trả kết quả", 10);
  private static final Map<String, String> LEVEL_LABELS = Map.of(
      "", "none", "3", "partial", "4", "full", "motphan", "partial", "toantrinh", "full",
      "mức độ 3", "partial", "mức độ 4", "full", "một phần", "partial", "toàn trình", "full");
  private static final Map<String, Integer> RATING_LABELS =
      Map.of("", 0, "rất hài lòng", 1, "hài lòng", 2, "không hài lòng", 3);
  private static final Map<String, Boolean> BOOLEAN_LABELS = Map.of(
      "", false, "có", true, "không", false, "true", true, "false", false, "1", true, "0", false);

  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** NFC, trimmed, inner spaces collapsed, lower case: the form labels are compared in. */
  static String key(String s) {
    return collapseSpaces(nfc(s).strip()).toLowerCase(Locale.ROOT);
  }

  /** {@code s} in NFC; an ASCII string (most codes and dates) already is, and is returned as is. */
  static String nfc(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
      }
    }
    return s;
  }

  /** {@code s} with every run of white space made one space (what {@link #key} compares in). */
  static String collapseSpaces(String s) {
    return SPACES.matcher(s).replaceAll(" ");
  }

  static Integer channel(String v) {
    return code(v, CHANNEL_LABELS, 3);
  }

  static Integer status(String v) {
    return code(v, STATUS_LABELS, 10);
  }

  static Integer applicant(String v) {
    return v == null || v.isBlank() ? Integer.valueOf(0) : code(v, APPLICANT_LABELS, 4);
  }

  static Integer rating(String v) {
    if (v == null) {
      return 0;
    }
    String k = key(v);
    if (k.equals("0")) {
      return 0;
    }
    return RATING_LABELS.containsKey(k) ? RATING_LABELS.get(k) : code(v, Map.of(), 3);
  }

  /** {@code none}, {@code partial} or {@code full}; {@code null} when outside the list. */
  static String onlineLevel(String v) {
    return v == null ? "none" : LEVEL_LABELS.get(key(v));
  }

  static Boolean bool(String v) {
    return v == null ? Boolean.FALSE : BOOLEAN_LABELS.get(key(v));
  }

  /** A label of {@code labels} or a number 1..max. */
  private static Integer code(String v, Map<String, Integer> labels, int max) {
    if (v == null) {
      return null;
    }
    String k = key(v);
    Integer label = labels.get(k);
    if (label != null) {
      return label;
    }
    if (!k.isEmpty() && k.length() <= 2 && k.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int n = Integer.parseInt(k);
      return n >= 1 && n <= max ? n : null;
    }
    return null;
  }
}
