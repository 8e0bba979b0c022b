package vn.hcmc.cchc.generate;

import static vn.hcmc.cchc.generate.WorkingCalendar.AFTERNOON_END;
import static vn.hcmc.cchc.generate.WorkingCalendar.AFTERNOON_START;
import static vn.hcmc.cchc.generate.WorkingCalendar.DAY;
import static vn.hcmc.cchc.generate.WorkingCalendar.MORNING_END;
import static vn.hcmc.cchc.generate.WorkingCalendar.MORNING_START;
import static vn.hcmc.cchc.generate.WorkingCalendar.WORK_MINUTES;

import java.time.LocalDate;
import java.util.SplittableRandom;
import vn.hcmc.cchc.generate.Calibration.Rate;

/**
 * Decides the life of a dossier from its receipt: channel and online level, applicant, flags,
 * deadline in working days, and when (and whether) it is resolved, returned or withdrawn.
 * Stateless apart from the calendar and the rates of each month; all randomness comes from the
 * caller's generator.
 */
final class DossierFactory {
  /** Decree 42/2022: from 15 Aug 2022 the online levels are "một phần" / "toàn trình". */
  static final long DECREE_42 = LocalDate.of(2022, 8, 15).toEpochDay();

  private static final double[] ONLINE_HOUR_CUM;

  static {
    double[] w = {0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.5, 3.5, 7, 8, 8, 6.5, 3.5, 5, 7, 7.5, 6.5, 4.5, 3, 3.5, 4, 3.5,
      2.5, 1.5};
    ONLINE_HOUR_CUM = new double[24];
    double s = 0;
    for (double x : w) {
      s += x;
    }
    double acc = 0;
    for (int i = 0; i < 24; i++) {
      acc += w[i] / s;
      ONLINE_HOUR_CUM[i] = acc;
    }
  }

  enum Kind { RECEIVED, REFUSED, REGISTERED }

  private final WorkingCalendar cal;
  private final Calibration calibration;

  /** At the documented anchors (--pace 1). */
  DossierFactory(WorkingCalendar cal) {
    this(cal, Calibration.DOCUMENTED);
  }

  DossierFactory(WorkingCalendar cal, Calibration calibration) {
    this.cal = cal;
    this.calibration = calibration;
  }

