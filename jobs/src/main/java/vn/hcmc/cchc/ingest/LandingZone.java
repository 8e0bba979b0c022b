package vn.hcmc.cchc.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.Path;
import vn.hcmc.cchc.config.UsageException;

/**
 * Lists the landing zone (local or {@code s3a://}) as RAW.md lays it out. Names starting with
 * {@code _} or {@code .} are not data (generator summaries, temporary uploads) and are skipped.
 */
public final class LandingZone {
  private static final Pattern CASE_FILE =
      Pattern.compile(".*/(\\d{4})/(\\d{2})/(\\d{2})/[^/]+\\.(jsonl|jsonl\\.gz|csv|csv\\.gz)$");
  private static final Pattern SNAPSHOT_FILE = Pattern.compile(".*/(\\d{4}-\\d{2}-\\d{2})\\.csv$");

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
      throw new UncheckedIOException("cannot list the landing zone " + root + ": " + e.getMessage(), e);
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

  /** The export day a file's path gives, or {@code null} when the path does not follow RAW.md. */
  static LocalDate exportDate(Feed feed, String path) {
    try {
      if (feed.isCases()) {
        Matcher m = CASE_FILE.matcher(path);
        return m.matches()
            ? LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
            : null;
      }
      Matcher m = SNAPSHOT_FILE.matcher(path);
      return m.matches() ? LocalDate.parse(m.group(1)) : null;
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
