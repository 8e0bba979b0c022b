package vn.hcmc.cchc.generate;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One group of agencies that exports into one file per day (feed A:
 * {@code cases/dvc/.../dvc-NN.jsonl.gz}; feed B: {@code cases/legacy/.../legacy-NN.csv}, one per
 * group of districts). A lane owns the dossiers it received until their last snapshot is written:
 * each day it first receives that day's dossiers (deciding their whole life and filing each future
 * snapshot under its export day in its {@link ExportSchedule}), then writes the day's file
 * ({@link DayFile}, with its {@link BadLines}), which no later receipt can add to, and forgets it.
 * Memory is the open dossiers, not the range. A lane is only ever run by one thread at a time; all
 * its randomness is derived from (seed, lane, day).
 */
final class Lane {
  final boolean legacy;
  /** What the run's summary takes from this lane. */
  final LaneTally tally;
  private final long laneKey;
  private final GenerationContext ctx;
  private final Map<AgencyDirectory.Period, int[][]> pools = new IdentityHashMap<>();
  private final int[] seq;
  private final RareEvents rare;
  private final LaneFormat format;
  private final ExportSchedule schedule;
  private final BadLines badLines;
  private final DayFile file;

  Lane(String name, int ordinal, GenerationContext ctx, boolean everyReasonOnFirstDay) {
    this.ctx = ctx;
    this.laneKey = Seeds.hash(name);
    this.format = new LaneFormat(name, ctx, laneKey);
    this.legacy = format.legacy;
    this.tally = new LaneTally(ctx.cal, ctx.toDay);
    this.rare = new RareEvents(Seeds.unit(ctx.seed, "rare-phase", laneKey));
    this.schedule = new ExportSchedule(ctx.fromDay, ctx.toDay);
    this.seq = new int[ctx.dir.all.size()];
    for (AgencyDirectory.Period p : ctx.dir.periods) {
      int[][] byStream = new int[VolumePlanner.STREAMS][];
      boolean any = false;
      for (int s = 0; s < VolumePlanner.STREAMS; s++) {
        List<Agency> handlers = p.handlersOf(VolumePlanner.level(s));
        byStream[s] = handlers.stream().filter(a -> a.lane.equals(name)).mapToInt(a -> a.index).toArray();
        any |= byStream[s].length > 0;
      }
      if (any) {
        pools.put(p, byStream);
      }
    }
    this.badLines = new BadLines(ctx, ordinal, laneKey, format, pools, everyReasonOnFirstDay, tally.badByReason);
    this.file = new DayFile(name, format, ctx);
  }

  /** Receives the day's dossiers and writes the day's export file. */
  void step(long day, int[][] plan, AgencyDirectory.Period period) throws IOException {
    SplittableRandom r = Seeds.rng(ctx.seed, "lane-day", laneKey, day);
    SplittableRandom receiving = r.split();
    SplittableRandom writing = r.split();
    receive(day, plan, period, receiving);
    write(day, period, writing);
  }

  private void receive(long day, int[][] plan, AgencyDirectory.Period period, SplittableRandom r) {
    int[][] byStream = pools.get(period);
    if (byStream == null) {
      return;
    }
    WorkingCalendar cal = ctx.cal;
    int year = cal.year(day);
    boolean lastOfMonth = cal.dayOfMonth(day) == cal.lengthOfMonth(day);
    boolean firstOfMonth = cal.dayOfMonth(day) == 1;
    boolean boundaryDone = !(lastOfMonth || firstOfMonth);
    for (int s = 0; s < VolumePlanner.STREAMS; s++) {
      Level level = VolumePlanner.level(s);
      boolean online = VolumePlanner.online(s);
      for (int agencyIndex : byStream[s]) {
        int n = plan[s][agencyIndex];
        if (n == 0) {
          continue;
        }
        Agency a = ctx.dir.all.get(agencyIndex);
        AliasTable procedures = ctx.picker(level, a, online, year);
        boolean asOnline = online;
        if (procedures == null) { // nothing offered online there: such a department gets no online weight
          procedures = ctx.picker(level, a, false, year);
          asOnline = false;
        }
        for (int j = 0; j < n; j++) {
          Procedure p = ctx.catalogue.all.get(procedures.sample(r));
          int forcedClock = -1;
          if (asOnline && !boundaryDone) {
            // make sure month boundaries are exercised: 23:30 on the last day, 00:30 on the first
            forcedClock = lastOfMonth ? 23 * 3600 + 30 * 60 + r.nextInt(1500) : 30 * 60 + r.nextInt(1500);
            boundaryDone = true;
          }
          Dossier d = ctx.factory.create(a, p, asOnline, day, ++seq[agencyIndex], r.split(), legacy, forcedClock,
              false, rare);
          tally.dossier(d);
          schedule.file(d, r);
        }
      }
    }
    for (int[] agencies : byStream) {
      for (int i : agencies) {
        seq[i] = 0;
      }
    }
  }

  private void write(long day, AgencyDirectory.Period period, SplittableRandom r) throws IOException {
    List<ExportSchedule.Entry> entries = schedule.take(day);
    Formats.LegacyStyle style = format.style(day);
    SplittableRandom mess = Seeds.rng(ctx.seed, "mess", laneKey, day);
    List<BadLines.Bad> bads = badLines.of(day, period, entries, style, r);
    if (entries.isEmpty() && bads.isEmpty()) {
      return;
    }
    tally.reexported += file.write(day, entries, bads, style, mess);
    int lines = entries.size() + bads.size();
    tally.files++;
    tally.lines += lines;
    ctx.linesWritten.addAndGet(lines);
  }
}
