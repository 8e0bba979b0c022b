package vn.hcmc.cchc.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A file of the landing zone: its full path, feed, export day ({@link LandingZone#exportDate}: cases
 * the date folders, snapshots the file name's date, work files their month's first day, indicator
 * files 1 January of the year in their name) and the size and modification time that let a rerun
 * skip it cheaply. The driver reads the small ones through {@link RunFiles}, once a run.
 */
public record RawFile(String path, Feed feed, LocalDate exportDate, long size, long modifiedAt)
    implements Serializable {

  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
