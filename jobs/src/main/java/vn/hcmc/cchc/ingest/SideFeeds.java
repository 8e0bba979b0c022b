package vn.hcmc.cchc.ingest;


import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.pii.CaseFields;
import vn.hcmc.cchc.pii.Pseudonymizer;
import vn.hcmc.cchc.reference.ReferenceLookup;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.SilverSchema;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Feeds C (work files) and D (indicators) into {@code silver.work_files} and {@code
 * silver.indicators}, and their rejected records into {@code silver.quarantine} ({@code feed} =
 * {@code work} / {@code indicators}). The files are small, so every one of the landing zone is read
 * on the driver and the tables are rebuilt whole: a correction, a new agency snapshot or a removed
 * file is reflected without bookkeeping. The rejects of the rebuild replace all earlier side-feed
 * rejects and carry the rebuilding run's batch id.
 */
public final class SideFeeds {
  private static final Logger LOG = LoggerFactory.getLogger(SideFeeds.class);

  /** {@code silver.work_files}: one row per month and agency. */
  public static final StructType WORK_FILES = Table.SILVER_WORK_FILES.schema();

  /** {@code silver.indicators}: one row per target, year and scope. */
  public static final StructType INDICATORS = Table.SILVER_INDICATORS.schema();

  /** The quarantine rows this class owns (what each rebuild replaces). */
  static final String QUARANTINE_SCOPE =
      "feed IN ('" + Feed.WORK.code() + "', '" + Feed.INDICATORS.code() + "')";

  private final Warehouse warehouse;
  private final DeltaWriter writer;
  private final Pseudonymizer pii;

  /**
   * @param pii masks what a hand-written file may carry by mistake: feeds C and D hold no personal
   *     data, but a note could hold a phone or an ID number (masked; a name in a note's free text
   *     cannot be located, and notes are kept), and a rejected line anything ({@link #masked})
   */
  public SideFeeds(Warehouse warehouse, DeltaWriter writer, Pseudonymizer pii) {
    this.warehouse = warehouse;
    this.writer = writer;
    this.pii = pii;
  }

  /**
   * Rebuilds both tables and the side-feed quarantine from every feed C and D file of {@code
   * listed}; does nothing when there is none. Needs {@code silver.agencies} up to date (agencies
   * unknown there are quarantined).
   */
  void rebuild(List<RawFile> listed, Instant ingestedAt, RunFiles files) {
    List<SideFeedParser.Source> work = read(listed, Feed.WORK, files);
    List<SideFeedParser.Source> indicators = read(listed, Feed.INDICATORS, files);
    if (work.isEmpty() && indicators.isEmpty()) {
      return;
    }
    SparkSession spark = warehouse.spark();
    SideFeedParser.Parsed w = SideFeedParser.work(work, ReferenceLookup.load(warehouse));
    SideFeedParser.Parsed d = SideFeedParser.indicators(indicators);
    writer.overwrite(Table.SILVER_WORK_FILES, spark.createDataFrame(w.rows(), WORK_FILES));
    writer.overwrite(Table.SILVER_INDICATORS, spark.createDataFrame(d.rows().stream().map(this::noteMasked).toList(),
        INDICATORS));
    List<Row> rejected = Stream.concat(w.rejects().stream(), d.rejects().stream())
        .map(r -> quarantineRow(r, ingestedAt)).toList();
    writer.replaceWhere(Table.SILVER_QUARANTINE, spark.createDataFrame(rejected, SilverSchema.QUARANTINE),
        QUARANTINE_SCOPE);
    LOG.info("side feeds: work {} file(s), {} rows loaded, {} quarantined; indicators {} file(s), {} rows loaded, "
        + "{} superseded by a later record, {} quarantined", work.size(), w.rows().size(), w.rejects().size(),
        indicators.size(), d.rows().size(), d.superseded(), d.rejects().size());
  }

  /** The files of {@code feed} in path order (the listing's order), read and hashed (once a run). */
  private static List<SideFeedParser.Source> read(List<RawFile> listed, Feed feed, RunFiles files) {
    return listed.stream().filter(f -> f.feed() == feed)
        .map(f -> new SideFeedParser.Source(f, files.sha256(f), files.text(f)))
        .toList();
  }

  private Row quarantineRow(SideFeedParser.Reject r, Instant ingestedAt) {
    RawFile f = r.source().file();
    return RowFactory.create(writer.runId(), f.feed().code(), f.path(), r.lineNumber(), f.exportDate(),
        r.source().fileHash(), ingestedAt, null, r.reason().code(), r.detail(), masked(r.record()), null, null);
  }

  /**
   * A rejected line as stored: each comma-separated part in clear only when it has the shape of a
   * code or a number ({@link CaseFields#codeLike}); a name in the agency column, a note, anything
   * else becomes its token (a rejected line is not read again, so nothing is lost that a rebuild needs).
   */
  private String masked(String line) {
    String[] parts = line.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String v = parts[i].strip();
      parts[i] = v.isEmpty() || CaseFields.codeLike(v) ? parts[i] : pii.token(parts[i]);
    }
    return String.join(",", parts);
  }

  private Row noteMasked(Row indicator) {
    Object[] v = new Object[indicator.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = indicator.get(i);
    }
    int note = INDICATORS.fieldIndex("note");
    v[note] = pii.scrubNumbers((String) v[note]);
    return RowFactory.create(v);
  }
}