  /**
   * @param forcedClock seconds of the day of the receipt, or -1 to draw it
   * @param minutePrecision legacy systems keep minutes only: all times whole minutes
   * @param forceReceived never a refused / registered dossier (bases of bad records)
   * @param rare the lane's allocation of late dossiers and missing apologies
   */
  Dossier create(Agency agency, Procedure p, boolean online, long day, int seq, SplittableRandom r,
      boolean minutePrecision, int forcedClock, boolean forceReceived, RareEvents rare) {
    Dossier d = new Dossier();
    d.seed = r.nextLong();
    d.agency = agency;
    d.procedure = p;
    d.receiptDay = day;
    d.seq = seq;
    int year = cal.year(day);
    Calibration.Month rates = calibration.month(year, cal.month(day));
    double u = r.nextDouble();
    Kind kind = Kind.RECEIVED;
    if (!forceReceived) {
      if (online && u < Calibration.REGISTERED_OF_ONLINE) {
        kind = Kind.REGISTERED;
      } else if (u < Calibration.REFUSED + (online ? Calibration.REGISTERED_OF_ONLINE : 0)) {
        kind = Kind.REFUSED;
      }
    }
    // channel and online level
    if (online) {
      d.channel = 2;
      if (r.nextDouble() < Calibration.ONLINE_WITHOUT_LEVEL) {
        d.onlineLevel = Record.LEVEL_UNSPECIFIED;
      } else {
        boolean full = p.offered(year) == 2 && r.nextDouble() < rates.get(Rate.FULL_WHEN_OFFERED);
        boolean decree42 = day >= DECREE_42;
        d.onlineLevel = (byte) (decree42 ? (full ? Record.LEVEL_FULL : Record.LEVEL_PARTIAL)
            : (full ? Record.LEVEL_4 : Record.LEVEL_3));
      }
    } else {
      d.channel = (byte) (r.nextDouble() < Calibration.POSTAL_SHARE_OF_DESK ? 3 : 1);
      d.onlineLevel = Record.LEVEL_NONE;
    }
    d.applicantType = (byte) applicantType(p.sector, r);
    // receipt
    int clock;
    if (forcedClock >= 0) {
      clock = forcedClock;
    } else if (online) {
      clock = onlineClock(r);
    } else if (!cal.isWorkingDay(day)) {
      clock = MORNING_START + r.nextInt(MORNING_END - MORNING_START); // Saturday-morning desks
    } else {
      clock = deskClock(r);
    }
    if (minutePrecision) {
      clock -= clock % 60;
    }
    d.received = day * DAY + clock;
    long deadlineDay = cal.nthWorkingDayAfter(day, Math.max(1, p.deadlineWorkingDays));
    boolean atReceiptHour = !online && clock >= MORNING_START && clock < AFTERNOON_END
        && r.nextDouble() < Calibration.DUE_AT_RECEIPT_HOUR;
    d.due = deadlineDay * DAY + (atReceiptHour ? clock : AFTERNOON_END);
    // flags
    int f = 0;
    if (r.nextDouble() < rates.get(Rate.INTERAGENCY)) {
      f |= Field.LIEN_THONG.bit();
      if (r.nextDouble() < rates.get(Rate.E_CIRCULATED_WHEN_INTERAGENCY)) {
        f |= Field.LUAN_CHUYEN.bit();
      }
    }
    if (r.nextDouble() < rates.get(Rate.PRIOR_DOCUMENTS)) {
      f |= Field.CO_DU_LIEU.bit();
      if (r.nextDouble() < rates.get(Rate.REUSED_WHEN_PRIOR)) {
        f |= Field.TAI_SU_DUNG.bit();
      }
    }
    if (r.nextDouble() < rates.get(Rate.DIGITISED)) {
      f |= Field.SO_HOA.bit();
    }
    if (online) {
      if (r.nextDouble() < rates.get(Rate.EID_WHEN_ONLINE)) {
        f |= Field.VNEID.bit();
      }
      boolean full = d.onlineLevel == Record.LEVEL_4 || d.onlineLevel == Record.LEVEL_FULL;
      if (r.nextDouble() < rates.get(full ? Rate.PAID_ONLINE_WHEN_FULL : Rate.PAID_ONLINE_WHEN_PARTIAL)) {
        f |= Field.THANH_TOAN.bit();
      }
      d.device = (byte) (r.nextDouble() < rates.get(Rate.MOBILE_WHEN_ONLINE) ? 2 : 1);
    }
    d.flags = f;
    if (kind == Kind.REGISTERED) {
      d.addSnapshot(1, d.received);
      return d;
    }
    if (kind == Kind.REFUSED) {
      d.addSnapshot(3, d.received);
      return d;
    }
    d.addSnapshot(2, d.received);
    live(d, deadlineDay, rates, r, minutePrecision, rare);
    return d;
  }

