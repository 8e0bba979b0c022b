package vn.hcmc.cchc.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A file of the landing zone: its full path, feed, export day (cases: the date folders; reference:
 * the file name's date) and the size and modification time that let a rerun skip it cheaply.
 */
public record RawFile(String path, Feed feed, LocalDate exportDate, long size, long modifiedAt)
    implements Serializable {

  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
