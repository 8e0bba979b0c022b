package vn.hcmc.cchc.generate;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How many dossiers each agency receives each day, in six streams (procedure level x desk/online).
 * A stream's expected dossiers on a day are its level's yearly volume ({@link Calibration}) times
 * the month's desk or online share times the day's part of the year's weight (weekday, Saturday,
 * holiday, month); cumulative rounding from 1 January makes them counts, so a day gets the same
 * count whatever range is generated; agencies get a day's dossiers by systematic sampling on their
 * size.
 * Runs on the coordinating thread, one day at a time, in order.
 */
final class VolumePlanner {
  static final int STREAMS = 6;

  static Level level(int stream) {
    return Level.values()[stream / 2];
  }

  static boolean online(int stream) {
    return stream % 2 == 1;
  }

  private final GenerationContext ctx;
  private final int[][] counts;
  private final double[] cumulative = new double[STREAMS];
  private final int[] cumulativeYear = new int[STREAMS];
  private final Map<Integer, double[]> yearWeights = new HashMap<>();
  private final Map<String, double[]> poolWeights = new HashMap<>();
  private long nextDay;

  VolumePlanner(GenerationContext ctx) {
    this.ctx = ctx;
    this.counts = new int[STREAMS][ctx.dir.all.size()];
    Arrays.fill(cumulativeYear, Integer.MIN_VALUE);
    nextDay = LocalDate.of(ctx.spec.from().getYear(), 1, 1).toEpochDay();
    while (nextDay < ctx.fromDay) {
      dailyTotals(nextDay++);
    }
  }

  /** Counts for {@code day} (the next day in order), indexed [stream][agency index]. Reused: read before the next call. */
  int[][] plan(long day, AgencyDirectory.Period period) {
    if (day != nextDay) {
      throw new IllegalStateException("days must be planned in order");
    }
    nextDay++;
    for (int[] c : counts) {
      Arrays.fill(c, 0);
    }
    int[] totals = dailyTotals(day);
    int year = ctx.cal.year(day);
    for (int s = 0; s < STREAMS; s++) {
      if (totals[s] == 0) {
        continue;
      }
      List<Agency> pool = period.handlersOf(level(s));
      double[] w = weights(period, s, year, pool);
      SplittableRandom r = Seeds.rng(ctx.seed, "allocate", s, day);
      double u = r.nextDouble();
      double acc = 0;
      long prev = 0;
      for (int i = 0; i < pool.size(); i++) {
        acc += w[i] * totals[s];
        long upTo = (long) Math.floor(acc + u);
        counts[s][pool.get(i).index] = (int) (upTo - prev);
        prev = upTo;
      }
    }
    return counts;
  }

  /** Normalised agency weights of a stream's pool in a period and year. */
  private double[] weights(AgencyDirectory.Period period, int s, int year, List<Agency> pool) {
    String key = ctx.dir.periods.indexOf(period) + "/" + s + "/" + (level(s) == Level.CITY ? year : 0);
    return poolWeights.computeIfAbsent(key, k -> {
      double[] w = new double[pool.size()];
      double sum = 0;
      for (int i = 0; i < w.length; i++) {
        Agency a = pool.get(i);
        w[i] = level(s) == Level.CITY
            ? ctx.catalogue.departmentMass(a.departmentOrdinal, online(s), year)
            : a.weight;
        sum += w[i];
      }
      for (int i = 0; i < w.length; i++) {
        w[i] /= sum;
      }
      return w;
    });
  }

  private int[] dailyTotals(long day) {
    int year = ctx.cal.year(day);
    Calibration.Month rates = ctx.calibration.month(year, ctx.cal.month(day));
    double[] yw = yearWeights.computeIfAbsent(year, this::sumWeights);
    int[] out = new int[STREAMS];
    for (int s = 0; s < STREAMS; s++) {
      if (cumulativeYear[s] != year) {
        cumulativeYear[s] = year;
        cumulative[s] = 0;
      }
      boolean online = online(s);
      Level l = level(s);
      double share = online ? rates.onlineShare(l) : 1 - rates.onlineShare(l);
      double inflation = 1.0 / (1.0 - Calibration.REFUSED - (online ? Calibration.REGISTERED_OF_ONLINE : 0));
      double expected = Calibration.RECEIVED_PER_YEAR * ctx.spec.scale() * Calibration.levelShare(l) * share
          * inflation * dayWeight(day, online) / yw[online ? 1 : 0];
      double phase = Seeds.unit(ctx.seed, "phase", s, year);
      double before = cumulative[s];
      cumulative[s] = before + expected;
      out[s] = (int) (Math.floor(cumulative[s] + phase) - Math.floor(before + phase));
    }
    return out;
  }

  private double[] sumWeights(int year) {
    double desk = 0;
    double online = 0;
    long d0 = LocalDate.of(year, 1, 1).toEpochDay();
    long d1 = LocalDate.of(year, 12, 31).toEpochDay();
    for (long d = d0; d <= d1; d++) {
      desk += dayWeight(d, false);
      online += dayWeight(d, true);
    }
    return new double[] {desk, online};
  }

  private double dayWeight(long day, boolean online) {
    WorkingCalendar cal = ctx.cal;
    boolean working = cal.isWorkingDay(day);
    boolean saturday = cal.isSaturday(day);
    boolean closed = cal.isClosedDay(day);
    double w = online ? Calibration.onlineDayWeight(working, saturday, closed)
        : Calibration.deskDayWeight(working, saturday, closed);
    return w * Calibration.monthFactor(cal.month(day));
  }
}
