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
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;
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
    String record = bronze.getAs("record");
    String parseError = bronze.getAs("parse_error");
    Object[] v = outcome(bronze.getAs("batch_id"), bronze.getAs("feed"), bronze.getAs("source_file"),
        bronze.<Long>getAs("line_number"), bronze.getAs("export_date"),
        parseError == null ? RawCase.of(record) : null, parseError, record, bronze.getAs("file_hash"),
        bronze.getAs("ingested_at"));
    return new GenericRowWithSchema(v, SilverSchema.OUTCOME);
  }

  /**
   * The same for a row in Spark's internal form, read by ordinal ({@link #BRONZE_COLUMNS}), the
   * outcome in internal form too: no external row is built on either side (what encoding one cost
   * the normalizer: a fifth of its time). The record is parsed from its UTF-8 bytes.
   */
  public InternalRow parse(InternalRow bronze) {
    UTF8String record = bronze.getUTF8String(5);
    String parseError = bronze.isNullAt(6) ? null : bronze.getUTF8String(6).toString();
    LocalDate exportDate = bronze.isNullAt(4) ? null : LocalDate.ofEpochDay(bronze.getInt(4));
    Object[] v = outcome(bronze.getUTF8String(0).toString(), bronze.getUTF8String(1).toString(),
        bronze.getUTF8String(2).toString(), bronze.getLong(3), exportDate,
        parseError == null && record != null ? RawCase.of(record.getBytes()) : null, parseError,
        record == null ? null : record.copy(), bronze.isNullAt(7) ? null : bronze.getUTF8String(7).copy(),
        bronze.isNullAt(8) ? null : bronze.getLong(8));
    for (int i = 0; i < v.length; i++) {
      v[i] = internal(v[i]);
    }
    return new GenericInternalRow(v);
  }

  /** The {@code bronze.cases} columns {@link #parse(InternalRow)} reads, in its order. */
  public static final List<String> BRONZE_COLUMNS = List.of("batch_id", "feed", "source_file", "line_number",
      "export_date", "record", "parse_error", "file_hash", "ingested_at");

  /** A value of the outcome in Spark's internal form; values already in it pass as they are. */
  private static Object internal(Object v) {
    if (v instanceof String s) {
      return UTF8String.fromString(s);
    } else if (v instanceof Instant i) {
      return DateTimeUtils.instantToMicros(i);
    } else if (v instanceof LocalDate d) {
      return (int) d.toEpochDay();
    }
    return v;
  }

  /**
   * The outcome's values in {@link SilverSchema#OUTCOME}'s order; the lineage values ({@code
   * record}, {@code fileHash}, {@code ingestedAt}) pass through in whatever form the caller holds
   * them. {@code raw} is {@code null} when the record is not a JSON object.
   */
  private Object[] outcome(String batchId, String feed, String file, long line, LocalDate exportDate, RawCase raw,
      String parseError, Object record, Object fileHash, Object ingestedAt) {
    try {
      if (raw == null) {
        throw new Rejected(Reason.MALFORMED_RECORD, parseError == null ? "not a JSON object" : parseError);
      }
      return accepted(raw, batchId, feed, file, line, exportDate, fileHash, ingestedAt);
    } catch (Rejected r) {
      return rejected(raw == null ? null : raw.get(DOSSIER), r.reason, r.getMessage(), batchId, feed, file, line,
          exportDate, record, fileHash, ingestedAt);
    }
  }

  private Object[] accepted(RawCase raw, String batchId, String feed, String file, long line, LocalDate exportDate,
      Object fileHash, Object ingestedAt) throws Rejected {
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

    return new Object[] {
        raw.get(DOSSIER), raw.get(AGENCY), agency.level(), agency.districtCode(), agency.wardCode(),
        raw.get(PROCEDURE), procedure.sector(), Codes.CHANNELS.get(channel - 1), onlineLevel,
        applicant == 0 ? null : Codes.APPLICANTS.get(applicant - 1), City.Status.NAMES.get(status - 1), status,
        instant(received), receivedDay, instant(due), instant(result != null ? result : returned), instant(returned),
        instant(withdrawnAt), instant(updated),
        flags[0], flags[1], flags[2], flags[3], flags[4], flags[5], device, flags[6], flags[7], rating,
        raw.get(OWNER_NAME), raw.get(OWNER_ID), raw.get(OWNER_PHONE),
        feed, batchId, file, line, exportDate, key,
        // quarantine-only columns
        line, fileHash, ingestedAt, null, null, null};
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

  private static Object[] rejected(String dossierId, Reason reason, String detail, String batchId, String feed,
      String file, long line, LocalDate exportDate, Object record, Object fileHash, Object ingestedAt) {
    Object[] v = new Object[SilverSchema.OUTCOME.size()];
    v[DOSSIER_ID] = dossierId;
    v[FEED] = feed;
    v[BATCH_ID] = batchId;
    v[SOURCE_FILE] = file;
    v[SOURCE_LINE] = line;
    v[LINE_NUMBER] = line;
    v[EXPORT_DATE] = exportDate;
    v[FILE_HASH] = fileHash;
    v[INGESTED_AT] = ingestedAt;
    v[REASON] = reason.code();
    v[DETAIL] = detail;
    v[RECORD] = record;
    return v;
  }

  private static final int DOSSIER_ID = SilverSchema.OUTCOME.fieldIndex("dossier_id");
  private static final int FEED = SilverSchema.OUTCOME.fieldIndex("feed");
  private static final int BATCH_ID = SilverSchema.OUTCOME.fieldIndex("batch_id");
  private static final int SOURCE_FILE = SilverSchema.OUTCOME.fieldIndex("source_file");
  private static final int SOURCE_LINE = SilverSchema.OUTCOME.fieldIndex("source_line");
  private static final int LINE_NUMBER = SilverSchema.OUTCOME.fieldIndex("line_number");
  private static final int EXPORT_DATE = SilverSchema.OUTCOME.fieldIndex("export_date");
  private static final int FILE_HASH = SilverSchema.OUTCOME.fieldIndex("file_hash");
  private static final int INGESTED_AT = SilverSchema.OUTCOME.fieldIndex("ingested_at");
  private static final int REASON = SilverSchema.OUTCOME.fieldIndex("reason");
  private static final int DETAIL = SilverSchema.OUTCOME.fieldIndex("detail");
  private static final int RECORD = SilverSchema.OUTCOME.fieldIndex("record");

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

  static Instant instant(LocalDateTime local) {
    return local == null ? null : local.atZone(City.ZONE).toInstant();
  }
}
