package vn.hcmc.cchc.ingest;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.hcmc.cchc.quality.Reason;
import vn.hcmc.cchc.reference.ReferenceLookup;
import vn.hcmc.cchc.tables.Transform;
import vn.hcmc.cchc.text.DelimitedText;

/**
 * Feeds C and D from text to rows, without I/O: every record after a file's header becomes either a
 * row of {@code silver.work_files} / {@code silver.indicators} (in {@link SideFeeds#WORK_FILES} /
 * {@link SideFeeds#INDICATORS} order) or a {@link Reject} with WAREHOUSE.md's first broken reason.
 * Rules are checked in that list's order: {@code malformed_record}, {@code missing_field}, {@code
 * bad_code}, {@code unknown_agency}.
 */
@Transform
final class SideFeedParser {
  static final List<String> WORK_HEADER = List.of("agency_code", "total", "processed_online", "classified");
  static final List<String> INDICATOR_HEADER =
      List.of("target_id", "year", "scope_code", "numerator", "denominator", "note");
  /** The form of {@code targets.csv}'s ids; the ids themselves are checked where targets are used. */
  static final Pattern TARGET_ID = Pattern.compile("T\\d\\d_[A-Z0-9_]+");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern COUNT = Pattern.compile("\\d{1,18}");

  /** One file of the landing zone with its text and content hash. */
  record Source(RawFile file, String fileHash, String text) {}

  /** A record that did not become a row; {@code record} is its raw text. */
  record Reject(Source source, long lineNumber, Reason reason, String detail, String record) {}

  /** Rows for the silver table, rejects, and valid rows that a later file or line replaced. */
  record Parsed(List<Row> rows, List<Reject> rejects, long superseded) {}

  /** A broken rule, thrown from the checks of one record (no stack trace: it is control flow). */
  private static final class Rejected extends Exception {
    private final Reason reason;

