package vn.hcmc.cchc.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.CollectionAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.pii.Pseudonymizer;
import vn.hcmc.cchc.session.Stopwatch;
import vn.hcmc.cchc.tables.BronzeSchema;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.HadoopConf;
import vn.hcmc.cchc.tables.InternalFrames;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;
import vn.hcmc.cchc.text.FileText;
import vn.hcmc.cchc.text.UnreadableFileException;

/**
 * {@code ingest}: new files of the landing zone into {@code bronze.cases}, every record of them,
 * with lineage and personal data already replaced by tokens; new agency snapshots into {@code
 * silver.agencies}, new procedure snapshots into {@code silver.procedures}; feeds C and D into
 * {@code silver.work_files} and {@code silver.indicators} ({@link SideFeeds}), rebuilt whenever one
 * of their files or an agency snapshot is new. A file is new unless the ledger {@code bronze.files} holds its path with the same content
 * hash; a file whose size and modification time are unchanged is not even read again.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  /** What {@code silver.work_files} and {@code silver.indicators} are built from (agencies: the agency of a month). */
  private static final Set<Feed> SIDE_FEED_INPUTS = Set.of(Feed.WORK, Feed.INDICATORS, Feed.AGENCIES);

  /**
   * What one ingest did; {@code referenceChanged}: a snapshot, work or indicator file was new;
   * {@code unreadable}: new files set aside in {@code bronze.bad_files}, path to reason.
   */
  public record Result(String batchId, int filesSeen, int filesLoaded, int filesUnchanged, long rawRecords,
      long bronzeRows, long unparsed, boolean referenceChanged, Map<String, String> unreadable) {}

  private final Warehouse warehouse;
  private final DeltaWriter writer;
  private final Pseudonymizer pii;

  public IngestJob(Warehouse warehouse, DeltaWriter writer, Pseudonymizer pii) {
    this.warehouse = warehouse;
    this.writer = writer;
    this.pii = pii;
  }

  /** Every new file of the landing zone at {@code rawRoot}. */
  public Result run(String rawRoot, Instant ingestedAt) {
    return run(rawRoot, ExportWindow.ALL, ingestedAt);
  }

  /**
   * The new files of the landing zone at {@code rawRoot} that {@code window} admits. Files already
   * loaded stay part of the reference rebuilds whatever their date, so a run over an earlier window
   * never takes back what a later one loaded.
   */
  public Result run(String rawRoot, ExportWindow window, Instant ingestedAt) {
    SparkSession spark = warehouse.spark();
    Stopwatch started = Stopwatch.start();
    String batchId = writer.runId();
    List<RawFile> all = LandingZone.list(rawRoot, List.of(Feed.values()), spark.sparkContext().hadoopConfiguration());
    LOG.debug("ingest: listed {} files after {}", all.size(), started);
    FileLedger ledger = new FileLedger(warehouse, writer);
    FileLedger.Known known = ledger.repairFromBronze(ledger.known(), all, files -> hash(spark, files));
    List<RawFile> listed = all.stream().filter(f -> window.admits(f) || known.seen(f)).toList();
    if (listed.size() < all.size()) {
      LOG.info("ingest: {} new file(s) dated after {} left for the runs of their days", all.size() - listed.size(),
          window.to());
    }

    LOG.debug("ingest: listed and ledger read after {}", started);
    List<RawFile> changed = listed.stream().filter(f -> !known.unchanged(f)).toList();
    Map<String, String> hashes = hash(spark, changed);
    List<RawFile> fresh = new ArrayList<>();
    List<RawFile> duplicates = new ArrayList<>();
    for (RawFile f : changed) {
      (known.loaded(f.path(), hashes.get(f.path())) ? duplicates : fresh).add(f);
    }
    LOG.debug("ingest: hashed {} files after {}", changed.size(), started);
    RunFiles files = new RunFiles(spark.sparkContext().hadoopConfiguration());
    Map<String, String> unreadable = new TreeMap<>(unreadableOnDriver(fresh, files));
    List<RawFile> caseFiles = fresh.stream().filter(f -> f.feed().isCases()).toList();
    long late = caseFiles.stream().filter(window::late).count();
    if (late > 0) {
      LOG.info("ingest: {} late file(s) dated before {} taken with this run", late, window.from());
    }

    long raw = 0;
    long bronze = 0;
    long unparsed = 0;
    Map<String, Long> perFile = new HashMap<>();
    if (!caseFiles.isEmpty()) {
      CollectionAccumulator<String> counts = spark.sparkContext().collectionAccumulator("records per file");
      CollectionAccumulator<String> bad = spark.sparkContext().collectionAccumulator("unreadable files");
      writer.append(Table.BRONZE_CASES, parse(spark, caseFiles, hashes, batchId, ingestedAt, counts, bad));
      for (String b : bad.value()) {
        int tab = b.indexOf('\t');
        unreadable.put(b.substring(0, tab), b.substring(tab + 1));
      }
      for (String c : counts.value()) {
        String[] f = c.split("\t");
        perFile.merge(f[0], Long.parseLong(f[1]), Long::sum);
        raw += Long.parseLong(f[1]);
        unparsed += Long.parseLong(f[2]);
      }
      bronze = warehouse.lastCommitMetric(Table.BRONZE_CASES, "numOutputRows");
    }
    LOG.debug("ingest: bronze counted after {}", started);
    // the reference rebuilds read every file they have taken; never one that could not be read
    Set<String> freshPaths = fresh.stream().map(RawFile::path).collect(java.util.stream.Collectors.toSet());
    List<RawFile> readable = listed.stream().filter(f -> !unreadable.containsKey(f.path())
        && (freshPaths.contains(f.path()) || !known.unreadable(f))).toList();
    List<RawFile> freshReference =
        fresh.stream().filter(f -> !f.feed().isCases() && !unreadable.containsKey(f.path())).toList();
    boolean referenceChanged = !freshReference.isEmpty();
    // each table is rebuilt only when one of its own inputs has a new file: a new version of it
    // would make marts rebuild what is built on it
    Set<Feed> moved = freshReference.stream().map(RawFile::feed).collect(java.util.stream.Collectors.toSet());
    if (moved.stream().anyMatch(Feed::isSnapshot)) {
      new ReferenceSnapshots(warehouse, writer).rebuild(readable, moved, files);
    }
    if (moved.stream().anyMatch(SIDE_FEED_INPUTS::contains)) {
      new SideFeeds(warehouse, writer, pii).rebuild(readable, ingestedAt, files);
    }
    LOG.debug("ingest: reference done after {}", started);
    ledger.record(fresh, duplicates, unreadable, hashes, perFile, batchId, ingestedAt);
    unreadable.forEach((path, reason) -> LOG.warn("ingest: set aside (bronze.bad_files) {}: {}", path, reason));
    Result result = new Result(batchId, listed.size(), fresh.size() - unreadable.size(),
        listed.size() - changed.size() + duplicates.size(), raw, bronze, unparsed, referenceChanged, unreadable);
    LOG.info("ingest: {} files seen, {} loaded, {} already loaded{}; raw records {} = bronze rows {} ({} unparseable){}; {}",
        result.filesSeen(), result.filesLoaded(), result.filesUnchanged(),
        unreadable.isEmpty() ? "" : ", " + unreadable.size() + " unreadable (bronze.bad_files)", raw, bronze, unparsed,
        referenceChanged ? "; reference tables rebuilt" : "", started);
    if (raw != bronze) {
      throw new IllegalStateException("reconciliation failed for batch " + batchId + ": raw records " + raw
          + " but bronze rows " + bronze);
    }
    return result;
  }

  /** SHA-256 of each file's bytes as stored, computed where the files are read (executors). */
  private static Map<String, String> hash(SparkSession spark, List<RawFile> files) {
    if (files.isEmpty()) {
      return Map.of();
    }
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<String> paths = files.stream().map(RawFile::path).toList();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<String, String> out = new HashMap<>();
    for (String line : jsc.parallelize(paths, Math.min(paths.size(), 64)).map(p -> p + "\t" + sha256(p, conf)).collect()) {
      int tab = line.lastIndexOf('\t');
      out.put(line.substring(0, tab), line.substring(tab + 1));
    }
    return out;
  }

  private static String sha256(String path, HadoopConf conf) {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(conf.get()).open(p)) {
      return Sha256.of(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /**
   * The fresh files read on the driver (snapshots, work files, indicators) that cannot be read:
   * path to reason. Case files are judged where they are parsed.
   */
  private static Map<String, String> unreadableOnDriver(List<RawFile> fresh, RunFiles files) {
    Map<String, String> out = new TreeMap<>();
    for (RawFile f : fresh) {
      if (f.feed().isCases()) {
        continue;
      }
      try {
        String text = files.text(f);
        if (f.feed().isSnapshot()) {
          ReferenceSnapshots.check(f, text);
        }
      } catch (UnreadableFileException e) {
        out.put(f.path(), e.getMessage());
      }
    }
    return out;
  }

  /**
   * The case files' records as bronze rows. A file that cannot be read at all adds {@code path TAB
   * reason} to {@code bad} and no row; a storage error fails the task (and the run), as it is no
   * fault of the file.
   */
  private Dataset<Row> parse(SparkSession spark, List<RawFile> files, Map<String, String> hashes, String batchId,
      Instant ingestedAt, CollectionAccumulator<String> counts, CollectionAccumulator<String> bad) {
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    Pseudonymizer tokens = pii;
    List<String> tasks = new ArrayList<>();
    for (RawFile f : files) {
      tasks.add(String.join("\t", f.path(), f.feed().code(), f.exportDate().toString(), hashes.get(f.path())));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // rows in Spark's internal form: no external rows to encode (a tenth of ingest's time)
    UTF8String batch = UTF8String.fromString(batchId);
    long ingestedMicros = org.apache.spark.sql.catalyst.util.DateTimeUtils.instantToMicros(ingestedAt);
    return InternalFrames.of(spark,
        jsc.parallelize(tasks, Math.max(1, Math.min(tasks.size(), 4 * jsc.defaultParallelism()))).flatMap(task -> {
          String[] t = task.split("\t", -1);
          Feed feed = Feed.ofCode(t[1]);
          java.time.LocalDate exportDate = java.time.LocalDate.parse(t[2]);
          String text;
          try {
            text = FileText.decode(readAll(t[0], conf), t[0].endsWith(".gz"));
          } catch (UnreadableFileException e) {
            bad.add(t[0] + "\t" + e.getMessage());
            return java.util.Collections.emptyIterator();
          }
          List<RawRecords.Parsed> parsed = RawRecords.parse(feed, text, tokens);
          counts.add(t[0] + "\t" + parsed.size() + "\t" + parsed.stream().filter(p -> p.parseError() != null).count());
          UTF8String feedCode = UTF8String.fromString(feed.code());
          UTF8String file = UTF8String.fromString(t[0]);
          UTF8String hash = UTF8String.fromString(t[3]);
          int day = (int) exportDate.toEpochDay();
          List<InternalRow> rows = new ArrayList<>(parsed.size());
          for (RawRecords.Parsed p : parsed) {
            rows.add(new GenericInternalRow(new Object[] {batch, feedCode, file, hash, p.lineNumber(), day,
                ingestedMicros, UTF8String.fromString(p.record()),
                p.parseError() == null ? null : UTF8String.fromString(p.parseError())}));
          }
          return rows.iterator();
        }).rdd(),
        BronzeSchema.CASES);
  }

  private static byte[] readAll(String path, HadoopConf conf) throws IOException {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(conf.get()).open(p)) {
      return in.readAllBytes();
    }
  }
}
