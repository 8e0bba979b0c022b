package vn.hcmc.cchc.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import vn.hcmc.cchc.text.FileText;
import vn.hcmc.cchc.text.UnreadableFileException;

/**
 * A file of the landing zone: its full path, feed, export day ({@link LandingZone#exportDate}: cases
 * the date folders, snapshots the file name's date, work files their month's first day, indicator
 * files 1 January of the year in their name) and the size and modification time that let a rerun
 * skip it cheaply.
 */
public record RawFile(String path, Feed feed, LocalDate exportDate, long size, long modifiedAt)
    implements Serializable {

  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * The whole file as text ({@link FileText#decode(byte[], boolean)}), for the small files read on
   * the driver.
   *
   * @throws UnreadableFileException when the bytes are not text of an encoding the feeds may use
   */
  public String readText(Configuration conf) {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return FileText.decode(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
