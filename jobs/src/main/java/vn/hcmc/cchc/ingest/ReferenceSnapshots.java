package vn.hcmc.cchc.ingest;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;
import vn.hcmc.cchc.text.DelimitedText;
import vn.hcmc.cchc.text.UnreadableFileException;

/**
 * The agency and procedure snapshots of the landing zone as validity intervals: one row per code
 * and stretch of time over which its attributes did not change. {@code valid_from} is the date of
 * the snapshot that introduced the row; {@code valid_to} the date of the first snapshot that changed
 * or dropped it (exclusive), {@code NULL} while it is still in force.
 */
public final class ReferenceSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceSnapshots.class);

  /** The columns every interval row adds to its snapshot's. */
  private static final Set<String> INTERVAL = Set.of("valid_from", "valid_to", "snapshot_file");

  /** A snapshot column: its name and type. */
  private record Column(String name, DataType type) {}

  public static final StructType AGENCIES = Table.SILVER_AGENCIES.schema();
  public static final StructType PROCEDURES = Table.SILVER_PROCEDURES.schema();

  /** The columns a snapshot file must have: the table's, less the interval's. */
  static final List<Column> AGENCY_COLUMNS = snapshotColumns(AGENCIES);
  static final List<Column> PROCEDURE_COLUMNS = snapshotColumns(PROCEDURES);


  private final Warehouse warehouse;
  private final DeltaWriter writer;

  public ReferenceSnapshots(Warehouse warehouse, DeltaWriter writer) {
    this.warehouse = warehouse;
    this.writer = writer;
  }

  private static List<Column> snapshotColumns(StructType table) {
    return java.util.Arrays.stream(table.fields()).filter(f -> !INTERVAL.contains(f.name()))
        .map(f -> new Column(f.name(), f.dataType())).toList();
  }

  /**
   * Rebuilds the interval table of each snapshot feed in {@code moved} from every snapshot file of
   * that feed in {@code listed}; the other table is left alone (a new agency snapshot changes
   * nothing in {@code silver.procedures}, and its new version would rebuild the marts built on it).
   */
  void rebuild(List<RawFile> listed, Set<Feed> moved, RunFiles files) {
    if (moved.contains(Feed.AGENCIES)) {
      writeIntervals(Table.SILVER_AGENCIES, AGENCIES, AGENCY_COLUMNS, listed, Feed.AGENCIES, files);
    }
    if (moved.contains(Feed.PROCEDURES)) {
      writeIntervals(Table.SILVER_PROCEDURES, PROCEDURES, PROCEDURE_COLUMNS, listed, Feed.PROCEDURES, files);
    }
  }

  private void writeIntervals(Table table, StructType schema, List<Column> columns, List<RawFile> listed, Feed feed,
      RunFiles files) {
    List<RawFile> snapshots = listed.stream().filter(f -> f.feed() == feed)
        .sorted(Comparator.comparing(RawFile::exportDate)).toList();
    if (snapshots.isEmpty()) {
      return;
    }
    Map<LocalDate, Map<String, Object[]>> byDate = new LinkedHashMap<>();
    Map<LocalDate, String> fileOf = new HashMap<>();
    for (RawFile f : snapshots) {
      byDate.put(f.exportDate(), read(f, columns, files));
      fileOf.put(f.exportDate(), f.fileName());
    }
    List<Row> rows = intervals(byDate, fileOf);
    writer.overwrite(table, warehouse.spark().createDataFrame(rows, schema));
    LOG.info("{}: {} intervals from {} snapshot(s)", table.sqlName(), rows.size(), snapshots.size());
  }

  /** Pure: the snapshots (date to code to values, in date order) as interval rows. */
  static List<Row> intervals(Map<LocalDate, Map<String, Object[]>> byDate, Map<LocalDate, String> fileOf) {
    record Open(Object[] values, LocalDate from, String file) {}
    Map<String, Open> open = new LinkedHashMap<>();
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<LocalDate, Map<String, Object[]>> snap : byDate.entrySet()) {
      LocalDate date = snap.getKey();
      for (String code : new ArrayList<>(open.keySet())) {
        Object[] now = snap.getValue().get(code);
        if (now == null || !java.util.Arrays.equals(now, open.get(code).values())) {
          Open o = open.remove(code);
          rows.add(row(o.values(), o.from(), date, o.file()));
        }
      }
      for (Map.Entry<String, Object[]> e : snap.getValue().entrySet()) {
        open.putIfAbsent(e.getKey(), new Open(e.getValue(), date, fileOf.get(date)));
      }
    }
    open.values().forEach(o -> rows.add(row(o.values(), o.from(), null, o.file())));
    return rows;
  }

  private static Row row(Object[] values, LocalDate from, LocalDate to, String file) {
    Object[] all = java.util.Arrays.copyOf(values, values.length + 3);
    all[values.length] = from;
    all[values.length + 1] = to;
    all[values.length + 2] = file;
    return RowFactory.create(all);
  }

  private static Map<String, Object[]> read(RawFile f, List<Column> columns, RunFiles files) {
    return parse(files.text(f), columns, f.fileName());
  }

  /**
   * Reads a snapshot as {@link #rebuild} would, to set it aside before the rebuild when it cannot be.
   *
   * @throws UnreadableFileException when it has no header or lacks a column
   */
  static void check(RawFile f, String text) {
    parse(text, f.feed() == Feed.AGENCIES ? AGENCY_COLUMNS : PROCEDURE_COLUMNS, f.fileName());
  }

  /** Pure: a snapshot file's rows by code; a row that does not fit is skipped with a warning. */
  static Map<String, Object[]> parse(String text, List<Column> columns, String fileName) {
    List<DelimitedText.Record> records = DelimitedText.records(text, ',');
    Map<String, Object[]> out = new LinkedHashMap<>();
    if (records.isEmpty() || records.get(0).malformed()) {
      throw new UnreadableFileException("reference snapshot without a readable header row");
    }
    List<String> header = records.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    int[] index = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      index[i] = header.indexOf(columns.get(i).name());
      if (index[i] < 0) {
        throw new UnreadableFileException("reference snapshot without the column " + columns.get(i).name());
      }
    }
    int skipped = 0;
    for (DelimitedText.Record r : records.subList(1, records.size())) {
      Object[] values = r.malformed() ? null : values(r.fields(), columns, index);
      if (values == null || out.containsKey((String) values[0])) {
        skipped++;
        continue;
      }
      out.put((String) values[0], values);
    }
    if (skipped > 0) {
      LOG.warn("reference snapshot {}: {} row(s) skipped (malformed, invalid or a duplicate code)", fileName, skipped);
    }
    return out;
  }

  private static Object[] values(List<String> fields, List<Column> columns, int[] index) {
    Object[] v = new Object[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      if (index[i] >= fields.size()) {
        return null;
      }
      String s = Normalizer.normalize(fields.get(index[i]).strip(), Normalizer.Form.NFC);
      Column c = columns.get(i);
      if (c.type() == BooleanType) {
        String b = s.toLowerCase(Locale.ROOT);
        if (!b.equals("true") && !b.equals("false")) {
          return null;
        }
        v[i] = Boolean.parseBoolean(b);
      } else if (c.type() == IntegerType) {
        try {
          v[i] = s.isEmpty() ? null : Integer.parseInt(s);
        } catch (NumberFormatException e) {
          return null;
        }
      } else {
        v[i] = s.isEmpty() ? null : s;
      }
    }
    if (v[0] == null) {
      return null;
    }
    int level = columns.stream().map(Column::name).toList().indexOf("level");
    if (level >= 0 && (v[level] == null || !City.Level.ALL.contains(((String) v[level]).toLowerCase(Locale.ROOT)))) {
      return null;
    }
    if (level >= 0) {
      v[level] = ((String) v[level]).toLowerCase(Locale.ROOT);
    }
    return v;
  }
}
