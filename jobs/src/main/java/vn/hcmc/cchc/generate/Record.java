package vn.hcmc.cchc.generate;

import java.util.Arrays;

/**
 * One dossier record as it is about to be written: typed values, plus per-field overrides and
 * omissions that the bad-record maker uses to break it on purpose.
 */
final class Record {
  /** MucDoDVC codes: 0 none, 3 / 4 (Decree 43), 5 MotPhan / 6 ToanTrinh (Decree 42), 7 online without level. */
  static final int LEVEL_NONE = 0;
  static final int LEVEL_3 = 3;
  static final int LEVEL_4 = 4;
  static final int LEVEL_PARTIAL = 5;
  static final int LEVEL_FULL = 6;
  static final int LEVEL_UNSPECIFIED = 7;

  String maHoSo;
  String maTTHC;
  String maDonVi;
  int channel;
  int onlineLevel;
  int applicantType;
  int status;
  long received;
  long due;
  long finished; // 0 = not set
  long returned;
  long withdrawn;
  long updated;
  int flags; // bits of the boolean fields, see Field#bit
  int device; // 0 none, 1 web, 2 mobile
  int rating;
  String name;
  String id;
  String phone;

  final String[] raw = new String[Field.COUNT];
  final boolean[] omit = new boolean[Field.COUNT];

  void clearOverrides() {
    Arrays.fill(raw, null);
    Arrays.fill(omit, false);
  }

  boolean flag(Field f) {
    return (flags & f.bit()) != 0;
  }

  long date(Field f) {
    return switch (f) {
      case NGAY_TIEP_NHAN -> received;
      case NGAY_HEN_TRA -> due;
      case NGAY_KET_THUC -> finished;
      case NGAY_TRA -> returned;
      case NGAY_RUT -> withdrawn;
      case NGAY_CAP_NHAT -> updated;
      default -> throw new IllegalArgumentException(f.name());
    };
  }

  int number(Field f) {
    return switch (f) {
      case KENH -> channel;
      case DOI_TUONG -> applicantType;
      case TRANG_THAI -> status;
      case DANH_GIA -> rating;
      default -> throw new IllegalArgumentException(f.name());
    };
  }

  String text(Field f) {
    return switch (f) {
      case MA_HO_SO -> maHoSo;
      case MA_TTHC -> maTTHC;
      case MA_DON_VI -> maDonVi;
      case HO_TEN -> name;
      case SO_DINH_DANH -> id;
      case SO_DIEN_THOAI -> phone;
      default -> throw new IllegalArgumentException(f.name());
    };
  }
}