  private void live(Dossier d, long deadlineDay, Calibration.Month rates, SplittableRandom r, boolean mp,
      RareEvents rare) {
    long rd = d.receiptDay;
    double u = r.nextDouble();
    if (u < Calibration.WITHDRAWN + Calibration.STOPPED) {
      boolean stopped = u < Calibration.STOPPED;
      int span = cal.workingDaysBetween(rd, deadlineDay) + 1;
      long t = -1;
      for (int attempt = 0; attempt < 3 && t < 0; attempt++) {
        long wd = cal.kthWorkingDayFrom(rd, r.nextInt(span));
        t = workTimeAfter(wd, d.received + 600, r, mp);
      }
      if (t < 0) {
        t = Math.min(d.received + 600 + 60L * r.nextInt(40), dayEnd(d.received, mp));
      }
      if (t <= d.received) {
        t = d.received + 60;
      }
      d.withdrawn = t;
      if (r.nextDouble() < Calibration.IN_PROCESS_BEFORE_WITHDRAWAL) {
        long tm = between(d.received, t, r, mp);
        if (tm > 0) {
          d.addSnapshot(5, tm);
        }
      }
      d.addSnapshot(stopped ? 8 : 7, t);
      return;
    }
    // resolution
    long tf = -1;
    if (rare.late()) {
      d.late = true;
      int k = lateDays(r);
      long ld = cal.nthWorkingDayAfter(deadlineDay, k);
      tf = workTime(ld, r, mp);
      if (rare.apology()) {
        d.flags |= Field.XIN_LOI.bit();
      }
    } else if (r.nextDouble() >= Calibration.ON_DEADLINE_DAY) {
      tf = early(d, deadlineDay, r, mp);
    }
    if (tf < 0) {
      tf = onTime(d, deadlineDay, r, mp);
    }
    d.finished = tf;
    // return
    boolean electronic = d.onlineLevel == Record.LEVEL_4 || d.onlineLevel == Record.LEVEL_FULL;
    if (electronic || r.nextDouble() < Calibration.RETURNED_SAME_DAY) {
      long tr = Math.min(tf + (electronic ? 60 + 60L * r.nextInt(30) : 300 + 60L * r.nextInt(115)),
          dayEnd(tf, mp));
      if (r.nextDouble() < Calibration.RESULT_DATE_OMITTED) {
        d.resultDateOmitted = true;
        tr = tf;
      }
      d.returned = Math.max(tr, tf);
      if (r.nextDouble() < Calibration.IN_PROCESS_SNAPSHOT) {
        long tm = between(d.received, tf, r, mp);
        if (tm > 0) {
          double s = r.nextDouble();
          d.addSnapshot(s < 0.8 ? 4 : s < 0.92 ? 5 : 6, tm);
        }
      }
      rate(d, rates, r);
      d.addSnapshot(10, d.returned);
    } else {
      int k = 1;
      while (k < 10 && r.nextDouble() < 0.45) {
        k++;
      }
      long rdDay = cal.nthWorkingDayAfter(Math.floorDiv(tf, DAY), k);
      d.returned = workTime(rdDay, r, mp);
      rate(d, rates, r);
      d.addSnapshot(9, tf);
      d.addSnapshot(10, d.returned);
    }
  }

  /** Rated at the rates of the month of receipt, like every other flag of the dossier. */
  private static void rate(Dossier d, Calibration.Month rates, SplittableRandom r) {
    if (r.nextDouble() < rates.get(Rate.RATED_WHEN_RETURNED)) {
      if (r.nextDouble() < rates.satisfied(d.procedure.sector)) {
        d.rating = (byte) (r.nextDouble() < Calibration.VERY_SATISFIED_OF_SATISFIED ? 1 : 2);
      } else {
        d.rating = 3;
      }
    }
  }

