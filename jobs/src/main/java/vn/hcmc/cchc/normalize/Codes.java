package vn.hcmc.cchc.normalize;

import java.util.List;
import java.util.Map;
import static vn.hcmc.cchc.pii.CaseFields.key;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.pii.CaseFields;
import vn.hcmc.cchc.tables.Transform;

/**
 * The code lists of RAW.md and their canonical English values (WAREHOUSE.md; the statuses' are
 * {@link City.Status}'s, which the marts share). Feed A gives codes, feed B Vietnamese labels; both
 * are matched after NFC, trimming, collapsing spaces and lower-casing, and either feed may use the
 * other's form. {@code null} from a decoder means "outside the list".
 */
@Transform
final class Codes {
  private Codes() {}

  static final List<String> CHANNELS = City.CHANNELS;
  static final List<String> APPLICANTS = List.of("citizen", "enterprise", "state_agency", "other_organisation");

  static Integer channel(String v) {
    return code(v, CaseFields.CHANNEL_LABELS, 3);
  }

  static Integer status(String v) {
    return code(v, CaseFields.STATUS_LABELS, City.Status.NAMES.size());
  }

  static Integer applicant(String v) {
    return v == null || v.isBlank() ? Integer.valueOf(0) : code(v, CaseFields.APPLICANT_LABELS, 4);
  }

  static Integer rating(String v) {
    if (v == null) {
      return 0;
    }
    String k = key(v);
    if (k.equals("0")) {
      return 0;
    }
    return CaseFields.RATING_LABELS.containsKey(k) ? CaseFields.RATING_LABELS.get(k) : code(v, Map.of(), 3);
  }

  /** {@code none}, {@code partial} or {@code full}; {@code null} when outside the list. */
  static String onlineLevel(String v) {
    return v == null ? "none" : CaseFields.LEVEL_LABELS.get(key(v));
  }

  static Boolean bool(String v) {
    return v == null ? Boolean.FALSE : CaseFields.BOOLEAN_LABELS.get(key(v));
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