    Rejected(Reason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  /** A data record whose field count matches the header. */
  private record Line(Source source, DelimitedText.Record record) {
    List<String> fields() {
      return record.fields();
    }
  }

  private SideFeedParser() {}

  /**
   * Work files: one row per agency and month. Level and district come from the agency snapshot in
   * force on the month's last day (the export date is the month's first day). Within one file the
   * first valid row of an agency wins; later ones are {@code bad_code}.
   */
  static Parsed work(List<Source> files, ReferenceLookup agencies) {
    List<Row> rows = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    for (Source source : files) {
      LocalDate month = source.file().exportDate();
      LocalDate lastDay = month.plusMonths(1).minusDays(1);
      Set<String> seen = new HashSet<>();
      for (Line line : lines(source, WORK_HEADER, rejects)) {
        try {
          List<String> f = required(line, WORK_HEADER, WORK_HEADER.size());
          String agency = f.get(0);
          long total = count(f, WORK_HEADER, 1);
          long online = count(f, WORK_HEADER, 2);
          long classified = count(f, WORK_HEADER, 3);
          if (classified > total) {
            throw new Rejected(Reason.BAD_CODE, "classified > total");
          }
          if (online > total - classified) {
            throw new Rejected(Reason.BAD_CODE, "processed_online > total - classified");
          }
          if (!seen.add(agency)) {
            throw new Rejected(Reason.BAD_CODE, "agency_code already has a row in this file");
          }
          ReferenceLookup.Agency a = agencies.agency(agency, lastDay);
          if (a == null) {
            throw new Rejected(Reason.UNKNOWN_AGENCY, "agency_code not in the agency snapshot in force on " + lastDay);
          }
          rows.add(RowFactory.create(month, agency, a.level(), a.districtCode(), total, online, classified,
              source.file().path(), line.record().lineNumber()));
        } catch (Rejected e) {
          rejects.add(reject(line, e.reason, e.getMessage()));
        }
      }
    }
    return new Parsed(rows, rejects, 0);
  }

  /**
   * Indicator files: one row per target, year and scope. When several records give the same key,
   * the one latest in path order, then line order, wins (a correction is delivered as a later
   * file); the others count as superseded, not rejected.
   */
  static Parsed indicators(List<Source> files) {
    Map<List<Object>, Row> latest = new LinkedHashMap<>();
    List<Reject> rejects = new ArrayList<>();
    long superseded = 0;
    for (Source source : files.stream().sorted(Comparator.comparing(s -> s.file().path())).toList()) {
      for (Line line : lines(source, INDICATOR_HEADER, rejects)) {
        try {
          List<String> f = required(line, INDICATOR_HEADER, INDICATOR_HEADER.size() - 1);
          String target = f.get(0);
          if (!TARGET_ID.matcher(target).matches()) {
            throw new Rejected(Reason.BAD_CODE, "target_id is not of the form Tnn_NAME");
          }
          if (!YEAR.matcher(f.get(1)).matches()) {
            throw new Rejected(Reason.BAD_CODE, "year is not 4 digits");
          }
          int year = Integer.parseInt(f.get(1));
          long numerator = count(f, INDICATOR_HEADER, 3);
          long denominator = count(f, INDICATOR_HEADER, 4);
          if (denominator == 0) {
            throw new Rejected(Reason.BAD_CODE, "denominator is 0");
          }
          String note = f.get(5).isEmpty() ? null : f.get(5);
          Row row = RowFactory.create(target, year, f.get(2), numerator, denominator, note, source.file().path(),
              line.record().lineNumber());
          if (latest.put(List.of(target, year, f.get(2)), row) != null) {
            superseded++;
          }
        } catch (Rejected e) {
          rejects.add(reject(line, e.reason, e.getMessage()));
        }
      }
    }
    return new Parsed(new ArrayList<>(latest.values()), rejects, superseded);
  }

  /**
   * The data records of a file whose field count matches {@code header}; the others go to {@code
   * rejects} as malformed. A file whose first record is not {@code header} has every record
   * rejected, the first one included (it may be data without a header).
   */
  private static List<Line> lines(Source source, List<String> header, List<Reject> rejects) {
    List<DelimitedText.Record> records = DelimitedText.records(source.text(), ',');
    List<Line> out = new ArrayList<>();
    if (records.isEmpty()) {
      return out;
    }
    DelimitedText.Record first = records.get(0);
    boolean headerOk = !first.malformed()
        && first.fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList().equals(header);
    if (!headerOk) {
      String detail = "the file's header is not " + String.join(",", header);
      records.forEach(r -> rejects.add(new Reject(source, r.lineNumber(), Reason.MALFORMED_RECORD, detail, r.text())));
      return out;
    }
    for (DelimitedText.Record r : records.subList(1, records.size())) {
      Line line = new Line(source, r);
      if (r.malformed()) {
        rejects.add(reject(line, Reason.MALFORMED_RECORD, "invalid CSV: " + r.error()));
      } else if (r.fields().size() != header.size()) {
        rejects.add(reject(line, Reason.MALFORMED_RECORD,
            r.fields().size() + " fields where the header has " + header.size()));
      } else {
        out.add(line);
      }
    }
    return out;
  }

  /** The record's fields, NFC and trimmed, after checking that the first {@code required} are not empty. */
  private static List<String> required(Line line, List<String> header, int required) throws Rejected {
    List<String> f = line.fields().stream().map(v -> Normalizer.normalize(v.strip(), Normalizer.Form.NFC)).toList();
    for (int i = 0; i < required; i++) {
      if (f.get(i).isEmpty()) {
        throw new Rejected(Reason.MISSING_FIELD, header.get(i) + " is empty");
      }
    }
    return f;
  }

  private static long count(List<String> fields, List<String> header, int i) throws Rejected {
    if (!COUNT.matcher(fields.get(i)).matches()) {
      throw new Rejected(Reason.BAD_CODE, header.get(i) + " is not a non-negative integer");
    }
    return Long.parseLong(fields.get(i));
  }

  private static Reject reject(Line line, Reason reason, String detail) {
    return new Reject(line.source(), line.record().lineNumber(), reason, detail, line.record().text());
  }
}