  private static int lateDays(SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.5) {
      return 1;
    }
    if (u < 0.7) {
      return 2;
    }
    if (u < 0.82) {
      return 3;
    }
    if (u < 0.92) {
      return 4 + r.nextInt(2);
    }
    return 6 + r.nextInt(10);
  }

  /** Resolved before the first instant of the deadline's day, or -1 when there is no time for it. */
  private long early(Dossier d, long deadlineDay, SplittableRandom r, boolean mp) {
    long rd = d.receiptDay;
    int n = cal.workingDaysBetween(rd, deadlineDay);
    if (n > 0) {
      int k = (int) (n * Math.pow(r.nextDouble(), Calibration.EARLY_SKEW));
      for (int i = k; i < Math.min(n, k + 2); i++) {
        long t = workTimeAfter(cal.kthWorkingDayFrom(rd, i), d.received + 600, r, mp);
        if (t >= 0) {
          return t;
        }
      }
    }
    // received in the evening: some offices clear online dossiers the same night
    long end = dayEnd(d.received, mp);
    if (d.channel == 2 && d.received + 3600 < end && r.nextBoolean()) {
      return d.received + 600 + 60L * r.nextInt(40);
    }
    return -1;
  }

  /** Resolved on the deadline's day, at or before the due time. */
  private long onTime(Dossier d, long deadlineDay, SplittableRandom r, boolean mp) {
    int dueClock = (int) (d.due - deadlineDay * DAY);
    int dueMinute = minuteIndexBefore(dueClock); // working minutes strictly before the due minute
    if (dueMinute <= 0) {
      return Math.max(d.received + 60, Math.min(d.due, deadlineDay * DAY + MORNING_START));
    }
    int m = r.nextInt(dueMinute);
    long t = deadlineDay * DAY + minuteClock(m) + sec(r, mp);
    return Math.min(t, d.due);
  }

  /** Number of working minutes whose start is strictly before {@code clock}'s minute. */
  private static int minuteIndexBefore(int clock) {
    int minute = clock / 60;
    int n = 0;
    int ms = MORNING_START / 60;
    int me = MORNING_END / 60;
    int as = AFTERNOON_START / 60;
    int ae = AFTERNOON_END / 60;
    n += Math.max(0, Math.min(minute, me) - ms);
    n += Math.max(0, Math.min(minute, ae) - as);
    return n;
  }

  private static int minuteClock(int m) {
    return m < 240 ? MORNING_START + 60 * m : AFTERNOON_START + 60 * (m - 240);
  }

  private static int sec(SplittableRandom r, boolean mp) {
    return mp ? 0 : r.nextInt(60);
  }

  long workTime(long day, SplittableRandom r, boolean mp) {
    return day * DAY + minuteClock(r.nextInt(WORK_MINUTES)) + sec(r, mp);
  }

  /** A random office-hours time of {@code day} strictly after {@code after}, or -1 if none is left. */
  long workTimeAfter(long day, long after, SplittableRandom r, boolean mp) {
    long base = day * DAY;
    if (after < base) {
      return workTime(day, r, mp);
    }
    int clock = (int) (after - base);
    if (clock >= DAY) {
      return -1;
    }
    int first = minuteIndexBefore(clock) + 1; // working minutes strictly after clock's minute
    if (clock < MORNING_START) {
      first = 0;
    } else if (clock >= MORNING_END && clock < AFTERNOON_START) {
      first = 240;
    }
    if (first >= WORK_MINUTES) {
      return -1;
    }
    int m = first + r.nextInt(WORK_MINUTES - first);
    long t = base + minuteClock(m) + sec(r, mp);
    return t > after ? t : -1;
  }

  /** A time strictly between a and b (office hours when possible), or -1 when they are too close. */
  private long between(long a, long b, SplittableRandom r, boolean mp) {
    if (b - a < 180) {
      return -1;
    }
    long da = Math.floorDiv(a, DAY);
    long db = Math.floorDiv(b, DAY);
    for (int attempt = 0; attempt < 3; attempt++) {
      long day = da + (db > da ? r.nextLong(db - da + 1) : 0);
      long t = cal.isWorkingDay(day) ? workTimeAfter(day, a, r, mp) : -1;
      if (t > a && t < b) {
        return t;
      }
    }
    long t = a + 60 + (long) (r.nextDouble() * (b - a - 120));
    if (mp) {
      t -= Math.floorMod(t, 60);
    }
    return t > a && t < b ? t : -1;
  }

  static long dayEnd(long t, boolean mp) {
    return Math.floorDiv(t, DAY) * DAY + DAY - (mp ? 60 : 1);
  }

  private static int onlineClock(SplittableRandom r) {
    double u = r.nextDouble();
    int h = 0;
    while (h < 23 && u >= ONLINE_HOUR_CUM[h]) {
      h++;
    }
    return h * 3600 + r.nextInt(3600);
  }

  private static int deskClock(SplittableRandom r) {
    if (r.nextDouble() < 0.58) {
      return MORNING_START + r.nextInt(MORNING_END - MORNING_START);
    }
    return AFTERNOON_START + r.nextInt(AFTERNOON_END - AFTERNOON_START);
  }

  private static int applicantType(Sector s, SplittableRandom r) {
    double enterprise = switch (s) {
      case BUSINESS, INVESTMENT -> 0.70;
      case CONSTRUCTION -> 0.30;
      case LABOUR, TRANSPORT, HEALTH -> 0.15;
      case LAND -> 0.08;
      default -> 0.02;
    };
    double u = r.nextDouble();
    if (u < enterprise) {
      return 2;
    }
    if (u < enterprise + 0.01) {
      return 3;
    }
    if (u < enterprise + 0.03) {
      return 4;
    }
    return 1;
  }
}
