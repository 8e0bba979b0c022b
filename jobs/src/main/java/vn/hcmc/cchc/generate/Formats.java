package vn.hcmc.cchc.generate;

import java.text.Normalizer;
import java.util.SplittableRandom;

/** Writes a {@link Record} as a feed A JSON line or a feed B CSV row, exactly as RAW.md describes. */
final class Formats {
  private final WorkingCalendar cal;

  Formats(WorkingCalendar cal) {
    this.cal = cal;
  }

  // ---------------------------------------------------------------- feed A
  /**
   * Appends one JSON object (no line break). {@code compact}: omit false booleans, empty strings and
   * a zero rating, as some exporters do (a missing key means "not yet" / false).
   */
  void appendJson(Utf8Builder sb, Record r, boolean compact) {
    sb.ascii('{');
    boolean first = true;
    for (Field f : Field.ALL) {
      if (f.isApplicant() || r.omit[f.ordinal()]) {
        continue;
      }
      String raw = r.raw[f.ordinal()];
      switch (f.kind) {
        case TEXT -> {
          String v = raw != null ? raw : jsonText(f, r);
          if (raw == null && compact && v.isEmpty()) {
            continue;
          }
          first = key(sb, f, first);
          sb.jsonString(v);
        }
        case NUMBER -> {
          if (raw == null && compact && f == Field.DANH_GIA && r.rating == 0) {
            continue;
          }
          first = key(sb, f, first);
          if (raw != null) {
            sb.text(raw);
          } else {
            sb.number(r.number(f));
          }
        }
        case DATE -> {
          long t = r.date(f);
          if (raw == null && t == 0 && compact) {
            continue;
          }
          first = key(sb, f, first);
          if (raw != null) {
            sb.jsonString(raw);
          } else if (t == 0) {
            sb.ascii("\"\"");
          } else {
            sb.ascii('"');
            cal.appendCompact(sb, t);
            sb.ascii('"');
          }
        }
        case BOOL -> {
          boolean v = r.flag(f);
          if (raw == null && compact && !v) {
            continue;
          }
          first = key(sb, f, first);
          sb.ascii(raw != null ? raw : v ? "true" : "false");
        }
      }
    }
    if (!(r.omit[Field.HO_TEN.ordinal()] && r.omit[Field.SO_DINH_DANH.ordinal()]
        && r.omit[Field.SO_DIEN_THOAI.ordinal()])) {
      if (!first) {
        sb.ascii(',');
      }
      sb.bytes(CHU_HO_SO);
      sb.ascii('{');
      boolean f2 = true;
      for (Field f : new Field[] {Field.HO_TEN, Field.SO_DINH_DANH, Field.SO_DIEN_THOAI}) {
        if (r.omit[f.ordinal()]) {
          continue;
        }
        f2 = key(sb, f, f2);
        String raw = r.raw[f.ordinal()];
        sb.jsonString(raw != null ? raw : r.text(f));
      }
      sb.ascii('}');
    }
    sb.ascii('}');
  }

  private static String jsonText(Field f, Record r) {
    return switch (f) {
      case MUC_DO -> switch (r.onlineLevel) {
        case Record.LEVEL_3 -> "3";
        case Record.LEVEL_4 -> "4";
        case Record.LEVEL_PARTIAL -> "MotPhan";
        case Record.LEVEL_FULL -> "ToanTrinh";
        default -> "";
      };
      case THIET_BI -> device(r.device);
      default -> nullToEmpty(r.text(f));
    };
  }

  private static String device(int d) {
    return d == 1 ? "web" : d == 2 ? "mobile" : "";
  }

  private static final byte[][] KEYS = new byte[Field.COUNT][];
  private static final byte[] CHU_HO_SO = "\"ChuHoSo\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  static {
    for (Field f : Field.ALL) {
      KEYS[f.ordinal()] = ("\"" + f.jsonKey + "\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  private static boolean key(Utf8Builder sb, Field f, boolean first) {
    if (!first) {
      sb.ascii(',');
    }
    sb.bytes(KEYS[f.ordinal()]);
    return false;
  }

  // ---------------------------------------------------------------- feed B
  /** How one legacy file is written; chosen per file. */
  record LegacyStyle(boolean nfd, boolean bom, boolean messy, boolean falseAsEmpty, boolean dateOnlyAtMidnight) {}

  static final String[] CHANNELS = {"", "Trực tiếp", "Trực tuyến", "Bưu chính công ích"};
  static final String[] APPLICANTS = {"", "Công dân", "Doanh nghiệp", "Cơ quan nhà nước", "Tổ chức khác"};
  static final String[] STATUSES = {"", "Mới đăng ký", "Đã tiếp nhận", "Không tiếp nhận", "Đang xử lý",
    "Yêu cầu bổ sung", "Yêu cầu nộp phí", "Đã rút", "Dừng xử lý", "Đã có kết quả", "Đã trả kết quả"};
  static final String[] RATINGS = {"", "Rất hài lòng", "Hài lòng", "Không hài lòng"};

  static String legacyHeader() {
    StringBuilder sb = new StringBuilder();
    for (Field f : Field.ALL) {
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(f.header);
    }
    return sb.toString();
  }

  /** Appends one CSV row (no line break); {@code mess} draws the stray spaces and case changes. */
  void appendCsv(Utf8Builder sb, Record r, LegacyStyle style, SplittableRandom mess) {
    StringBuilder d = new StringBuilder(16);
    for (Field f : Field.ALL) {
      if (f.ordinal() > 0) {
        sb.ascii(';');
      }
      String v;
      boolean label = false;
      if (r.omit[f.ordinal()]) {
        v = "";
      } else if (r.raw[f.ordinal()] != null) {
        v = r.raw[f.ordinal()];
      } else {
        switch (f) {
          case KENH -> {
            v = CHANNELS[r.channel];
            label = true;
          }
          case MUC_DO -> {
            v = switch (r.onlineLevel) {
              case Record.LEVEL_3 -> "Mức độ 3";
              case Record.LEVEL_4 -> "Mức độ 4";
              case Record.LEVEL_PARTIAL -> "Một phần";
              case Record.LEVEL_FULL -> "Toàn trình";
              default -> "";
            };
            label = true;
          }
          case DOI_TUONG -> {
            v = APPLICANTS[r.applicantType];
            label = true;
          }
          case TRANG_THAI -> {
            v = STATUSES[r.status];
            label = true;
          }
          case DANH_GIA -> {
            v = RATINGS[r.rating];
            label = true;
          }
          case THIET_BI -> v = device(r.device);
          default -> {
            switch (f.kind) {
              case DATE -> {
                long t = r.date(f);
                if (t == 0) {
                  v = "";
                } else {
                  d.setLength(0);
                  cal.appendLegacy(d, t, style.dateOnlyAtMidnight());
                  v = d.toString();
                }
              }
              case BOOL -> {
                v = r.flag(f) ? "Có" : style.falseAsEmpty() ? "" : "Không";
                label = true;
              }
              default -> {
                v = nullToEmpty(r.text(f));
                label = f == Field.HO_TEN;
              }
            }
          }
        }
      }
      if (label && style.messy() && !v.isEmpty() && mess.nextInt(25) == 0) {
        v = switch (mess.nextInt(4)) {
          case 0 -> " " + v;
          case 1 -> v + " ";
          case 2 -> v.toUpperCase(java.util.Locale.ROOT);
          default -> v.toLowerCase(java.util.Locale.ROOT);
        };
      }
      if (style.nfd() && !isAscii(v)) {
        v = Normalizer.normalize(v, Normalizer.Form.NFD);
      }
      sb.csvField(v, ';');
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
