package vn.hcmc.cchc.generate;

import static vn.hcmc.cchc.generate.WorkingCalendar.DAY;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Breaks a valid record on purpose so that it fails exactly one quarantine rule: every other field
 * stays valid, so the first reason in WAREHOUSE.md's order is the intended one.
 */
final class BadRecords {
  private BadRecords() {}

  /**
   * @param derived the record is a later snapshot of a dossier that also has valid ones: keep its
   *     MaHoSo and its NgayCapNhat parseable, so the warehouse has to keep the valid snapshot
   * @param notInForce agency codes that exist in some period but not on the record's receipt date
   */
  static void corrupt(Record rec, BadReason reason, boolean legacy, boolean derived, SplittableRandom r,
      List<String> notInForce, boolean minutePrecision) {
    switch (reason) {
      case MALFORMED_RECORD -> {
        // the caller breaks the serialised text; the record itself stays as it is
      }
      case MISSING_FIELD -> {
        Field[] choices = derived
            ? new Field[] {Field.MA_TTHC, Field.MA_DON_VI, Field.KENH, Field.TRANG_THAI}
            : new Field[] {Field.MA_TTHC, Field.MA_DON_VI, Field.KENH, Field.TRANG_THAI, Field.NGAY_TIEP_NHAN,
              Field.NGAY_HEN_TRA, Field.MA_HO_SO};
        Field f = choices[r.nextInt(choices.length)];
        if (legacy || r.nextBoolean()) {
          rec.raw[f.ordinal()] = "";
          if (f.kind == Field.Kind.NUMBER && !legacy) {
            rec.raw[f.ordinal()] = null;
            rec.omit[f.ordinal()] = true; // a JSON number cannot be "empty": drop the key
          }
        } else {
          rec.omit[f.ordinal()] = true;
        }
      }
      case BAD_DATE -> {
        Field f = derived ? Field.NGAY_HEN_TRA
            : new Field[] {Field.NGAY_TIEP_NHAN, Field.NGAY_HEN_TRA, Field.NGAY_CAP_NHAT}[r.nextInt(3)];
        long t = rec.date(f);
        java.time.LocalDateTime dt = java.time.LocalDateTime.ofEpochSecond(t, 0, java.time.ZoneOffset.UTC);
        int y = dt.getYear();
        String v;
        if (legacy) {
          v = switch (r.nextInt(4)) {
            case 0 -> String.format("31/02/%04d %02d:%02d", y, dt.getHour(), dt.getMinute());
            case 1 -> String.format("%02d/13/%04d", dt.getDayOfMonth(), y);
            case 2 -> String.format("%04d-%02d-%02d %02d:%02d", y, dt.getMonthValue(), dt.getDayOfMonth(),
                dt.getHour(), dt.getMinute());
            default -> String.format("32/%02d/%04d 08:00", dt.getMonthValue(), y);
          };
        } else {
          v = switch (r.nextInt(4)) {
            case 0 -> String.format("%04d0231%02d%02d%02d", y, dt.getHour(), dt.getMinute(), dt.getSecond());
            case 1 -> String.format("%04d13%02d%02d%02d%02d", y, dt.getDayOfMonth(), dt.getHour(), dt.getMinute(),
                dt.getSecond());
            case 2 -> String.format("%04d%02d%02d25%02d%02d", y, dt.getMonthValue(), dt.getDayOfMonth(),
                dt.getMinute(), dt.getSecond());
            default -> String.format("%04d-%02d-%02d %02d:%02d:%02d", y, dt.getMonthValue(), dt.getDayOfMonth(),
                dt.getHour(), dt.getMinute(), dt.getSecond());
          };
        }
        rec.raw[f.ordinal()] = v;
      }
      case BAD_CODE -> {
        switch (r.nextInt(4)) {
          case 0 -> rec.raw[Field.KENH.ordinal()] = legacy ? "Qua ứng dụng Zalo" : "9";
          case 1 -> rec.raw[Field.TRANG_THAI.ordinal()] = legacy ? "Đang thẩm định" : "12";
          case 2 -> {
            if (derived || r.nextBoolean()) {
              rec.raw[Field.DANH_GIA.ordinal()] = legacy ? "Bình thường" : "5";
            } else {
              rec.raw[Field.MUC_DO.ordinal()] = legacy ? "Mức độ 5" : "7";
            }
          }
          default -> {
            if (derived) {
              rec.raw[Field.TRANG_THAI.ordinal()] = legacy ? "Chờ bổ sung" : "12";
            } else {
              rec.raw[Field.MUC_DO.ordinal()] = legacy ? "Mức độ 5" : "7";
            }
          }
        }
      }
      case UNKNOWN_AGENCY -> {
        if (!notInForce.isEmpty() && r.nextBoolean()) {
          rec.maDonVi = notInForce.get(r.nextInt(notInForce.size()));
        } else {
          rec.maDonVi = String.format("999.%02d.%02d.H29", r.nextInt(100), r.nextInt(100));
        }
      }
      case UNKNOWN_PROCEDURE -> rec.maTTHC = String.format("9.%06d.000.00.00.H29", r.nextInt(1_000_000));
      case DATE_ORDER -> {
        int variant = derived ? 1 : r.nextInt(3);
        long step = minutePrecision ? 60 : 1;
        switch (variant) {
          case 0 -> rec.due = rec.received - DAY * (1 + r.nextInt(3)) - step * r.nextInt(60);
          case 1 -> {
            rec.status = 10;
            rec.finished = rec.received - DAY - step * r.nextInt(600);
            rec.returned = rec.updated;
            rec.withdrawn = 0;
          }
          default -> {
            rec.status = 7;
            rec.withdrawn = rec.received - 60 * (1 + r.nextInt(120));
            rec.finished = 0;
            rec.returned = 0;
          }
        }
      }
      case MISSING_RESULT_DATE -> {
        rec.status = r.nextInt(3) == 0 ? 9 : 10;
        rec.finished = 0;
        rec.returned = 0;
        rec.withdrawn = 0;
      }
    }
  }

  /** A truncated JSON object: never valid, whatever the cut. */
  static String truncateJson(String line, SplittableRandom r) {
    int cut = 10 + r.nextInt(Math.max(1, line.length() - 12));
    return line.substring(0, Math.min(cut, line.length() - 1));
  }

  /** A CSV row opening a quote it never closes (only ever the last record of its file). */
  static String unbalancedCsv(String row) {
    return "\"" + row.replace("\"", "").replace("\n", " ").replace("\r", " ");
  }
}
