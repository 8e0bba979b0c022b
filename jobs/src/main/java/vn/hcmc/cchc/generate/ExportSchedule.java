package vn.hcmc.cchc.generate;

import static vn.hcmc.cchc.generate.WorkingCalendar.DAY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A lane's snapshots filed under the day they are exported, from the day a dossier is received
 * until that day's file is written. A day is taken once: no receipt after it can add to it, which
 * is what lets the generator hold only the open dossiers, not the range.
 */
final class ExportSchedule {
  /** Snapshot {@code k} of a dossier, to be written on some export day (again, if {@code reexport}). */
  record Entry(Dossier d, int k, boolean reexport) {}

  private final long fromDay;
  private final long toDay;
  private final ArrayList<Entry>[] buckets;

  @SuppressWarnings({"unchecked", "rawtypes"})
  ExportSchedule(long fromDay, long toDay) {
    this.fromDay = fromDay;
    this.toDay = toDay;
    this.buckets = new ArrayList[(int) (toDay - fromDay + 1)];
  }

  /**
   * Files every snapshot of {@code d} up to the last day generated, some of them a second time a
   * few days after the next one (a system that exports a dossier again, with its older time).
   */
  void file(Dossier d, SplittableRandom r) {
    for (int k = 0; k < d.snapshots; k++) {
      long exportDay = Math.floorDiv(d.at[k], DAY);
      if (exportDay > toDay) {
        break;
      }
      bucket(exportDay).add(new Entry(d, k, false));
      if (k + 1 < d.snapshots && r.nextDouble() < Calibration.REEXPORT) {
        long again = Math.floorDiv(d.at[k + 1], DAY) + 1 + r.nextInt(3);
        if (again <= toDay) {
          bucket(again).add(new Entry(d, k, true));
        }
      }
    }
  }

  /** The day's snapshots in export order, forgotten here. */
  ArrayList<Entry> take(long day) {
    int i = (int) (day - fromDay);
    ArrayList<Entry> entries = buckets[i];
    buckets[i] = null;
    return inExportOrder(entries == null ? new ArrayList<>(0) : entries, day);
  }

  private ArrayList<Entry> bucket(long day) {
    int i = (int) (day - fromDay);
    ArrayList<Entry> b = buckets[i];
    if (b == null) {
      b = new ArrayList<>();
      buckets[i] = b;
    }
    return b;
  }

  /**
   * A day's snapshots by NgayCapNhat (re-exported ones carry their older time), ties in the order
   * they were filed, which is deterministic. Sorting packed primitive keys (time, then filing index)
   * is several times faster than comparing objects.
   */
  static ArrayList<Entry> inExportOrder(ArrayList<Entry> entries, long day) {
    int n = entries.size();
    if (n < 2) {
      return entries;
    }
    if (n >= 1 << 24) {
      throw new IllegalStateException("too many snapshots in one file: " + n);
    }
    long base = day * DAY - (1L << 30); // re-exports can be weeks old; keep keys positive
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      keys[i] = (e.d().at[e.k()] - base) << 24 | i;
    }
    Arrays.sort(keys);
    ArrayList<Entry> out = new ArrayList<>(n);
    for (long key : keys) {
      out.add(entries.get((int) (key & 0xFFFFFF)));
    }
    return out;
  }
}
