package vn.hcmc.cchc.normalize;

import static vn.hcmc.cchc.pii.CaseFields.*;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.pii.CaseFields;
import vn.hcmc.cchc.quality.Reason;
import vn.hcmc.cchc.reference.ReferenceLookup;
import vn.hcmc.cchc.tables.SilverSchema;
import vn.hcmc.cchc.tables.Transform;

/**
 * One bronze record to its silver row or its quarantine reason: the rules of WAREHOUSE.md, checked
 * in its order (the first broken rule is the reason). Pure: no Spark, no clock; the reference
 * snapshots come in through {@link ReferenceLookup}.
 */
@Transform
public final class CaseParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final List<DateTimeFormatter> LEGACY_DATES = List.of(
      DateTimeFormatter.ofPattern("d/M/uuuu H:mm", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT),
      DateTimeFormatter.ofPattern("d/M/uuuu H:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT));
  private static final DateTimeFormatter LEGACY_DAY =
      DateTimeFormatter.ofPattern("d/M/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

  private static final String[] REQUIRED = {DOSSIER, PROCEDURE, AGENCY, CHANNEL, STATUS, RECEIVED, DUE, UPDATED};
  private static final String[] DATES = {RECEIVED, DUE, RESULT, RETURNED, WITHDRAWN, UPDATED};

  private final ReferenceLookup reference;

  public CaseParser(ReferenceLookup reference) {
    this.reference = reference;
  }

  /** A rule broken: the reason code and a detail free of personal data. */
  static final class Rejected extends Exception {
    final Reason reason;

    Rejected(Reason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  /**
   * @param bronze a {@code bronze.cases} row
   * @return a row of {@link SilverSchema#OUTCOME}: {@code reason} is {@code NULL} for an accepted
   *     snapshot, otherwise the quarantine code with its {@code detail}
   */
  public Row parse(Row bronze) {
    String batchId = bronze.getAs("batch_id");
    String feed = bronze.getAs("feed");
    String file = bronze.getAs("source_file");
    long line = bronze.<Long>getAs("line_number");
    LocalDate exportDate = bronze.getAs("export_date");
    String record = bronze.getAs("record");
    String parseError = bronze.getAs("parse_error");
    RawCase raw = parseError == null ? RawCase.of(record) : null;
    try {
      if (raw == null) {
        throw new Rejected(Reason.MALFORMED_RECORD, parseError == null ? "not a JSON object" : parseError);
      }
      return accepted(raw, batchId, feed, file, line, exportDate, bronze);
    } catch (Rejected r) {
      return rejected(bronze, raw == null ? null : raw.get(DOSSIER), r.reason, r.getMessage());
    }
  }

  private Row accepted(RawCase raw, String batchId, String feed, String file, long line, LocalDate exportDate, Row bronze)
      throws Rejected {
    for (String f : REQUIRED) {
      if (raw.get(f) == null) {
        throw new Rejected(Reason.MISSING_FIELD, f + " is missing");
      }
    }
    LocalDateTime[] dates = new LocalDateTime[DATES.length];
    for (int i = 0; i < DATES.length; i++) {
      dates[i] = date(feed, DATES[i], raw.get(DATES[i]));
    }
    LocalDateTime received = dates[0];
    LocalDateTime due = dates[1];
    LocalDateTime result = dates[2];
    LocalDateTime returned = dates[3];
    LocalDateTime withdrawal = dates[4];
    LocalDateTime updated = dates[5];
    // what happened cannot lie past the end of the export day that reported it (a typo of 2031
    // would stretch every mart to 2031 and outrank every later snapshot); the deadline may
    LocalDateTime endOfExport = exportDate == null ? null : exportDate.plusDays(1).atStartOfDay();
    for (int i = 0; i < DATES.length; i++) {
      if (!DATES[i].equals(DUE) && dates[i] != null && endOfExport != null && dates[i].isAfter(endOfExport)) {
        throw new Rejected(Reason.BAD_DATE, DATES[i] + " is after the end of its export day " + exportDate);
      }
    }

    Integer channel = Codes.channel(raw.get(CHANNEL));
    if (channel == null) {
      throw badCode(raw, CHANNEL, "a channel (1-3, or Trực tiếp, Trực tuyến, Bưu chính công ích)");
    }
    Integer status = Codes.status(raw.get(STATUS));
    if (status == null) {
      throw badCode(raw, STATUS, "a status (1-10, or its label)");
    }
    String level = Codes.onlineLevel(raw.get(LEVEL));
    if (level == null) {
      throw badCode(raw, LEVEL, "an online level (empty, 3, 4, MotPhan, ToanTrinh, or its label)");
    }
    Integer rating = Codes.rating(raw.get(RATING));
    if (rating == null) {
      throw badCode(raw, RATING, "a rating (0-3, or its label)");
    }
    Integer applicant = Codes.applicant(raw.get(APPLICANT));
    if (applicant == null) {
      throw badCode(raw, APPLICANT, "an applicant type (1-4, or its label)");
    }
    Boolean[] flags = new Boolean[BOOLEANS.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = Codes.bool(raw.get(BOOLEANS.get(i)));
      if (flags[i] == null) {
        throw badCode(raw, BOOLEANS.get(i), "yes/no (true, false, Có, Không or empty)");
      }
    }

    LocalDate receivedDay = received.toLocalDate();
    ReferenceLookup.Agency agency = reference.agency(raw.get(AGENCY), receivedDay);
    if (agency == null) {
      throw new Rejected(Reason.UNKNOWN_AGENCY, AGENCY + quoted(AGENCY, raw.get(AGENCY))
          + " is not in the agency snapshot in force on " + receivedDay);
    }
    ReferenceLookup.Procedure procedure = reference.procedure(raw.get(PROCEDURE), receivedDay);
    if (procedure == null) {
      throw new Rejected(Reason.UNKNOWN_PROCEDURE, PROCEDURE + quoted(PROCEDURE, raw.get(PROCEDURE))
          + " is not in the catalogue in force on " + receivedDay);
    }
    // the deadline, the result, the return, the withdrawal and the snapshot itself: withdrawn_at
    // falls back on the update time, so an update before the receipt would close a dossier before it opened
    for (int i = 1; i < DATES.length; i++) {
      if (dates[i] != null && dates[i].isBefore(received)) {
        throw new Rejected(Reason.DATE_ORDER, DATES[i] + " is before " + RECEIVED);
      }
    }
    if (City.Status.FINISHED_CODES.contains(status) && result == null && returned == null) {
      throw new Rejected(Reason.MISSING_RESULT_DATE, "status " + status + " without " + RESULT + " or " + RETURNED);
    }

    boolean closedByWithdrawal = City.Status.WITHDRAWN_CODES.contains(status);
    LocalDateTime withdrawnAt = withdrawal != null ? withdrawal : closedByWithdrawal ? updated : null;
    String onlineLevel = channel == 2 && level.equals("none") ? "partial" : level;
    String device = raw.get(DEVICE) == null || !DEVICES.contains(key(raw.get(DEVICE))) ? null : key(raw.get(DEVICE));
    String key = KEY_TIME.format(updated) + "|" + exportDate + "|" + file.substring(file.lastIndexOf('/') + 1)
        + "|" + String.format(Locale.ROOT, "%010d", line);

    return withSchema(
        raw.get(DOSSIER), raw.get(AGENCY), agency.level(), agency.districtCode(), agency.wardCode(),
        raw.get(PROCEDURE), procedure.sector(), Codes.CHANNELS.get(channel - 1), onlineLevel,
        applicant == 0 ? null : Codes.APPLICANTS.get(applicant - 1), City.Status.NAMES.get(status - 1), status,
        instant(received), receivedDay, instant(due), instant(result != null ? result : returned), instant(returned),
        instant(withdrawnAt), instant(updated),
        flags[0], flags[1], flags[2], flags[3], flags[4], flags[5], device, flags[6], flags[7], rating,
        raw.get(OWNER_NAME), raw.get(OWNER_ID), raw.get(OWNER_PHONE),
        feed, batchId, file, line, exportDate, key,
        // quarantine-only columns
        line, bronze.getAs("file_hash"), bronze.getAs("ingested_at"), null, null, null);
  }

  /**
   * A bad code: the field, its value only when the value could be stored in clear (ingest replaced
   * any other by its token: a phone in the rating column is never quoted), and what was expected.
   */
  private static Rejected badCode(RawCase raw, String field, String expected) {
    return new Rejected(Reason.BAD_CODE, field + quoted(field, raw.get(field)) + " is not " + expected);
  }

  /** {@code " 'value'"} when the value has its field's shape (a short code), else nothing. */
  static String quoted(String field, String value) {
    return value != null && !value.isBlank() && CaseFields.inClear(field, value) ? " '" + value + "'" : "";
  }

  private static Row rejected(Row bronze, String dossierId, Reason reason, String detail) {
    Object[] v = new Object[SilverSchema.OUTCOME.size()];
    v[SilverSchema.OUTCOME.fieldIndex("dossier_id")] = dossierId;
    v[SilverSchema.OUTCOME.fieldIndex("feed")] = bronze.getAs("feed");
    v[SilverSchema.OUTCOME.fieldIndex("batch_id")] = bronze.getAs("batch_id");
    v[SilverSchema.OUTCOME.fieldIndex("source_file")] = bronze.getAs("source_file");
    v[SilverSchema.OUTCOME.fieldIndex("source_line")] = bronze.getAs("line_number");
    v[SilverSchema.OUTCOME.fieldIndex("line_number")] = bronze.getAs("line_number");
    v[SilverSchema.OUTCOME.fieldIndex("export_date")] = bronze.getAs("export_date");
    v[SilverSchema.OUTCOME.fieldIndex("file_hash")] = bronze.getAs("file_hash");
    v[SilverSchema.OUTCOME.fieldIndex("ingested_at")] = bronze.getAs("ingested_at");
    v[SilverSchema.OUTCOME.fieldIndex("reason")] = reason.code();
    v[SilverSchema.OUTCOME.fieldIndex("detail")] = detail;
    v[SilverSchema.OUTCOME.fieldIndex("record")] = bronze.getAs("record");
    return withSchema(v);
  }

  /** A local date-time of the feed's format; {@code null} when not given; rejected when not a real date. */
  /**
   * Feed A's {@code yyyyMMddHHmmss}, read digit by digit: the same dates as the strict formatter
   * {@code uuuuMMddHHmmss} accepts (a 30 February or an hour 24 is refused), at a fraction of its cost
   * (six dates a record make it the normalizer's hottest call).
   */
  private static LocalDateTime dvcDate(String field, String value) throws Rejected {
    if (value.length() != 14) {
      throw new Rejected(Reason.BAD_DATE, field + quoted(field, value) + " is not a date of the form yyyyMMddHHmmss");
    }
    int[] d = new int[14];
    for (int i = 0; i < 14; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new Rejected(Reason.BAD_DATE, field + quoted(field, value) + " is not a date of the form yyyyMMddHHmmss");
      }
      d[i] = c - '0';
    }
    try {
      return LocalDateTime.of(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3], d[4] * 10 + d[5], d[6] * 10 + d[7],
          d[8] * 10 + d[9], d[10] * 10 + d[11], d[12] * 10 + d[13]);
    } catch (java.time.DateTimeException e) {
      throw new Rejected(Reason.BAD_DATE, field + quoted(field, value) + " is not a valid date (yyyyMMddHHmmss)");
    }
  }

  static LocalDateTime date(String feed, String field, String value) throws Rejected {
    if (value == null) {
      return null;
    }
    try {
      if (!feed.equals("legacy")) {
        return dvcDate(field, value);
      }
      String v = collapseSpaces(value);
      if (v.indexOf(' ') < 0) {
        return LocalDate.parse(v, LEGACY_DAY).atStartOfDay();
      }
      DateTimeParseException last = null;
      for (DateTimeFormatter f : LEGACY_DATES) {
        try {
          return LocalDateTime.parse(v, f);
        } catch (DateTimeParseException e) {
          last = e;
        }
      }
      throw last;
    } catch (DateTimeParseException e) {
      throw new Rejected(Reason.BAD_DATE, field + quoted(field, value) + " is not a valid date (yyyyMMddHHmmss)");
    }
  }

  private static Row withSchema(Object... values) {
    return new GenericRowWithSchema(values, SilverSchema.OUTCOME);
  }

  static Instant instant(LocalDateTime local) {
    return local == null ? null : local.atZone(City.ZONE).toInstant();
  }
}
