package vn.hcmc.cchc.generate;

import static vn.hcmc.cchc.generate.WorkingCalendar.DAY;

import java.util.TreeMap;

/**
 * What one lane adds to the run's summary: its dossiers counted by the year of each event (as the
 * marts will count them from the files), and the lines and files it wrote. Counted from the
 * dossiers' decided lives, not read back from the files, so the summary costs no second pass.
 */
final class LaneTally {
  final TreeMap<Integer, Counts> byYear = new TreeMap<>();
  long lines;
  long reexported;
  long files;
  /** Received dossiers neither resolved nor withdrawn by the last day generated. */
  long openAtEnd;
  final long[] badByReason = new long[BadReason.values().length];

  private final WorkingCalendar cal;
  private final long toDay;

  LaneTally(WorkingCalendar cal, long toDay) {
    this.cal = cal;
    this.toDay = toDay;
  }

  /** Counts a dossier just received: its receipt, and its resolution or withdrawal when within the range. */
  void dossier(Dossier d) {
    Counts c = year(cal.year(d.receiptDay));
    c.dossiers++;
    int first = d.status[0];
    if (first == 1) {
      c.registered++;
      return;
    }
    if (first == 3) {
      c.refused++;
      return;
    }
    c.received++;
    int f = d.flags;
    if (d.channel == 2) {
      c.receivedOnline++;
      if (d.onlineLevel == Record.LEVEL_4 || d.onlineLevel == Record.LEVEL_FULL) {
        c.receivedFullOnline++;
      } else {
        c.receivedPartialOnline++;
      }
      if ((f & Field.VNEID.bit()) != 0) {
        c.eidVerified++;
      }
    } else if (d.channel == 3) {
      c.receivedPostal++;
    }
    if ((f & Field.LIEN_THONG.bit()) != 0) {
      c.interagency++;
      if ((f & Field.LUAN_CHUYEN.bit()) != 0) {
        c.eCirculated++;
      }
    }
    if ((f & Field.CO_DU_LIEU.bit()) != 0) {
      c.priorDocuments++;
      if ((f & Field.TAI_SU_DUNG.bit()) != 0) {
        c.dataReused++;
      }
    }
    if ((f & Field.SO_HOA.bit()) != 0) {
      c.digitised++;
    }
    if ((f & Field.THANH_TOAN.bit()) != 0) {
      c.paidOnline++;
    }
    if (d.device == 2) {
      c.mobile++;
    }
    if (d.finished > 0) {
      long day = Math.floorDiv(d.finished, DAY);
      if (day > toDay) {
        openAtEnd++;
        return;
      }
      Counts e = year(cal.year(day));
      e.resolved++;
      long dueDayStart = Math.floorDiv(d.due, DAY) * DAY;
      if (d.finished < dueDayStart) {
        e.resolvedEarly++;
      } else if (d.finished <= d.due) {
        e.resolvedOnTime++;
      } else {
        e.resolvedLate++;
        if ((f & Field.XIN_LOI.bit()) != 0) {
          e.lateWithApology++;
        }
      }
      if (d.rating > 0 && Math.floorDiv(d.returned, DAY) <= toDay) {
        e.rated++;
        if (d.rating <= 2) {
          e.ratedSatisfied++;
        }
      }
    } else if (d.withdrawn > 0) {
      long day = Math.floorDiv(d.withdrawn, DAY);
      if (day > toDay) {
        openAtEnd++;
      } else {
        year(cal.year(day)).withdrawn++;
      }
    } else {
      openAtEnd++;
    }
  }

  private Counts year(int y) {
    return byYear.computeIfAbsent(y, k -> new Counts());
  }
}
