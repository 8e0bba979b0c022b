package vn.hcmc.cchc.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.Path;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.tables.StorageError;

/**
 * Lists the landing zone (local or {@code s3a://}) as RAW.md lays it out. Names starting with
 * {@code _} or {@code .} are not data (generator summaries, temporary uploads) and are skipped.
 */
public final class LandingZone {
  private static final Pattern CASE_FILE =
      Pattern.compile(".*/(\\d{4})/(\\d{2})/(\\d{2})/[^/]+\\.(jsonl|jsonl\\.gz|csv|csv\\.gz)$");
  private static final Pattern SNAPSHOT_FILE = Pattern.compile(".*/(\\d{4}-\\d{2}-\\d{2})\\.csv$");
  private static final Pattern WORK_FILE = Pattern.compile(".*/(\\d{4})/(\\d{2})\\.csv$");
  private static final Pattern INDICATOR_FILE = Pattern.compile(".*/indicators/([^/]+)\\.csv$");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  /** The export day of an indicator file whose name is not a year: it needs one, and no date says it. */
  public static final LocalDate UNDATED = LocalDate.of(1970, 1, 1);

  private LandingZone() {}

  /** Every data file of {@code feeds} below {@code root}, sorted by path. */
  public static List<RawFile> list(String root, List<Feed> feeds, Configuration hadoopConf) {
    Path rootPath = new Path(root);
    List<RawFile> out = new ArrayList<>();
    try {
      FileSystem fs = rootPath.getFileSystem(hadoopConf);
      if (!fs.exists(rootPath)) {
        throw new UsageException("raw landing zone not found: " + root + " (pass --raw DIR)");
      }
      for (Feed feed : feeds) {
        Path dir = new Path(rootPath, feed.folder());
        if (!fs.exists(dir)) {
          continue;
        }
        if ("file".equals(fs.getScheme())) {
          walk(fs, dir, feed, out);
        } else {
          // object stores: one flat listing of the prefix is far cheaper than a walk
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
          while (it.hasNext()) {
            add(it.next(), feed, out);
          }
        }
      }
    } catch (FileNotFoundException e) {
      throw new UsageException("raw landing zone not found: " + root);
    } catch (IOException e) {
      throw StorageError.unreachable("the landing zone", root, hadoopConf, e);
    }
    out.sort(Comparator.comparing(RawFile::path));
    return out;
  }

  /**
   * Depth-first listing with {@code listStatus}: unlike {@code listFiles(dir, true)} it never asks
   * for permissions or block locations, which on a local disk without Hadoop's native library
   * costs a forked process per file (minutes for a year of exports).
   */
  private static void walk(FileSystem fs, Path dir, Feed feed, List<RawFile> out) throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      if (!isData(st.getPath())) {
        continue;
      }
      if (st.isDirectory()) {
        walk(fs, st.getPath(), feed, out);
        continue;
      }
      add(st, feed, out);
    }
  }

  private static void add(FileStatus st, Feed feed, List<RawFile> out) {
    if (!isData(st.getPath())) {
      return;
    }
    LocalDate day = exportDate(feed, st.getPath().toString());
    if (day != null) {
      out.add(new RawFile(st.getPath().toString(), feed, day, st.getLen(), st.getModificationTime()));
    }
  }

  private static boolean isData(Path p) {
    for (Path q = p; q != null && !q.isRoot(); q = q.getParent()) {
      String n = q.getName();
      if (n.startsWith("_") || n.startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  /**
   * The export day a file's path gives, or {@code null} when the path does not follow RAW.md: the
   * date folders of a case file, the name of a snapshot, the first day of a work file's month, 1
   * January of an indicator file named {@code yyyy.csv} ({@link #UNDATED} for other names).
   */
  static LocalDate exportDate(Feed feed, String path) {
    try {
      return switch (feed) {
        case DVC, LEGACY -> date(CASE_FILE, path, m -> LocalDate.of(number(m, 1), number(m, 2), number(m, 3)));
        case AGENCIES, PROCEDURES -> date(SNAPSHOT_FILE, path, m -> LocalDate.parse(m.group(1)));
        case WORK -> date(WORK_FILE, path, m -> LocalDate.of(number(m, 1), number(m, 2), 1));
        case INDICATORS -> date(INDICATOR_FILE, path,
            m -> YEAR.matcher(m.group(1)).matches() ? LocalDate.of(number(m, 1), 1, 1) : UNDATED);
      };
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static LocalDate date(Pattern pattern, String path, Function<Matcher, LocalDate> toDate) {
    Matcher m = pattern.matcher(path);
    return m.matches() ? toDate.apply(m) : null;
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
